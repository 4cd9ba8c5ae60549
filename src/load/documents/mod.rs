//! The front matter of each kind of document, as written, with the spans of
//! every reference so the resolver can point at a bad id. Required values
//! that are missing or invalid become `None` here (already reported), so the
//! resolver can skip checks that depend on them instead of piling up
//! follow-on errors.

mod assumption;
mod decision;
mod item;
mod stakeholder;
mod update;
mod vision;

pub use assumption::*;
pub use decision::*;
pub use item::*;
pub use stakeholder::*;
pub use update::*;
pub use vision::*;

use crate::fields::Sp;

/// Keys every document may carry.
pub const COMMON: [&str; 2] = ["draft", "private"];

pub(crate) fn known(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().copied().chain(COMMON).collect()
}

pub(crate) fn text(s: Option<Sp<String>>) -> String {
    s.map(|s| s.value).unwrap_or_default()
}

pub(crate) fn texts(list: Vec<Sp<String>>) -> Vec<String> {
    list.into_iter().map(|s| s.value).collect()
}
