//! The data of the updates: their list, the feed, and an update's page.

use serde::Serialize;
use tera::Context;

use crate::kind::Kind;
use crate::model::Portal;
use crate::pages::{self, PageId};
use crate::render::views::{StakeholderRef, stakeholder_ref, update_ref};

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    updated: String,
    content: String,
    audience: Vec<&'a str>,
}

pub(super) fn feed(p: &Portal, ctx: &mut Context) {
    let base = p.config.base_url.clone().unwrap_or_default();
    let entries: Vec<FeedEntry> = updates_by_date(p)
        .into_iter()
        .map(|i| {
            let u = &p.updates[i];
            FeedEntry {
                title: &u.written.title,
                url: format!("{base}{}", Kind::Update.page(&u.meta.id)),
                updated: format!("{}T00:00:00Z", u.date),
                // In a feed only absolute links work.
                content: u.meta.body.absolute(&p.bodies, &u.meta.path, &base).html,
                audience: u
                    .audience
                    .iter()
                    .map(|&s| p.stakeholders[s].written.name.as_str())
                    .collect(),
            }
        })
        .collect();
    let updated = p.updates.iter().map(|u| u.date).max().unwrap_or(p.today);
    ctx.insert("feed_updated", &format!("{updated}T00:00:00Z"));
    ctx.insert(
        "feed_url",
        &format!("{base}{}", pages::path(p, PageId::Feed)),
    );
    ctx.insert("entries", &entries);
}

pub(super) fn updates_by_date(p: &Portal) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.updates.len()).collect();
    order.sort_by(|&a, &b| p.updates[b].date.cmp(&p.updates[a].date));
    order
}

pub(super) fn update(p: &Portal, i: usize, ctx: &mut Context) {
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
