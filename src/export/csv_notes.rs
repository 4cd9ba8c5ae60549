//! The CSV files of updates, assumptions and conversations, and the cells
//! of goals' and items' outcome and roadmap columns. Conversations are team
//! notes: a public export has no `conversations.csv`.

use super::csv::{File, int, list, num, opt, table, text, yes};
use super::shape::{Export, Reading, RoadmapColumn};
use crate::outcome::OutcomeState;

/// Readings as `date: value`, oldest first.
pub(super) fn readings(rs: &[Reading]) -> String {
    let cells: Vec<String> = rs
        .iter()
        .map(|r| format!("{}: {}", r.date, num(Some(r.value))))
        .collect();
    list(&cells)
}

/// An outcome state as the JSON export writes it.
pub(super) fn state(s: OutcomeState) -> &'static str {
    match s {
        OutcomeState::OnTrack => "on-track",
        OutcomeState::Behind => "behind",
        OutcomeState::NotEnoughReadings => "not-enough-readings",
    }
}

/// A roadmap column as the JSON export writes it.
pub(super) fn column(c: RoadmapColumn) -> &'static str {
    match c {
        RoadmapColumn::Now => "now",
        RoadmapColumn::Next => "next",
        RoadmapColumn::Later => "later",
        RoadmapColumn::Done => "done",
        RoadmapColumn::Off => "off",
    }
}

pub(super) fn updates(e: &Export) -> File {
    table(
        "updates.csv",
        &[
            "id", "title", "date", "audience", "draft", "private", "path", "page",
        ],
        e.updates
            .iter()
            .map(|u| {
                vec![
                    text(u.meta.id),
                    text(u.title),
                    text(&u.date),
                    list(&u.audience),
                    yes(u.meta.draft),
                    yes(u.meta.private),
                    text(u.meta.path),
                    text(&u.meta.page),
                ]
            })
            .collect(),
    )
}

pub(super) fn assumptions(e: &Export) -> File {
    table(
        "assumptions.csv",
        &[
            "id",
            "title",
            "status",
            "importance",
            "evidence",
            "test_first",
            "serves",
            "underlies",
            "test",
            "learned",
            "draft",
            "private",
            "path",
            "page",
        ],
        e.assumptions
            .iter()
            .map(|a| {
                vec![
                    text(a.meta.id),
                    text(a.title),
                    super::csv::word(Some(a.status)),
                    int(Some(a.importance)),
                    int(Some(a.evidence)),
                    yes(a.test_first),
                    list(&a.serves),
                    list(&a.underlies),
                    opt(a.test),
                    opt(a.learned.as_deref()),
                    yes(a.meta.draft),
                    yes(a.meta.private),
                    text(a.meta.path),
                    text(&a.meta.page),
                ]
            })
            .collect(),
    )
}

/// `None` in a public export.
pub(super) fn conversations(e: &Export) -> Option<File> {
    let all = e.conversations.as_ref()?;
    Some(table(
        "conversations.csv",
        &[
            "id",
            "title",
            "date",
            "with",
            "mode",
            "goals",
            "decisions",
            "items",
            "follow_up",
            "follow_up_owed",
            "draft",
            "private",
            "path",
            "page",
        ],
        all.iter()
            .map(|c| {
                vec![
                    text(c.meta.id),
                    text(c.title),
                    text(&c.date),
                    list(&c.with),
                    super::csv::word(c.mode),
                    list(&c.goals),
                    list(&c.decisions),
                    list(&c.items),
                    opt(c.follow_up.as_deref()),
                    yes(c.follow_up_owed),
                    yes(c.meta.draft),
                    yes(c.meta.private),
                    text(c.meta.path),
                    text(&c.meta.page),
                ]
            })
            .collect(),
    ))
}
