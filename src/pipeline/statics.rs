//! The files of `static/`, listed and checked once when a build starts:
//! only regular files inside the portal pass. The build copies them and
//! the dev server serves them from this list, so what is checked is what
//! is published.
//!
//! A link is followed when it leads to a regular file inside the portal
//! (an image shared by two paths) or inside the folder `static/` links
//! to; a link to a folder is not (it could loop), and neither is a link
//! out of the portal or into a `.git` folder. Pipes, sockets and
//! devices are refused: reading one could wait forever or never end.

use std::fs;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::display_path;
use crate::write::{self, StaticFile};

/// Lists the regular files of `static/`, reporting everything else.
pub fn static_files(root: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // static/ itself may be a link, but only to a folder of the portal: a
    // cloned portal whose `static -> ../../.ssh` would publish the reader's
    // keys, and `cairn serve` refuses the same.
    let canonical_dir = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    if !canonical_dir.starts_with(&canonical_root) {
        diagnostics.push(
            Diagnostic::error_at_path(
                format!(
                    "static/ is a link out of the portal (to {})",
                    canonical_dir.display()
                ),
                display_path(root, "static"),
            )
            .with_help("what cairn publishes stays in the portal: copy the assets into static/, or link static/ to a folder inside the portal"),
        );
        return Vec::new();
    }
    if write::in_git_folder(&canonical_dir) {
        diagnostics.push(
            Diagnostic::error_at_path(
                "static/ leads into a `.git` folder; cairn never publishes it",
                display_path(root, "static"),
            )
            .with_help("a repository's own files (its config may hold credentials) are not part of the site; point static/ at a folder of assets"),
        );
        return Vec::new();
    }
    let inside = |t: &Path| t.starts_with(&canonical_root) || t.starts_with(&canonical_dir);
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(32)
        .sort_by_file_name()
        .into_iter()
        // A submodule's or repository's `.git` is not part of the site.
        .filter_entry(|e| e.file_name() != ".git")
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error_at_path(
                    format!("cannot read static files: {e}"),
                    display_path(root, "static"),
                ));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let shown = || display_path(root, &format!("static/{rel}"));
        let source = if file_type.is_symlink() {
            match fs::canonicalize(entry.path()) {
                Ok(target) if !inside(&target) => {
                    diagnostics.push(
                        Diagnostic::error_at_path(
                            "this link points outside the portal; cairn does not follow it",
                            shown(),
                        )
                        .with_help("copy the file into static/ instead of linking to it"),
                    );
                    continue;
                }
                Ok(target) if write::in_git_folder(&target) => {
                    diagnostics.push(
                        Diagnostic::error_at_path(
                            "this link leads into a `.git` folder; cairn never publishes it",
                            shown(),
                        )
                        .with_help("a repository's own files (its config may hold credentials) are not part of the site; remove the link"),
                    );
                    continue;
                }
                Ok(target) if target.is_dir() => {
                    diagnostics.push(
                        Diagnostic::error_at_path(
                            "this is a link to a folder; cairn does not follow it",
                            shown(),
                        )
                        .with_help("move the folder here instead of linking to it"),
                    );
                    continue;
                }
                Ok(target) => target,
                Err(e) => {
                    diagnostics.push(
                        Diagnostic::error_at_path(format!("this link leads nowhere: {e}"), shown())
                            .with_help("remove the link or point it at a file in the portal"),
                    );
                    continue;
                }
            }
        } else {
            entry.path().to_path_buf()
        };
        // The link's target, or the entry itself, looked at without opening.
        if !fs::metadata(&source).is_ok_and(|m| m.is_file()) {
            diagnostics.push(
                Diagnostic::error_at_path("this is not a regular file", shown())
                    .with_help("static/ holds plain files; remove the pipe, socket or device"),
            );
            continue;
        }
        out.push(StaticFile { path: rel, source });
    }
    out
}

/// Checks that no static file would overwrite a rendered page (`clashes`:
/// the rendered pages with a static file's path) or a file cairn keeps
/// for itself.
pub fn statics_fit(
    statics: &[StaticFile],
    clashes: &[String],
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut fit = true;
    for s in statics {
        let shown = display_path(root, &format!("static/{}", s.path));
        if clashes.contains(&s.path) {
            fit = false;
            diagnostics.push(
                Diagnostic::error_at_path(
                    format!(
                        "static/{} would overwrite the generated page `{}`",
                        s.path, s.path
                    ),
                    shown,
                )
                .with_help("rename or move the file: two sources cannot write one output path"),
            );
        } else if write::is_reserved(&s.path) {
            fit = false;
            diagnostics.push(
                Diagnostic::error_at_path(
                    format!("static/{} has a name cairn keeps for itself", s.path),
                    shown,
                )
                .with_help("rename the file"),
            );
        }
    }
    fit
}
