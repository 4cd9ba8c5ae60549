//! The front matter of `content/conversations/<id>.md`, as written. Only
//! what one file can tell is checked here (`with` not empty, the follow-up
//! not before the conversation); ids and the build date are the resolver's.

use jiff::civil::Date;

use crate::fields::{Fields, Sp};
use crate::keywords::Mode;

/// A conversation as written.
#[derive(Debug, Clone)]
pub struct RawConversation {
    pub title: String,
    pub date: Option<Sp<Date>>,
    pub with: Vec<Sp<String>>,
    pub mode: Option<Mode>,
    pub goals: Vec<Sp<String>>,
    pub tradeoffs: Vec<Sp<String>>,
    pub items: Vec<Sp<String>>,
    pub follow_up: Option<Sp<Date>>,
}

pub const KEYS: &[&str] = &[
    "title",
    "date",
    "with",
    "mode",
    "goals",
    "tradeoffs",
    "items",
    "follow_up",
];

/// The keys a conversation takes, those of every document included.
pub fn keys() -> Vec<&'static str> {
    KEYS.iter()
        .copied()
        .chain(crate::load::documents::COMMON)
        .collect()
}

/// Reads a conversation's front matter, reporting what is wrong with it.
pub fn read(f: &mut Fields) -> RawConversation {
    let title = f.string("title", true).map(|s| s.value).unwrap_or_default();
    let date = f.date("date", true);
    let before = f.problems();
    let with = f.strings("with");
    match f.span_of("with") {
        None => f.require("with", "[\"dana\"]"),
        Some(at) if with.is_empty() && f.problems() == before => f.error(
            at,
            "a conversation must be with at least one stakeholder".into(),
            Some("name who you talked to by their ids: `with = [\"dana\"]`".into()),
        ),
        Some(_) => {}
    }
    let raw = RawConversation {
        title,
        date,
        with,
        mode: f.keyword("mode", false).map(|k| k.value),
        goals: f.strings("goals"),
        tradeoffs: f.strings("tradeoffs"),
        items: f.strings("items"),
        follow_up: f.date("follow_up", false),
    };
    if let (Some(date), Some(follow)) = (&raw.date, &raw.follow_up)
        && follow.value < date.value
    {
        f.error(
            follow.span.clone(),
            format!(
                "the follow-up ({}) is before the conversation ({})",
                follow.value, date.value
            ),
            Some(
                "a follow-up is what we owe them after we talked: give a date on or after `date`"
                    .into(),
            ),
        );
    }
    raw
}
