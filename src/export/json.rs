//! The export as one JSON document: every document with its fields and the
//! facts the portal derives, references as ids, lists in the portal's order
//! (documents by path, goals as the vision lists them, the conversations
//! about a document newest first). Its shape is `docs/export.schema.json`;
//! a change that removes, renames or retypes a key raises [`VERSION`] (new
//! keys keep it: readers that ignore unknown keys go on working).

use super::shape::*;
use crate::health::Finding;
use crate::kind::{self, Kind};
use crate::model::{self, Portal};
use crate::outcome as model_outcome;

/// The version of the export's shape.
pub const VERSION: u32 = 1;

/// What an export shows besides the documents: what the portal's pages
/// show (a public export leaves out what a public build does, unless
/// `[public]` opts it in).
pub use crate::load::config::Shows as Shown;

fn meta(m: &model::Meta, kind: Kind) -> Meta<'_> {
    Meta {
        id: &m.id,
        path: &m.path,
        page: kind.page(&m.id),
        draft: m.draft,
        private: m.private,
    }
}

impl From<&model::Progress> for Progress {
    fn from(p: &model::Progress) -> Self {
        Progress {
            done: p.done,
            total: p.total,
            percent: p.percent(),
            done_estimate: p.done_estimate,
            total_estimate: p.total_estimate,
            percent_estimate: p.percent_estimate(),
        }
    }
}

/// Ids of documents by index.
fn ids<'a, T>(all: &'a [T], ixs: &[usize], id: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    ixs.iter().map(|&i| id(&all[i])).collect()
}

/// Everything below `item`, rolled up.
fn below(p: &Portal, item: &model::Item) -> Option<Progress> {
    if item.children.is_empty() {
        return None;
    }
    let mut progress = model::Progress::default();
    let mut stack = item.children.clone();
    let mut seen = 0;
    while let Some(ix) = stack.pop() {
        seen += 1;
        if seen > p.items.len() {
            break; // a loop cannot reach a resolved portal; never spin on one
        }
        let child = &p.items[ix];
        progress.add(child.written.status, child.written.estimate);
        stack.extend(&child.children);
    }
    Some(Progress::from(&progress))
}

/// The export of `p`; `health` is shown when `shown.health` says so.
pub fn export<'a>(
    p: &'a Portal,
    health: &'a [Finding],
    shown: Shown,
    public: bool,
    drafts: bool,
) -> Export<'a> {
    let goal = |g: &'a model::Goal| g.id.as_str();
    let item = |i: &'a std::sync::Arc<model::Item>| i.meta.id.as_str();
    let decision = |d: &'a model::Decision| d.meta.id.as_str();
    let person = |s: &'a model::Stakeholder| s.meta.id.as_str();
    let update = |u: &'a model::Update| u.meta.id.as_str();
    let assumption = |a: &'a model::Assumption| a.meta.id.as_str();
    let conv = |c: &'a crate::conversations::Conversation| c.meta.id.as_str();
    // The conversations about document `ix` of a kind, newest first; `None`
    // in a public export, whose portal keeps no log.
    let talks = |by: &[Vec<usize>], ix: usize| {
        (!public).then(|| {
            ids(
                &p.conversations,
                by.get(ix).map_or(&[][..], Vec::as_slice),
                conv,
            )
        })
    };
    let v = &p.vision;
    Export {
        version: VERSION,
        generator: format!("cairn {}", env!("CARGO_PKG_VERSION")),
        today: p.today.to_string(),
        public,
        drafts,
        portal: PortalInfo {
            title: &p.config.title,
            description: p.config.description.as_deref(),
            base_url: p.config.base_url.as_deref(),
            language: &p.config.language,
        },
        vision: Vision {
            meta: meta(&v.meta, Kind::Vision),
            title: &v.written.title,
            statement: &v.written.statement,
            target_group: &v.written.target_group,
            needs: &v.written.needs,
            product: v.written.product.as_deref(),
            non_goals: &v.written.non_goals,
            constraints: &v.written.constraints,
        },
        goals: p
            .goals
            .iter()
            .enumerate()
            .map(|(ix, g)| Goal {
                id: &g.id,
                page: kind::goal_page(&g.id),
                title: &g.written.title,
                metric: g.written.metric.as_deref(),
                baseline: g.baseline.as_deref(),
                target: g.target.as_deref(),
                by: g.written.by.map(|d| d.to_string()),
                unit: g.written.unit.as_deref(),
                numeric_target: g.numeric_target,
                readings: g.readings.iter().map(reading).collect(),
                outcome: g.outcome.as_ref().map(outcome),
                items: ids(&p.items, &g.items, item),
                decisions: ids(&p.decisions, &g.decisions, decision),
                assumptions: ids(&p.assumptions, &g.assumptions, assumption),
                conversations: talks(&p.log.by_goal, ix),
                progress: Progress::from(&g.progress),
            })
            .collect(),
        items: p
            .items
            .iter()
            .enumerate()
            .map(|(ix, i)| Item {
                meta: meta(&i.meta, Kind::Backlog),
                title: &i.written.title,
                level: i.level(),
                status: i.written.status,
                priority: i.written.priority,
                parent: i.parent.map(|x| item(&p.items[x])),
                trail: ids(&p.items, &i.ancestors, item),
                children: ids(&p.items, &i.children, item),
                serves: ids(&p.goals, &i.serves, goal),
                goals: ids(&p.goals, &i.goals, goal),
                requested_by: ids(&p.stakeholders, &i.requested_by, person),
                tradeoffs: ids(&p.decisions, &i.decisions, decision),
                estimate: i.written.estimate,
                value: i.written.value,
                horizon: i.horizon(),
                roadmap: roadmap_column(i),
                confidence: i.written.confidence,
                depends_on: ids(&p.items, &i.depends_on, item),
                needed_by: ids(&p.items, &i.needed_by, item),
                blocked_by: ids(&p.items, &crate::roadmap::blocked_by(p, ix), item),
                assumptions: ids(&p.assumptions, &i.assumptions, assumption),
                conversations: talks(&p.log.by_item, ix),
                progress: below(p, i),
            })
            .collect(),
        decisions: p
            .decisions
            .iter()
            .enumerate()
            .map(|(ix, d)| Decision {
                meta: meta(&d.meta, Kind::Decision),
                title: &d.written.title,
                status: d.status(),
                date: d.date().to_string(),
                chosen: d
                    .options
                    .iter()
                    .find(|o| o.written.chosen)
                    .map(|o| o.written.name.as_str()),
                serves: ids(&p.goals, &d.serves, goal),
                decided_by: ids(&p.stakeholders, &d.decided_by, person),
                consulted: ids(&p.stakeholders, &d.consulted, person),
                informed: ids(&p.stakeholders, &d.informed, person),
                affects: ids(&p.stakeholders, &d.affects, person),
                supersedes: ids(&p.decisions, &d.supersedes, decision),
                superseded_by: ids(&p.decisions, &d.superseded_by, decision),
                not_pursued: &d.written.not_pursued,
                options: d
                    .options
                    .iter()
                    .map(|o| DecisionOption {
                        name: &o.written.name,
                        chosen: o.written.chosen,
                        value: o.written.value.as_deref(),
                        cost: o.written.cost.as_deref(),
                        cost_of_delay: o.written.cost_of_delay.as_deref(),
                        cod_per_week: o.written.cod_per_week,
                        duration_weeks: o.written.duration_weeks,
                        cd3: o.cd3,
                        cd3_rank: o.rank,
                    })
                    .collect(),
                cd3: d.cd3.map(|c| Cd3 {
                    best: &d.options[c.best].written.name,
                    chosen_is_best: c.chosen_is_best,
                    opportunity_cost: c.opportunity_cost,
                }),
                items: ids(&p.items, &d.items, item),
                conversations: talks(&p.log.by_decision, ix),
            })
            .collect(),
        stakeholders: p
            .stakeholders
            .iter()
            .enumerate()
            .map(|(ix, s)| Stakeholder {
                meta: meta(&s.meta, Kind::Stakeholder),
                name: &s.written.name,
                position: s.written.position.as_deref(),
                organization: s.written.organization.as_deref(),
                role: s.role(),
                category: s.written.category,
                funding: s.written.funding,
                veto: s.written.veto,
                success: s.written.success.as_deref(),
                motivations: (!public).then_some(s.written.motivations.as_slice()),
                risks: (!public).then_some(s.written.risks.as_slice()),
                management: shown.engagement.then(|| management(s)),
                requested: ids(&p.items, &s.requested, item),
                decided: ids(&p.decisions, &s.decided, decision),
                consulted: ids(&p.decisions, &s.consulted, decision),
                informed: ids(&p.decisions, &s.informed, decision),
                affected: ids(&p.decisions, &s.affected, decision),
                updates: ids(&p.updates, &s.updates, update),
                conversations: talks(&p.log.by_stakeholder, ix),
            })
            .collect(),
        updates: p
            .updates
            .iter()
            .map(|u| Update {
                meta: meta(&u.meta, Kind::Update),
                title: &u.written.title,
                date: u.date.to_string(),
                audience: ids(&p.stakeholders, &u.audience, person),
            })
            .collect(),
        assumptions: p
            .assumptions
            .iter()
            .map(|a| Assumption {
                meta: meta(&a.meta, Kind::Assumption),
                title: &a.written.title,
                status: a.written.status,
                importance: a.importance(),
                evidence: a.evidence(),
                test_first: a.test_first,
                serves: ids(&p.goals, &a.serves, goal),
                underlies: ids(&p.items, &a.underlies, item),
                test: a.written.test.as_deref(),
                learned: a.written.learned.map(|d| d.to_string()),
            })
            .collect(),
        // Team notes: a public portal holds none, and a public export
        // leaves out even the (empty) list.
        conversations: (!public).then(|| {
            p.conversations
                .iter()
                .enumerate()
                .map(|(ix, c)| Conversation {
                    meta: meta(&c.meta, Kind::Conversation),
                    title: &c.written.title,
                    date: c.date.to_string(),
                    with: ids(&p.stakeholders, &c.with, person),
                    mode: c.mode(),
                    goals: ids(&p.goals, &c.goals, goal),
                    decisions: ids(&p.decisions, &c.decisions, decision),
                    items: ids(&p.items, &c.items, item),
                    follow_up: c.follow_up().map(|d| d.to_string()),
                    follow_up_owed: crate::conversations::follow_up_owed(p, ix).is_some(),
                })
                .collect()
        }),
        health: shown.health.then_some(health),
    }
}

fn reading(r: &model_outcome::Reading) -> Reading<'_> {
    Reading {
        date: r.date.to_string(),
        value: r.value,
        note: r.note.as_deref(),
    }
}

fn outcome(o: &model_outcome::Outcome) -> Outcome<'_> {
    Outcome {
        baseline: o.baseline,
        target: o.target,
        lower_is_better: o.lower_is_better,
        latest: reading(&o.latest),
        share: o.share,
        projected: o.projected,
        state: o.state,
    }
}

fn roadmap_column(i: &model::Item) -> RoadmapColumn {
    use crate::keywords::Horizon;
    use crate::roadmap::Column;
    match crate::roadmap::column(i) {
        Column::Horizon(Horizon::Now) => RoadmapColumn::Now,
        Column::Horizon(Horizon::Next) => RoadmapColumn::Next,
        Column::Horizon(Horizon::Later) => RoadmapColumn::Later,
        Column::Done => RoadmapColumn::Done,
        Column::Off => RoadmapColumn::Off,
    }
}

fn management(s: &model::Stakeholder) -> Management {
    Management {
        power: s.power(),
        interest: s.interest(),
        engagement: s.engagement,
        engagement_is_default: s.engagement_is_default,
        cadence_days: s.written.cadence_days,
        last_contact: s.last_contact.map(|d| d.to_string()),
        next_due: s.next_due.map(|d| d.to_string()),
        overdue: s.overdue.is_some(),
    }
}
