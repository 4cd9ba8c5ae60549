//! Links and images in bodies that name a file of the site rather than a
//! document (`/images/logo.svg`, `../board.html`): each must land on a page
//! cairn writes or a file of `static/` (an image that does not exist is
//! never what the author meant), and every image needs alt text.
//!
//! The Markdown pass records the targets ([`BodyRef::of`], the one place a
//! body's link is judged local); [`check`] runs once the pages and the
//! static files are known.

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind::Kind;
use crate::model::{Meta, Portal};
use crate::suggest;

/// A link or image of a body, other than an `@/` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRef {
    /// The target as written, when it names a file of the site; `None`
    /// for another site, `mailto:` and the like, or a `#fragment` alone.
    pub local: Option<String>,
    pub image: bool,
    /// An image with no alt text.
    pub no_alt: bool,
    pub span: Range<usize>,
}

impl BodyRef {
    /// What a body's link or image needs checking for, if anything.
    pub fn of(url: &str, image: bool, no_alt: bool, span: Range<usize>) -> Option<Self> {
        let local = is_local(url).then(|| url.to_string());
        (local.is_some() || image).then_some(BodyRef {
            local,
            image,
            no_alt: image && no_alt,
            span,
        })
    }
}

/// Whether `url` names a file of this site: no scheme, not `//host`, and
/// more than a `#fragment` or `?query`.
fn is_local(url: &str) -> bool {
    let url = crate::markdown::urls::cleaned(url);
    let path = url.split(['#', '?']).next().unwrap_or("");
    !path.is_empty() && crate::markdown::urls::scheme(path).is_none() && !url.starts_with("//")
}

/// The files a build writes and the files of `static/`, root-relative.
pub struct SiteFiles<'a> {
    /// Every page and asset the build writes, static files included.
    pub all: FxHashSet<String>,
    /// The files of `static/`, for "did you mean".
    pub statics: Vec<&'a str>,
}

/// Reports every local link or image of the portal's bodies that lands on
/// no file, and every image without alt text.
pub fn check(portal: &Portal, files: &SiteFiles<'_>, diags: &mut Diagnostics) {
    let mut found = Vec::new();
    let vision = std::iter::once((Kind::Vision, &portal.vision.meta));
    let docs = vision
        .chain(portal.items.iter().map(|d| (Kind::Backlog, &d.meta)))
        .chain(portal.decisions.iter().map(|d| (Kind::Decision, &d.meta)))
        .chain(
            portal
                .stakeholders
                .iter()
                .map(|d| (Kind::Stakeholder, &d.meta)),
        )
        .chain(portal.updates.iter().map(|d| (Kind::Update, &d.meta)))
        .chain(
            portal
                .assumptions
                .iter()
                .map(|d| (Kind::Assumption, &d.meta)),
        );
    for (kind, meta) in docs {
        check_body(kind, meta, files, &mut found);
    }
    diags.extend(found);
}

fn check_body(kind: Kind, meta: &Meta, files: &SiteFiles<'_>, out: &mut Vec<Diagnostic>) {
    let page = kind.page(&meta.id);
    for r in &meta.body.refs {
        let at = Location::new(meta.file, r.span.clone());
        if r.no_alt {
            out.push(
                Diagnostic::warning("this image has no alt text", at.clone())
                    .with_label("a reader who cannot see it gets nothing")
                    .with_help(
                        "say what the image shows between the brackets: `![what it shows](...)`",
                    ),
            );
        }
        let Some(url) = &r.local else { continue };
        let what = if r.image { "image" } else { "link" };
        match target(&page, url) {
            Some(path) if files.all.contains(&path) => {}
            Some(path) => {
                let help = match suggest::closest(&path, files.statics.iter().copied()) {
                    Some(near) => format!("did you mean `/{near}`?"),
                    None if files.statics.is_empty() => {
                        "put the file in static/ and link it from the root, e.g. `/images/logo.svg`"
                            .into()
                    }
                    None => format!(
                        "links starting with `/` start at static/; it holds {}",
                        list(&files.statics)
                    ),
                };
                out.push(
                    Diagnostic::error(
                        format!("broken {what}: `{url}` is no page and no file of static/"),
                        at,
                    )
                    .with_label(format!(
                        "would lead to `{path}`, which the build does not write"
                    ))
                    .with_help(help),
                );
            }
            None => out.push(
                Diagnostic::error(
                    format!("broken {what}: `{url}` leads out of the portal"),
                    at,
                )
                .with_label("above the portal's root")
                .with_help(
                    "start the path with `/` for a file of static/, e.g. `/images/logo.svg`",
                ),
            ),
        }
    }
}

/// Up to five files, then how many more.
fn list(files: &[&str]) -> String {
    let mut shown: Vec<String> = files.iter().take(5).map(|f| format!("`/{f}`")).collect();
    if files.len() > 5 {
        shown.push(format!("and {} more", files.len() - 5));
    }
    shown.join(", ")
}

/// The root-relative file `url` leads to from `page`: `/x` starts at the
/// root, anything else at the page's folder; a folder means its
/// `index.html`. `None` when it climbs above the root.
fn target(page: &str, url: &str) -> Option<String> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = Vec::new();
    let relative = !path.starts_with('/');
    if relative {
        parts.extend(
            page.rsplit_once('/')
                .map(|(dir, _)| dir.split('/'))
                .into_iter()
                .flatten(),
        );
    }
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            ".." => {
                parts.pop()?;
            }
            "." | "" if i + 1 < segments.len() => {}
            "" | "." => parts.push("index.html"),
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_targets_start_at_the_root_or_the_page_folder() {
        assert_eq!(
            target("backlog/a.html", "/images/x.png").as_deref(),
            Some("images/x.png")
        );
        assert_eq!(
            target("backlog/a.html", "../board.html#top").as_deref(),
            Some("board.html")
        );
        assert_eq!(
            target("backlog/a.html", "b.html").as_deref(),
            Some("backlog/b.html")
        );
        assert_eq!(
            target("vision/index.html", "../goals/").as_deref(),
            Some("goals/index.html")
        );
        assert_eq!(
            target("backlog/a.html", "/my%20file.pdf").as_deref(),
            Some("my file.pdf")
        );
        assert_eq!(target("backlog/a.html", "../../x.png"), None);
    }

    #[test]
    fn only_links_into_the_site_are_local() {
        for url in ["/a.png", "a.png", "../board.html#x", "./b?x=1"] {
            assert!(is_local(url), "{url}");
        }
        for url in [
            "https://x.org/a.png",
            "mailto:a@b",
            "//cdn/x.js",
            "#top",
            "?q",
            "tel:1",
        ] {
            assert!(!is_local(url), "{url}");
        }
        assert!(BodyRef::of("https://x.org/a.png", true, true, 0..1).is_some_and(|r| r.no_alt));
        assert!(BodyRef::of("https://x.org", false, false, 0..1).is_none());
    }
}
