//! `content/vision.md` and its `[[goals]]`.

use jiff::civil::Date;

use super::{known, text, texts};
use crate::fields::{Fields, Sp};
use crate::load::readings::{Measure, RawReading};

/// `content/vision.md`.
#[derive(Debug, Default, Clone)]
pub struct RawVision {
    pub title: String,
    pub statement: String,
    pub target_group: String,
    pub needs: Vec<String>,
    pub product: Option<String>,
    pub non_goals: Vec<String>,
    pub constraints: Vec<String>,
    pub goals: Vec<std::sync::Arc<RawGoal>>,
}

/// One `[[goals]]` entry of the vision.
#[derive(Debug, Clone)]
pub struct RawGoal {
    pub id: Option<Sp<String>>,
    pub title: String,
    pub metric: Option<String>,
    pub baseline: Option<Measure>,
    pub target: Option<Measure>,
    pub by: Option<Date>,
    /// (v2) Printed after every number of the goal.
    pub unit: Option<String>,
    /// (v2) Dated measurements, oldest first.
    pub readings: Vec<RawReading>,
    pub extra: serde_json::Value,
    /// Where the goal's table starts, for goal-level diagnostics.
    pub span: std::ops::Range<usize>,
}

pub const VISION_KEYS: &[&str] = &[
    "title",
    "statement",
    "target_group",
    "needs",
    "product",
    "non_goals",
    "constraints",
    "goals",
];
pub const GOAL_KEYS: &[&str] = &[
    "id", "title", "metric", "baseline", "target", "by", "unit", "readings",
];

/// What a document is called in messages.
pub const VISION_WHAT: &str = "the vision";

pub fn vision(f: &mut Fields) -> RawVision {
    let mut v = RawVision {
        title: text(f.string("title", true)),
        statement: text(f.string("statement", true)),
        target_group: text(f.string("target_group", true)),
        needs: texts(f.strings("needs")),
        product: f.string("product", false).map(|s| s.value),
        non_goals: texts(f.strings("non_goals")),
        constraints: texts(f.strings("constraints")),
        goals: Vec::new(),
    };
    v.goals = f.tables("goals", "a goal", GOAL_KEYS, |g| {
        std::sync::Arc::new(RawGoal {
            id: g.string("id", true),
            title: text(g.string("title", true)),
            metric: g.string("metric", false).map(|s| s.value),
            baseline: g.measure("baseline"),
            target: g.measure("target"),
            by: g.date("by", false).map(|d| d.value),
            unit: g.string("unit", false).map(|s| s.value),
            readings: g.readings(),
            extra: g.extra(),
            span: g.anchor(),
        })
    });
    if v.goals.is_empty() {
        let at = f.anchor();
        f.error(
            at,
            "the vision has no goals".into(),
            Some("add at least one `[[goals]]` table with an `id` and a `title`".into()),
        );
    }
    v
}

pub fn vision_keys() -> Vec<&'static str> {
    known(VISION_KEYS)
}
