//! Stage 3, **render**: the resolved portal in, pages out. Pure: reads no
//! file and writes none. Every page's data is computed in Rust
//! ([`views`], [`context`]) and laid out by a template of the [`theme`].

pub mod assumption_views;
pub mod backlog_views;
pub(crate) mod changes_views;
pub mod chart;
pub mod context;
pub mod outcome_views;
pub mod roadmap_views;
pub mod search;
mod search_views;
pub mod stakeholder_views;
pub mod theme;
pub mod tree;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::model::Portal;
use crate::pages::{self, PageId, nav};
use std::collections::BTreeMap;
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
    nav: Vec<nav::NavEntry>,
    /// The path of every page that is not a document's, by template name.
    pages: BTreeMap<&'static str, &'static str>,
    /// The engagement page (map and plan), where the build has one.
    engagement_page: Option<&'static str>,
    extra: &'a serde_json::Value,
}

/// The `site` value every template gets.
fn site_value(portal: &Portal) -> tera::Value {
    let pages = nav::fixed_pages(portal);
    tera::Value::from_serializable(&Site {
        title: &portal.config.title,
        description: portal.config.description.as_deref(),
        language: &portal.config.language,
        base_url: portal.config.base_url.as_deref(),
        nav: nav::main(portal),
        engagement_page: pages.get("engagement").copied(),
        pages,
        extra: &portal.config.extra,
    })
}

/// What every page of one build shares, made once: the `site` value and
/// the list entries of items, goals, stakeholders and decisions.
pub struct Shared {
    site: tera::Value,
    values: views::Values,
}

impl Shared {
    /// For the pages of `portal`.
    pub fn new(portal: &Portal) -> Self {
        Shared {
            site: site_value(portal),
            values: views::Values::new(portal),
        }
    }
}

/// Renders one page.
pub fn render_page(
    portal: &Portal,
    theme: &Theme,
    shared: &Shared,
    id: PageId,
) -> Result<Page, Box<Diagnostic>> {
    render_into(portal, theme, shared, id, Page::clone)
}

/// Renders one page and hands it to `use_page` without copying it: pages
/// are rendered into a buffer the thread keeps and reuses, which a copy
/// per page (ninety megabytes for ten thousand items) would undo.
fn render_into<R>(
    portal: &Portal,
    theme: &Theme,
    shared: &Shared,
    id: PageId,
    use_page: impl FnOnce(&Page) -> R,
) -> Result<R, Box<Diagnostic>> {
    let mut job = context::job(portal, &shared.values, id);
    job.context.insert_value("site", shared.site.clone());
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
    let shared = Shared::new(portal);
    let ids = pages::all(portal);
    let ((), problems): ((), Vec<Box<Diagnostic>>) = rayon::join(
        || search::index(portal).par_iter().for_each(put),
        || {
            ids.par_iter()
                // A few pages at a time, so that no core is left with a
                // long last share while the other has nothing to do.
                .with_max_len(16)
                .filter_map(|&id| render_into(portal, theme, &shared, id, put).err())
                .collect()
        },
    );
    // Freed on another core, as the caller goes on writing (~10 ms for the
    // entries of ten thousand items).
    rayon::spawn(move || drop(shared));
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
    pages::all(portal).iter().filter(|id| id.is_html()).count()
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
