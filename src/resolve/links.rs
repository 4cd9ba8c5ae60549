//! Checks `@/` links in bodies: the target document exists (under its real
//! path, subfolders included), is part of this build, and has the heading
//! the `#anchor` names.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind;
use crate::load::Document;
use crate::suggest;

/// Reports every broken `@/` link of the kept documents.
pub fn check(documents: &[Arc<Document>], include_drafts: bool, diags: &mut Diagnostics) {
    let by_path: FxHashMap<&str, &Document> =
        documents.iter().map(|d| (d.path.as_str(), &**d)).collect();
    let found: Vec<Diagnostic> = documents
        .par_iter()
        .filter(|d| include_drafts || !d.draft)
        .flat_map_iter(|doc| {
            let mut found = Vec::new();
            check_document(doc, documents, &by_path, include_drafts, &mut found);
            found
        })
        .collect();
    diags.extend(found);
}

/// The links of one document.
fn check_document(
    doc: &Document,
    documents: &[Arc<Document>],
    by_path: &FxHashMap<&str, &Document>,
    include_drafts: bool,
    diags: &mut Vec<Diagnostic>,
) {
    {
        for link in &doc.body.links {
            let at = Location::new(doc.file, link.span.clone());
            if kind::classify(&link.path).is_none() {
                let with_md = format!("{}.md", link.path.trim_end_matches('/'));
                let help = if by_path.contains_key(with_md.as_str()) {
                    format!("did you mean `@/{with_md}`?")
                } else {
                    let example = documents
                        .iter()
                        .find(|d| d.kind != kind::Kind::Vision)
                        .map_or("backlog/first-idea.md", |d| d.path.as_str());
                    format!(
                        "write the file's path under content/, with .md, e.g. `@/{example}` or `@/vision.md`"
                    )
                };
                diags.push(
                    Diagnostic::error(format!("`@/{}` is not a document path", link.path), at)
                        .with_label("links with @/ name a document under content/")
                        .with_help(help),
                );
                continue;
            }
            let Some(target) = by_path.get(link.path.as_str()) else {
                // Suggest by file name within the kind: paths share long
                // prefixes, so comparing whole paths suggests nonsense.
                let wanted = kind::classify(&link.path);
                let same_kind: Vec<&Document> = documents
                    .iter()
                    .map(|d| &**d)
                    .filter(|d| Some(d.kind) == wanted.map(|w| w.0))
                    .collect();
                let id = wanted.map_or("", |w| w.1);
                let help = match same_kind.iter().find(|d| d.id == id) {
                    Some(d) => format!("did you mean `@/{}`?", d.path),
                    None => match suggest::closest(id, same_kind.iter().map(|d| d.id.as_str())) {
                        Some(near) => {
                            let path = same_kind.iter().find(|d| d.id == near).map_or("", |d| d.path.as_str());
                            format!("did you mean `@/{path}`?")
                        }
                        None => "check the path: it is the file's path under content/, subfolders included".into(),
                    },
                };
                diags.push(
                    Diagnostic::error(
                        format!("broken link: no document at content/{}", link.path),
                        at,
                    )
                    .with_label("this link")
                    .with_help(help),
                );
                continue;
            };
            if target.draft && !include_drafts {
                diags.push(
                    Diagnostic::error(format!("this link points to a draft: content/{}", link.path), at)
                        .with_label("the draft is left out of the build")
                        .with_help("remove the link, remove `draft = true` from the target, or build with --drafts"),
                );
                continue;
            }
            if let Some(anchor) = &link.anchor
                && !target.body.anchors.iter().any(|a| a == anchor)
            {
                let help = match suggest::closest(
                    anchor,
                    target.body.anchors.iter().map(String::as_str),
                ) {
                    Some(near) => format!("did you mean `#{near}`?"),
                    None if target.body.anchors.is_empty() => {
                        "the target has no headings; link to the page without `#...`".into()
                    }
                    None => format!(
                        "its headings are {}",
                        target
                            .body
                            .anchors
                            .iter()
                            .map(|a| format!("`#{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diags.push(
                    Diagnostic::error(
                        format!(
                            "broken link: content/{} has no heading `#{anchor}`",
                            link.path
                        ),
                        at,
                    )
                    .with_label("this anchor")
                    .with_help(help),
                );
            }
        }
    }
}
