//! The shape of the JSON export, as `docs/export.schema.json` describes
//! it. Each document carries its fields and what the portal derives from
//! them; references are ids.

use serde::Serialize;

use crate::health::Finding;
use crate::keywords::{
    AssumptionStatus, Category, Confidence, DecisionStatus, Engagement, Horizon, Level, Mode,
    Priority, Role, Status,
};
use crate::outcome::OutcomeState;

#[derive(Serialize)]
pub struct Export<'a> {
    pub version: u32,
    pub generator: String,
    pub today: String,
    pub public: bool,
    pub drafts: bool,
    pub portal: PortalInfo<'a>,
    pub vision: Vision<'a>,
    pub goals: Vec<Goal<'a>>,
    pub items: Vec<Item<'a>>,
    pub decisions: Vec<Decision<'a>>,
    pub stakeholders: Vec<Stakeholder<'a>>,
    pub updates: Vec<Update<'a>>,
    pub assumptions: Vec<Assumption<'a>>,
    /// Team notes: absent from a public export.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversations: Option<Vec<Conversation<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<&'a [Finding]>,
}

#[derive(Serialize)]
pub struct PortalInfo<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub base_url: Option<&'a str>,
    pub language: &'a str,
}

/// What every document has.
#[derive(Serialize)]
pub struct Meta<'a> {
    pub id: &'a str,
    /// Under `content/`.
    pub path: &'a str,
    /// Root-relative path of its page.
    pub page: String,
    pub draft: bool,
    pub private: bool,
}

#[derive(Serialize)]
pub struct Vision<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub statement: &'a str,
    pub target_group: &'a str,
    pub needs: &'a [String],
    pub product: Option<&'a str>,
    pub non_goals: &'a [String],
    pub constraints: &'a [String],
}

#[derive(Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    pub done_estimate: f64,
    pub total_estimate: f64,
    pub percent_estimate: u32,
}

#[derive(Serialize)]
pub struct Goal<'a> {
    pub id: &'a str,
    pub page: String,
    pub title: &'a str,
    pub metric: Option<&'a str>,
    pub baseline: Option<&'a str>,
    pub target: Option<&'a str>,
    pub by: Option<String>,
    pub unit: Option<&'a str>,
    /// Whether the target is a number (measured or not).
    pub numeric_target: bool,
    /// Oldest first.
    pub readings: Vec<Reading<'a>>,
    /// With numeric baseline and target and at least one reading.
    pub outcome: Option<Outcome<'a>>,
    /// Every item tracing to it, any level and status.
    pub items: Vec<&'a str>,
    pub decisions: Vec<&'a str>,
    pub assumptions: Vec<&'a str>,
    /// Team notes about it, newest first; absent from a public export.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversations: Option<Vec<&'a str>>,
    pub progress: Progress,
}

/// A dated measurement of a goal's metric.
#[derive(Serialize)]
pub struct Reading<'a> {
    pub date: String,
    pub value: f64,
    pub note: Option<&'a str>,
}

/// Where a measured goal stands; see `src/outcome.rs`.
#[derive(Serialize)]
pub struct Outcome<'a> {
    pub baseline: f64,
    pub target: f64,
    pub lower_is_better: bool,
    pub latest: Reading<'a>,
    /// Percent of the way from baseline to target (may leave 0..=100).
    pub share: f64,
    /// The trend line's value on the goal's `by` date.
    pub projected: Option<f64>,
    pub state: OutcomeState,
}

/// An item's place on the roadmap: its horizon, or done, or off (dropped).
#[derive(Serialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum RoadmapColumn {
    Now,
    Next,
    Later,
    Done,
    Off,
}

#[derive(Serialize)]
pub struct Item<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub level: Level,
    pub status: Status,
    pub priority: Option<Priority>,
    pub parent: Option<&'a str>,
    /// Ancestors, the top-most first.
    pub trail: Vec<&'a str>,
    pub children: Vec<&'a str>,
    /// Its own `serves`.
    pub serves: Vec<&'a str>,
    /// Own and inherited goals.
    pub goals: Vec<&'a str>,
    pub requested_by: Vec<&'a str>,
    pub tradeoffs: Vec<&'a str>,
    pub estimate: Option<f64>,
    pub value: Option<f64>,
    /// As written.
    pub horizon: Option<Horizon>,
    /// Derived: `horizon`, else from the status.
    pub roadmap: RoadmapColumn,
    pub confidence: Option<Confidence>,
    pub depends_on: Vec<&'a str>,
    /// Items listing it in `depends_on`.
    pub needed_by: Vec<&'a str>,
    /// What it waits for while it is now or in progress.
    pub blocked_by: Vec<&'a str>,
    /// Assumptions it rests on.
    pub assumptions: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversations: Option<Vec<&'a str>>,
    /// Over everything below it; `None` for an item without children.
    pub progress: Option<Progress>,
}

#[derive(Serialize)]
pub struct DecisionOption<'a> {
    pub name: &'a str,
    pub chosen: bool,
    pub value: Option<&'a str>,
    pub cost: Option<&'a str>,
    pub cost_of_delay: Option<&'a str>,
    pub cod_per_week: Option<f64>,
    pub duration_weeks: Option<f64>,
    pub cd3: Option<f64>,
    pub cd3_rank: Option<usize>,
}

#[derive(Serialize)]
pub struct Cd3<'a> {
    pub best: &'a str,
    pub chosen_is_best: bool,
    pub opportunity_cost: Option<f64>,
}

#[derive(Serialize)]
pub struct Decision<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub status: DecisionStatus,
    pub date: String,
    pub chosen: Option<&'a str>,
    pub serves: Vec<&'a str>,
    pub decided_by: Vec<&'a str>,
    pub consulted: Vec<&'a str>,
    pub informed: Vec<&'a str>,
    pub affects: Vec<&'a str>,
    pub supersedes: Vec<&'a str>,
    pub superseded_by: Vec<&'a str>,
    pub not_pursued: &'a [String],
    pub options: Vec<DecisionOption<'a>>,
    pub cd3: Option<Cd3<'a>>,
    pub items: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversations: Option<Vec<&'a str>>,
}

/// How the team manages a stakeholder: left out of public exports.
#[derive(Serialize)]
pub struct Management {
    pub power: u8,
    pub interest: u8,
    pub engagement: Engagement,
    pub engagement_is_default: bool,
    pub cadence_days: Option<u32>,
    pub last_contact: Option<String>,
    /// When the next conversation is due (`last_contact + cadence_days`).
    pub next_due: Option<String>,
    /// Due before the build date, or a cadence with no contact recorded.
    pub overdue: bool,
}

#[derive(Serialize)]
pub struct Stakeholder<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub name: &'a str,
    pub position: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub role: Role,
    pub category: Option<Category>,
    pub funding: bool,
    pub veto: bool,
    pub success: Option<&'a str>,
    /// Private: left out of a public export.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub motivations: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risks: Option<&'a [String]>,
    #[serde(flatten)]
    pub management: Option<Management>,
    pub requested: Vec<&'a str>,
    pub decided: Vec<&'a str>,
    pub consulted: Vec<&'a str>,
    pub informed: Vec<&'a str>,
    pub affected: Vec<&'a str>,
    pub updates: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversations: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
pub struct Update<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub date: String,
    pub audience: Vec<&'a str>,
}

/// A belief the plan rests on.
#[derive(Serialize)]
pub struct Assumption<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub status: AssumptionStatus,
    pub importance: u8,
    pub evidence: u8,
    /// Important with little evidence and not validated: test it first.
    pub test_first: bool,
    pub serves: Vec<&'a str>,
    pub underlies: Vec<&'a str>,
    pub test: Option<&'a str>,
    pub learned: Option<String>,
}

/// A conversation of the engagement log (team exports only).
#[derive(Serialize)]
pub struct Conversation<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub date: String,
    pub with: Vec<&'a str>,
    pub mode: Option<Mode>,
    pub goals: Vec<&'a str>,
    pub decisions: Vec<&'a str>,
    pub items: Vec<&'a str>,
    pub follow_up: Option<String>,
    /// A follow-up no later conversation with the same people answered.
    pub follow_up_owed: bool,
}
