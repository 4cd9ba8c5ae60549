//! The data of the decision log and of a decision's page.

use serde::Serialize;
use tera::Context;

use super::list;
use crate::format;
use crate::keywords::{DecisionStatus, Keyword};
use crate::model::Portal;
use crate::pages::{self, PageId};
use crate::render::views::{DecisionRef, Values, Word, decision_ref};

/// A tab of the decision log.
#[derive(Serialize)]
struct StatusTab {
    title: &'static str,
    href: String,
    count: usize,
    current: bool,
}

pub(super) fn decision_log(p: &Portal, only: Option<DecisionStatus>, ctx: &mut Context) {
    let mut order: Vec<usize> = (0..p.decisions.len())
        .filter(|&d| only.is_none_or(|s| p.decisions[d].status() == s))
        .collect();
    order.sort_by(|&a, &b| {
        p.decisions[b].date().cmp(&p.decisions[a].date()).then(
            p.decisions[a]
                .written
                .title
                .cmp(&p.decisions[b].written.title),
        )
    });
    let list: Vec<DecisionRef> = order
        .iter()
        .map(|&d| decision_ref(p, &p.decisions[d]))
        .collect();
    ctx.insert("decisions", &list);
    let mut tabs = vec![StatusTab {
        title: "All",
        href: pages::path(p, PageId::Decisions),
        count: p.decisions.len(),
        current: only.is_none(),
    }];
    tabs.extend(DecisionStatus::ALL.iter().map(|&(_, s)| StatusTab {
        title: s.label(),
        href: pages::status_page(s),
        count: p.decisions.iter().filter(|d| d.status() == s).count(),
        current: only == Some(s),
    }));
    ctx.insert("tabs", &tabs);
    ctx.insert("filter", &only.map(Word::of));
}

#[derive(Serialize)]
struct OptionView<'a> {
    name: &'a str,
    chosen: bool,
    value: Option<&'a str>,
    cost: Option<&'a str>,
    cost_of_delay: Option<&'a str>,
    cod_per_week: Option<String>,
    duration_weeks: Option<String>,
    cd3: Option<String>,
    rank: Option<usize>,
}

/// What the page calls the option the decision picked: "proposed" while
/// the decision is, "chosen" once made.
#[derive(Serialize)]
struct Picked {
    /// The badge: "Proposed", "Chosen".
    label: &'static str,
    /// In a sentence: "the proposed option".
    word: &'static str,
}

impl Picked {
    fn of(status: DecisionStatus) -> Self {
        match status {
            DecisionStatus::Proposed => Picked {
                label: "Proposed",
                word: "proposed",
            },
            _ => Picked {
                label: "Chosen",
                word: "chosen",
            },
        }
    }
}

#[derive(Serialize)]
struct Cd3View<'a> {
    chosen_is_best: bool,
    best: &'a str,
    opportunity_cost: Option<String>,
}

pub(super) fn decision(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let d = &p.decisions[i];
    ctx.insert_value("decision", values.decision(p, i));
    ctx.insert_value("body", p.body(&d.meta).html.as_str().into());
    let options: Vec<OptionView> = d
        .options
        .iter()
        .map(|o| OptionView {
            name: &o.written.name,
            chosen: o.written.chosen,
            value: o.written.value.as_deref(),
            cost: o.written.cost.as_deref(),
            cost_of_delay: o.written.cost_of_delay.as_deref(),
            cod_per_week: o.written.cod_per_week.map(format::number),
            duration_weeks: o.written.duration_weeks.map(format::number),
            cd3: o.cd3.map(format::number),
            rank: o.rank,
        })
        .collect();
    ctx.insert("picked", &Picked::of(d.status()));
    ctx.insert("has_cd3", &d.options.iter().any(|o| o.cd3.is_some()));
    ctx.insert("options", &options);
    ctx.insert(
        "cd3",
        &d.cd3.map(|v| Cd3View {
            chosen_is_best: v.chosen_is_best,
            best: &d.options[v.best].written.name,
            opportunity_cost: v.opportunity_cost.map(format::number),
        }),
    );
    ctx.insert("not_pursued", &d.written.not_pursued);
    let people = |ids: &[usize]| list(ids, |s| values.stakeholder(p, s));
    ctx.insert_value("decided_by", people(&d.decided_by));
    ctx.insert_value("consulted", people(&d.consulted));
    ctx.insert_value("informed", people(&d.informed));
    ctx.insert_value("affects", people(&d.affects));
    let refs = |ids: &[usize]| list(ids, |x| values.decision(p, x));
    ctx.insert_value("supersedes", refs(&d.supersedes));
    ctx.insert_value("superseded_by", refs(&d.superseded_by));
    ctx.insert_value("serves", list(&d.serves, |g| values.goal(p, g)));
    ctx.insert_value("items", list(&d.items, |it| values.item(p, it)));
    ctx.insert(
        "consultations",
        &crate::conversations::views::consulted(p, i),
    );
}
