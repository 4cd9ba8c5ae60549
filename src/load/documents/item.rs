//! `content/backlog/<id>.md`: an idea, MMF or story.

use super::{known, text};
use crate::fields::{Fields, Sp};
use crate::keywords::{Confidence, Horizon, Level, Priority, Status};
use crate::load::limits::{MAX_ESTIMATE, MAX_VALUE};

/// `content/backlog/<id>.md`: an idea, MMF or story.
#[derive(Debug, Clone)]
pub struct RawItem {
    pub title: String,
    pub status: Status,
    pub priority: Option<Priority>,
    pub estimate: Option<f64>,
    pub value: Option<f64>,
    pub confidence: Option<Confidence>,
    /// What places it among the other documents.
    pub place: ItemPlace,
}

/// What places an item among the other documents: the tree, goal traces,
/// references and the roadmap are derived from these alone, so an edit
/// that keeps them equal (see [`Sp`]) changes no other page's structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPlace {
    pub level: Option<Sp<Level>>,
    pub parent: Option<Sp<String>>,
    pub serves: Vec<Sp<String>>,
    pub requested_by: Vec<Sp<String>>,
    /// The decisions that shaped it (the key is named for their folder).
    pub tradeoffs: Vec<Sp<String>>,
    /// (v2) As written; the roadmap derives one from `status` otherwise.
    pub horizon: Option<Sp<Horizon>>,
    pub depends_on: Vec<Sp<String>>,
    /// `serves` was written but could not be read (or was misspelt): the
    /// item's goals are unknown, so its trace is not judged.
    pub serves_broken: bool,
    /// Likewise for `parent`.
    pub parent_broken: bool,
}

pub const ITEM_KEYS: &[&str] = &[
    "title",
    "level",
    "parent",
    "serves",
    "status",
    "priority",
    "requested_by",
    "tradeoffs",
    "estimate",
    "value",
    "horizon",
    "confidence",
    "depends_on",
];

pub fn item_keys() -> Vec<&'static str> {
    known(ITEM_KEYS)
}

pub fn item(f: &mut Fields) -> RawItem {
    let title = text(f.string("title", true));
    let level = f.keyword("level", true);
    let before = f.problems();
    let parent = f.string("parent", false);
    // A syntax error can swallow the keys after it: no trace is judged then.
    let lost = f.has_syntax_errors();
    let parent_broken = f.problems() > before || f.misspelt("parent") || lost;
    let before = f.problems();
    let serves = f.strings("serves");
    let serves_broken = f.problems() > before || f.misspelt("serves") || lost;
    // Read in the order of the keys' table: problems are reported in it.
    let status = f.keyword("status", false).map_or(Status::New, |s| s.value);
    let priority = f.keyword("priority", false).map(|p| p.value);
    let requested_by = f.strings("requested_by");
    let tradeoffs = f.strings("tradeoffs");
    let estimate = f.number("estimate", 0.0, MAX_ESTIMATE).map(|n| n.value);
    let value = f.number("value", 0.0, MAX_VALUE).map(|n| n.value);
    let horizon = f.keyword("horizon", false);
    let confidence = f.keyword("confidence", false).map(|c| c.value);
    let depends_on = f.strings("depends_on");
    RawItem {
        title,
        status,
        priority,
        estimate,
        value,
        confidence,
        place: ItemPlace {
            level,
            parent,
            serves,
            requested_by,
            tradeoffs,
            horizon,
            depends_on,
            serves_broken,
            parent_broken,
        },
    }
}
