//! A body's renderings: made when first asked for, kept while the rules
//! stay the same, and settled for a build (see [`Body::settle`]).

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashSet;

use super::{Body, Links, Rendered, Rules, State, key, page_folder, page_links, render};

/// An empty body (what a public build shows of a stakeholder's notes).
impl Default for Body {
    fn default() -> Self {
        Body {
            offset: 0,
            anchors: Vec::new(),
            links: Vec::new(),
            refs: Vec::new(),
            pages: Vec::new(),
            raw_html: false,
            blank: true,
            state: Mutex::new(State {
                source: Some(String::new()),
                cache: None,
            }),
        }
    }
}

impl Body {
    /// The body rendered for the page of the document at `path` under
    /// `rules`; made once and kept while the rules stay the same.
    ///
    /// A body without its Markdown (a build's, once settled: see
    /// [`Body::settle`]) renders only as the rules it was settled with;
    /// under others it renders as empty rather than keep a link they
    /// remove.
    pub fn rendered(&self, rules: &Rules, path: &str) -> Arc<Rendered> {
        let wanted = self.key(rules);
        let mut state = self.state();
        if let Some((key, done)) = &state.cache
            && *key == wanted
        {
            return done.clone();
        }
        let links = page_links(&rules.excluded, path);
        let done = Arc::new(
            state
                .source
                .as_deref()
                .map_or_else(Rendered::default, |s| render(s, links, rules.unsafe_html)),
        );
        state.cache = Some((wanted, done.clone()));
        done
    }

    /// Makes the rendering for `rules` and lets the Markdown go: a build
    /// renders every body under one set of rules, and ten thousand kept
    /// copies of the Markdown are ~30 MB held through the whole build. A
    /// body loaded without its Markdown that these rules render otherwise
    /// than its first rendering is read from `file`, which gives the text of
    /// its file (empty if the file changed since it was read: then `false`;
    /// called only then, as it may read the file again).
    pub fn settle<'f>(&self, rules: &Rules, path: &str, file: impl FnOnce() -> &'f str) -> bool {
        let wanted = self.key(rules);
        let mut state = self.state();
        if !matches!(&state.cache, Some((key, _)) if *key == wanted) {
            let source = match &state.source {
                Some(source) => source.as_str(),
                None => match file().get(self.offset..) {
                    Some(source) if !source.is_empty() => source,
                    _ => return false,
                },
            };
            let links = page_links(&rules.excluded, path);
            let done = Arc::new(render(source, links, rules.unsafe_html));
            state.cache = Some((wanted, done));
        }
        state.source = None;
        true
    }

    /// The key of the rendering `rules` make.
    fn key(&self, rules: &Rules) -> u64 {
        if self.raw_html {
            key(std::iter::empty(), rules.fingerprint, rules.unsafe_html)
        } else {
            let left_out = self.pages.iter().filter(|p| rules.excluded.contains(*p));
            key(left_out, 0, rules.unsafe_html)
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Renders the Markdown, if the body was not settled.
    fn render_source(&self, links: Links<'_>, unsafe_html: bool) -> Rendered {
        let state = self.state();
        render(
            state.source.as_deref().unwrap_or_default(),
            links,
            unsafe_html,
        )
    }

    /// The body rendered with absolute links under `base` (for the feed;
    /// a build keeps the Markdown of the bodies the feed shows).
    pub fn absolute(&self, rules: &Rules, path: &str, base: &str) -> Rendered {
        let links = Links {
            excluded: &rules.excluded,
            root: base,
            folder: page_folder(path),
        };
        self.render_source(links, rules.unsafe_html)
    }

    /// The text a reader of the body sees (for the leak scan). Without
    /// its Markdown, the text of its first rendering, made with no page
    /// left out (the leak scan reads bodies before they are settled).
    pub fn plain_text(&self) -> String {
        let none = FxHashSet::default();
        let state = self.state();
        match (&state.source, &state.cache) {
            (None, Some((_, done))) => done.text.clone(),
            (source, _) => {
                let source = source.as_deref().unwrap_or_default();
                render(source, page_links(&none, ""), false).text
            }
        }
    }

    /// Whether the Markdown is only white space.
    pub fn is_blank(&self) -> bool {
        self.blank
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Bodies, scan};
    use super::*;

    /// A build's body, loaded without its Markdown, as the file `file` holds
    /// it after front matter of `offset` bytes.
    fn build_body(file: &str, offset: usize) -> Body {
        let bodies = Bodies::Pages {
            unsafe_html: false,
            keep_source: false,
        };
        scan(&file[offset..], offset, "backlog/x.md", bodies).0
    }

    #[test]
    fn a_build_body_linking_to_a_left_out_page_is_rendered_again_from_its_file() {
        let file = "+++\n+++\n[plan](@/backlog/secret.md) and [home](../index.html)";
        let body = build_body(file, 8);
        let rules = Rules::new(
            std::iter::once("backlog/secret.html".to_string()).collect(),
            false,
        );
        assert!(body.settle(&rules, "backlog/x.md", || file));
        let html = &body.rendered(&rules, "backlog/x.md").html;
        assert!(!html.contains("secret"), "{html}");
        assert!(
            html.contains("plan") && html.contains("../index.html"),
            "{html}"
        );
    }

    #[test]
    fn a_build_body_whose_file_changed_is_not_rendered_from_it() {
        let file = "+++\n+++\n[plan](@/backlog/secret.md)";
        let body = build_body(file, 8);
        let rules = Rules::new(
            std::iter::once("backlog/secret.html".to_string()).collect(),
            false,
        );
        // The source map gives an empty text for a file that changed.
        assert!(!body.settle(&rules, "backlog/x.md", || ""));
        assert!(
            !body
                .rendered(&rules, "backlog/x.md")
                .html
                .contains("secret")
        );
    }

    #[test]
    fn a_build_body_kept_as_first_rendered_reads_no_file() {
        let file = "+++\n+++\n# Plan\n\nNo page linked.";
        let body = build_body(file, 8);
        let rules = Rules::new(
            std::iter::once("backlog/secret.html".to_string()).collect(),
            false,
        );
        assert!(body.settle(&rules, "backlog/x.md", || unreachable!()));
        assert!(
            body.rendered(&rules, "backlog/x.md")
                .html
                .contains("No page linked")
        );
        let text = body.plain_text();
        assert!(
            text.contains("Plan") && text.contains("No page linked."),
            "{text}"
        );
    }

    #[test]
    fn an_empty_body_settles_empty() {
        let body = Body::default();
        let rules = Rules::default();
        assert!(body.settle(&rules, "stakeholders/x.md", || "+++\nsecret\n+++\n"));
        assert_eq!(body.rendered(&rules, "stakeholders/x.md").html, "");
    }
}
