//! The roadmap page (v2): one row per goal, columns Now, Next, Later and
//! recently done; ideas and MMFs as cards with their stories counted. Every
//! list is made in one pass over the items (no view is quadratic).

use serde::Serialize;

use super::views::Word;
use crate::format;
use crate::keywords::{Horizon, Keyword, Level, Status};
use crate::kind::{self, Kind};
use crate::model::{ItemIx, Portal};
use crate::roadmap::{self, Column};

/// A link to an item.
#[derive(Serialize)]
pub struct ItemLink<'a> {
    pub title: &'a str,
    pub href: String,
}

fn link(p: &Portal, i: ItemIx) -> ItemLink<'_> {
    ItemLink {
        title: &p.items[i].written.title,
        href: Kind::Backlog.page(&p.items[i].meta.id),
    }
}

/// One card: an idea or an MMF (or a story with no parent).
#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub href: String,
    pub level: Word,
    pub status: Word,
    /// "3 stories".
    pub stories: Option<String>,
    pub confidence: Option<Word>,
    /// What it waits for, when blocked.
    pub waits_for: Vec<ItemLink<'a>>,
    /// (history) When it became done, in "recently done".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on: Option<String>,
}

/// One goal's row.
#[derive(Serialize)]
pub struct Row<'a> {
    pub title: &'a str,
    pub href: String,
    /// The anchor of the row (`goal-activation`).
    pub anchor: String,
    /// Now, Next, Later, Recently done.
    pub cells: [Vec<Card<'a>>; 4],
}

/// A blocked item and what it waits for.
#[derive(Serialize)]
pub struct Blocked<'a> {
    pub item: ItemLink<'a>,
    pub waits_for: Vec<ItemLink<'a>>,
}

/// The whole page.
#[derive(Serialize)]
pub struct Roadmap<'a> {
    pub note: &'a str,
    pub columns: [&'static str; 4],
    pub rows: Vec<Row<'a>>,
    pub blocked: Vec<Blocked<'a>>,
}

fn cell(c: Column) -> Option<usize> {
    match c {
        Column::Horizon(Horizon::Now) => Some(0),
        Column::Horizon(Horizon::Next) => Some(1),
        Column::Horizon(Horizon::Later) => Some(2),
        Column::Done => Some(3),
        Column::Off => None,
    }
}

pub fn roadmap(p: &Portal) -> Roadmap<'_> {
    let mut stories = vec![0usize; p.items.len()];
    for it in p
        .items
        .iter()
        .filter(|i| i.level() == Level::Story && i.written.status != Status::Dropped)
    {
        for &a in &it.ancestors {
            stories[a] += 1;
        }
    }
    let mut rows: Vec<Row> = p
        .goals
        .iter()
        .map(|g| Row {
            title: &g.written.title,
            href: kind::goal_page(&g.id),
            anchor: format!("goal-{}", g.id),
            cells: Default::default(),
        })
        .collect();
    let mut blocked = Vec::new();
    // With history, "recently done" is what became done in the window;
    // without, every done item.
    let lately = crate::history::views::done_lately(p);
    for (i, it) in p.items.iter().enumerate() {
        let waits = roadmap::blocked_by(p, i);
        if !waits.is_empty() {
            blocked.push(Blocked {
                item: link(p, i),
                waits_for: waits.iter().map(|&w| link(p, w)).collect(),
            });
        }
        // Done stories show too: "recently done" is about any delivery.
        let column = roadmap::column(it);
        let is_card = it.level() != Level::Story || it.parent.is_none() || column == Column::Done;
        let Some(c) = cell(column).filter(|_| is_card) else {
            continue;
        };
        let done_on = match (&lately, column) {
            (Some(lately), Column::Done) => match lately.get(it.meta.path.as_str()) {
                Some(&day) => Some(format::date(day)),
                None => continue,
            },
            _ => None,
        };
        for &g in &it.goals {
            rows[g].cells[c].push(Card {
                title: &it.written.title,
                href: Kind::Backlog.page(&it.meta.id),
                level: Word::of(it.level()),
                status: Word::of(it.written.status),
                stories: (it.level() != Level::Story).then(|| format::count(stories[i], "story")),
                confidence: it.written.confidence.map(Word::of),
                waits_for: waits.iter().map(|&w| link(p, w)).collect(),
                done_on: done_on.clone(),
            });
        }
    }
    Roadmap {
        note: p
            .config
            .roadmap_note
            .as_deref()
            .unwrap_or(roadmap::DEFAULT_NOTE),
        columns: [
            Horizon::Now.label(),
            Horizon::Next.label(),
            Horizon::Later.label(),
            if lately.is_some() {
                "Done in the last 90 days"
            } else {
                "Recently done"
            },
        ],
        rows,
        blocked,
    }
}

/// "Depends on" and "needed by" of one item, and what it waits for.
#[derive(Serialize)]
pub struct Dependencies<'a> {
    pub depends_on: Vec<ItemLink<'a>>,
    pub needed_by: Vec<ItemLink<'a>>,
    pub waits_for: Vec<ItemLink<'a>>,
    pub horizon: Option<&'static str>,
    pub confidence: Option<&'static str>,
}

pub fn dependencies(p: &Portal, i: ItemIx) -> Dependencies<'_> {
    let it = &p.items[i];
    Dependencies {
        depends_on: it.depends_on.iter().map(|&d| link(p, d)).collect(),
        needed_by: it.needed_by.iter().map(|&d| link(p, d)).collect(),
        waits_for: roadmap::blocked_by(p, i)
            .into_iter()
            .map(|d| link(p, d))
            .collect(),
        horizon: match roadmap::column(it) {
            Column::Horizon(h) => Some(h.label()),
            _ => None,
        },
        confidence: it.written.confidence.map(|c| c.label()),
    }
}
