//! Stage 3, **render**: the resolved portal in, pages out. Pure: reads no
//! file and writes none. Every page's data is computed in Rust
//! ([`views`], [`pages`]) and laid out by a template of the [`theme`].

pub mod assumption_views;
pub mod backlog_views;
mod changes_views;
pub mod chart;
pub mod format;
pub mod outcome_views;
pub mod pages;
pub mod roadmap_views;
pub mod search;
mod search_views;
pub mod stakeholder_views;
pub mod theme;
pub mod views;

use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::Portal;
use theme::Theme;

/// A file of the output, by its path under the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Root-relative, `/`-separated.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Site-wide data every template gets as `site`.
#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    base_url: Option<&'a str>,
    nav: Vec<&'a NavEntry>,
    /// The engagement page (map and plan), where the build has one.
    engagement_page: Option<&'static str>,
    extra: &'a serde_json::Value,
}

/// One entry of the main navigation.
#[derive(Serialize)]
struct NavEntry {
    title: &'static str,
    href: &'static str,
    section: &'static str,
}

const NAV: &[NavEntry] = &[
    NavEntry {
        title: "Vision",
        href: "vision/index.html",
        section: "vision",
    },
    NavEntry {
        title: "Goals",
        href: "goals/index.html",
        section: "goals",
    },
    NavEntry {
        title: "Roadmap",
        href: "roadmap.html",
        section: "roadmap",
    },
    NavEntry {
        title: "Assumptions",
        href: "assumptions/index.html",
        section: "assumptions",
    },
    NavEntry {
        title: "Backlog",
        href: "backlog/index.html",
        section: "backlog",
    },
    NavEntry {
        title: "Decisions",
        href: "tradeoffs/index.html",
        section: "decisions",
    },
    NavEntry {
        title: "Stakeholders",
        href: "stakeholders/index.html",
        section: "stakeholders",
    },
    NavEntry {
        title: "Updates",
        href: "updates/index.html",
        section: "updates",
    },
];

/// The engagement log's entry: only in builds that keep one.
const LOG: NavEntry = NavEntry {
    title: "Conversations",
    href: "conversations/index.html",
    section: "conversations",
};

/// The main navigation of `portal`'s pages.
fn nav(portal: &Portal) -> Vec<&'static NavEntry> {
    let log = crate::conversations::kept(portal).then_some(&LOG);
    let changes = crate::history::views::has_changes_page(portal).then_some(&CHANGES);
    NAV.iter().chain(log).chain(changes).collect()
}

/// The entry of the changes page, when the portal's history was read.
const CHANGES: NavEntry = NavEntry {
    title: "Changes",
    href: "changes.html",
    section: "changes",
};

/// The `site` value every template gets.
fn site_value(portal: &Portal) -> tera::Value {
    tera::Value::from_serializable(&Site {
        title: &portal.config.title,
        description: portal.config.description.as_deref(),
        language: &portal.config.language,
        base_url: portal.config.base_url.as_deref(),
        nav: nav(portal),
        engagement_page: portal.shows.engagement.then_some("engagement.html"),
        extra: &portal.config.extra,
    })
}

/// What every page of one build shares, made once: the `site` value, the
/// list entries of items, goals, stakeholders and decisions, and the site
/// headers laid out so far.
pub struct Common {
    site: tera::Value,
    values: views::Values,
    headers: Mutex<FxHashMap<pages::HeaderKey, Arc<str>>>,
}

/// The template of the site header, laid out once per [`pages::HeaderKey`].
const HEADER: &str = "partials/header.html";

impl Common {
    /// For the pages of `portal`.
    pub fn new(portal: &Portal) -> Self {
        Common {
            site: site_value(portal),
            values: views::Values::new(portal),
            headers: Mutex::default(),
        }
    }

    /// The site header of pages with `key`, laid out by `theme` the first
    /// time. Every page has one, of a handful of kinds (section, folder
    /// depth), and laying it out per page was a sixth of an item page's
    /// time.
    fn header(&self, theme: &Theme, key: &pages::HeaderKey) -> Result<Arc<str>, Box<Diagnostic>> {
        let laid_out = (self.headers.lock())
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned();
        if let Some(header) = laid_out {
            return Ok(header);
        }
        let mut context = tera::Context::new();
        context.insert_value("site", self.site.clone());
        context.insert("page", key);
        let header: Arc<str> = theme
            .tera
            .render(HEADER, &context)
            .map_err(|e| Box::new(theme::header_error(&e)))?
            .into();
        self.headers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key.clone(), header.clone());
        Ok(header)
    }
}

/// Renders one page.
pub fn render_page(
    portal: &Portal,
    theme: &Theme,
    common: &Common,
    id: pages::PageId,
) -> Result<Page, Box<Diagnostic>> {
    render_into(portal, theme, common, id, Page::clone)
}

/// Renders one page and hands it to `use_page` without copying it: pages
/// are rendered into a buffer the thread keeps and reuses, which a copy
/// per page (ninety megabytes for ten thousand items) would undo.
fn render_into<R>(
    portal: &Portal,
    theme: &Theme,
    common: &Common,
    id: pages::PageId,
    use_page: impl FnOnce(&Page) -> R,
) -> Result<R, Box<Diagnostic>> {
    let mut job = pages::job(portal, &common.values, id);
    job.context.insert_value("site", common.site.clone());
    job.context
        .insert("header", &*common.header(theme, &job.header)?);
    if id == pages::PageId::NotFound
        && let Some(css) = theme.assets.get("style.css")
    {
        // Served at any depth: a linked stylesheet might not be found.
        job.context
            .insert("inline_css", &String::from_utf8_lossy(css));
    }
    // Taken out of the thread's slot while in use, so that `use_page` may
    // render pages of its own.
    let mut bytes = PAGE_BUFFER.take();
    bytes.clear();
    theme
        .tera
        .render_to(job.template, &job.context, &mut bytes)
        .map_err(|e| Box::new(theme::template_error_for(&e, None)))?;
    let page = Page {
        path: job.path,
        bytes,
    };
    let result = use_page(&page);
    // The few pages that list the whole backlog run to megabytes; a buffer
    // that size is not kept for the pages after them.
    if page.bytes.capacity() <= KEPT_BUFFER {
        PAGE_BUFFER.set(page.bytes);
    }
    Ok(result)
}

/// The largest buffer kept for the next page.
const KEPT_BUFFER: usize = 256 * 1024;

thread_local! {
    static PAGE_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Renders every page of the portal and the search index (not the theme's
/// assets, which the build adds so that `static/` can override them), on
/// every core, handing each page to `put` as soon as it is ready so that no
/// more than a few pages are held at once. Returns how many HTML pages
/// there were, or the template errors (each said once).
pub fn render_each(
    portal: &Portal,
    theme: &Theme,
    put: &(dyn Fn(&Page) + Sync),
) -> Result<usize, Vec<Diagnostic>> {
    // The search index is built alongside the pages: its slow parts (the
    // last slices of words, the merge) leave a core free that pages take,
    // for ~10 MiB more at the peak. (A template error fails the build, and
    // the staged index with it.)
    let common = Common::new(portal);
    let ids = pages::all(portal);
    let ((), problems): ((), Vec<Box<Diagnostic>>) = rayon::join(
        || search::index(portal).par_iter().for_each(put),
        || {
            ids.par_iter()
                // A few pages at a time, so that no core is left with a
                // long last share while the other has nothing to do.
                .with_max_len(16)
                .filter_map(|&id| render_into(portal, theme, &common, id, put).err())
                .collect()
        },
    );
    // Freed on another core, as the caller goes on writing (~10 ms for the
    // entries of ten thousand items).
    rayon::spawn(move || drop(common));
    let mut unique: Vec<Diagnostic> = Vec::new();
    for d in problems {
        // One broken template breaks every page using it; say it once.
        if !unique.iter().any(|p| p.message == d.message) {
            unique.push(*d);
        }
    }
    if !unique.is_empty() {
        return Err(unique);
    }
    Ok(page_count(portal))
}

/// How many HTML pages [`render_each`] would render.
pub fn page_count(portal: &Portal) -> usize {
    pages::all(portal)
        .iter()
        .filter(|id| {
            !matches!(
                id,
                pages::PageId::Feed | pages::PageId::Sitemap | pages::PageId::ChangesFeed
            )
        })
        .count()
}

/// Every page of [`render_each`], in memory, sorted by path.
pub fn render(portal: &Portal, theme: &Theme) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let pages = std::sync::Mutex::new(Vec::new());
    render_each(portal, theme, &|page| {
        if let Ok(mut pages) = pages.lock() {
            pages.push(page.clone());
        }
    })?;
    let mut pages = pages.into_inner().unwrap_or_else(|e| e.into_inner());
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}
