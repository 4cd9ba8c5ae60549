//! The URL rules every link and image of a body follows, written in
//! Markdown or in raw HTML alike: relative paths, `#fragments`, `http`,
//! `https`, `mailto` and `tel` pass; any other scheme makes the link inert;
//! `@/` paths and root-relative paths are rewritten to the page they name;
//! a link to a page left out of the build (a private document in a public
//! build, a draft) is removed.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::kind;

/// Schemes a body may link to.
pub const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// How links in a body are resolved.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// Root-relative paths of the pages left out of this build.
    pub excluded: &'a FxHashSet<String>,
    /// What leads from the page showing the body to the output root:
    /// `../` on a document's page, the site's URL in the feed.
    pub root: &'a str,
    /// The folder of the page showing the body (`backlog`), against which
    /// a relative path is read.
    pub folder: &'a str,
}

/// The URL as a browser reads it (WHATWG): blanks and control characters
/// at either end dropped, tabs and newlines inside removed.
pub fn cleaned(url: &str) -> Cow<'_, str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        Cow::Owned(
            trimmed
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// The scheme of a cleaned URL, lowercased, if it has one: a letter, then
/// letters, digits, `+`, `-` or `.` up to a `:` (so `10:30-notes.html` has
/// none, and is a relative path).
pub fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let name = &url[..colon];
    let mut bytes = name.bytes();
    let first = bytes.next()?;
    (first.is_ascii_alphabetic()
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
    .then(|| name.to_ascii_lowercase())
}

/// A page path (no query or fragment, percent-escapes decoded), `path`
/// read from `folder`.
fn normalized(folder: &str, path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let path = path.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    let (start, rest) = match path.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (folder, path.as_str()),
    };
    for seg in start.split('/').chain(rest.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            seg => parts.push(seg),
        }
    }
    parts.join("/")
}

/// Control characters never reach an attribute.
fn without_controls(url: Cow<'_, str>) -> Cow<'_, str> {
    if url.chars().any(char::is_control) {
        Cow::Owned(url.chars().filter(|c| !c.is_control()).collect())
    } else {
        url
    }
}

impl Links<'_> {
    /// The page of this site a link leads to (root-relative, without
    /// query or fragment), if it leads to one: what decides whether the
    /// link is removed.
    pub fn page(&self, url: &str) -> Option<String> {
        let url = cleaned(url);
        if let Some(target) = url.strip_prefix("@/") {
            let path = target.split('#').next().unwrap_or_default();
            let (k, id) = kind::classify(path)?;
            return Some(k.page(id));
        }
        if scheme(&url).is_some() || url.starts_with("//") || url.starts_with('#') || url.is_empty()
        {
            return None;
        }
        Some(normalized(self.folder, &url))
    }

    /// What `url` becomes, or `None` when the link must go: an unsafe
    /// scheme, an `@/` path that names no document, or a page left out of
    /// the build. Applying it to its own result changes nothing.
    pub fn resolve<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        let url = without_controls(cleaned(url));
        if let Some(target) = url.strip_prefix("@/") {
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target, None),
            };
            let (k, id) = kind::classify(path)?;
            let page = k.page(id);
            if self.excluded.contains(&page) {
                return None;
            }
            let mut href = format!("{}{page}", self.root);
            if let Some(a) = anchor {
                href.push('#');
                href.push_str(a);
            }
            return Some(Cow::Owned(href));
        }
        if let Some(s) = scheme(&url) {
            return SCHEMES.contains(&s.as_str()).then_some(url);
        }
        if url.starts_with("//") || url.starts_with('#') || url.is_empty() {
            return Some(url);
        }
        let page = normalized(self.folder, &url);
        if self.excluded.contains(&page) {
            return None;
        }
        if let Some(rest) = url.strip_prefix('/') {
            // Site-absolute paths break under a sub-path or from disk.
            return Some(Cow::Owned(format!("{}{rest}", self.root)));
        }
        if self.root == "../" {
            return Some(url);
        }
        // In the feed only absolute links work.
        let tail = url.find(['?', '#']).map_or("", |i| &url[i..]);
        Some(Cow::Owned(format!("{}{page}{tail}", self.root)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(excluded: &FxHashSet<String>) -> Links<'_> {
        Links {
            excluded,
            root: "../",
            folder: "backlog",
        }
    }

    #[test]
    fn a_scheme_starts_with_a_letter_and_holds_only_scheme_characters() {
        assert_eq!(scheme("JavaScript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("a+b-c.d:x").as_deref(), Some("a+b-c.d"));
        assert_eq!(scheme("10:30-standup.html"), None);
        assert_eq!(scheme("notes/a:b"), None);
        assert_eq!(scheme("x_y:z"), None);
        assert_eq!(scheme("no-colon"), None);
    }

    #[test]
    fn every_scheme_outside_the_list_is_refused_however_written() {
        let none = FxHashSet::default();
        let l = links(&none);
        for bad in [
            "javascript:alert(1)",
            " \u{1}JavaScript:x",
            "java\tscript:x",
            "java\nscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(l.resolve(bad), None, "{bad:?}");
        }
        for good in [
            "https://a.example/x",
            "HTTP://a.example",
            "mailto:a@b.c",
            "tel:+1",
            "#top",
            "other.html#x",
            "10:30-standup.html",
            "//cdn.example/x",
        ] {
            assert_eq!(l.resolve(good).as_deref(), Some(good), "{good:?}");
        }
    }

    #[test]
    fn at_and_root_paths_are_rewritten_and_excluded_pages_removed() {
        let excluded: FxHashSet<String> = ["backlog/secret.html".to_string()].into_iter().collect();
        let l = links(&excluded);
        assert_eq!(
            l.resolve("@/backlog/q3/plan.md#risks").as_deref(),
            Some("../backlog/plan.html#risks")
        );
        assert_eq!(l.resolve("/img/x.svg").as_deref(), Some("../img/x.svg"));
        assert_eq!(l.resolve("@/nothing.txt"), None);
        for gone in [
            "@/backlog/sub/secret.md",
            "@/backlog/secret.md#a",
            "../backlog/secret.html",
            "secret.html?x#y",
            "/backlog/secret.html",
            "./../backlog/./secret.html",
            "secr%65t.html",
            "..\\backlog\\secret.html",
        ] {
            assert_eq!(l.resolve(gone), None, "{gone:?}");
        }
        // Its own result passes unchanged (raw HTML is read twice).
        assert_eq!(
            l.resolve("../backlog/plan.html#risks").as_deref(),
            Some("../backlog/plan.html#risks")
        );
        let feed = Links {
            root: "https://x.example/p/",
            ..l
        };
        assert_eq!(
            feed.resolve("@/vision.md").as_deref(),
            Some("https://x.example/p/vision/index.html")
        );
        assert_eq!(
            feed.resolve("../img/a.png").as_deref(),
            Some("https://x.example/p/img/a.png")
        );
    }
}
