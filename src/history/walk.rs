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
use rayon::prelude::*;
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

/// Memory for resolved pack entries, per thread: a tree's delta is applied
/// to the previous version of that tree, which is still cached, so a commit
/// costs one delta however deep the pack's chain is.
const PACK_CACHE: usize = 48 << 20;

/// Opens the repository again with a pack cache (a gix repository stays on
/// its thread; opening one is cheap).
pub fn reopen(git_dir: &Path) -> Result<gix::Repository, Missing> {
    let mut repo = gix::open(git_dir).map_err(|e| Missing::Unreadable(e.to_string()))?;
    repo.objects.set_pack_cache(|| {
        Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(
            PACK_CACHE,
        ))
    });
    Ok(repo)
}

/// One commit of the first-parent chain that changed `content/`.
struct Step {
    time: i64,
    author: Arc<str>,
    /// The tree of `content/` before and after.
    before: Option<ObjectId>,
    after: Option<ObjectId>,
}

/// Walks the first-parent chain from `head`: the commits are read in one
/// pass, then the trees of `content/` are compared in as many stretches
/// as there are threads, each with its own repository and caches.
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
    let mut steps = Vec::new();
    let mut before: Option<ObjectId> = None;
    for (time, author, tree) in chain {
        let content = subtree(repo, tree, prefix).map_err(|e| bad(&e))?;
        if content != before {
            steps.push(Step {
                time,
                author,
                before,
                after: content,
            });
            before = content;
        }
    }
    let git_dir = repo.git_dir().to_path_buf();
    let stretch = steps.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
    let compared: Vec<Result<Vec<Vec<Changed>>, Missing>> = steps
        .par_chunks(stretch)
        .map(|steps| {
            let repo = reopen(&git_dir)?;
            let mut trees = Trees::default();
            steps
                .iter()
                .map(|step| {
                    let mut changed = Vec::new();
                    trees.0 = std::mem::take(&mut trees.1);
                    diff(&repo, step.before, step.after, "", &mut changed, &mut trees)
                        .map_err(|e| bad(&e))?;
                    Ok(changed)
                })
                .collect()
        })
        .collect();
    let mut walked = Walked::default();
    let mut steps = steps.iter();
    for stretch in compared {
        for changed in stretch? {
            let Some(step) = steps.next() else { break };
            apply(&mut walked, changed, step.time, &step.author);
        }
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

/// Every document that differs between two trees; equal subtrees are
/// skipped by id, so a commit costs what it changed. Both trees are walked
/// side by side in git's entry order (a folder sorts as `name/`), without
/// copying their entries.
fn diff(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: Option<ObjectId>,
    at: &str,
    out: &mut Vec<Changed>,
    trees: &mut Trees,
) -> Result<(), gix::Error> {
    // The old side is the tree the previous commit read as new: kept, not
    // read (and inflated) again.
    let mut read = |id: Option<ObjectId>| -> Result<std::sync::Arc<Vec<u8>>, gix::Error> {
        let Some(id) = id else {
            return Ok(Default::default());
        };
        if let Some(data) = trees.0.get(&id).or_else(|| trees.1.get(&id)) {
            let data = data.clone();
            trees.1.insert(id, data.clone());
            return Ok(data);
        }
        let data = std::sync::Arc::new(repo.find_object(id)?.detach().data);
        trees.1.insert(id, data.clone());
        Ok(data)
    };
    let (old_data, new_data) = (read(old)?, read(new)?);
    let kind = repo.object_hash();
    let usable = |e: &gix::objs::tree::EntryRef<'_>| e.mode.is_tree() || e.mode.is_blob();
    let mut a = gix::objs::TreeRefIter::from_bytes(&old_data, kind)
        .filter_map(Result::ok)
        .filter(usable)
        .peekable();
    let mut b = gix::objs::TreeRefIter::from_bytes(&new_data, kind)
        .filter_map(Result::ok)
        .filter(usable)
        .peekable();
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(x), Some(y))
                if x.filename == y.filename && x.mode.is_tree() == y.mode.is_tree() =>
            {
                std::cmp::Ordering::Equal
            }
            (Some(x), Some(y)) => {
                let (xn, xs) = sort_key(x);
                let (yn, ys) = sort_key(y);
                xn.iter().chain(xs).cmp(yn.iter().chain(ys))
            }
        };
        let (x, y) = match order {
            std::cmp::Ordering::Less => (a.next(), None),
            std::cmp::Ordering::Greater => (None, b.next()),
            std::cmp::Ordering::Equal => (a.next(), b.next()),
        };
        if let (Some(x), Some(y)) = (&x, &y)
            && x.oid == y.oid
        {
            continue;
        }
        let Some(entry) = x.as_ref().or(y.as_ref()) else {
            break;
        };
        let path = format!("{at}{}", entry.filename);
        let id = |e: &Option<gix::objs::tree::EntryRef<'_>>| e.as_ref().map(|e| e.oid.to_owned());
        if entry.mode.is_tree() {
            diff(repo, id(&x), id(&y), &format!("{path}/"), out, trees)?;
        } else if path.ends_with(".md") {
            out.push((path, id(&x), id(&y)));
        }
    }
    Ok(())
}

/// Trees read by the previous commit's comparison, and by this one's.
type Trees = (
    FxHashMap<ObjectId, std::sync::Arc<Vec<u8>>>,
    FxHashMap<ObjectId, std::sync::Arc<Vec<u8>>>,
);

/// Git's order of tree entries: a folder sorts as if its name ended in
/// `/` (compared as one byte string, name and suffix together).
fn sort_key<'a>(e: &gix::objs::tree::EntryRef<'a>) -> (&'a [u8], &'static [u8]) {
    let name: &[u8] = e.filename.as_ref();
    (name, if e.mode.is_tree() { b"/" } else { b"" })
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
