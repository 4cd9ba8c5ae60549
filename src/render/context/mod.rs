//! The data each page's template gets, one function per page kind (which
//! pages there are, and where each lands, is the page table's:
//! [`crate::pages`]).

mod decisions;
mod items;
mod stakeholders;
mod updates;
mod vision;

use serde::Serialize;
use tera::Context;

use super::views::{GoalRef, UpdateRef, Values, goal_ref, update_ref};
use super::{backlog_views, stakeholder_views};
use crate::format;
use crate::markdown::Rendered;
use crate::model::Portal;
use crate::page_links;
use crate::pages::{self, PageId, Section, nav};
use std::sync::Arc;

use decisions::{decision, decision_log};
use items::item;
use stakeholders::{stakeholder, stakeholders};
use updates::{feed, update, updates_by_date};
use vision::{goal, home, vision};

/// What every template gets as `page`.
#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    /// Root-relative path of this page.
    path: &'a str,
    /// The list pages above it (a document's page).
    trail: Vec<nav::Link>,
    #[serde(flatten)]
    header: &'a Place,
}

/// Where a page sits: what its links and the site header need.
#[derive(Serialize)]
pub struct Place {
    /// Prefix that leads from the page to the output root.
    pub root: String,
    /// Which navigation entry is current.
    pub section: Section,
    /// Whether the page offers search (not the 404 page, which is served
    /// at any depth and must load nothing).
    pub search: bool,
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
pub fn job(p: &Portal, values: &Values, page: PageId) -> Job {
    let mut ctx = Context::new();
    let path = pages::path(p, page);
    let row = page.row();
    let title = pages::title(p, page);
    // Before the page's own data: the decision log has tabs of its own.
    ctx.insert("tabs", &nav::tabs(p, page));
    match page {
        PageId::Home => home(p, &mut ctx),
        PageId::Vision => vision(p, &mut ctx),
        PageId::Goals => {
            let goals: Vec<GoalRef> = p.goals.iter().map(goal_ref).collect();
            ctx.insert("goals", &goals);
        }
        PageId::Goal(i) => goal(p, values, i, &mut ctx),
        PageId::Stakeholders => stakeholders(p, &mut ctx),
        PageId::Stakeholder(i) => stakeholder(p, values, i, &mut ctx),
        PageId::Decisions => decision_log(p, None, &mut ctx),
        PageId::DecisionsWith(status) => decision_log(p, Some(status), &mut ctx),
        PageId::Decision(i) => decision(p, values, i, &mut ctx),
        PageId::Backlog => {
            let all: Vec<usize> = (0..p.items.len()).collect();
            ctx.insert("tree", &super::tree::tree(p, values, &all));
            ctx.insert("count", &p.items.len());
            ctx.insert("count_text", &format::count(p.items.len(), "item"));
        }
        PageId::Item(i) => item(p, values, i, &mut ctx),
        PageId::Board => ctx.insert("board", &backlog_views::board(p, values)),
        PageId::Moscow => ctx.insert("moscow", &backlog_views::moscow(p, values)),
        PageId::Traceability => ctx.insert("trace", &backlog_views::traceability(p, values)),
        PageId::Updates => {
            let list: Vec<UpdateRef> = updates_by_date(p)
                .into_iter()
                .map(|u| update_ref(&p.updates[u]))
                .collect();
            ctx.insert("updates", &list);
        }
        PageId::Update(i) => update(p, i, &mut ctx),
        PageId::Engagement => {
            ctx.insert("map", &stakeholder_views::map(p));
            ctx.insert("plan", &stakeholder_views::plan(p));
        }
        PageId::Roadmap => ctx.insert("roadmap", &super::roadmap_views::roadmap(p)),
        PageId::Assumptions => {
            let page = super::assumption_views::page(p, &root_for(&path));
            ctx.insert("assumptions", &page);
        }
        PageId::Assumption(i) => {
            let a = &p.assumptions[i];
            ctx.insert("page_data", &super::assumption_views::assumption_page(p, i));
            ctx.insert_value("body", p.body(&a.meta).html.as_str().into());
        }
        PageId::Feed => feed(p, &mut ctx),
        PageId::Sitemap => {
            let urls: Vec<String> = pages::all(p)
                .into_iter()
                .filter(|&page| page.row().listed)
                .map(|page| pages::path(p, page))
                .collect();
            ctx.insert("urls", &urls);
        }
        PageId::NotFound => {}
        PageId::Conversations => ctx.insert("log", &crate::conversations::views::log(p)),
        PageId::Conversation(i) => {
            let view = crate::conversations::views::conversation(p, i);
            ctx.insert("conversation", &view);
        }
        PageId::Changes => crate::render::changes_views::page(p, &mut ctx),
        PageId::ChangesFeed => crate::render::changes_views::feed(p, &mut ctx),
    }
    crate::render::changes_views::extend(p, page, &mut ctx);
    ctx.insert("page_links", &document_links(p, page, &title, &path));
    let root = if page == PageId::NotFound {
        // Served at any depth: only absolute links work there.
        p.config.base_url.clone().unwrap_or_else(|| "/".into())
    } else {
        root_for(&path)
    };
    let header = Place {
        root,
        section: row.section,
        search: page != PageId::NotFound,
    };
    ctx.insert(
        "page",
        &PageInfo {
            title: &title,
            path: &path,
            trail: nav::trail(page),
            header: &header,
        },
    );
    Job {
        path,
        template: row.template,
        context: ctx,
    }
}

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

/// The entries of `ids` as one template list.
fn list(ids: &[usize], entry: impl Fn(usize) -> tera::Value) -> tera::Value {
    ids.iter().map(|&i| entry(i)).collect::<Vec<_>>().into()
}

/// A rendered body as the page shows it.
fn body_html<S: serde::Serializer>(body: &Arc<Rendered>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&body.html)
}
