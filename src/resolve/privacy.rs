//! Public builds: which documents are private, their pages (which body
//! links lose), and a warning at each link that loses its target. A private backlog item takes everything below it
//! along, since a child page would show its parent's title in its trail.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind;
use crate::load::{Document, Front};

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
                    raw.place.parent.as_ref().map(|p| p.value.as_str()),
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

/// The pages of the private documents (the vision's page stays: a
/// private vision is reported elsewhere).
pub fn pages<'a>(
    documents: &'a [Arc<Document>],
    private: &'a HashSet<String>,
) -> impl Iterator<Item = String> + 'a {
    documents
        .iter()
        .filter(|d| private.contains(&d.path) && d.kind != kind::Kind::Vision)
        .map(|d| d.kind.page(&d.id))
}

/// Warns at every `@/` link of a public document to a private one: the
/// renderer leaves its text without the link (see [`crate::markdown`]).
pub fn warn_private_links(
    documents: &[Arc<Document>],
    private: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    for doc in documents.iter().filter(|d| !private.contains(&d.path)) {
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
        }
    }
}
