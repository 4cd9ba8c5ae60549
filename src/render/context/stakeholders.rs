//! The data of the stakeholder list and of a stakeholder's page.

use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::{body_html, list};
use crate::format;
use crate::keywords::{Keyword, Role};
use crate::markdown::Rendered;
use crate::model::Portal;
use crate::render::views::{StakeholderRef, UpdateRef, Values, Word, stakeholder_ref, update_ref};

#[derive(Serialize)]
struct RoleGroup<'a> {
    role: Word,
    /// "Users".
    heading: String,
    people: Vec<StakeholderRef<'a>>,
}

pub(super) fn stakeholders(p: &Portal, ctx: &mut Context) {
    let groups: Vec<RoleGroup> = Role::ALL
        .iter()
        .map(|&(_, role)| {
            let mut people: Vec<&crate::model::Stakeholder> =
                p.stakeholders.iter().filter(|s| s.role() == role).collect();
            people.sort_by(|a, b| a.written.name.cmp(&b.written.name));
            RoleGroup {
                role: Word::of(role),
                heading: format!("{}s", role.label()),
                people: people.into_iter().map(|s| stakeholder_ref(p, s)).collect(),
            }
        })
        .filter(|g| !g.people.is_empty())
        .collect();
    ctx.insert("groups", &groups);
}

#[derive(Serialize)]
struct StakeholderView<'a> {
    #[serde(flatten)]
    base: StakeholderRef<'a>,
    category: Option<Word>,
    /// "Head of operations, Acme": position and organization, either.
    works_as: Option<String>,
    /// Absent where the build may not show how the team manages people.
    #[serde(flatten)]
    contact: Option<ContactView>,
    success: Option<&'a str>,
    motivations: &'a [String],
    risks: &'a [String],
    #[serde(serialize_with = "body_html")]
    body: Arc<Rendered>,
}

/// When the team talks to a stakeholder.
#[derive(Serialize)]
struct ContactView {
    engagement_is_default: bool,
    cadence_days: Option<u32>,
    /// "14 days".
    cadence: Option<String>,
    last_contact: Option<String>,
    next_due: Option<String>,
}

pub(super) fn stakeholder(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let s = &p.stakeholders[i];
    ctx.insert(
        "stakeholder",
        &StakeholderView {
            base: stakeholder_ref(p, s),
            category: s.written.category.map(Word::of),
            works_as: works_as(
                s.written.position.as_deref(),
                s.written.organization.as_deref(),
            ),
            contact: p.shows.engagement.then(|| ContactView {
                engagement_is_default: s.engagement_is_default,
                cadence_days: s.written.cadence_days,
                cadence: s
                    .written
                    .cadence_days
                    .map(|d| format::count(d as usize, "day")),
                last_contact: s.last_contact.map(format::date),
                next_due: s.next_due.map(format::date),
            }),
            success: s.written.success.as_deref(),
            motivations: &s.written.motivations,
            risks: &s.written.risks,
            body: p.body(&s.meta),
        },
    );
    let decisions = |ids: &[usize]| {
        let mut ids = ids.to_vec();
        ids.sort_by(|&a, &b| p.decisions[b].date().cmp(&p.decisions[a].date()));
        list(&ids, |d| values.decision(p, d))
    };
    ctx.insert_value("requested", list(&s.requested, |it| values.item(p, it)));
    let mut goals: Vec<usize> = s
        .requested
        .iter()
        .flat_map(|&it| p.items[it].goals.iter().copied())
        .collect();
    goals.sort_unstable();
    goals.dedup();
    ctx.insert_value("goals", list(&goals, |g| values.goal(p, g)));
    ctx.insert_value("decided", decisions(&s.decided));
    ctx.insert_value("consulted", decisions(&s.consulted));
    ctx.insert_value("informed", decisions(&s.informed));
    ctx.insert_value("affected", decisions(&s.affected));
    let updates: Vec<UpdateRef> = s
        .updates
        .iter()
        .map(|&u| update_ref(&p.updates[u]))
        .collect();
    ctx.insert("updates", &updates);
    ctx.insert("log", &crate::conversations::views::stakeholder(p, i));
}

fn works_as(position: Option<&str>, organization: Option<&str>) -> Option<String> {
    let position = position.filter(|s| !s.is_empty());
    let organization = organization.filter(|s| !s.is_empty());
    match (position, organization) {
        (Some(position), Some(organization)) => Some(format!("{position}, {organization}")),
        (one, other) => one.or(other).map(String::from),
    }
}
