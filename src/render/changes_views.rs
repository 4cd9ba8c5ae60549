//! The history on pages: the changes page and its feed, "last changed" on
//! every document page, the changes touching a stakeholder, and who moved
//! on the power/interest map. The data is made in [`crate::history::views`].

use serde::Serialize;
use tera::Context;

use super::pages::PageId;
use crate::history::views::{self as hv, change_view, weeks};
use crate::model::Portal;

/// The newest changes the page lists; the rest are a `cairn changes` away
/// (a portal imported in one commit would list every document).
const ON_PAGE: usize = 1000;
/// The newest changes the feed carries, as feeds do.
const IN_FEED: usize = 50;

pub fn page(p: &Portal, ctx: &mut Context) {
    let all = &p.history.changes;
    ctx.insert("weeks", &weeks(all.iter().take(ON_PAGE)));
    ctx.insert("count", &all.len());
    ctx.insert("earlier", &all.len().saturating_sub(ON_PAGE));
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    id: String,
    updated: String,
    summary: String,
    author: Option<String>,
}

pub fn feed(p: &Portal, ctx: &mut Context) {
    let base = p.config.base_url.clone().unwrap_or_default();
    // An entry's id is its commit time, its document and its place among
    // that document's changes in that commit: stable as history grows, so
    // feed readers do not show old entries as new.
    let mut place = 0usize;
    let mut last: Option<(i64, &str)> = None;
    let entries: Vec<FeedEntry> = p
        .history
        .changes
        .iter()
        .take(IN_FEED)
        .map(|c| {
            let key = (c.time, c.path.as_str());
            place = if last == Some(key) { place + 1 } else { 0 };
            last = Some(key);
            let n = place;
            let v = change_view(c);
            let url = format!(
                "{base}{}",
                v.href.clone().unwrap_or_else(|| "changes.html".into())
            );
            FeedEntry {
                title: format!("{} {}: {}", v.subject, v.title, v.summary),
                id: format!(
                    "{base}changes.html#{}-{}-{n}",
                    c.time,
                    c.path.replace('/', "-")
                ),
                url,
                updated: jiff::Timestamp::from_second(c.time)
                    .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_else(|_| format!("{}T00:00:00Z", c.date)),
                summary: v.summary,
                author: v.author.map(str::to_string),
            }
        })
        .collect();
    let updated = entries
        .first()
        .map_or_else(|| format!("{}T00:00:00Z", p.today), |e| e.updated.clone());
    ctx.insert("feed_updated", &updated);
    ctx.insert("feed_url", &format!("{base}changes.xml"));
    ctx.insert("entries", &entries);
}

/// The source of a document page, under `content/`.
fn source(p: &Portal, page: PageId) -> Option<&str> {
    Some(match page {
        PageId::Vision | PageId::Goal(_) => &p.vision.meta.path,
        PageId::Stakeholder(i) => &p.stakeholders[i].meta.path,
        PageId::Decision(i) => &p.decisions[i].meta.path,
        PageId::Item(i) => &p.items[i].meta.path,
        PageId::Update(i) => &p.updates[i].meta.path,
        _ => return None,
    })
}

/// What every page gets of the history.
pub fn extend(p: &Portal, page: PageId, ctx: &mut Context) {
    if p.history.state != crate::history::State::Read {
        return;
    }
    if let Some(path) = source(p, page) {
        ctx.insert("last_changed", &hv::last_changed(&p.history, path));
    }
    if matches!(page, PageId::Home | PageId::Board | PageId::Changes) {
        ctx.insert("since_script", &true);
    }
    match page {
        PageId::Home => {
            let recent: Vec<_> = p.history.changes.iter().take(10).map(change_view).collect();
            ctx.insert("recent_changes", &recent);
        }
        // What changed since the last contact prepares the team's next
        // conversation: a public build keeps contact dates out.
        PageId::Stakeholder(i) if p.shows.engagement => {
            let list: Vec<_> = hv::for_stakeholder(p, i)
                .into_iter()
                .map(change_view)
                .collect();
            ctx.insert("touching", &list);
        }
        _ => {}
    }
}
