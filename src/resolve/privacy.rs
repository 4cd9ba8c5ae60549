//! Public builds: which documents are private, and the body links that must
//! lose their target. A private backlog item takes everything below it
//! along, since a child page would show its parent's title in its trail.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind;
use crate::load::{Document, Front};
use crate::markdown::Body;

/// Paths (under `content/`) of documents left out of a public build.
pub fn private_paths(documents: &[Arc<Document>]) -> HashSet<String> {
    // Conversations are team notes, private by nature.
    let mut private: HashSet<String> = documents
        .iter()
        .filter(|d| d.private || d.kind == crate::kind::Kind::Conversation)
        .map(|d| d.path.clone())
        .collect();
    let parents: HashMap<&str, (&str, Option<&str>)> = documents
        .iter()
        .filter_map(|d| match &d.front {
            Front::Item(raw) => Some((
                d.id.as_str(),
                (
                    d.path.as_str(),
                    raw.parent.as_ref().map(|p| p.value.as_str()),
                ),
            )),
            _ => None,
        })
        .collect();
    for (path, parent) in parents.values() {
        let mut seen = 0;
        let mut at = *parent;
        while let Some(id) = at {
            let Some((parent_path, next)) = parents.get(id) else {
                break;
            };
            if private.contains(*parent_path) {
                private.insert(path.to_string());
                break;
            }
            seen += 1;
            if seen > parents.len() {
                break; // a loop, reported elsewhere
            }
            at = *next;
        }
    }
    private
}

/// In the public documents, turns `@/` links to private ones into plain
/// text, with a warning at each link.
pub fn unlink_private(
    documents: &mut [Arc<Document>],
    private: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    for doc in documents.iter_mut().filter(|d| !private.contains(&d.path)) {
        let mut html = None;
        for link in &doc.body.links {
            if !private.contains(&link.path) {
                continue;
            }
            diags.push(
                Diagnostic::warning(
                    format!(
                        "this links to a private document (content/{}), left out of public builds",
                        link.path
                    ),
                    Location::new(doc.file, link.span.clone()),
                )
                .with_label("shown as plain text in this build")
                .with_help("remove the link, or make the target public if readers may see it"),
            );
            if let Some((k, id)) = kind::classify(&link.path) {
                let text = html.get_or_insert_with(|| doc.body.html.clone());
                *text = strip_links_to(text, &format!("../{}", k.page(id)));
            }
        }
        if let Some(html) = html {
            Arc::make_mut(doc).body = Arc::new(Body {
                html,
                ..(*doc.body).clone()
            });
        }
    }
}

/// Removes every `<a href="target...">` around its text.
fn strip_links_to(html: &str, target: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let open = format!("<a href=\"{target}");
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        // Only this page (optionally with an anchor), not a longer path.
        if !(after.starts_with('"') || after.starts_with('#')) {
            out.push_str(&rest[..start + open.len()]);
            rest = after;
            continue;
        }
        let Some(tag_end) = rest[start..].find('>') else {
            break;
        };
        let inner_start = start + tag_end + 1;
        let Some(close) = rest[inner_start..].find("</a>") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&rest[inner_start..inner_start + close]);
        rest = &rest[inner_start + close + "</a>".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::strip_links_to;

    #[test]
    fn links_to_a_private_page_become_text() {
        let html = r#"<p>See <a href="../backlog/x.html">X</a>, <a href="../backlog/x.html#a" title="t">there</a> and <a href="../backlog/xy.html">XY</a>.</p>"#;
        assert_eq!(
            strip_links_to(html, "../backlog/x.html"),
            r#"<p>See X, there and <a href="../backlog/xy.html">XY</a>.</p>"#
        );
    }
}
