//! Reads the committed history of `content/` with gix: the first-parent
//! chain from `HEAD`, one tree comparison per commit that touched
//! `content/` (subtrees with the same id are never opened; big trees read
//! from the pack, see [`super::pack`]), and one timeline of blob ids per
//! document (see [`super::timeline`]).
//!
//! Merges are read along the first parent: what a merged branch brought
//! counts on the day it was merged, by whoever merged it, which is when the
//! published portal changed.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use gix::ObjectId;
use rayon::prelude::*;

use super::pack::Packs;
use super::timeline::{Changed, Walked, When, apply};
use super::treediff::{self, EntryKind};
use crate::load::{MAX_DEPTH, reads_as_document};
use rustc_hash::FxHashMap;

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

impl Missing {
    /// Why there is no history, and what fixes it.
    pub fn reason(&self) -> (String, &'static str) {
        match self {
            Missing::NoRepository => (
                "the portal is not in a git repository".into(),
                "commit the portal to git (`git init`, `git add .`, `git commit`)",
            ),
            Missing::Shallow => (
                "this is a shallow clone, so the older commits that say what changed are missing"
                    .into(),
                "fetch the whole history (`git fetch --unshallow`; in CI, e.g. GitHub Actions `actions/checkout` with `fetch-depth: 0`)",
            ),
            Missing::Unreadable(reason) => (
                format!("the git repository could not be read ({reason})"),
                "check that `git log` works in the portal's folder",
            ),
        }
    }
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

/// Opens the repository again with a pack cache (a gix repository stays on
/// its thread; opening one is cheap).
pub fn reopen(git_dir: &Path) -> Result<gix::Repository, Missing> {
    let mut repo = gix::open(git_dir).map_err(|e| Missing::Unreadable(e.to_string()))?;
    repo.objects
        .set_pack_cache(|| Box::new(super::recent::Recent::default()));
    Ok(repo)
}

/// Why a history whose first parents come round again is not read (git
/// itself never writes one; `git replace` can make one).
const LOOP: &str = "its first-parent chain comes back to a commit it has passed (a `git replace`?)";

/// Calls `each` with every commit of the first-parent chain from `head`,
/// newest first. A chain that comes back to a commit it passed is not
/// read.
fn first_parents(
    repo: &gix::Repository,
    head: ObjectId,
    mut each: impl FnMut(&gix::Commit<'_>) -> Result<(), Missing>,
) -> Result<(), Missing> {
    let mut next = Some(head);
    let mut seen = rustc_hash::FxHashSet::default();
    while let Some(id) = next {
        if !seen.insert(id) {
            return Err(Missing::Unreadable(LOOP.into()));
        }
        let commit = repo
            .find_commit(id)
            .map_err(|e| Missing::Unreadable(e.to_string()))?;
        each(&commit)?;
        next = commit.parent_ids().next().map(|p| p.detach());
    }
    Ok(())
}

/// The place of commit `id` in the first-parent chain from `head`,
/// oldest first (as a revision's `seq` counts), `None` when it is not on
/// that chain (a commit of a merged branch).
pub fn place(repo: &gix::Repository, head: ObjectId, id: ObjectId) -> Option<u32> {
    let mut chain = Vec::new();
    first_parents(repo, head, |c| {
        chain.push(c.id);
        Ok(())
    })
    .ok()?;
    let back = chain.iter().position(|&c| c == id)?;
    u32::try_from(chain.len() - 1 - back).ok()
}

/// One commit of the first-parent chain that changed `content/`.
struct Step {
    when: When,
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
    let repo = &reopen(repo.git_dir())?;
    first_parents(repo, head, |commit| {
        let (time, offset) = commit
            .time()
            .map(|t| (t.seconds, t.offset))
            .unwrap_or_default();
        // A name is text on pages: no control characters, whatever a
        // commit says (the loader refuses them in any text).
        let author: Arc<str> = commit
            .author()
            .map(|a| a.name.to_string().replace(char::is_control, ""))
            .unwrap_or_default()
            .into();
        let tree = commit.tree_id().map_err(|e| bad(&e))?.detach();
        chain.push((time, offset, author, tree));
        Ok(())
    })?;
    chain.reverse();
    let mut steps = Vec::new();
    let mut before: Option<ObjectId> = None;
    for ((time, offset, author, tree), seq) in chain.into_iter().zip(0u32..) {
        let content = subtree(repo, tree, prefix).map_err(|e| bad(&e))?;
        if content != before {
            steps.push(Step {
                when: When { time, offset, seq },
                author,
                before,
                after: content,
            });
            before = content;
        }
    }
    let git_dir = repo.git_dir().to_path_buf();
    let stretch = steps
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let compared: Vec<Result<Vec<Vec<Changed>>, Missing>> = steps
        .par_chunks(stretch)
        .map(|steps| {
            let repo = reopen(&git_dir)?;
            let mut trees = Trees::new(Packs::open(&git_dir, repo.object_hash()));
            // Newest first: a clone's pack stores older versions of a tree
            // as deltas of newer ones, so each is one delta from the last.
            let mut out = steps
                .iter()
                .rev()
                .map(|step| {
                    let mut changed = Vec::new();
                    trees.next_commit();
                    diff(
                        &repo,
                        (step.before, step.after),
                        ("", 1),
                        &mut changed,
                        &mut trees,
                    )
                    .map_err(|e| bad(&e))?;
                    Ok(changed)
                })
                .collect::<Result<Vec<_>, Missing>>()?;
            out.reverse();
            Ok(out)
        })
        .collect();
    let mut walked = Walked::default();
    let mut steps = steps.iter();
    for stretch in compared {
        for changed in stretch? {
            let Some(step) = steps.next() else {
                break;
            };
            apply(&mut walked, changed, step.when, &step.author);
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

/// Every document that differs between two trees; equal subtrees are
/// skipped by id, and within a tree runs of equal entries by their bytes
/// (see [`treediff`]), so a commit costs what it changed. `depth` is how
/// deep below `content/` the entries of these trees are: no deeper than
/// the loader looks ([`MAX_DEPTH`]), which also bounds the recursion.
fn diff(
    repo: &gix::Repository,
    (old, new): (Option<ObjectId>, Option<ObjectId>),
    (at, depth): (&str, usize),
    out: &mut Vec<Changed>,
    trees: &mut Trees,
) -> Result<(), gix::Error> {
    let (old_tree, new_tree) = (trees.read(repo, old)?, trees.read(repo, new)?);
    let hash_len = repo.object_hash().len_in_bytes();
    // The side whose entry starts are known leads; the other's are derived.
    let old_leads = !old_tree.bounds.borrow().is_empty() || new_tree.bounds.borrow().is_empty();
    let (mut known, other): (&Tree, &Tree) = if old_leads {
        (&old_tree, &new_tree)
    } else {
        (&new_tree, &old_tree)
    };
    // Bytes that are not a tree (a repository may hold anything) read as
    // an empty tree: what it held counts as removed until a readable
    // version comes back.
    let empty = Tree::default();
    if known.bounds.borrow().is_empty() {
        match treediff::bounds(&known.data, hash_len) {
            Some(bounds) => *known.bounds.borrow_mut() = bounds,
            None => known = &empty,
        }
    }
    let compared = treediff::diff(&known.data, &known.bounds.borrow(), &other.data, hash_len);
    let found = match compared {
        Some((found, other_bounds)) => {
            if !std::ptr::eq(known, other) {
                *other.bounds.borrow_mut() = other_bounds;
            }
            found
        }
        None => {
            let readable = |t: &'_ Tree| -> bool { treediff::bounds(&t.data, hash_len).is_some() };
            let side = |t| if readable(t) { &t.data[..] } else { &[][..] };
            treediff::diff(side(known), &[], side(other), hash_len)
                .map(|(found, _)| found)
                .unwrap_or_default()
        }
    };
    let id = |o: Option<&[u8]>| o.and_then(|o| ObjectId::try_from(o).ok());
    for (name, kind, a, b) in found {
        let (before, after) = if old_leads { (a, b) } else { (b, a) };
        // A name that is not UTF-8 is refused by the loader too.
        let Ok(name) = std::str::from_utf8(name) else {
            continue;
        };
        let path = format!("{at}{name}");
        match kind {
            EntryKind::Tree if depth < MAX_DEPTH => diff(
                repo,
                (id(before), id(after)),
                (&format!("{path}/"), depth + 1),
                out,
                trees,
            )?,
            EntryKind::File if reads_as_document(&path) => out.push((path, id(before), id(after))),
            _ => {}
        }
    }
    Ok(())
}

/// A tree's bytes and where its entries start (empty until known).
#[derive(Default)]
struct Tree {
    data: Rc<Vec<u8>>,
    bounds: RefCell<Vec<u32>>,
}

/// Trees read by the previous commit's comparison and by this one's: one
/// side of a comparison is the other side of the next, kept, not read
/// again. Buffers are reused, as a big tree is read for most commits.
struct Trees {
    packs: Packs,
    last: FxHashMap<ObjectId, Rc<Tree>>,
    this: FxHashMap<ObjectId, Rc<Tree>>,
}

impl Trees {
    fn new(packs: Packs) -> Self {
        Trees {
            packs,
            last: FxHashMap::default(),
            this: FxHashMap::default(),
        }
    }

    /// Starts the next commit's comparison.
    fn next_commit(&mut self) {
        for (_, tree) in self.last.drain() {
            if let Ok(tree) = Rc::try_unwrap(tree) {
                self.packs.give_back(tree.data);
            }
        }
        std::mem::swap(&mut self.last, &mut self.this);
    }

    /// The bytes of tree `id` (empty for `None`).
    fn read(
        &mut self,
        repo: &gix::Repository,
        id: Option<ObjectId>,
    ) -> Result<Rc<Tree>, gix::Error> {
        let Some(id) = id else {
            return Ok(Rc::default());
        };
        if let Some(data) = self.this.get(&id).or_else(|| self.last.get(&id)) {
            let data = data.clone();
            self.this.insert(id, data.clone());
            return Ok(data);
        }
        let data = match self.packs.tree(&id) {
            Some(data) => data,
            None => {
                use gix::objs::Find;
                let mut buffer = Vec::new();
                let found = repo
                    .objects
                    .try_find(&id, &mut buffer)
                    .map_err(|e| gix::Error::from_error(e))?
                    .map(|d| d.kind);
                if found != Some(gix::objs::Kind::Tree) {
                    buffer.clear();
                }
                Rc::new(buffer)
            }
        };
        let tree = Rc::new(Tree {
            data,
            bounds: RefCell::default(),
        });
        self.this.insert(id, tree.clone());
        Ok(tree)
    }
}
