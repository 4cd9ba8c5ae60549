//! Markdown bodies to safe HTML. Runs once per document, in the load stage:
//! assigns heading ids (the anchors `@/` links may target), rewrites `@/`
//! links to the page they name, and sanitizes raw HTML. The links found are
//! returned with their spans so the resolver can check each one.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::kind;

/// A rendered body.
#[derive(Debug, Default, Clone)]
pub struct Body {
    /// Sanitized HTML, with links relative to a page one folder below the
    /// output root (where every document page lives).
    pub html: String,
    /// Heading ids, in order.
    pub anchors: Vec<String>,
    /// `@/` links, to be checked by the resolver.
    pub links: Vec<InternalLink>,
    /// Headings (level, id, text) for a table of contents.
    pub headings: Vec<Heading>,
    /// Other links to pages and files of the site, and every image;
    /// checked by `resolve::local_refs`.
    pub refs: Vec<crate::resolve::local_refs::BodyRef>,
}

/// A heading of a body.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its anchor.
    pub id: String,
    /// Its plain text.
    pub text: String,
}

/// A `[text](@/kind/file.md#anchor)` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Path under `content/`, as written after `@/`.
    pub path: String,
    /// The part after `#`, if any.
    pub anchor: Option<String>,
    /// Where the link is in the file.
    pub span: Range<usize>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What loading makes of each body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    /// HTML for pages, raw HTML in the Markdown sanitized.
    Sanitized,
    /// HTML for pages, raw HTML kept as written (`unsafe_html = true`).
    Unsafe,
    /// No HTML: only the headings and `@/` links that the checks need
    /// (`cairn check` renders no page with cairn's own templates).
    ChecksOnly,
}

/// Renders `text`, which starts at byte `offset` of its file.
pub fn render(text: &str, offset: usize) -> Body {
    render_with(text, offset, Bodies::Sanitized)
}

/// Renders `text` into what `bodies` asks for.
pub fn render_with(text: &str, offset: usize, bodies: Bodies) -> Body {
    let parser = Parser::new_ext(text, options()).into_offset_iter();
    // A reference-style link's path is written in its definition: problems
    // point there, once, however often the reference is used.
    let definitions: Vec<(String, Range<usize>)> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| (label.to_lowercase(), def.span.clone()))
        .collect();
    let mut events: Vec<(Event, Range<usize>)> = parser.collect();
    let headings = assign_heading_ids(&mut events);
    let mut links = Vec::new();
    let mut refs = Vec::new();
    for i in 0..events.len() {
        // An image whose end follows its start has no alt text.
        let no_alt = matches!(events.get(i + 1), Some((Event::End(TagEnd::Image), _)));
        let (event, range) = &mut events[i];
        let image = matches!(event, Event::Start(Tag::Image { .. }));
        let (Event::Start(Tag::Link { dest_url, id, .. })
        | Event::Start(Tag::Image { dest_url, id, .. })) = event
        else {
            continue;
        };
        let written_at = match definitions
            .iter()
            .find(|(label, _)| !id.is_empty() && *label == id.to_lowercase())
        {
            Some((_, span)) => span.clone(),
            None => range.clone(),
        };
        if let Some(target) = dest_url.strip_prefix("@/") {
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p.to_string(), Some(a.to_string())),
                None => (target.to_string(), None),
            };
            let href = match kind::classify(&path) {
                Some((k, id)) => page_href(&k.page(id), anchor.as_deref()),
                // Left as written; the resolver reports it.
                None => String::new(),
            };
            let span = written_at.start + offset..written_at.end + offset;
            if !links.iter().any(|l: &InternalLink| l.span == span) {
                links.push(InternalLink { path, anchor, span });
            }
            *dest_url = CowStr::from(href);
            continue;
        }
        let span = written_at.start + offset..written_at.end + offset;
        if let Some(r) = crate::resolve::local_refs::BodyRef::of(dest_url, image, no_alt, span) {
            refs.push(r);
        }
        if dest_url.starts_with('/') && !dest_url.starts_with("//") {
            // Site-absolute links would break under a sub-path or from disk:
            // make them relative to the output root.
            *dest_url = CowStr::from(format!("..{dest_url}"));
        } else if !safe_url(dest_url) {
            // `javascript:`, `data:` and other schemes never reach a page.
            *dest_url = CowStr::from("#");
        }
    }
    // pulldown-cmark escapes text and attributes itself; only raw HTML in
    // the Markdown needs the (much slower) HTML sanitizer.
    if bodies == Bodies::ChecksOnly {
        return Body {
            html: String::new(),
            anchors: headings.iter().map(|h| h.id.clone()).collect(),
            headings,
            links,
            refs,
        };
    }
    let has_raw_html = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    // Task-list boxes get a label, or screen readers announce a bare box.
    let events = events.into_iter().map(|(e, _)| match e {
        Event::TaskListMarker(done) => Event::InlineHtml(CowStr::from(if done {
            "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
        } else {
            "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
        })),
        other => other,
    });
    // Rendered into a buffer kept by the thread, then copied out at its
    // exact size: every body's HTML is held until its page is written, and
    // a buffer grown by doubling would hold a third more.
    let html = HTML_BUFFER.with_borrow_mut(|raw| {
        raw.clear();
        pulldown_cmark::html::push_html(raw, events);
        if has_raw_html && bodies == Bodies::Sanitized {
            SANITIZER.clean(raw).to_string()
        } else {
            raw.as_str().to_owned()
        }
    });
    Body {
        html,
        anchors: headings.iter().map(|h| h.id.clone()).collect(),
        headings,
        links,
        refs,
    }
}

thread_local! {
    static HTML_BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Whether a link target is safe: relative, a fragment, or one of the
/// schemes a portal links to. Browsers ignore blanks and control characters
/// inside a scheme (`java\tscript:`), so they are dropped before looking.
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find([':', '/', '?', '#']);
    match end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

fn page_href(page: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) => format!("../{page}#{a}"),
        None => format!("../{page}"),
    }
}

/// Gives every heading an id (explicit `{#id}` wins) and returns them.
fn assign_heading_ids(events: &mut [(Event, Range<usize>)]) -> Vec<Heading> {
    let mut used: HashSet<String> = HashSet::new();
    // Explicit ids are taken first so generated ones step around them.
    for (event, _) in events.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used.insert(id.to_string());
        }
    }
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 else {
            i += 1;
            continue;
        };
        let (level, explicit) = (*level, id.clone());
        let mut text = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                text.push_str(t);
            }
            j += 1;
        }
        let id = match explicit {
            Some(id) => id.to_string(),
            None => {
                let id = unique(slugify(&text), &mut used);
                if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                    *slot = Some(CowStr::from(id.clone()));
                }
                id
            }
        };
        headings.push(Heading {
            level: heading_number(level),
            id,
            text,
        });
        i = j;
    }
    headings
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The anchor of a heading: lowercased, runs of anything but letters and
/// digits turned into one `-`, no `-` at either end.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

fn unique(base: String, used: &mut HashSet<String>) -> String {
    if used.insert(base.clone()) {
        return base;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{base}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// What raw HTML in bodies may keep: harmless structure, and the attributes
/// pulldown-cmark itself writes (heading ids, task-list boxes, footnotes,
/// table alignment).
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"]);
    // Most links are internal; `rel` belongs on links that open new tabs.
    b.link_rel(None);
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b.add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"]);
    b.add_tag_attributes("div", ["class", "id"]);
    b.add_tag_attributes("sup", ["class", "id"]);
    b.add_tag_attributes("code", ["class"]);
    b.add_tag_attributes("th", ["style"]);
    b.add_tag_attributes("td", ["style"]);
    b.add_tag_attributes("a", ["id"]);
    b.filter_style_properties(["text-align"].into());
    b.attribute_filter(|element, attribute, value| match (element, attribute) {
        ("input", "type") => (value == "checkbox").then_some(value.into()),
        ("code", "class") => value.starts_with("language-").then_some(value.into()),
        ("div" | "sup", "class") => value.starts_with("footnote-").then_some(value.into()),
        _ => Some(value.into()),
    });
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_follow_the_content_model() {
        let body = render(
            "# What's new?\n\n## Intro\n\n## Intro\n\n### Custom {#mine}\n",
            0,
        );
        assert_eq!(body.anchors, ["what-s-new", "intro", "intro-1", "mine"]);
        assert!(
            body.html.contains(r#"<h2 id="intro-1">Intro</h2>"#),
            "{}",
            body.html
        );
    }

    #[test]
    fn internal_links_are_rewritten_and_recorded_with_spans() {
        let text = "See [the MMF](@/backlog/q3/guided.md#scope) and [x](/img/a.png).";
        let body = render(text, 100);
        assert!(
            body.html.contains(r#"href="../backlog/guided.html#scope""#),
            "{}",
            body.html
        );
        assert!(
            body.html.contains(r#"href="../img/a.png""#),
            "{}",
            body.html
        );
        let link = &body.links[0];
        assert_eq!(link.path, "backlog/q3/guided.md");
        assert_eq!(link.anchor.as_deref(), Some("scope"));
        assert_eq!(link.span.start, 100 + text.find('[').unwrap());
    }

    #[test]
    fn checking_finds_the_same_headings_and_links_without_html() {
        let text = "# Why\n\nSee [the plan](@/backlog/plan.md#risks) and [x][r].\n\n## Why\n\n[r]: @/vision.md\n";
        let full = render(text, 10);
        let checked = render_with(text, 10, Bodies::ChecksOnly);
        assert_eq!(checked.anchors, full.anchors);
        assert_eq!(checked.anchors, ["why", "why-1"]);
        let spans = |b: &Body| -> Vec<(String, Option<String>, Range<usize>)> {
            b.links
                .iter()
                .map(|l| (l.path.clone(), l.anchor.clone(), l.span.clone()))
                .collect()
        };
        assert_eq!(spans(&checked), spans(&full));
        assert_eq!(spans(&checked).len(), 2);
        assert!(checked.html.is_empty());
        assert!(full.html.contains("href=\"../backlog/plan.html#risks\""));
    }

    #[test]
    fn raw_html_is_sanitized_but_structure_kept() {
        let body = render(
            "<details><summary>More</summary><script>alert(1)</script><a href=\"javascript:x()\" onclick=\"y()\">z</a></details>\n\n- [x] done\n",
            0,
        );
        assert!(
            body.html.contains("<details><summary>More</summary>"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("script"), "{}", body.html);
        assert!(!body.html.contains("javascript"), "{}", body.html);
        assert!(!body.html.contains("onclick"), "{}", body.html);
        assert!(body.html.contains(r#"type="checkbox""#), "{}", body.html);
    }

    #[test]
    fn dangerous_link_schemes_are_dropped_without_raw_html_too() {
        let body = render(
            "[a](javascript:alert(1)) [b](JaVa\tScRiPt:x) [c](data:text/html,x) [d](java&#115;cript:y) ![e](data:image/png;base64,x) [f](https://ok.example) [g](mailto:a@b.c) [h](other.html#x)",
            0,
        );
        let lower = body.html.to_lowercase();
        assert!(
            !lower.contains("href=\"java") && !lower.contains("href=\"data"),
            "{}",
            body.html
        );
        assert!(!lower.contains("src=\"data"), "{}", body.html);
        assert_eq!(body.html.matches("href=\"#\"").count(), 3, "{}", body.html);
        assert!(body.html.contains("href=\"https://ok.example\""));
        assert!(body.html.contains("href=\"mailto:a@b.c\""));
        assert!(body.html.contains("href=\"other.html#x\""));
    }

    #[test]
    fn tables_footnotes_and_strikethrough_render() {
        let body = render(
            "| a | b |\n|:-:|---|\n| 1 | 2 |\n\n~~old~~ text[^n]\n\n[^n]: note\n",
            0,
        );
        assert!(body.html.contains("<table>"), "{}", body.html);
        assert!(body.html.contains("text-align: center"), "{}", body.html);
        assert!(body.html.contains("<del>old</del>"), "{}", body.html);
        assert!(body.html.contains("footnote-definition"), "{}", body.html);
    }
}
