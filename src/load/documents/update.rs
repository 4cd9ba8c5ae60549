//! `content/updates/<id>.md`: a dated update to stakeholders.

use jiff::civil::Date;

use super::{known, text};
use crate::fields::{Fields, Sp};

/// `content/updates/<id>.md`.
#[derive(Debug, Clone)]
pub struct RawUpdate {
    pub title: String,
    pub date: Option<Date>,
    pub audience: Vec<Sp<String>>,
}

pub const UPDATE_KEYS: &[&str] = &["title", "date", "audience"];

pub fn update_keys() -> Vec<&'static str> {
    known(UPDATE_KEYS)
}

pub fn update(f: &mut Fields) -> RawUpdate {
    RawUpdate {
        title: text(f.string("title", true)),
        date: f.date("date", true).map(|d| d.value),
        audience: f.strings("audience"),
    }
}
