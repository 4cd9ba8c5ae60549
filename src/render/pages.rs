//! Which pages a portal has, where each lands, which template lays it out,
//! and the data it gets. One function per page kind.

use serde::Serialize;
use tera::Context;

use super::format;
use super::views::{
    self, DecisionRef, GoalRef, ItemRef, StakeholderRef, UpdateRef, Word, decision_ref, goal_ref,
    item_ref, stakeholder_ref, update_ref,
};
use crate::keywords::{Keyword, Role};
use crate::kind::{self, Kind};
use crate::model::Portal;

/// One page of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageId {
    Home,
    Vision,
    Goals,
    Goal(usize),
    Stakeholders,
    Stakeholder(usize),
    Decisions,
    Decision(usize),
    Backlog,
    Item(usize),
    Updates,
    Update(usize),
    NotFound,
}

/// Every page of `portal`, in a stable order.
pub fn all(portal: &Portal) -> Vec<PageId> {
    let mut pages = vec![
        PageId::Home,
        PageId::Vision,
        PageId::Goals,
        PageId::Stakeholders,
        PageId::Decisions,
        PageId::Backlog,
        PageId::Updates,
        PageId::NotFound,
    ];
    pages.extend((0..portal.goals.len()).map(PageId::Goal));
    pages.extend((0..portal.stakeholders.len()).map(PageId::Stakeholder));
    pages.extend((0..portal.decisions.len()).map(PageId::Decision));
    pages.extend((0..portal.items.len()).map(PageId::Item));
    pages.extend((0..portal.updates.len()).map(PageId::Update));
    pages
}

/// What the page header and navigation need.
#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    /// Prefix that leads from this page to the output root.
    root: String,
    /// Root-relative path of this page.
    path: &'a str,
    /// Which navigation entry is current.
    section: &'static str,
}

/// A page ready to render: where, with which template, with what data.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Builds the template data of one page.
pub fn job(p: &Portal, page: PageId) -> Job {
    let mut ctx = Context::new();
    let (path, template, section, title): (String, &'static str, &'static str, String) = match page
    {
        PageId::Home => {
            home(p, &mut ctx);
            (
                "index.html".into(),
                "home.html",
                "home",
                p.vision.title.clone(),
            )
        }
        PageId::Vision => {
            vision(p, &mut ctx);
            (
                Kind::Vision.page(""),
                "vision.html",
                "vision",
                p.vision.title.clone(),
            )
        }
        PageId::Goals => {
            let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
            ctx.insert("goals", &goals);
            (
                "goals/index.html".into(),
                "goals.html",
                "goals",
                "Goals".into(),
            )
        }
        PageId::Goal(i) => {
            goal(p, i, &mut ctx);
            (
                kind::goal_page(&p.goals[i].id),
                "goal.html",
                "goals",
                p.goals[i].title.clone(),
            )
        }
        PageId::Stakeholders => {
            stakeholders(p, &mut ctx);
            (
                Kind::Stakeholder.index_page(),
                "stakeholders.html",
                "stakeholders",
                "Stakeholders".into(),
            )
        }
        PageId::Stakeholder(i) => {
            stakeholder(p, i, &mut ctx);
            let s = &p.stakeholders[i];
            (
                Kind::Stakeholder.page(&s.meta.id),
                "stakeholder.html",
                "stakeholders",
                s.name.clone(),
            )
        }
        PageId::Decisions => {
            let mut order: Vec<usize> = (0..p.decisions.len()).collect();
            order.sort_by(|&a, &b| p.decisions[b].date.cmp(&p.decisions[a].date));
            let list: Vec<DecisionRef> = order
                .iter()
                .map(|&d| decision_ref(p, &p.decisions[d]))
                .collect();
            ctx.insert("decisions", &list);
            (
                Kind::Tradeoff.index_page(),
                "decisions.html",
                "decisions",
                "Decisions".into(),
            )
        }
        PageId::Decision(i) => {
            decision(p, i, &mut ctx);
            let d = &p.decisions[i];
            (
                Kind::Tradeoff.page(&d.meta.id),
                "decision.html",
                "decisions",
                d.title.clone(),
            )
        }
        PageId::Backlog => {
            let all: Vec<usize> = (0..p.items.len()).collect();
            ctx.insert("tree", &views::tree(p, &all));
            ctx.insert("count", &p.items.len());
            (
                Kind::Backlog.index_page(),
                "backlog.html",
                "backlog",
                "Backlog".into(),
            )
        }
        PageId::Item(i) => {
            item(p, i, &mut ctx);
            let it = &p.items[i];
            (
                Kind::Backlog.page(&it.meta.id),
                "item.html",
                "backlog",
                it.title.clone(),
            )
        }
        PageId::Updates => {
            let list: Vec<UpdateRef> = updates_by_date(p)
                .into_iter()
                .map(|u| update_ref(&p.updates[u]))
                .collect();
            ctx.insert("updates", &list);
            (
                Kind::Update.index_page(),
                "updates.html",
                "updates",
                "Updates".into(),
            )
        }
        PageId::Update(i) => {
            update(p, i, &mut ctx);
            let u = &p.updates[i];
            (
                Kind::Update.page(&u.meta.id),
                "update.html",
                "updates",
                u.title.clone(),
            )
        }
        PageId::NotFound => ("404.html".into(), "404.html", "", "Page not found".into()),
    };
    let root = if page == PageId::NotFound {
        // Served at any depth: only absolute links work there.
        p.config.base_url.clone().unwrap_or_else(|| "/".into())
    } else {
        root_for(&path)
    };
    ctx.insert(
        "page",
        &PageInfo {
            title: &title,
            root,
            path: &path,
            section,
        },
    );
    Job {
        path,
        template,
        context: ctx,
    }
}

fn updates_by_date(p: &Portal) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.updates.len()).collect();
    order.sort_by(|&a, &b| p.updates[b].date.cmp(&p.updates[a].date));
    order
}

#[derive(Serialize)]
struct VisionView<'a> {
    title: &'a str,
    statement: &'a str,
    target_group: &'a str,
    needs: &'a [String],
    product: Option<&'a str>,
    non_goals: &'a [String],
    constraints: &'a [String],
    body: &'a str,
    href: String,
}

fn vision_view(p: &Portal) -> VisionView<'_> {
    let v = &p.vision;
    VisionView {
        title: &v.title,
        statement: &v.statement,
        target_group: &v.target_group,
        needs: &v.needs,
        product: v.product.as_deref(),
        non_goals: &v.non_goals,
        constraints: &v.constraints,
        body: &v.meta.body.html,
        href: Kind::Vision.page(""),
    }
}

fn home(p: &Portal, ctx: &mut Context) {
    ctx.insert("vision", &vision_view(p));
    let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
    ctx.insert("goals", &goals);
    let mut order: Vec<usize> = (0..p.decisions.len()).collect();
    order.sort_by(|&a, &b| p.decisions[b].date.cmp(&p.decisions[a].date));
    let decisions: Vec<DecisionRef> = order
        .iter()
        .take(5)
        .map(|&d| decision_ref(p, &p.decisions[d]))
        .collect();
    ctx.insert("latest_decisions", &decisions);
    let updates: Vec<UpdateRef> = updates_by_date(p)
        .into_iter()
        .take(5)
        .map(|u| update_ref(&p.updates[u]))
        .collect();
    ctx.insert("latest_updates", &updates);
}

fn vision(p: &Portal, ctx: &mut Context) {
    ctx.insert("vision", &vision_view(p));
    let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
    ctx.insert("goals", &goals);
}

fn goal(p: &Portal, i: usize, ctx: &mut Context) {
    let g = &p.goals[i];
    ctx.insert("goal", &goal_ref(g));
    ctx.insert("tree", &views::tree(p, &g.items));
    let decisions: Vec<DecisionRef> = g
        .decisions
        .iter()
        .map(|&d| decision_ref(p, &p.decisions[d]))
        .collect();
    ctx.insert("decisions", &decisions);
}

#[derive(Serialize)]
struct RoleGroup<'a> {
    role: Word,
    people: Vec<StakeholderRef<'a>>,
}

fn stakeholders(p: &Portal, ctx: &mut Context) {
    let groups: Vec<RoleGroup> = Role::ALL
        .iter()
        .map(|&(_, role)| {
            let mut people: Vec<&crate::model::Stakeholder> =
                p.stakeholders.iter().filter(|s| s.role == role).collect();
            people.sort_by(|a, b| a.name.cmp(&b.name));
            RoleGroup {
                role: Word::of(role),
                people: people.into_iter().map(stakeholder_ref).collect(),
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
    engagement_is_default: bool,
    cadence_days: Option<u32>,
    last_contact: Option<String>,
    next_due: Option<String>,
    success: Option<&'a str>,
    motivations: &'a [String],
    risks: &'a [String],
    body: &'a str,
}

fn stakeholder(p: &Portal, i: usize, ctx: &mut Context) {
    let s = &p.stakeholders[i];
    ctx.insert(
        "stakeholder",
        &StakeholderView {
            base: stakeholder_ref(s),
            category: s.category.map(Word::of),
            engagement_is_default: s.engagement_is_default,
            cadence_days: s.cadence_days,
            last_contact: s.last_contact.map(format::date),
            next_due: s.next_due.map(format::date),
            success: s.success.as_deref(),
            motivations: &s.motivations,
            risks: &s.risks,
            body: &s.meta.body.html,
        },
    );
    let decisions = |list: &[usize]| -> Vec<DecisionRef> {
        list.iter()
            .map(|&d| decision_ref(p, &p.decisions[d]))
            .collect()
    };
    let requested: Vec<ItemRef> = s
        .requested
        .iter()
        .map(|&it| item_ref(&p.items[it]))
        .collect();
    ctx.insert("requested", &requested);
    ctx.insert("decided", &decisions(&s.decided));
    ctx.insert("consulted", &decisions(&s.consulted));
    ctx.insert("informed", &decisions(&s.informed));
    ctx.insert("affected", &decisions(&s.affected));
    let updates: Vec<UpdateRef> = s
        .updates
        .iter()
        .map(|&u| update_ref(&p.updates[u]))
        .collect();
    ctx.insert("updates", &updates);
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

#[derive(Serialize)]
struct Cd3View<'a> {
    chosen_is_best: bool,
    best: &'a str,
    opportunity_cost: Option<String>,
}

fn decision(p: &Portal, i: usize, ctx: &mut Context) {
    let d = &p.decisions[i];
    ctx.insert("decision", &decision_ref(p, d));
    ctx.insert("body", &d.meta.body.html);
    let options: Vec<OptionView> = d
        .options
        .iter()
        .map(|o| OptionView {
            name: &o.name,
            chosen: o.chosen,
            value: o.value.as_deref(),
            cost: o.cost.as_deref(),
            cost_of_delay: o.cost_of_delay.as_deref(),
            cod_per_week: o.cod_per_week.map(format::number),
            duration_weeks: o.duration_weeks.map(format::number),
            cd3: o.cd3.map(format::number),
            rank: o.rank,
        })
        .collect();
    ctx.insert("has_cd3", &d.options.iter().any(|o| o.cd3.is_some()));
    ctx.insert("options", &options);
    ctx.insert(
        "cd3",
        &d.cd3.map(|v| Cd3View {
            chosen_is_best: v.chosen_is_best,
            best: &d.options[v.best].name,
            opportunity_cost: v.opportunity_cost.map(format::number),
        }),
    );
    ctx.insert("not_pursued", &d.not_pursued);
    let people = |list: &[usize]| -> Vec<StakeholderRef> {
        list.iter()
            .map(|&s| stakeholder_ref(&p.stakeholders[s]))
            .collect()
    };
    ctx.insert("decided_by", &people(&d.decided_by));
    ctx.insert("consulted", &people(&d.consulted));
    ctx.insert("informed", &people(&d.informed));
    ctx.insert("affects", &people(&d.affects));
    let refs = |list: &[usize]| -> Vec<DecisionRef> {
        list.iter()
            .map(|&x| decision_ref(p, &p.decisions[x]))
            .collect()
    };
    ctx.insert("supersedes", &refs(&d.supersedes));
    ctx.insert("superseded_by", &refs(&d.superseded_by));
    let goals: Vec<GoalRef> = d.serves.iter().map(|&g| goal_ref(&p.goals[g])).collect();
    ctx.insert("serves", &goals);
    let items: Vec<ItemRef> = d.items.iter().map(|&it| item_ref(&p.items[it])).collect();
    ctx.insert("items", &items);
}

fn item(p: &Portal, i: usize, ctx: &mut Context) {
    let it = &p.items[i];
    ctx.insert("item", &item_ref(it));
    ctx.insert("body", &it.meta.body.html);
    ctx.insert("value", &it.value.map(format::number));
    let goals: Vec<GoalRef> = it.goals.iter().map(|&g| goal_ref(&p.goals[g])).collect();
    ctx.insert("goals", &goals);
    let ancestors: Vec<ItemRef> = it
        .ancestors
        .iter()
        .map(|&a| item_ref(&p.items[a]))
        .collect();
    ctx.insert("ancestors", &ancestors);
    let mut children = it.children.clone();
    views::sort_items(p, &mut children);
    let children: Vec<ItemRef> = children.iter().map(|&c| item_ref(&p.items[c])).collect();
    ctx.insert("children", &children);
    let requested: Vec<StakeholderRef> = it
        .requested_by
        .iter()
        .map(|&s| stakeholder_ref(&p.stakeholders[s]))
        .collect();
    ctx.insert("requested_by", &requested);
    let decisions: Vec<DecisionRef> = it
        .decisions
        .iter()
        .map(|&d| decision_ref(p, &p.decisions[d]))
        .collect();
    ctx.insert("decisions", &decisions);
    ctx.insert("vision_href", &Kind::Vision.page(""));
    ctx.insert("vision_title", &p.vision.title);
}

fn update(p: &Portal, i: usize, ctx: &mut Context) {
    let u = &p.updates[i];
    ctx.insert("update", &update_ref(u));
    ctx.insert("body", &u.meta.body.html);
    let audience: Vec<StakeholderRef> = u
        .audience
        .iter()
        .map(|&s| stakeholder_ref(&p.stakeholders[s]))
        .collect();
    ctx.insert("audience", &audience);
}
