//! The shape of the JSON export, as `docs/export.schema.json` describes
//! it. Each document carries its fields and what the portal derives from
//! them; references are ids.

use serde::Serialize;

use crate::health::Finding;
use crate::keywords::{Category, DecisionStatus, Engagement, Level, Priority, Role, Status};

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
    /// Every item tracing to it, any level and status.
    pub items: Vec<&'a str>,
    pub decisions: Vec<&'a str>,
    pub progress: Progress,
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
}

#[derive(Serialize)]
pub struct Update<'a> {
    #[serde(flatten)]
    pub meta: Meta<'a>,
    pub title: &'a str,
    pub date: String,
    pub audience: Vec<&'a str>,
}
