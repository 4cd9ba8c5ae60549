//! The resolved portal: every document with its references turned into
//! indices and its derived facts computed (inherited goals, rollups,
//! engagement, overdue contacts, supersession, CD3 ranking). Built once by
//! the resolver, never changed afterwards; views read it.
//!
//! Each document keeps its own fields as written, as one value shared with
//! the loaded document (`written`); beside it stand only what references
//! resolved to (indices) and what the resolver derives. Where a field has
//! a default, a method gives it.

use std::sync::Arc;

use jiff::civil::Date;

use crate::keywords::{DecisionStatus, Engagement, Horizon, Level, Role, Status};
use crate::load::config::Config;
use crate::load::documents::{
    RawDecision, RawItem, RawOption, RawStakeholder, RawUpdate, RawVision,
};
use crate::markdown::{Body, Rendered, Rules};
use crate::source::FileId;

/// Index into [`Portal::goals`].
pub type GoalIx = usize;
/// Index into [`Portal::stakeholders`].
pub type StakeholderIx = usize;
/// Index into [`Portal::decisions`].
pub type DecisionIx = usize;
/// Index into [`Portal::items`].
pub type ItemIx = usize;
/// Index into [`Portal::updates`].
pub type UpdateIx = usize;
/// Index into [`Portal::assumptions`].
pub type AssumptionIx = usize;

/// (v2) A belief the plan rests on.
#[derive(Debug, Clone)]
pub struct Assumption {
    pub meta: Meta,
    /// Its front matter as written.
    pub written: std::sync::Arc<crate::load::documents::RawAssumption>,
    /// `serves`, looked up.
    pub serves: Vec<GoalIx>,
    /// `underlies`, looked up.
    pub underlies: Vec<ItemIx>,
    /// Derived: still open (untested or testing) and in the map's "test
    /// first" quadrant (see `resolve::assumptions::test_first`).
    pub test_first: bool,
}

impl Assumption {
    /// 1..=5: how much the plan depends on it (missing, already reported:
    /// the middle of the scale).
    pub fn importance(&self) -> u8 {
        self.written.importance.unwrap_or(3)
    }

    /// 1..=5: how much evidence there is today (missing: the middle).
    pub fn evidence(&self) -> u8 {
        self.written.evidence.unwrap_or(3)
    }
}

/// The whole portal, resolved.
#[derive(Debug, Clone)]
pub struct Portal {
    /// `cairn.toml`.
    pub config: Config,
    /// The date "overdue" is judged against.
    pub today: Date,
    /// What pages may show of how the team works (all of it, unless this
    /// is a public build).
    pub shows: crate::load::config::Shows,
    /// `vision.md`.
    pub vision: Vision,
    /// The vision's goals, in the order written.
    pub goals: Vec<Goal>,
    /// Stakeholders, by id.
    pub stakeholders: Vec<Stakeholder>,
    /// Decision records, by id.
    pub decisions: Vec<Decision>,
    /// Backlog items, by id; shared, so that a patched portal (see
    /// [`crate::resolve::patch`]) copies pointers, not items.
    pub items: Vec<std::sync::Arc<Item>>,
    /// Updates, by id.
    pub updates: Vec<Update>,
    /// The engagement log, by id (empty in public builds).
    pub conversations: Vec<crate::conversations::Conversation>,
    /// The log read the other way round.
    pub log: crate::conversations::Log,
    /// (v2) Assumptions, by id.
    pub assumptions: Vec<Assumption>,
    /// How bodies are rendered: which pages links may not point at.
    pub bodies: Rules,
    /// What changed, from git (empty until the build reads it).
    pub history: std::sync::Arc<crate::history::History>,
}

impl Portal {
    /// The body of a document, rendered for its page.
    pub fn body(&self, meta: &Meta) -> std::sync::Arc<Rendered> {
        meta.body.rendered(&self.bodies, &meta.path)
    }

    /// Renders every body for this portal's rules and lets its Markdown
    /// go, but for updates, which the feed renders again with absolute
    /// links. For a build, which renders under these rules only; not for
    /// the dev server, whose next portal may leave out other pages. Files
    /// are read again from `sources` for the bodies loaded without their
    /// Markdown whose rendering these rules change; returns the documents
    /// whose file changed since it was read.
    pub fn settle_bodies(&self, sources: &crate::source::SourceMap) -> Vec<&Meta> {
        use rayon::prelude::*;
        let metas = std::iter::once(&self.vision.meta)
            .chain(self.stakeholders.iter().map(|s| &s.meta))
            .chain(self.decisions.iter().map(|d| &d.meta))
            .chain(self.items.iter().map(|i| &i.meta));
        let metas: Vec<&Meta> = metas.collect();
        metas
            .into_par_iter()
            .filter(|m| {
                !m.body
                    .settle(&self.bodies, &m.path, || sources.text(m.file))
            })
            .collect()
    }
}

/// What every document has.
#[derive(Debug, Clone)]
pub struct Meta {
    /// File name without `.md`.
    pub id: String,
    /// Path under `content/`.
    pub path: String,
    /// Source file, for diagnostics found after resolving.
    pub file: FileId,
    /// Left out of public builds.
    pub private: bool,
    /// Was `draft = true` (only present with `--drafts`).
    pub draft: bool,
    /// `[extra]`.
    pub extra: serde_json::Value,
    /// The body, shared with the loaded document; see [`Portal::body`].
    pub body: std::sync::Arc<Body>,
}

/// The product vision.
#[derive(Debug, Clone)]
pub struct Vision {
    pub meta: Meta,
    /// Its fields as written (its goals are resolved into [`Portal::goals`]).
    pub written: Arc<RawVision>,
}

/// Done against all-but-dropped, by count and by estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    /// Items done.
    pub done: usize,
    /// Items not dropped.
    pub total: usize,
    /// Sum of the estimates of items done.
    pub done_estimate: f64,
    /// Sum of the estimates of items not dropped.
    pub total_estimate: f64,
}

impl Progress {
    /// Adds one item.
    pub fn add(&mut self, status: Status, estimate: Option<f64>) {
        if status == Status::Dropped {
            return;
        }
        let estimate = estimate.unwrap_or(0.0);
        self.total += 1;
        self.total_estimate += estimate;
        if status == Status::Done {
            self.done += 1;
            self.done_estimate += estimate;
        }
    }

    /// Done share by count, 0..=100.
    pub fn percent(&self) -> u32 {
        percent(self.done as f64, self.total as f64)
    }

    /// Done share by estimate, 0..=100.
    pub fn percent_estimate(&self) -> u32 {
        percent(self.done_estimate, self.total_estimate)
    }
}

fn percent(part: f64, whole: f64) -> u32 {
    if whole <= 0.0 {
        0
    } else {
        (part / whole * 100.0).round() as u32
    }
}

/// A business goal of the vision.
#[derive(Debug, Clone)]
pub struct Goal {
    /// Its `[[goals]]` table as written.
    pub written: std::sync::Arc<crate::load::documents::RawGoal>,
    /// Its id, checked.
    pub id: String,
    /// `baseline` as shown (a number with its unit, or the text written).
    pub baseline: Option<String>,
    /// `target` as shown.
    pub target: Option<String>,
    /// (v2) Dated measurements, oldest first, checked.
    pub readings: Vec<crate::outcome::Reading>,
    /// (v2) Set with numeric baseline and target and at least one reading.
    pub outcome: Option<crate::outcome::Outcome>,
    /// (v2) The target is a number (measured or not).
    pub numeric_target: bool,
    /// Every item that traces to this goal, any level, any status.
    pub items: Vec<ItemIx>,
    /// Decisions that say they serve this goal.
    pub decisions: Vec<DecisionIx>,
    /// Rollup over `items`.
    pub progress: Progress,
    /// (v2) Assumptions that bear on this goal.
    pub assumptions: Vec<AssumptionIx>,
}

/// Why a conversation is overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overdue {
    /// `cadence_days` but no `last_contact`.
    NoContact,
    /// The next conversation was due on this date.
    Since(Date),
}

/// A person or group with a stake in the product.
#[derive(Debug, Clone)]
pub struct Stakeholder {
    pub meta: Meta,
    /// Its fields as written; in a public build without `motivations` and
    /// `risks`, which stay with the team.
    pub written: Arc<RawStakeholder>,
    /// As written, or from the power/interest grid.
    pub engagement: Engagement,
    /// Whether `engagement` came from the grid.
    pub engagement_is_default: bool,
    /// As written, or the latest conversation on record when later.
    pub last_contact: Option<Date>,
    /// `last_contact + cadence_days`.
    pub next_due: Option<Date>,
    /// Set when a conversation is overdue on the build date.
    pub overdue: Option<Overdue>,
    /// Items that list this stakeholder in `requested_by`.
    pub requested: Vec<ItemIx>,
    /// Decisions this stakeholder decided.
    pub decided: Vec<DecisionIx>,
    /// Decisions this stakeholder was consulted on.
    pub consulted: Vec<DecisionIx>,
    /// Decisions this stakeholder was informed of.
    pub informed: Vec<DecisionIx>,
    /// Decisions whose cost this stakeholder bears.
    pub affected: Vec<DecisionIx>,
    /// Updates addressed to this stakeholder.
    pub updates: Vec<UpdateIx>,
}

impl Stakeholder {
    /// `role`; a missing one was reported.
    pub fn role(&self) -> Role {
        self.written.role.unwrap_or(Role::User)
    }

    /// `power`, 1..=5; a missing one was reported.
    pub fn power(&self) -> u8 {
        self.written.power.unwrap_or(1)
    }

    /// `interest`, 1..=5; a missing one was reported.
    pub fn interest(&self) -> u8 {
        self.written.interest.unwrap_or(1)
    }
}

/// One option weighed in a decision.
#[derive(Debug, Clone)]
pub struct DecisionOption {
    /// The option as written.
    pub written: RawOption,
    /// `cod_per_week / duration_weeks`, when both are given.
    pub cd3: Option<f64>,
    /// 1 for the best CD3; `None` without a CD3.
    pub rank: Option<usize>,
}

/// How the chosen option compares with the best by CD3.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cd3Verdict {
    /// The option with the best CD3.
    pub best: usize,
    /// Whether the chosen option is (tied for) the best.
    pub chosen_is_best: bool,
    /// `cod_per_week` of the best-ranked option not chosen.
    pub opportunity_cost: Option<f64>,
}

/// A decision record.
#[derive(Debug, Clone)]
pub struct Decision {
    pub meta: Meta,
    /// Its fields as written; references resolved below, options ranked.
    pub written: Arc<RawDecision>,
    pub serves: Vec<GoalIx>,
    pub decided_by: Vec<StakeholderIx>,
    pub consulted: Vec<StakeholderIx>,
    pub informed: Vec<StakeholderIx>,
    pub affects: Vec<StakeholderIx>,
    pub supersedes: Vec<DecisionIx>,
    /// Decisions that list this one in `supersedes`.
    pub superseded_by: Vec<DecisionIx>,
    pub options: Vec<DecisionOption>,
    /// Set when a chosen option and at least one CD3 exist.
    pub cd3: Option<Cd3Verdict>,
    /// Backlog items shaped by this decision.
    pub items: Vec<ItemIx>,
}

impl Decision {
    /// `status`; a missing one was reported.
    pub fn status(&self) -> DecisionStatus {
        self.written
            .status
            .as_ref()
            .map_or(DecisionStatus::Proposed, |s| s.value)
    }

    /// `date`; a missing one was reported.
    pub fn date(&self) -> Date {
        self.written.date.unwrap_or(jiff::civil::date(1970, 1, 1))
    }
}

/// An idea, MMF or story.
#[derive(Debug, Clone)]
pub struct Item {
    pub meta: Meta,
    /// Its fields as written; references resolved below.
    pub written: Arc<RawItem>,
    pub parent: Option<ItemIx>,
    /// Goals named in its own `serves`.
    pub serves: Vec<GoalIx>,
    /// Own and inherited goals, in vision order.
    pub goals: Vec<GoalIx>,
    /// Parent chain, the top-most first.
    pub ancestors: Vec<ItemIx>,
    /// Direct children.
    pub children: Vec<ItemIx>,
    pub requested_by: Vec<StakeholderIx>,
    pub decisions: Vec<DecisionIx>,
    /// (v2) Items this one waits for.
    pub depends_on: Vec<ItemIx>,
    /// (v2) Items that list this one in `depends_on`.
    pub needed_by: Vec<ItemIx>,
    /// (v2) Assumptions it rests on (their `underlies`).
    pub assumptions: Vec<AssumptionIx>,
}

impl Item {
    /// `level`; a missing one was reported, and reads as a story.
    pub fn level(&self) -> Level {
        self.written
            .place
            .level
            .as_ref()
            .map_or(Level::Story, |l| l.value)
    }

    /// (v2) `horizon` as written; see [`crate::roadmap::column`].
    pub fn horizon(&self) -> Option<Horizon> {
        self.written.place.horizon.as_ref().map(|h| h.value)
    }
}

/// A dated update to stakeholders.
#[derive(Debug, Clone)]
pub struct Update {
    pub meta: Meta,
    /// Its fields as written.
    pub written: Arc<RawUpdate>,
    /// As written, else the build date (a missing one was reported).
    pub date: Date,
    pub audience: Vec<StakeholderIx>,
}
