//! Reads the committed history of `content/` with gix: the first-parent
//! chain from `HEAD`, one tree comparison per commit that touched
//! `content/` (subtrees with the same id are never opened), renames paired
//! within a commit, and one timeline of blob ids per document.
//!
//! Merges are read along the first parent: what a merged branch brought
//! counts on the day it was merged, by whoever merged it, which is when the
//! published portal changed.

use std::path::Path;
use std::sync::Arc;

use gix::ObjectId;
use rustc_hash::FxHashMap;

/// One version of a document in the history.
#[derive(Debug, Clone)]
pub struct Revision {
    /// Commit time, seconds since the epoch (UTC).
    pub time: i64,
    /// Author name.
    pub author: Arc<str>,
    /// The blob, `None` when the commit removed the document.
    pub blob: Option<ObjectId>,
}

/// The versions of one document, oldest first.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// Its path under `content/` after its last rename.
    pub path: String,
    pub revisions: Vec<Revision>,
}

/// The committed history of `content/`.
#[derive(Debug, Default)]
pub struct Walked {
    pub timelines: Vec<Timeline>,
    /// Path under `content/` -> timeline, for what `HEAD` holds.
    pub at_head: FxHashMap<String, usize>,
}

/// Why a portal has no history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Not inside a git working tree.
    NoRepository,
    /// A shallow clone: its oldest commits are not there.
    Shallow,
    /// The repository could not be read (the reason).
    Unreadable(String),
}

/// The repository holding `root`, with the path of `root/content` in it.
pub fn open(root: &Path) -> Result<(gix::Repository, Vec<String>), Missing> {
    let repo = gix::discover(root).map_err(|_| Missing::NoRepository)?;
    let workdir = repo.workdir().ok_or(Missing::NoRepository)?;
    let (Ok(workdir), Ok(root)) = (workdir.canonicalize(), root.canonicalize()) else {
        return Err(Missing::NoRepository);
    };
    let inside = root
        .strip_prefix(&workdir)
        .map_err(|_| Missing::NoRepository)?;
    if matches!(repo.is_shallow(), Ok(true)) {
        return Err(Missing::Shallow);
    }
    let mut prefix: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    prefix.push("content".into());
    Ok((repo, prefix))
}

/// The id of `HEAD`, `None` before the first commit.
pub fn head(repo: &gix::Repository) -> Option<ObjectId> {
    repo.head_id().ok().map(|id| id.detach())
}

/// Walks the first-parent chain from `head`.
pub fn walk(repo: &gix::Repository, prefix: &[String], head: ObjectId) -> Result<Walked, Missing> {
    let bad = |e: &dyn std::fmt::Display| Missing::Unreadable(e.to_string());
    let mut chain = Vec::new();
    let mut next = Some(head);
    while let Some(id) = next {
        let commit = repo.find_commit(id).map_err(|e| bad(&e))?;
        let time = commit.time().map(|t| t.seconds).unwrap_or_default();
        let author: Arc<str> = commit
            .author()
            .map(|a| a.name.to_string())
            .unwrap_or_default()
            .into();
        let tree = commit.tree_id().map_err(|e| bad(&e))?.detach();
        next = commit.parent_ids().next().map(|p| p.detach());
        chain.push((time, author, tree));
    }
    chain.reverse();
    let mut walked = Walked::default();
    let mut before: Option<ObjectId> = None;
    for (time, author, tree) in chain {
        let content = subtree(repo, tree, prefix).map_err(|e| bad(&e))?;
        if content == before {
            continue;
        }
        let mut changed = Vec::new();
        diff(repo, before, content, "", &mut changed).map_err(|e| bad(&e))?;
        before = content;
        apply(&mut walked, changed, time, &author);
    }
    Ok(walked)
}

/// The id of the tree at `path` below `tree`.
fn subtree(
    repo: &gix::Repository,
    tree: ObjectId,
    path: &[String],
) -> Result<Option<ObjectId>, gix::Error> {
    let mut id = tree;
    for name in path {
        let tree = repo.find_object(id)?;
        let found = gix::objs::TreeRefIter::from_bytes(&tree.data, id.kind())
            .filter_map(Result::ok)
            .find(|e| e.filename == name.as_str() && e.mode.is_tree())
            .map(|e| e.oid.to_owned());
        match found {
            Some(next) => id = next,
            None => return Ok(None),
        }
    }
    Ok(Some(id))
}

/// (path, blob before, blob after) of a document that changed.
type Changed = (String, Option<ObjectId>, Option<ObjectId>);

/// The entries of a tree: name -> (is a tree, id).
fn entries(
    repo: &gix::Repository,
    tree: Option<ObjectId>,
) -> Result<Vec<(String, bool, ObjectId)>, gix::Error> {
    let Some(id) = tree else {
        return Ok(Vec::new());
    };
    let object = repo.find_object(id)?;
    Ok(gix::objs::TreeRefIter::from_bytes(&object.data, id.kind())
        .filter_map(Result::ok)
        .filter(|e| e.mode.is_tree() || e.mode.is_blob())
        .map(|e| (e.filename.to_string(), e.mode.is_tree(), e.oid.to_owned()))
        .collect())
}

/// Every document that differs between two trees; equal subtrees are
/// skipped by id, so a commit costs what it changed.
fn diff(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    at: &str,
    out: &mut Vec<Changed>,
) -> Result<(), gix::Error> {
    let old = entries(repo, old)?;
    let new = entries(repo, new)?;
    let mut names: Vec<&str> = old.iter().chain(&new).map(|e| e.0.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let side = |list: &[(String, bool, ObjectId)], name: &str, tree: bool| {
        list.iter()
            .find(|e| e.0 == name && e.1 == tree)
            .map(|e| e.2)
    };
    for name in names {
        let path = format!("{at}{name}");
        let (ot, nt) = (side(&old, name, true), side(&new, name, true));
        if ot != nt {
            diff(repo, ot, nt, &format!("{path}/"), out)?;
        }
        if name.ends_with(".md") {
            let (ob, nb) = (side(&old, name, false), side(&new, name, false));
            if ob != nb {
                out.push((path, ob, nb));
            }
        }
    }
    Ok(())
}

/// Adds one commit's changes to the timelines, pairing a removed document
/// with an added one of the same content or the same file name as a
/// rename or move.
fn apply(walked: &mut Walked, mut changed: Vec<Changed>, time: i64, author: &Arc<str>) {
    let mut renames = Vec::new();
    for pass in 0..2 {
        for gone in 0..changed.len() {
            let (old_path, Some(old_blob), None) = &changed[gone] else {
                continue;
            };
            let file = old_path.rsplit('/').next().unwrap_or_default();
            let partner = changed.iter().position(|(path, before, after)| {
                before.is_none()
                    && after.is_some()
                    && if pass == 0 {
                        after.as_ref() == Some(old_blob)
                    } else {
                        path.rsplit('/').next() == Some(file)
                    }
            });
            if let Some(new) = partner {
                let (new_path, _, after) = changed[new].clone();
                renames.push((old_path.clone(), new_path.clone(), Some(*old_blob), after));
                changed[new].2 = None;
                changed[gone].1 = None;
            }
        }
    }
    let revision = |blob| Revision {
        time,
        author: author.clone(),
        blob,
    };
    for (old_path, new_path, before, after) in renames {
        let Some(t) = walked.at_head.remove(&old_path) else {
            continue;
        };
        walked.timelines[t].path = new_path.clone();
        if before != after {
            walked.timelines[t].revisions.push(revision(after));
        }
        walked.at_head.insert(new_path, t);
    }
    for (path, before, after) in changed {
        if before.is_none() && after.is_none() {
            continue;
        }
        match walked.at_head.get(&path) {
            Some(&t) => walked.timelines[t].revisions.push(revision(after)),
            None => {
                walked.timelines.push(Timeline {
                    path: path.clone(),
                    revisions: vec![revision(after)],
                });
                walked
                    .at_head
                    .insert(path.clone(), walked.timelines.len() - 1);
            }
        }
        if after.is_none() {
            walked.at_head.remove(&path);
        }
    }
}
