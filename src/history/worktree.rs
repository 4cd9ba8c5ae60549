//! The working tree against `HEAD`: uncommitted edits are the current
//! state. Files are compared the way `git status` does, by the index's
//! stat data first, so an unchanged portal costs a `stat` per document;
//! only a file whose stat differs is read and hashed.

use std::path::Path;

use gix::ObjectId;
use rustc_hash::FxHashMap;

use super::Raw;
use super::walk;

/// What the working tree did to a document committed at `HEAD`, or to one
/// not committed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Changed, or new.
    Changed,
    /// Removed.
    Removed,
}

/// The documents (paths under `content/`) whose file differs from `HEAD`.
pub fn edited(root: &Path, raw: &Raw) -> FxHashMap<String, Edit> {
    let content = root.join("content");
    let repo = walk::reopen(&raw.git_dir).ok();
    let index = repo.as_ref().and_then(|r| r.open_index().ok());
    let prefix = raw.prefix.join("/");
    let options = gix::index::entry::stat::Options::default();
    let mut out = FxHashMap::default();
    let mut seen = 0usize;
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".md") {
            continue;
        }
        let head = raw
            .at_head
            .get(&rel)
            .and_then(|&t| raw.timelines[t].revisions.last())
            .and_then(|r| r.blob);
        if head.is_some() {
            seen += 1;
        }
        let indexed = index.as_ref().and_then(|index| {
            let e = index.entry_by_path(format!("{prefix}/{rel}").as_str().into())?;
            let meta = gix::index::fs::Metadata::from_path_no_follow(entry.path()).ok()?;
            let stat = gix::index::entry::Stat::from_fs(&meta).ok()?;
            (e.stat.matches(&stat, options) && !e.stat.is_racy(index.timestamp(), options))
                .then_some(e.id)
        });
        let same = match (head, indexed) {
            (None, _) => false,
            (Some(h), Some(i)) if h == i => true,
            (Some(h), _) => hash(entry.path()) == Some(h),
        };
        if !same {
            out.insert(rel, Edit::Changed);
        }
    }
    if seen < raw.at_head.len() {
        for path in raw.at_head.keys() {
            if !content.join(path).is_file() {
                out.insert(path.clone(), Edit::Removed);
            }
        }
    }
    out
}

/// The blob id of a file's bytes.
fn hash(path: &Path) -> Option<ObjectId> {
    let bytes = std::fs::read(path).ok()?;
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, &bytes).ok()
}
