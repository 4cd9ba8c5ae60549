//! `content/tradeoffs/<id>.md`: a decision record and its `[[options]]`.

use jiff::civil::Date;

use super::{known, text, texts};
use crate::fields::{Fields, Sp};
use crate::keywords::DecisionStatus;
use crate::load::limits::{MAX_COD_PER_WEEK, MAX_DURATION_WEEKS};

/// `content/tradeoffs/<id>.md`: a decision record.
#[derive(Debug, Clone)]
pub struct RawDecision {
    pub title: String,
    pub status: Option<Sp<DecisionStatus>>,
    pub date: Option<Date>,
    pub serves: Vec<Sp<String>>,
    pub decided_by: Vec<Sp<String>>,
    pub consulted: Vec<Sp<String>>,
    pub informed: Vec<Sp<String>>,
    pub affects: Vec<Sp<String>>,
    pub supersedes: Vec<Sp<String>>,
    pub not_pursued: Vec<String>,
    pub options: Vec<RawOption>,
}

/// One `[[options]]` entry of a decision.
#[derive(Debug, Clone)]
pub struct RawOption {
    pub name: String,
    pub chosen: bool,
    pub value: Option<String>,
    pub cost: Option<String>,
    pub cost_of_delay: Option<String>,
    pub cod_per_week: Option<f64>,
    pub duration_weeks: Option<f64>,
    pub span: std::ops::Range<usize>,
    /// Where `chosen = true` was written: what to change when too many are.
    pub chosen_at: Option<std::ops::Range<usize>>,
    /// `chosen` was written but could not be read.
    pub chosen_broken: bool,
}

pub const DECISION_KEYS: &[&str] = &[
    "title",
    "status",
    "date",
    "serves",
    "decided_by",
    "consulted",
    "informed",
    "affects",
    "supersedes",
    "not_pursued",
    "options",
];
pub const OPTION_KEYS: &[&str] = &[
    "name",
    "chosen",
    "value",
    "cost",
    "cost_of_delay",
    "cod_per_week",
    "duration_weeks",
];

pub fn decision_keys() -> Vec<&'static str> {
    known(DECISION_KEYS)
}

pub fn decision(f: &mut Fields) -> RawDecision {
    let mut t = RawDecision {
        title: text(f.string("title", true)),
        status: f.keyword("status", true),
        date: f.date("date", true).map(|d| d.value),
        serves: f.strings("serves"),
        decided_by: f.strings("decided_by"),
        consulted: f.strings("consulted"),
        informed: f.strings("informed"),
        affects: f.strings("affects"),
        supersedes: f.strings("supersedes"),
        not_pursued: texts(f.strings("not_pursued")),
        options: Vec::new(),
    };
    t.options = f.tables("options", "an option", OPTION_KEYS, |o| {
        let name = text(o.string("name", true));
        let before = o.problems();
        let chosen_at = o.boolean_at("chosen").filter(|c| c.value).map(|c| c.span);
        let chosen = chosen_at.is_some();
        let chosen_broken = o.problems() > before || o.misspelt("chosen");
        RawOption {
            name,
            chosen,
            value: o.string("value", false).map(|s| s.value),
            cost: o.string("cost", false).map(|s| s.value),
            cost_of_delay: o.string("cost_of_delay", false).map(|s| s.value),
            cod_per_week: o
                .number("cod_per_week", 0.0, MAX_COD_PER_WEEK)
                .map(|n| n.value),
            duration_weeks: o
                .number("duration_weeks", 0.01, MAX_DURATION_WEEKS)
                .map(|n| n.value),
            span: o.anchor(),
            chosen_at,
            chosen_broken,
        }
    });
    t
}
