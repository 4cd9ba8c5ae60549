//! `content/assumptions/<id>.md` (v2): a belief the plan rests on.

use jiff::civil::Date;

use super::{known, text};
use crate::fields::{Fields, Sp};

/// `content/assumptions/<id>.md` (v2).
#[derive(Debug, Clone)]
pub struct RawAssumption {
    pub title: String,
    pub status: crate::keywords::AssumptionStatus,
    pub importance: Option<u8>,
    pub evidence: Option<u8>,
    pub serves: Vec<Sp<String>>,
    pub underlies: Vec<Sp<String>>,
    pub test: Option<String>,
    pub learned: Option<Date>,
}

pub const ASSUMPTION_KEYS: &[&str] = &[
    "title",
    "status",
    "importance",
    "evidence",
    "serves",
    "underlies",
    "test",
    "learned",
];

pub fn assumption_keys() -> Vec<&'static str> {
    known(ASSUMPTION_KEYS)
}

pub fn assumption(f: &mut Fields) -> RawAssumption {
    RawAssumption {
        title: text(f.string("title", true)),
        status: f
            .keyword("status", false)
            .map_or(crate::keywords::AssumptionStatus::Untested, |s| s.value),
        importance: f.integer("importance", true, 1, 5).map(|n| n.value as u8),
        evidence: f.integer("evidence", true, 1, 5).map(|n| n.value as u8),
        serves: f.strings("serves"),
        underlies: f.strings("underlies"),
        test: f.string("test", false).map(|s| s.value),
        learned: f.date("learned", false).map(|d| d.value),
    }
}
