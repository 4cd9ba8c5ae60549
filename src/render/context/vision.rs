//! The data of the home, vision and goal pages.

use std::sync::Arc;

use serde::Serialize;
use tera::Context;

use super::{body_html, list};
use crate::health;
use crate::markdown::Rendered;
use crate::model::Portal;
use crate::pages::{self, PageId};
use crate::render::views::{
    DecisionRef, GoalRef, UpdateRef, Values, decision_ref, goal_ref, update_ref,
};

#[derive(Serialize)]
struct VisionView<'a> {
    title: &'a str,
    statement: &'a str,
    target_group: &'a str,
    needs: &'a [String],
    product: Option<&'a str>,
    non_goals: &'a [String],
    constraints: &'a [String],
    #[serde(serialize_with = "body_html")]
    body: Arc<Rendered>,
    href: String,
}

fn vision_view(p: &Portal) -> VisionView<'_> {
    let v = &p.vision;
    VisionView {
        title: &v.written.title,
        statement: &v.written.statement,
        target_group: &v.written.target_group,
        needs: &v.written.needs,
        product: v.written.product.as_deref(),
        non_goals: &v.written.non_goals,
        constraints: &v.written.constraints,
        body: p.body(&v.meta),
        href: pages::path(p, PageId::Vision),
    }
}

pub(super) fn home(p: &Portal, ctx: &mut Context) {
    ctx.insert("vision", &vision_view(p));
    let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
    ctx.insert("goals", &goals);
    let mut order: Vec<usize> = (0..p.decisions.len()).collect();
    order.sort_by(|&a, &b| p.decisions[b].date().cmp(&p.decisions[a].date()));
    let decisions: Vec<DecisionRef> = order
        .iter()
        .take(5)
        .map(|&d| decision_ref(p, &p.decisions[d]))
        .collect();
    ctx.insert("latest_decisions", &decisions);
    let updates: Vec<UpdateRef> = super::updates::updates_by_date(p)
        .into_iter()
        .take(5)
        .map(|u| update_ref(&p.updates[u]))
        .collect();
    ctx.insert("latest_updates", &updates);
    ctx.insert("health", &health_view(p));
    ctx.insert("quick_links", &crate::pages::nav::quick_links(p));
}

/// The home page's health section, where the build may show it.
#[derive(Serialize)]
struct HealthView {
    findings: Vec<health::Finding>,
}

fn health_view(p: &Portal) -> Option<HealthView> {
    p.shows.health.then(|| HealthView {
        findings: health::findings(p),
    })
}

pub(super) fn vision(p: &Portal, ctx: &mut Context) {
    ctx.insert("vision", &vision_view(p));
    let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
    ctx.insert("goals", &goals);
}

pub(super) fn goal(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let g = &p.goals[i];
    ctx.insert_value("goal", values.goal(p, i));
    ctx.insert("chart", &crate::render::chart::svg(g));
    ctx.insert("readings", &crate::render::outcome_views::reading_rows(g));
    let rests_on = crate::render::assumption_views::refs(p, &g.assumptions);
    ctx.insert("rests_on", &rests_on);
    ctx.insert("tree", &crate::render::tree::tree(p, values, &g.items));
    ctx.insert_value("decisions", list(&g.decisions, |d| values.decision(p, d)));
    ctx.insert(
        "conversations",
        &crate::conversations::views::about_goal(p, i),
    );
}
