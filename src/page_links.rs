//! `[links]` of `cairn.toml`: the "Edit this page" and "Give feedback"
//! links on every document page. A template is checked once, when
//! `cairn.toml` is read (scheme and placeholders); every value filled into
//! it is percent-encoded, so a title cannot change where a link goes.

use std::ops::Range;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::fields::Fields;

/// What may be filled in, and what each placeholder holds.
/// The keys of `[links]`.
pub const KEYS: &[&str] = &["edit", "feedback"];

const PLACEHOLDERS: &[&str] = &["path", "title", "url"];

/// Everything but RFC 3986's unreserved characters.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// A path keeps its `/`, so `edit/main/content/{path}` reaches a file in a
/// subfolder.
const PATH: &AsciiSet = &COMPONENT.remove(b'/');

/// The two link templates, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// `edit`: where the page's source file is edited.
    pub edit: Option<String>,
    /// `feedback`: where a reader says something about the page.
    pub feedback: Option<String>,
}

/// Reads `[links]`, reporting every bad template.
pub fn parse(f: &mut Fields, text: &str) -> Links {
    f.table("links", "the [links] table", KEYS, |t| Links {
        edit: t
            .string("edit", false)
            .and_then(|s| check(t, text, "edit", &s.value, s.span)),
        feedback: t
            .string("feedback", false)
            .and_then(|s| check(t, text, "feedback", &s.value, s.span)),
    })
}

fn check(
    f: &mut Fields,
    text: &str,
    key: &str,
    template: &str,
    span: Range<usize>,
) -> Option<String> {
    let lower = template.trim().to_ascii_lowercase();
    if !["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        f.error(
            span,
            format!("`[links] {key}` must be an http, https or mailto URL"),
            Some(format!(
                "write e.g. `{key} = \"https://github.com/acme/vision/{}\"`",
                if key == "edit" {
                    "edit/main/content/{path}"
                } else {
                    "issues/new?title={title}"
                }
            )),
        );
        return None;
    }
    let mut ok = true;
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        let after = &rest[open + 1..];
        let close = after.find('}').filter(|_| rest.as_bytes()[open] == b'{');
        let Some(close) = close else {
            f.error(
                narrow(text, &span, &rest[open..open + 1]),
                format!("`[links] {key}` has a `{}` that is not part of a placeholder", &rest[open..open + 1]),
                Some("placeholders are `{path}`, `{title}` and `{url}`; write a brace in a URL as %7B or %7D".into()),
            );
            ok = false;
            break;
        };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            let help = match crate::suggest::closest(name, PLACEHOLDERS.iter().copied()) {
                Some(near) => format!("did you mean `{{{near}}}`?"),
                None => "placeholders are `{path}`, `{title}` and `{url}`".into(),
            };
            f.error(
                narrow(text, &span, &format!("{{{name}}}")),
                format!("unknown placeholder `{{{name}}}` in `[links] {key}`"),
                Some(help),
            );
            ok = false;
        }
        rest = &after[close + 1..];
    }
    ok.then(|| template.trim().to_string())
}

/// The span of `needle` inside the value at `span`, when it is written
/// there as is (no escapes in between); else the whole value.
fn narrow(text: &str, span: &Range<usize>, needle: &str) -> Range<usize> {
    text.get(span.clone())
        .and_then(|value| value.find(needle))
        .map_or(span.clone(), |at| {
            span.start + at..span.start + at + needle.len()
        })
}

/// One link of a document page.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// `edit` or `feedback`, for CSS.
    pub kind: &'static str,
    pub label: &'static str,
    pub href: String,
}

/// What a page's links are filled with.
pub struct Page<'a> {
    /// The source file under `content/`.
    pub path: &'a str,
    /// The document's title.
    pub title: &'a str,
    /// The page's absolute URL, or its path in the site without `base_url`.
    pub url: &'a str,
}

/// The links of one document page, in reading order.
pub fn for_page(links: &Links, page: &Page) -> Vec<PageLink> {
    let mut out = Vec::new();
    if let Some(t) = &links.edit {
        out.push(PageLink {
            kind: "edit",
            label: "Edit this page",
            href: fill(t, page),
        });
    }
    if let Some(t) = &links.feedback {
        out.push(PageLink {
            kind: "feedback",
            label: "Give feedback",
            href: fill(t, page),
        });
    }
    out
}

/// The template with its placeholders filled in, percent-encoded.
pub fn fill(template: &str, page: &Page) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let value = match &after[..close] {
            "path" => utf8_percent_encode(page.path, PATH).to_string(),
            "title" => utf8_percent_encode(page.title, COMPONENT).to_string(),
            "url" => utf8_percent_encode(page.url, COMPONENT).to_string(),
            // Checked when cairn.toml was read.
            _ => String::new(),
        };
        out.push_str(&value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded_and_a_path_keeps_its_folders() {
        let page = Page {
            path: "backlog/q3 plans/sso.md",
            title: "SSO & audit: \"first\" / 100% ✓?#x",
            url: "https://acme.example/portal/backlog/sso.html",
        };
        assert_eq!(
            fill(
                "https://h/edit/main/content/{path}?t={title}&u={url}",
                &page
            ),
            "https://h/edit/main/content/backlog/q3%20plans/sso.md?t=SSO%20%26%20audit%3A%20%22first%22%20%2F%20100%25%20%E2%9C%93%3F%23x&u=https%3A%2F%2Facme.example%2Fportal%2Fbacklog%2Fsso.html"
        );
    }
}
