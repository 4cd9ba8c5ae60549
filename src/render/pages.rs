//! Which pages a portal has, where each lands, which template lays it out,
//! and the data it gets. One function per page kind.

use serde::Serialize;
use tera::Context;

use super::format;
use super::views::{
    self, DecisionRef, GoalRef, StakeholderRef, UpdateRef, Values, Word, decision_ref, goal_ref,
    stakeholder_ref, update_ref,
};
use super::{backlog_views, stakeholder_views};
use crate::health;
use crate::history::views as history_views;
use crate::keywords::{DecisionStatus, Keyword, Role};
use crate::kind::{self, Kind};
use crate::markdown::Rendered;
use crate::model::Portal;
use crate::page_links;
use std::sync::Arc;

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
    Board,
    Moscow,
    Traceability,
    Engagement,
    /// (v2)
    Roadmap,
    /// (v2)
    Assumptions,
    /// (v2)
    Assumption(usize),
    DecisionsWith(DecisionStatus),
    Feed,
    Sitemap,
    /// The engagement log (team builds that keep one).
    Conversations,
    Conversation(usize),
    /// What changed (`changes.html`), when history was read.
    Changes,
    /// Its Atom feed (`changes.xml`), with `base_url`.
    ChangesFeed,
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
        PageId::Board,
        PageId::Moscow,
        PageId::Traceability,
        PageId::Roadmap,
        PageId::Assumptions,
    ];
    // How the team manages people is a page only where it may be shown.
    if portal.shows.engagement {
        pages.push(PageId::Engagement);
    }
    pages.extend(
        DecisionStatus::ALL
            .iter()
            .map(|&(_, s)| PageId::DecisionsWith(s)),
    );
    if portal.config.base_url.is_some() {
        pages.push(PageId::Feed);
        pages.push(PageId::Sitemap);
    }
    if history_views::has_changes_page(portal) {
        pages.push(PageId::Changes);
        if portal.config.base_url.is_some() {
            pages.push(PageId::ChangesFeed);
        }
    }
    pages.extend((0..portal.goals.len()).map(PageId::Goal));
    pages.extend((0..portal.stakeholders.len()).map(PageId::Stakeholder));
    pages.extend((0..portal.decisions.len()).map(PageId::Decision));
    pages.extend((0..portal.items.len()).map(PageId::Item));
    pages.extend((0..portal.updates.len()).map(PageId::Update));
    pages.extend((0..portal.assumptions.len()).map(PageId::Assumption));
    if crate::conversations::kept(portal) {
        pages.push(PageId::Conversations);
        pages.extend((0..portal.conversations.len()).map(PageId::Conversation));
    }
    pages
}

/// What every template gets as `page`.
#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    /// Root-relative path of this page.
    path: &'a str,
    #[serde(flatten)]
    header: &'a HeaderKey,
}

/// The part of `page` the site header sees, the same for every page of a
/// section at one folder depth: the header is laid out once per value.
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
pub struct HeaderKey {
    /// Prefix that leads from the page to the output root.
    pub root: String,
    /// Which navigation entry is current.
    pub section: &'static str,
    /// Whether the page offers search (not the 404 page, which is served
    /// at any depth and must load nothing).
    pub search: bool,
}

/// A page ready to render: where, with which template, with what data.
pub struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: Context,
    pub header: HeaderKey,
}

fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Builds the template data of one page.
pub fn job(p: &Portal, values: &Values, page: PageId) -> Job {
    let mut ctx = Context::new();
    let path = job_path(p, page);
    let (template, section, title): (&'static str, &'static str, String) = match page {
        PageId::Home => {
            home(p, &mut ctx);
            ("home.html", "home", p.vision.title.clone())
        }
        PageId::Vision => {
            vision(p, &mut ctx);
            ("vision.html", "vision", p.vision.title.clone())
        }
        PageId::Goals => {
            let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
            ctx.insert("goals", &goals);
            ("goals.html", "goals", "Goals".into())
        }
        PageId::Goal(i) => {
            goal(p, values, i, &mut ctx);
            ("goal.html", "goals", p.goals[i].title.clone())
        }
        PageId::Stakeholders => {
            stakeholders(p, &mut ctx);
            ("stakeholders.html", "stakeholders", "Stakeholders".into())
        }
        PageId::Stakeholder(i) => {
            stakeholder(p, values, i, &mut ctx);
            (
                "stakeholder.html",
                "stakeholders",
                p.stakeholders[i].name.clone(),
            )
        }
        PageId::Decisions => {
            decision_log(p, None, &mut ctx);
            ("decisions.html", "decisions", "Decisions".into())
        }
        PageId::DecisionsWith(status) => {
            decision_log(p, Some(status), &mut ctx);
            (
                "decisions.html",
                "decisions",
                format!("{} decisions", status.label()),
            )
        }
        PageId::Decision(i) => {
            decision(p, values, i, &mut ctx);
            ("decision.html", "decisions", p.decisions[i].title.clone())
        }
        PageId::Backlog => {
            let all: Vec<usize> = (0..p.items.len()).collect();
            ctx.insert("tree", &views::tree(p, values, &all));
            ctx.insert("count", &p.items.len());
            ctx.insert("count_text", &format::count(p.items.len(), "item"));
            ("backlog.html", "backlog", "Backlog".into())
        }
        PageId::Item(i) => {
            item(p, values, i, &mut ctx);
            ("item.html", "backlog", p.items[i].title.clone())
        }
        PageId::Board => {
            ctx.insert("board", &backlog_views::board(p, values));
            ("board.html", "backlog", "Board".into())
        }
        PageId::Moscow => {
            ctx.insert("moscow", &backlog_views::moscow(p, values));
            ("moscow.html", "backlog", "MoSCoW priorities".into())
        }
        PageId::Traceability => {
            ctx.insert("trace", &backlog_views::traceability(p, values));
            ("traceability.html", "backlog", "Traceability".into())
        }
        PageId::Updates => {
            let list: Vec<UpdateRef> = updates_by_date(p)
                .into_iter()
                .map(|u| update_ref(&p.updates[u]))
                .collect();
            ctx.insert("updates", &list);
            ("updates.html", "updates", "Updates".into())
        }
        PageId::Update(i) => {
            update(p, i, &mut ctx);
            ("update.html", "updates", p.updates[i].title.clone())
        }
        PageId::Engagement => {
            ctx.insert("map", &stakeholder_views::map(p));
            ctx.insert("plan", &stakeholder_views::plan(p));
            ("engagement.html", "stakeholders", "Engagement".into())
        }
        PageId::Roadmap => {
            ctx.insert("roadmap", &super::roadmap_views::roadmap(p));
            ("roadmap.html", "roadmap", "Roadmap".into())
        }
        PageId::Assumptions => {
            let page = super::assumption_views::page(p, &root_for(&path));
            ctx.insert("assumptions", &page);
            ("assumptions.html", "assumptions", "Assumptions".into())
        }
        PageId::Assumption(i) => {
            let a = &p.assumptions[i];
            ctx.insert("page_data", &super::assumption_views::assumption_page(p, i));
            ctx.insert_value("body", p.body(&a.meta).html.as_str().into());
            ("assumption.html", "assumptions", a.title.clone())
        }
        PageId::Feed => {
            feed(p, &mut ctx);
            ("feed.xml", "", "Updates".into())
        }
        PageId::Sitemap => {
            let urls: Vec<String> = all(p)
                .into_iter()
                .filter_map(|page| html_path(p, page))
                .collect();
            ctx.insert("urls", &urls);
            ("sitemap.xml", "", "Sitemap".into())
        }
        PageId::NotFound => ("404.html", "", "Page not found".into()),
        PageId::Conversations => {
            ctx.insert("log", &crate::conversations::views::log(p));
            (
                "conversations.html",
                "conversations",
                "Conversations".into(),
            )
        }
        PageId::Conversation(i) => {
            let view = crate::conversations::views::conversation(p, i);
            ctx.insert("conversation", &view);
            (
                "conversation.html",
                "conversations",
                p.conversations[i].title.clone(),
            )
        }
        PageId::Changes => {
            super::changes_views::page(p, &mut ctx);
            ("changes.html", "changes", "What changed".into())
        }
        PageId::ChangesFeed => {
            super::changes_views::feed(p, &mut ctx);
            ("changes.xml", "", "What changed".into())
        }
    };
    super::changes_views::extend(p, page, &mut ctx);
    ctx.insert("page_links", &document_links(p, page, &title, &path));
    let root = if page == PageId::NotFound {
        // Served at any depth: only absolute links work there.
        p.config.base_url.clone().unwrap_or_else(|| "/".into())
    } else {
        root_for(&path)
    };
    let header = HeaderKey {
        root,
        section,
        search: page != PageId::NotFound,
    };
    ctx.insert(
        "page",
        &PageInfo {
            title: &title,
            path: &path,
            header: &header,
        },
    );
    Job {
        path,
        template,
        context: ctx,
        header,
    }
}

/// Root-relative path of the decision log filtered to one status.
/// "Edit this page" and "Give feedback" of a document's page (`[links]`).
fn document_links(p: &Portal, page: PageId, title: &str, path: &str) -> Vec<page_links::PageLink> {
    let links = &p.config.links;
    if links.edit.is_none() && links.feedback.is_none() {
        return Vec::new();
    }
    let source = match page {
        PageId::Vision => &p.vision.meta.path,
        PageId::Stakeholder(i) => &p.stakeholders[i].meta.path,
        PageId::Decision(i) => &p.decisions[i].meta.path,
        PageId::Item(i) => &p.items[i].meta.path,
        PageId::Update(i) => &p.updates[i].meta.path,
        PageId::Conversation(i) => &p.conversations[i].meta.path,
        _ => return Vec::new(),
    };
    let url = format!("{}{path}", p.config.base_url.as_deref().unwrap_or_default());
    page_links::for_page(
        links,
        &page_links::Page {
            path: source,
            title,
            url: &url,
        },
    )
}

pub fn status_page(status: DecisionStatus) -> String {
    format!("tradeoffs/status/{}.html", status.key())
}

/// The path of an HTML page worth listing in the sitemap.
fn html_path(p: &Portal, page: PageId) -> Option<String> {
    match page {
        PageId::NotFound | PageId::Feed | PageId::Sitemap | PageId::ChangesFeed => None,
        _ => Some(job_path(p, page)),
    }
}

pub fn job_path(p: &Portal, page: PageId) -> String {
    match page {
        PageId::Home => "index.html".into(),
        PageId::Vision => Kind::Vision.page(""),
        PageId::Goals => "goals/index.html".into(),
        PageId::Goal(i) => kind::goal_page(&p.goals[i].id),
        PageId::Stakeholders => Kind::Stakeholder.index_page(),
        PageId::Stakeholder(i) => Kind::Stakeholder.page(&p.stakeholders[i].meta.id),
        PageId::Decisions => Kind::Tradeoff.index_page(),
        PageId::Decision(i) => Kind::Tradeoff.page(&p.decisions[i].meta.id),
        PageId::Backlog => Kind::Backlog.index_page(),
        PageId::Item(i) => Kind::Backlog.page(&p.items[i].meta.id),
        PageId::Updates => Kind::Update.index_page(),
        PageId::Update(i) => Kind::Update.page(&p.updates[i].meta.id),
        PageId::NotFound => "404.html".into(),
        PageId::Board => "board.html".into(),
        PageId::Moscow => "moscow.html".into(),
        PageId::Traceability => "traceability.html".into(),
        PageId::Engagement => "engagement.html".into(),
        PageId::Roadmap => "roadmap.html".into(),
        PageId::Assumptions => Kind::Assumption.index_page(),
        PageId::Assumption(i) => Kind::Assumption.page(&p.assumptions[i].meta.id),
        PageId::Conversations => Kind::Conversation.index_page(),
        PageId::Conversation(i) => Kind::Conversation.page(&p.conversations[i].meta.id),
        PageId::DecisionsWith(s) => status_page(s),
        PageId::Feed => "feed.xml".into(),
        PageId::Sitemap => "sitemap.xml".into(),
        PageId::Changes => "changes.html".into(),
        PageId::ChangesFeed => "changes.xml".into(),
    }
}

/// A tab of the decision log.
#[derive(Serialize)]
struct StatusTab {
    label: &'static str,
    href: String,
    count: usize,
    current: bool,
}

fn decision_log(p: &Portal, only: Option<DecisionStatus>, ctx: &mut Context) {
    let mut order: Vec<usize> = (0..p.decisions.len())
        .filter(|&d| only.is_none_or(|s| p.decisions[d].status == s))
        .collect();
    order.sort_by(|&a, &b| {
        p.decisions[b]
            .date
            .cmp(&p.decisions[a].date)
            .then(p.decisions[a].title.cmp(&p.decisions[b].title))
    });
    let list: Vec<DecisionRef> = order
        .iter()
        .map(|&d| decision_ref(p, &p.decisions[d]))
        .collect();
    ctx.insert("decisions", &list);
    let mut tabs = vec![StatusTab {
        label: "All",
        href: Kind::Tradeoff.index_page(),
        count: p.decisions.len(),
        current: only.is_none(),
    }];
    tabs.extend(DecisionStatus::ALL.iter().map(|&(_, s)| StatusTab {
        label: s.label(),
        href: status_page(s),
        count: p.decisions.iter().filter(|d| d.status == s).count(),
        current: only == Some(s),
    }));
    ctx.insert("tabs", &tabs);
    ctx.insert("filter", &only.map(Word::of));
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    updated: String,
    content: String,
    audience: Vec<&'a str>,
}

fn feed(p: &Portal, ctx: &mut Context) {
    let base = p.config.base_url.clone().unwrap_or_default();
    let entries: Vec<FeedEntry> = updates_by_date(p)
        .into_iter()
        .map(|i| {
            let u = &p.updates[i];
            FeedEntry {
                title: &u.title,
                url: format!("{base}{}", Kind::Update.page(&u.meta.id)),
                updated: format!("{}T00:00:00Z", u.date),
                // In a feed only absolute links work.
                content: u.meta.body.absolute(&p.bodies, &u.meta.path, &base).html,
                audience: u
                    .audience
                    .iter()
                    .map(|&s| p.stakeholders[s].name.as_str())
                    .collect(),
            }
        })
        .collect();
    let updated = p.updates.iter().map(|u| u.date).max().unwrap_or(p.today);
    ctx.insert("feed_updated", &format!("{updated}T00:00:00Z"));
    ctx.insert("feed_url", &format!("{base}feed.xml"));
    ctx.insert("entries", &entries);
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
    #[serde(serialize_with = "body_html")]
    body: Arc<Rendered>,
    href: String,
}

/// A rendered body as the page shows it.
fn body_html<S: serde::Serializer>(body: &Arc<Rendered>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&body.html)
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
        body: p.body(&v.meta),
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
    ctx.insert("health", &health_view(p));
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

fn vision(p: &Portal, ctx: &mut Context) {
    ctx.insert("vision", &vision_view(p));
    let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
    ctx.insert("goals", &goals);
}

fn goal(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let g = &p.goals[i];
    ctx.insert_value("goal", values.goal(p, i));
    ctx.insert("chart", &super::chart::svg(g));
    ctx.insert("readings", &super::outcome_views::reading_rows(g));
    let rests_on = super::assumption_views::refs(p, &g.assumptions);
    ctx.insert("rests_on", &rests_on);
    ctx.insert("tree", &views::tree(p, values, &g.items));
    ctx.insert_value("decisions", list(&g.decisions, |d| values.decision(p, d)));
    ctx.insert(
        "conversations",
        &crate::conversations::views::about_goal(p, i),
    );
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

fn stakeholder(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let s = &p.stakeholders[i];
    ctx.insert(
        "stakeholder",
        &StakeholderView {
            base: stakeholder_ref(p, s),
            category: s.category.map(Word::of),
            contact: p.shows.engagement.then(|| ContactView {
                engagement_is_default: s.engagement_is_default,
                cadence_days: s.cadence_days,
                cadence: s.cadence_days.map(|d| format::count(d as usize, "day")),
                last_contact: s.last_contact.map(format::date),
                next_due: s.next_due.map(format::date),
            }),
            success: s.success.as_deref(),
            motivations: &s.motivations,
            risks: &s.risks,
            body: p.body(&s.meta),
        },
    );
    let decisions = |ids: &[usize]| {
        let mut ids = ids.to_vec();
        ids.sort_by(|&a, &b| p.decisions[b].date.cmp(&p.decisions[a].date));
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

fn decision(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let d = &p.decisions[i];
    ctx.insert_value("decision", values.decision(p, i));
    ctx.insert_value("body", p.body(&d.meta).html.as_str().into());
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

/// The entries of `ids` as one template list.
fn list(ids: &[usize], entry: impl Fn(usize) -> tera::Value) -> tera::Value {
    ids.iter().map(|&i| entry(i)).collect::<Vec<_>>().into()
}

fn item(p: &Portal, values: &Values, i: usize, ctx: &mut Context) {
    let it = &p.items[i];
    ctx.insert_value("item", values.item(p, i));
    ctx.insert_value("body", p.body(&it.meta).html.as_str().into());
    ctx.insert("value", &it.value.map(format::number));
    ctx.insert_value("goals", list(&it.goals, |g| values.goal(p, g)));
    ctx.insert_value("ancestors", list(&it.ancestors, |a| values.item(p, a)));
    let mut children = it.children.clone();
    views::sort_items(p, &mut children);
    ctx.insert_value("children", list(&children, |c| values.item(p, c)));
    let requested = list(&it.requested_by, |s| values.stakeholder(p, s));
    ctx.insert_value("requested_by", requested);
    ctx.insert_value("decisions", list(&it.decisions, |d| values.decision(p, d)));
    ctx.insert("vision_href", &Kind::Vision.page(""));
    ctx.insert("vision_title", &p.vision.title);
    ctx.insert("deps", &super::roadmap_views::dependencies(p, i));
    let rests_on = super::assumption_views::refs(p, &it.assumptions);
    ctx.insert("rests_on", &rests_on);
    ctx.insert(
        "conversations",
        &crate::conversations::views::about_item(p, i),
    );
}

fn update(p: &Portal, i: usize, ctx: &mut Context) {
    let u = &p.updates[i];
    ctx.insert("update", &update_ref(u));
    ctx.insert_value("body", p.body(&u.meta).html.as_str().into());
    let audience: Vec<StakeholderRef> = u
        .audience
        .iter()
        .map(|&s| stakeholder_ref(p, &p.stakeholders[s]))
        .collect();
    ctx.insert("audience", &audience);
}
