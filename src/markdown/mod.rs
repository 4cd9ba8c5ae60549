//! Markdown bodies. Load [`scan`]s each body once for what the checks need
//! (heading ids, `@/` links with their place in the file, problems with
//! heading attributes) and renders it for its page, keeping its text
//! only where it may be rendered again (the dev server, the feed; a build
//! reads the file again for the few bodies it must: [`Body::settle`]); once
//! the portal is resolved,
//! [`render`] turns it into HTML and plain text in one pass of events,
//! with a link resolver that knows which pages the build leaves out. That
//! pass is the one gate every body goes through: the same heading-id, URL
//! and raw-HTML rules hold whatever wrote the markup.

mod cache;
mod headings;
mod html_text;
mod ids;
mod raw;
pub mod urls;
mod write;

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rustc_hash::{FxHashSet, FxHasher};

pub use ids::{THEME_IDS, slugify};
pub use urls::{Links, scheme};

use crate::kind;

/// A body as loaded: its Markdown and what the checks need. Its HTML is
/// made by [`Body::rendered`] and kept for as long as the body lives.
#[derive(Debug)]
pub struct Body {
    /// Where the body starts in its file.
    offset: usize,
    /// Heading ids, in order.
    pub anchors: Vec<String>,
    /// `@/` links (in Markdown and in raw HTML), to be checked.
    pub links: Vec<InternalLink>,
    /// Other links to pages and files of the site, and every image;
    /// checked by `resolve::local_refs`.
    pub refs: Vec<crate::resolve::local_refs::BodyRef>,
    /// The pages of this site it links to: a rendering holds as long as
    /// the same of them are left out.
    pages: Vec<String>,
    /// Whether it holds raw HTML, whose links the sanitizer reads as a
    /// browser would: its rendering holds only while the same pages are
    /// left out, all of them.
    raw_html: bool,
    /// Whether the Markdown is only white space.
    blank: bool,
    /// The Markdown and the last rendering.
    state: Mutex<State>,
}

/// What a body renders from, and what it last made.
#[derive(Debug, Default)]
struct State {
    /// The Markdown, as written, while the body may be rendered again; a
    /// build lets it go once the body is settled (see [`Body::settle`]).
    source: Option<String>,
    /// The last rendering and the key of the rules it was made with.
    cache: Option<(u64, Arc<Rendered>)>,
}

/// A body made ready for a page.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Safe HTML, with links relative to a document's page.
    pub html: String,
    /// The text a reader sees, runs separated by spaces: what search
    /// indexes and the leak scan looks for.
    pub text: String,
}

/// A `[text](@/kind/file.md#anchor)` link, or `href="@/..."` in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Path under `content/`, as written after `@/`.
    pub path: String,
    /// The part after `#`, if any.
    pub anchor: Option<String>,
    /// Where the link is in the file.
    pub span: Range<usize>,
}

/// Something in a body cairn changed on its way to the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where, in the file.
    pub span: Range<usize>,
    /// What.
    pub message: String,
    /// What to write instead.
    pub help: &'static str,
}

/// How every body of one build is rendered.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Root-relative paths of pages left out of the build.
    pub excluded: Arc<FxHashSet<String>>,
    /// Raw HTML kept as written (`unsafe_html = true`).
    pub unsafe_html: bool,
    /// Stands for the whole of `excluded` (0 when it is empty).
    fingerprint: u64,
}

impl Rules {
    /// Rules leaving out the pages of `excluded`.
    pub fn new(excluded: FxHashSet<String>, unsafe_html: bool) -> Self {
        let fingerprint = if excluded.is_empty() {
            0
        } else {
            let mut sorted: Vec<&String> = excluded.iter().collect();
            sorted.sort_unstable();
            let mut h = FxHasher::default();
            sorted.hash(&mut h);
            h.finish() | 1
        };
        Rules {
            excluded: Arc::new(excluded),
            unsafe_html,
            fingerprint,
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What loading makes of each body besides what the checks need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// Nothing: `cairn check` renders no page with cairn's own templates.
    ChecksOnly,
    /// The body rendered for its page as if no page were left out, in the
    /// same pass: most builds leave out no page it links to, and then it
    /// is the page's body (see [`Body::rendered`]).
    Pages {
        /// `unsafe_html = true`.
        unsafe_html: bool,
        /// Whether each body keeps its Markdown to be rendered again (the
        /// dev server); a build keeps only the feed's (updates') and reads
        /// the file again for the few it renders again (see [`Body::settle`]).
        keep_source: bool,
    },
}

/// Reads `text`, which starts at byte `offset` of the file at `path`
/// (under `content/`), for the checks, and renders it if `bodies` asks.
pub fn scan(text: &str, offset: usize, path: &str, bodies: Bodies) -> (Body, Vec<Warning>) {
    let mut warnings = Vec::new();
    let none = FxHashSet::default();
    let render = match bodies {
        Bodies::ChecksOnly => None,
        Bodies::Pages { unsafe_html, .. } => Some((page_links(&none, path), unsafe_html)),
    };
    let pass = pass(text, offset, path, render, &mut warnings);
    let cache = match (bodies, pass.rendered) {
        (Bodies::Pages { unsafe_html, .. }, Some(done)) => {
            Some((key(std::iter::empty(), 0, unsafe_html), Arc::new(done)))
        }
        _ => None,
    };
    let keep = match bodies {
        Bodies::Pages {
            keep_source: false, ..
        } => matches!(kind::classify(path), Some((kind::Kind::Update, _))),
        _ => true,
    };
    let body = Body {
        offset,
        anchors: pass.anchors,
        links: pass.links,
        refs: pass.refs,
        pages: pass.pages,
        raw_html: pass.raw_html,
        blank: text.trim().is_empty(),
        state: Mutex::new(State {
            source: keep.then(|| text.to_string()),
            cache,
        }),
    };
    (body, warnings)
}

/// What one pass over a body's events finds and makes.
struct Pass {
    anchors: Vec<String>,
    links: Vec<InternalLink>,
    refs: Vec<crate::resolve::local_refs::BodyRef>,
    pages: Vec<String>,
    raw_html: bool,
    rendered: Option<Rendered>,
}

/// Parses `text` once: heading ids and `@/` links for the checks, the
/// pages it links to, and when `render` is given its HTML and text.
fn pass(
    text: &str,
    offset: usize,
    path: &str,
    render: Option<(Links<'_>, bool)>,
    warnings: &mut Vec<Warning>,
) -> Pass {
    let mut parser = Parser::new_ext(text, options()).into_offset_iter();
    let mut links = Vec::new();
    let mut seen: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut push = |path: &str, span: Range<usize>| {
        let span = span.start + offset..span.end + offset;
        if !seen.insert((span.start, span.end)) {
            return;
        }
        let (path, anchor) = match path.split_once('#') {
            Some((p, a)) => (p.to_string(), Some(a.to_string())),
            None => (path.to_string(), None),
        };
        links.push(InternalLink { path, anchor, span });
    };
    // A reference's path is written in its definition: problems point
    // there, once, however often it is used.
    let mut events: Vec<(Event, Range<usize>)> = Vec::new();
    while let Some((event, range)) = parser.next() {
        let range = match &event {
            Event::Start(Tag::Link { id, .. } | Tag::Image { id, .. }) if !id.is_empty() => parser
                .reference_definitions()
                .get(id)
                .map_or(range, |def| def.span.clone()),
            _ => range,
        };
        events.push((event, range));
    }
    let raw_html = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let anchors = headings::headings(&mut events, warnings, offset);
    let none = FxHashSet::default();
    let reader = page_links(&none, path);
    let mut pages: FxHashSet<String> = FxHashSet::default();
    let mut refs = Vec::new();
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag @ (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })) => {
                if let Some(path) = dest_url.strip_prefix("@/") {
                    push(path, range.clone());
                } else {
                    let image = matches!(tag, Tag::Image { .. });
                    // An image whose end follows its start has no alt text.
                    let no_alt = matches!(events.get(i + 1), Some((Event::End(TagEnd::Image), _)));
                    let span = range.start + offset..range.end + offset;
                    refs.extend(crate::resolve::local_refs::BodyRef::of(
                        dest_url, image, no_alt, span,
                    ));
                }
                pages.extend(reader.page(dest_url));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (value, url) in raw::url_attributes(html) {
                    if let Some(path) = url.strip_prefix("@/") {
                        // Exact when the event is the text as written.
                        let at = if range.len() == html.len() {
                            range.start + value.start..range.start + value.end
                        } else {
                            range.clone()
                        };
                        push(path, at);
                    }
                    pages.extend(reader.page(&url));
                }
            }
            _ => {}
        }
    }
    let rendered = render.map(|(links, unsafe_html)| {
        let len = text.len();
        write::write(events.into_iter().map(|(e, _)| e), links, unsafe_html, len)
    });
    let mut pages: Vec<String> = pages.into_iter().collect();
    pages.sort_unstable();
    Pass {
        anchors,
        links,
        refs,
        pages,
        raw_html,
        rendered,
    }
}

/// The key of a rendering: the pages it links to that are left out, and
/// whether raw HTML was kept as written.
fn key<'a>(left_out: impl Iterator<Item = &'a String>, all: u64, unsafe_html: bool) -> u64 {
    let mut h = FxHasher::default();
    (unsafe_html, all).hash(&mut h);
    for page in left_out {
        page.hash(&mut h);
    }
    h.finish()
}

/// Renders a body: the one gate every body passes on its way to a page.
/// Heading ids and attributes follow [`headings::headings`], every link and image
/// follows `links` (an unsafe or left-out target leaves its text, without
/// the link), mentions of dangerous tags show as text, and a body holding
/// raw HTML is sanitized as a whole, unless `unsafe_html`.
pub fn render(source: &str, links: Links<'_>, unsafe_html: bool) -> Rendered {
    pass(source, 0, "", Some((links, unsafe_html)), &mut Vec::new())
        .rendered
        .unwrap_or_default()
}

/// The folder of the page of the document at `path` (under `content/`).
fn page_folder(path: &str) -> &'static str {
    match kind::classify(path) {
        Some((kind::Kind::Vision, _)) => "vision",
        Some((k, _)) => k.folder(),
        None => "",
    }
}

/// Links as read from the page of the document at `path`.
fn page_links<'a>(excluded: &'a FxHashSet<String>, path: &str) -> Links<'a> {
    Links {
        excluded,
        root: "../",
        folder: page_folder(path),
    }
}

#[cfg(test)]
mod tests;
