//! What a public build may see of a past version. A version is out when it
//! was private then: by its own `private` flag, or, for a backlog item, by
//! an item above it as the history had it then (a private item takes
//! everything below it along, in the past as now). A stakeholder's version
//! counts as a change only when what a public build shows of them changed.

use std::cell::RefCell;
use std::sync::Arc;

use gix::ObjectId;
use rustc_hash::FxHashMap;

use super::snapshot::Snapshot;
use super::{Raw, View};

/// How far up a chain of parents is followed: deeper is a loop, which
/// failed the build of its day, and is treated as private.
const DEPTH: usize = 64;

/// The backlog as the history had it at any commit.
pub struct Backlog<'a> {
    raw: &'a Raw,
    /// Item id (its file name) -> its timeline.
    items: FxHashMap<&'a str, usize>,
    /// (timeline, commit) -> whether that item was private then, or below
    /// a private one.
    shut: RefCell<FxHashMap<(usize, u32), bool>>,
}

impl<'a> Backlog<'a> {
    pub fn new(raw: &'a Raw) -> Self {
        let items = raw
            .timelines
            .iter()
            .enumerate()
            .filter(|(_, t)| t.path.starts_with("backlog/"))
            .filter_map(|(n, t)| {
                let file = t.path.rsplit('/').next()?;
                Some((file.strip_suffix(".md")?, n))
            })
            .collect();
        Backlog {
            raw,
            items,
            shut: RefCell::default(),
        }
    }

    /// Whether a version naming `parent` at commit `seq` sat below a
    /// private item then. `snapshot` reads a committed version.
    pub fn below_private(
        &self,
        parent: Option<&str>,
        seq: u32,
        snapshot: &dyn Fn(ObjectId) -> Option<Arc<Snapshot>>,
        depth: usize,
    ) -> bool {
        let Some(parent) = parent else {
            return false;
        };
        // A parent the history cannot show as public then (not there,
        // renamed since, removed or unreadable at that commit, a loop)
        // counts as private: the build of that day failed, or the reader
        // would learn what a private item held.
        let Some(&t) = self.items.get(parent) else {
            return true;
        };
        if depth > DEPTH {
            return true;
        }
        let revisions = &self.raw.timelines[t].revisions;
        // The parent as it was at that commit: its last version by then.
        let n = revisions.partition_point(|r| r.when.seq <= seq);
        let Some(r) = n.checked_sub(1) else {
            return true;
        };
        if let Some(&known) = self.shut.borrow().get(&(t, seq)) {
            return known;
        }
        let shut = revisions[r].blob.and_then(snapshot).is_none_or(|s| {
            s.private || self.below_private(s.parent.as_deref(), seq, snapshot, depth + 1)
        });
        self.shut.borrow_mut().insert((t, seq), shut);
        shut
    }
}

/// Whether `now` shows a public reader of stakeholder documents
/// something `before` did not (both visible to them).
pub fn shows_more(view: &View, before: &Snapshot, now: &Snapshot) -> bool {
    let side = usize::from(view.engagement);
    match (before.shown, now.shown) {
        (Some(b), Some(n)) => b[side] != n[side],
        _ => true,
    }
}
