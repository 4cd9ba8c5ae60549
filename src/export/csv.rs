//! The export as CSV, one file per kind, for spreadsheets: RFC 4180 quoting
//! and CRLF line ends (the `csv` crate), UTF-8 with a byte-order mark so
//! that Excel reads it as UTF-8, lists joined with `; `, dates as
//! YYYY-MM-DD, numbers without thousands separators.
//!
//! Every text cell passes [`text`]: a cell starting with `=`, `+`, `-`,
//! `@`, tab or CR is a formula to a spreadsheet, so it gets a leading `'`
//! (what spreadsheets themselves use to mark text).

use super::json::Shown;
use super::shape::{Export, Progress};

/// A file of the export: its name and bytes.
pub struct File {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell, defused.
pub fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

pub(super) fn opt(value: Option<&str>) -> String {
    value.map(text).unwrap_or_default()
}

pub(super) fn list<S: AsRef<str>>(values: &[S]) -> String {
    let joined: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    text(&joined.join("; "))
}

/// A number as a spreadsheet reads it: `5`, `2.5`.
pub(super) fn num(value: Option<f64>) -> String {
    match value {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
        Some(n) => format!("{n}"),
        None => String::new(),
    }
}

pub(super) fn int(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub(super) fn yes(value: bool) -> String {
    if value { "yes" } else { "no" }.into()
}

pub(super) fn word<T: crate::keywords::Keyword>(value: Option<T>) -> String {
    value.map(|v| v.key().to_string()).unwrap_or_default()
}

pub(super) fn table(name: &'static str, header: &[&str], rows: Vec<Vec<String>>) -> File {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    // Writing into memory cannot fail; rows all have the header's length.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(&row);
    }
    File {
        name,
        bytes: writer.into_inner().unwrap_or_default(),
    }
}

/// Titles of the ids `ids` among `all` (id, title).
fn titles(ids: &[&str], all: &[(&str, &str)]) -> String {
    let found: Vec<&str> = ids
        .iter()
        .filter_map(|id| all.iter().find(|(i, _)| i == id).map(|(_, t)| *t))
        .collect();
    list(&found)
}

fn progress(p: Option<&Progress>) -> [String; 3] {
    match p {
        Some(p) => [
            p.done.to_string(),
            p.total.to_string(),
            p.percent.to_string(),
        ],
        None => Default::default(),
    }
}

/// One file per kind; `conversations.csv` in team exports only.
pub fn files(e: &Export, shown: Shown) -> Vec<File> {
    let goal_titles: Vec<(&str, &str)> = e.goals.iter().map(|g| (g.id, g.title)).collect();
    let item_titles: Vec<(&str, &str)> = e.items.iter().map(|i| (i.meta.id, i.title)).collect();
    let goals = table(
        "goals.csv",
        &[
            "id",
            "title",
            "metric",
            "baseline",
            "target",
            "by",
            "unit",
            "readings",
            "latest_reading",
            "latest_date",
            "outcome",
            "outcome_share_percent",
            "projected",
            "items",
            "assumptions",
            "done",
            "total",
            "percent_done",
            "percent_done_by_estimate",
            "page",
        ],
        e.goals
            .iter()
            .map(|g| {
                let [done, total, percent] = progress(Some(&g.progress));
                vec![
                    text(g.id),
                    text(g.title),
                    opt(g.metric),
                    opt(g.baseline),
                    opt(g.target),
                    opt(g.by.as_deref()),
                    opt(g.unit),
                    super::csv_notes::readings(&g.readings),
                    num(g.outcome.as_ref().map(|o| o.latest.value)),
                    opt(g.outcome.as_ref().map(|o| o.latest.date.as_str())),
                    opt(g.outcome.as_ref().map(|o| super::csv_notes::state(o.state))),
                    num(g.outcome.as_ref().map(|o| o.share.round())),
                    num(g.outcome.as_ref().and_then(|o| o.projected)),
                    list(&g.items),
                    list(&g.assumptions),
                    done,
                    total,
                    percent,
                    g.progress.percent_estimate.to_string(),
                    text(&g.page),
                ]
            })
            .collect(),
    );
    let items = table(
        "backlog.csv",
        &[
            "id",
            "title",
            "level",
            "status",
            "priority",
            "parent",
            "trail",
            "trail_titles",
            "goals",
            "goal_titles",
            "serves",
            "children",
            "requested_by",
            "tradeoffs",
            "estimate",
            "value",
            "horizon",
            "roadmap",
            "confidence",
            "depends_on",
            "needed_by",
            "blocked_by",
            "assumptions",
            "done_below",
            "total_below",
            "percent_done_below",
            "draft",
            "private",
            "path",
            "page",
        ],
        e.items
            .iter()
            .map(|i| {
                let [done, total, percent] = progress(i.progress.as_ref());
                vec![
                    text(i.meta.id),
                    text(i.title),
                    word(Some(i.level)),
                    word(Some(i.status)),
                    word(i.priority),
                    opt(i.parent),
                    text(&i.trail.join(" > ")),
                    titles(&i.trail, &item_titles).replace("; ", " > "),
                    list(&i.goals),
                    titles(&i.goals, &goal_titles),
                    list(&i.serves),
                    list(&i.children),
                    list(&i.requested_by),
                    list(&i.tradeoffs),
                    num(i.estimate),
                    num(i.value),
                    word(i.horizon),
                    text(super::csv_notes::column(i.roadmap)),
                    word(i.confidence),
                    list(&i.depends_on),
                    list(&i.needed_by),
                    list(&i.blocked_by),
                    list(&i.assumptions),
                    done,
                    total,
                    percent,
                    yes(i.meta.draft),
                    yes(i.meta.private),
                    text(i.meta.path),
                    text(&i.meta.page),
                ]
            })
            .collect(),
    );
    let decisions = table(
        "decisions.csv",
        &[
            "id",
            "title",
            "status",
            "date",
            "chosen_option",
            "chosen_cd3",
            "best_option_by_cd3",
            "chosen_is_best",
            "opportunity_cost_per_week",
            "options",
            "serves",
            "decided_by",
            "consulted",
            "informed",
            "affects",
            "supersedes",
            "superseded_by",
            "not_pursued",
            "items",
            "draft",
            "private",
            "path",
            "page",
        ],
        e.decisions
            .iter()
            .map(|d| {
                let chosen = d.options.iter().find(|o| o.chosen);
                let names: Vec<&str> = d.options.iter().map(|o| o.name).collect();
                vec![
                    text(d.meta.id),
                    text(d.title),
                    word(Some(d.status)),
                    text(&d.date),
                    opt(d.chosen),
                    num(chosen.and_then(|o| o.cd3)),
                    opt(d.cd3.as_ref().map(|c| c.best)),
                    d.cd3
                        .as_ref()
                        .map(|c| yes(c.chosen_is_best))
                        .unwrap_or_default(),
                    num(d.cd3.as_ref().and_then(|c| c.opportunity_cost)),
                    list(&names),
                    list(&d.serves),
                    list(&d.decided_by),
                    list(&d.consulted),
                    list(&d.informed),
                    list(&d.affects),
                    list(&d.supersedes),
                    list(&d.superseded_by),
                    list(d.not_pursued),
                    list(&d.items),
                    yes(d.meta.draft),
                    yes(d.meta.private),
                    text(d.meta.path),
                    text(&d.meta.page),
                ]
            })
            .collect(),
    );
    let managed = shown.engagement;
    let mut header = vec![
        "id",
        "name",
        "position",
        "organization",
        "role",
        "category",
        "funding",
        "veto",
        "success",
    ];
    if managed {
        header.extend([
            "power",
            "interest",
            "engagement",
            "cadence_days",
            "last_contact",
            "next_due",
            "overdue",
        ]);
    }
    if !e.public {
        header.extend(["motivations", "risks"]);
    }
    header.extend([
        "requested",
        "decided",
        "consulted_on",
        "informed_of",
        "affected_by",
        "updates",
        "draft",
        "private",
        "path",
        "page",
    ]);
    let stakeholders = table(
        "stakeholders.csv",
        &header,
        e.stakeholders
            .iter()
            .map(|s| {
                let mut row = vec![
                    text(s.meta.id),
                    text(s.name),
                    opt(s.position),
                    opt(s.organization),
                    word(Some(s.role)),
                    word(s.category),
                    yes(s.funding),
                    yes(s.veto),
                    opt(s.success),
                ];
                if managed {
                    let m = s.management.as_ref();
                    row.extend([
                        int(m.map(|m| m.power)),
                        int(m.map(|m| m.interest)),
                        word(m.map(|m| m.engagement)),
                        int(m.and_then(|m| m.cadence_days)),
                        opt(m.and_then(|m| m.last_contact.as_deref())),
                        opt(m.and_then(|m| m.next_due.as_deref())),
                        m.map(|m| yes(m.overdue)).unwrap_or_default(),
                    ]);
                }
                if !e.public {
                    row.extend([
                        list(s.motivations.unwrap_or_default()),
                        list(s.risks.unwrap_or_default()),
                    ]);
                }
                row.extend([
                    list(&s.requested),
                    list(&s.decided),
                    list(&s.consulted),
                    list(&s.informed),
                    list(&s.affected),
                    list(&s.updates),
                    yes(s.meta.draft),
                    yes(s.meta.private),
                    text(s.meta.path),
                    text(&s.meta.page),
                ]);
                row
            })
            .collect(),
    );
    let mut all = vec![goals, items, decisions, stakeholders];
    all.push(super::csv_notes::updates(e));
    all.push(super::csv_notes::assumptions(e));
    // Team notes: a public export has no conversations file at all.
    all.extend(super::csv_notes::conversations(e));
    all
}
