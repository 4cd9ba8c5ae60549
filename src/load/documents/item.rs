//! `content/backlog/<id>.md`: an idea, MMF or story.

use super::{known, text};
use crate::fields::{Fields, Sp};
use crate::keywords::{Confidence, Horizon, Level, Priority, Status};
use crate::load::limits::{MAX_ESTIMATE, MAX_VALUE};

/// `content/backlog/<id>.md`: an idea, MMF or story.
#[derive(Debug, Clone)]
pub struct RawItem {
    pub title: String,
    pub level: Option<Sp<Level>>,
    pub parent: Option<Sp<String>>,
    pub serves: Vec<Sp<String>>,
    pub status: Status,
    pub priority: Option<Priority>,
    pub requested_by: Vec<Sp<String>>,
    pub tradeoffs: Vec<Sp<String>>,
    pub estimate: Option<f64>,
    pub value: Option<f64>,
    /// (v2) As written; the roadmap derives one from `status` otherwise.
    pub horizon: Option<Sp<Horizon>>,
    pub confidence: Option<Confidence>,
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
    RawItem {
        title,
        level,
        parent,
        serves,
        status: f.keyword("status", false).map_or(Status::New, |s| s.value),
        priority: f.keyword("priority", false).map(|p| p.value),
        requested_by: f.strings("requested_by"),
        tradeoffs: f.strings("tradeoffs"),
        estimate: f.number("estimate", 0.0, MAX_ESTIMATE).map(|n| n.value),
        value: f.number("value", 0.0, MAX_VALUE).map(|n| n.value),
        horizon: f.keyword("horizon", false),
        confidence: f.keyword("confidence", false).map(|c| c.value),
        depends_on: f.strings("depends_on"),
        serves_broken,
        parent_broken,
    }
}
