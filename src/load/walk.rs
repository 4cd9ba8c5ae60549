//! The walk of `content/`: documents found, ignore rules, folder-layout problems.

use std::fs;
use std::path::Path;

use super::Found;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::kind::{self, Kind};
use crate::source::display_path;

/// How deep below `content/` documents are looked for (a file in the 31st
/// folder down is the deepest). History reads old commits no deeper, which
/// also bounds its recursion on a tree a repository may nest at will.
pub const MAX_DEPTH: usize = 32;

/// Editor droppings and hidden files, never documents.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}

/// Whether a path under `content/` is one the walk reads as a document: no
/// deeper than [`MAX_DEPTH`], no hidden or ignored part, no control
/// character, a kind's folder (or the vision) and a valid id. The history
/// reads old versions by the same rule, so that a file no build ever
/// showed (`backlog/.scratch.md`) has no history either.
pub fn reads_as_document(rel: &str) -> bool {
    rel.split('/').count() <= MAX_DEPTH
        && !rel.split('/').any(is_ignored)
        && !rel.contains(char::is_control)
        && kind::classify(rel).is_some_and(|(kind, id)| {
            kind::is_valid_id(id) && (id != "index" || kind == Kind::Vision)
        })
}

pub(super) fn walk(root: &Path, diags: &mut Diagnostics) -> Vec<Found> {
    let content = root.join("content");
    let shown_content = display_path(root, "content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error_at_path("the portal has no content folder", shown_content)
                .with_help("create content/ with vision.md and the folders stakeholders/, tradeoffs/, backlog/, updates/"),
        );
        return Vec::new();
    }
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let content_len = content.as_os_str().len();
    let mut found = Vec::new();
    // Unsorted: sorting ten thousand siblings by walkdir's file names
    // parses a path per comparison. The list is sorted once at the end.
    let mut entries = walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(MAX_DEPTH)
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diags.push(Diagnostic::error_at_path(
                    format!("cannot read this folder: {e}"),
                    path,
                ));
                continue;
            }
        };
        // Every path walked starts with `content`'s bytes and a separator:
        // cut there, rather than compare the paths component by component.
        let rel_bytes = entry
            .path()
            .as_os_str()
            .as_encoded_bytes()
            .get(content_len + 1..)
            .unwrap_or_default();
        let Some(rel) = std::str::from_utf8(rel_bytes)
            .ok()
            .map(|s| s.replace('\\', "/"))
        else {
            diags.push(
                Diagnostic::error_at_path(
                    "this file name is not valid UTF-8",
                    entry.path().display().to_string(),
                )
                .with_help("rename it using lowercase letters, digits and `-`"),
            );
            continue;
        };
        let name = rel.rsplit('/').next().unwrap_or_default();
        // Made only for a problem: most files have none.
        let shown = || display_path(root, &format!("content/{rel}"));
        // A path is text on pages and in feeds (a change's id): a folder's
        // name holds no control character, as no text does.
        if entry.file_type().is_dir() && name.chars().any(char::is_control) {
            diags.push(
                Diagnostic::error_at_path("this folder name holds a control character", shown())
                    .with_help("rename it using lowercase letters, digits and `-`"),
            );
            entries.skip_current_dir();
            continue;
        }
        if is_ignored(name) {
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            match fs::canonicalize(entry.path()) {
                Ok(target) if crate::write::in_git_folder(&target) => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this link leads into a `.git` folder; cairn does not follow it",
                            shown(),
                        )
                        .with_help("a repository's own files are not documents; remove the link"),
                    );
                    continue;
                }
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                Ok(target) if target.starts_with(&canonical_root) && target.is_dir() => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this is a link to a folder; cairn does not follow it",
                            shown(),
                        )
                        .with_help("move the folder here instead of linking to it"),
                    );
                    continue;
                }
                Ok(target) if target.starts_with(&canonical_root) => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this link leads to something that is not a regular file",
                            shown(),
                        )
                        .with_help("documents must be plain files; remove the link"),
                    );
                    continue;
                }
                Err(e) => {
                    diags.push(
                        Diagnostic::error_at_path(format!("this link leads nowhere: {e}"), shown())
                            .with_help("remove the link or point it at a file in the portal"),
                    );
                    continue;
                }
                Ok(_) => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this link points outside the portal; cairn does not follow it",
                            shown(),
                        )
                        .with_help("copy the document into content/ instead of linking to it"),
                    );
                    continue;
                }
            }
        }
        if file_type.is_dir() {
            if entry.depth() == 1 && Kind::from_folder(name).is_none() {
                let help = kind::unknown_folder_help(name);
                diags.push(
                    Diagnostic::error_at_path(
                        format!("unknown folder `{name}` in content/"),
                        shown(),
                    )
                    .with_help(help),
                );
                entries.skip_current_dir();
            } else if name.ends_with(".md") {
                diags.push(
                    Diagnostic::error_at_path("this is a folder named like a document", shown())
                        .with_help("rename the folder; a document must be a file"),
                );
            }
            continue;
        }
        if !name.ends_with(".md") {
            diags.push(
                Diagnostic::warning_at_path("not a Markdown document; ignored", shown()).with_help(
                    "put images and other files in static/, which is copied to the output as is",
                ),
            );
            continue;
        }
        if entry.depth() == 1 && name != "vision.md" {
            diags.push(
                Diagnostic::error_at_path(format!("`{name}` is not in a kind folder"), shown())
                    .with_help("the only document at the top of content/ is vision.md; move this one into stakeholders/, tradeoffs/, backlog/ or updates/"),
            );
            continue;
        }
        let Some((kind, id)) = kind::classify(&rel) else {
            continue;
        };
        let id = id.to_string();
        found.push(Found {
            kind,
            id,
            rel,
            path: entry.into_path(),
        });
    }
    // Folder by folder, names in order: the order the documents keep. A
    // `/` sorts before any character of a name, so that a folder's files
    // stay together; keys are made once, not per comparison.
    found.sort_by_cached_key(|f| f.rel.replace('/', "\0"));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_what_the_walk_would_load() {
        for rel in [
            "vision.md",
            "backlog/a.md",
            "backlog/sub/b-2.md",
            "tradeoffs/x.md",
        ] {
            assert!(reads_as_document(rel), "{rel}");
        }
        let deep = format!("backlog/{}x.md", "d/".repeat(MAX_DEPTH - 2));
        assert!(reads_as_document(&deep));
        for rel in [
            "backlog/.scratch.md",
            "backlog/.old/a.md",
            "backlog/a\u{1}b.md",
            "backlog/a\u{1}d/x.md",
            "backlog/Guided Setup.md",
            "backlog/index.md",
            "notes/a.md",
            "readme.md",
            "backlog/a.txt",
            &format!("backlog/{}x.md", "d/".repeat(MAX_DEPTH - 1)),
        ] {
            assert!(!reads_as_document(rel), "{rel:?}");
        }
    }
}
