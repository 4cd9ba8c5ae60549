//! The front matter of each kind of document, as written, with the spans of
//! every reference so the resolver can point at a bad id. Required values
//! that are missing or invalid become `None` here (already reported), so the
//! resolver can skip checks that depend on them instead of piling up
//! follow-on errors.

use jiff::civil::Date;

use super::limits::{MAX_COD_PER_WEEK, MAX_DURATION_WEEKS, MAX_ESTIMATE, MAX_VALUE};
use super::readings::{Measure, RawReading};
use crate::fields::{Fields, Sp};
use crate::keywords::{
    Category, Confidence, DecisionStatus, Engagement, Horizon, Level, Priority, Role, Status,
};

/// Keys every document may carry.
pub const COMMON: [&str; 2] = ["draft", "private"];

fn known(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().copied().chain(COMMON).collect()
}

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
    pub goals: Vec<RawGoal>,
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
    v.goals = f.tables("goals", "a goal", GOAL_KEYS, |g| RawGoal {
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

/// `content/stakeholders/<id>.md`.
#[derive(Debug, Clone)]
pub struct RawStakeholder {
    pub name: String,
    pub position: Option<String>,
    pub organization: Option<String>,
    pub role: Option<Role>,
    pub category: Option<Category>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub funding: bool,
    pub veto: bool,
    pub engagement: Option<Engagement>,
    pub cadence_days: Option<u32>,
    pub last_contact: Option<Date>,
    pub success: Option<String>,
    pub motivations: Vec<String>,
    pub risks: Vec<String>,
}

pub const STAKEHOLDER_KEYS: &[&str] = &[
    "name",
    "position",
    "organization",
    "role",
    "category",
    "power",
    "interest",
    "funding",
    "veto",
    "engagement",
    "cadence_days",
    "last_contact",
    "success",
    "motivations",
    "risks",
];

pub fn stakeholder_keys() -> Vec<&'static str> {
    known(STAKEHOLDER_KEYS)
}

pub fn stakeholder(f: &mut Fields) -> RawStakeholder {
    RawStakeholder {
        name: text(f.string("name", true)),
        position: f.string("position", false).map(|s| s.value),
        organization: f.string("organization", false).map(|s| s.value),
        role: f.keyword("role", true).map(|k| k.value),
        category: f.keyword("category", false).map(|k| k.value),
        power: f.integer("power", true, 1, 5).map(|n| n.value as u8),
        interest: f.integer("interest", true, 1, 5).map(|n| n.value as u8),
        funding: f.boolean("funding"),
        veto: f.boolean("veto"),
        engagement: f.keyword("engagement", false).map(|k| k.value),
        cadence_days: f
            .integer("cadence_days", false, 1, 3650)
            .map(|n| n.value as u32),
        last_contact: f.date("last_contact", false).map(|d| d.value),
        success: f.string("success", false).map(|s| s.value),
        motivations: texts(f.strings("motivations")),
        risks: texts(f.strings("risks")),
    }
}

/// `content/tradeoffs/<id>.md`: a decision record.
#[derive(Debug, Clone)]
pub struct RawTradeoff {
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

pub const TRADEOFF_KEYS: &[&str] = &[
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

pub fn tradeoff_keys() -> Vec<&'static str> {
    known(TRADEOFF_KEYS)
}

pub fn tradeoff(f: &mut Fields) -> RawTradeoff {
    let mut t = RawTradeoff {
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

fn text(s: Option<Sp<String>>) -> String {
    s.map(|s| s.value).unwrap_or_default()
}

fn texts(list: Vec<Sp<String>>) -> Vec<String> {
    list.into_iter().map(|s| s.value).collect()
}
