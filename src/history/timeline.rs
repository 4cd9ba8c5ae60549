//! The versions of each document, built commit by commit from the
//! documents each commit changed: a removed document is paired with an
//! added one as a rename or move, so it keeps its history.

use std::collections::VecDeque;
use std::sync::Arc;

use gix::ObjectId;
use rustc_hash::FxHashMap;

/// When a commit was made.
#[derive(Debug, Clone, Copy, Default)]
pub struct When {
    /// Commit time, seconds since the epoch (UTC).
    pub time: i64,
    /// The committer's offset from UTC in seconds: the day of a change is
    /// the committer's day.
    pub offset: i32,
    /// The commit's place in the first-parent chain, oldest first (commit
    /// times need not grow along it).
    pub seq: u32,
}

/// One version of a document in the history.
#[derive(Debug, Clone)]
pub struct Revision {
    pub when: When,
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
    /// Document id (`kind folder/file name`) -> the timeline of the last
    /// document of that id removed, while none is there: a document added
    /// again with that id resumes it (a `git revert` of a removal).
    gone: FxHashMap<String, usize>,
}

/// (path, blob before, blob after) of a document that changed.
pub type Changed = (String, Option<ObjectId>, Option<ObjectId>);

/// The kind folder of a path (the first segment).
fn kind(path: &str) -> &str {
    path.split('/').next().unwrap_or_default()
}

/// The file name of a path (the last segment).
fn file(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// What identifies a document whatever its subfolder: its kind folder and
/// its file name.
fn id_of(path: &str) -> String {
    format!("{}/{}", kind(path), file(path))
}

/// Adds one commit's changes to the timelines. A removed document is
/// paired with an added one of the same kind folder as a rename or move:
/// by the same content, then the same file name (a move keeps the id),
/// then the one document removed and the one added in a kind folder (a
/// rename, with or without an edit). An added document not paired resumes
/// the timeline of a removed document of the same id. Each pass looks up
/// hash maps, so a commit costs what it changed, not its square.
pub(super) fn apply(walked: &mut Walked, changed: Vec<Changed>, when: When, author: &Arc<str>) {
    let is_added = |c: &Changed| c.1.is_none() && c.2.is_some();
    let is_removed = |c: &Changed| c.1.is_some() && c.2.is_none();
    // Whether each change is paired (or resumes a timeline) already.
    let mut taken = vec![false; changed.len()];
    // (removed, added) pairs, in the order they were found.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    // The timeline an added document resumes.
    let mut resumed: Vec<Option<usize>> = vec![None; changed.len()];
    for pass in 0..2u8 {
        // Added documents by kind and key, in order: each removed document
        // takes the first one still free.
        let mut waiting: FxHashMap<(&str, Key<'_>), VecDeque<usize>> = FxHashMap::default();
        for (n, c) in changed.iter().enumerate() {
            if let (path, None, Some(blob)) = c
                && !taken[n]
            {
                let k = (kind(path), Key::of(pass, path, *blob));
                waiting.entry(k).or_default().push_back(n);
            }
        }
        for (gone, c) in changed.iter().enumerate() {
            let (path, Some(blob), None) = c else {
                continue;
            };
            if taken[gone] {
                continue;
            }
            let free = waiting.get_mut(&(kind(path), Key::of(pass, path, *blob)));
            if let Some(new) = free.and_then(VecDeque::pop_front) {
                taken[gone] = true;
                taken[new] = true;
                pairs.push((gone, new));
            }
        }
    }
    for (n, c) in changed.iter().enumerate() {
        if is_added(c)
            && !taken[n]
            && !walked.gone.is_empty()
            && !walked.at_head.contains_key(&c.0)
            && let Some(t) = walked.gone.remove(&id_of(&c.0))
        {
            taken[n] = true;
            resumed[n] = Some(t);
        }
    }
    // Kind folder -> (documents removed, documents added, the last added).
    let mut lone: FxHashMap<&str, (usize, usize, usize)> = FxHashMap::default();
    for (n, c) in changed.iter().enumerate().filter(|(n, _)| !taken[*n]) {
        let entry = lone.entry(kind(&c.0)).or_default();
        if is_removed(c) {
            entry.0 += 1;
        } else if is_added(c) {
            entry.1 += 1;
            entry.2 = n;
        }
    }
    for (gone, c) in changed.iter().enumerate() {
        if is_removed(c)
            && !taken[gone]
            && let Some(&(1, 1, new)) = lone.get(kind(&c.0))
        {
            taken[gone] = true;
            taken[new] = true;
            pairs.push((gone, new));
        }
    }
    let revision = |blob| Revision {
        when,
        author: author.clone(),
        blob,
    };
    for (gone, new) in pairs {
        let (old_path, new_path) = (&changed[gone].0, &changed[new].0);
        let Some(t) = walked.at_head.remove(old_path) else {
            // Not known as there: the added document is one of its own.
            taken[new] = false;
            continue;
        };
        walked.timelines[t].path = new_path.clone();
        if changed[gone].1 != changed[new].2 {
            walked.timelines[t].revisions.push(revision(changed[new].2));
        }
        walked.at_head.insert(new_path.clone(), t);
    }
    for (n, (path, before, after)) in changed.into_iter().enumerate() {
        if (taken[n] && resumed[n].is_none()) || (before.is_none() && after.is_none()) {
            continue;
        }
        let t = match (walked.at_head.get(&path), resumed[n]) {
            (Some(&t), _) => t,
            (None, Some(t)) => {
                walked.timelines[t].path = path.clone();
                walked.at_head.insert(path.clone(), t);
                t
            }
            // The removal of a document never seen (a folder that could
            // not be read before): nothing to follow.
            (None, None) if after.is_none() => continue,
            (None, None) => {
                walked.timelines.push(Timeline {
                    path: path.clone(),
                    revisions: Vec::new(),
                });
                walked
                    .at_head
                    .insert(path.clone(), walked.timelines.len() - 1);
                walked.timelines.len() - 1
            }
        };
        walked.timelines[t].revisions.push(revision(after));
        if after.is_none() {
            walked.at_head.remove(&path);
            walked.gone.insert(id_of(&path), t);
        }
    }
}

/// What pairs a removed document with an added one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Blob(ObjectId),
    File(&'a str),
}

impl Key<'_> {
    /// The key of the first pass (the same content), or of the second (the
    /// same file name).
    fn of(pass: u8, path: &str, blob: ObjectId) -> Key<'_> {
        match pass {
            0 => Key::Blob(blob),
            _ => Key::File(file(path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(n: usize) -> ObjectId {
        ObjectId::from_hex(format!("{n:040x}").as_bytes()).unwrap()
    }

    /// Applies commits of (path, before, after) in order.
    fn walk(commits: &[Vec<Changed>]) -> Walked {
        let mut walked = Walked::default();
        let author: Arc<str> = "A".into();
        for (seq, changed) in (0u32..).zip(commits) {
            let when = When {
                time: i64::from(seq),
                offset: 0,
                seq,
            };
            apply(&mut walked, changed.clone(), when, &author);
        }
        walked
    }

    fn add(path: &str, b: usize) -> Changed {
        (path.to_string(), None, Some(blob(b)))
    }

    fn remove(path: &str, b: usize) -> Changed {
        (path.to_string(), Some(blob(b)), None)
    }

    /// The blobs of the timeline at `path` now (`None`: removed).
    fn versions(walked: &Walked, path: &str) -> Vec<Option<ObjectId>> {
        let t = walked
            .timelines
            .iter()
            .position(|t| t.path == path)
            .unwrap_or_else(|| panic!("no timeline at {path}"));
        walked.timelines[t]
            .revisions
            .iter()
            .map(|r| r.blob)
            .collect()
    }

    #[test]
    fn a_mass_move_of_twenty_thousand_documents_pairs_each_with_its_own() {
        const N: usize = 20_000;
        let first: Vec<Changed> = (0..N)
            .map(|n| add(&format!("backlog/item-{n}.md"), n))
            .collect();
        // Half move with their content, half with an edit (paired by file
        // name); the removals come in the reverse order of the additions.
        let mut moved: Vec<Changed> = (0..N)
            .rev()
            .map(|n| remove(&format!("backlog/item-{n}.md"), n))
            .collect();
        moved.extend((0..N).map(|n| {
            let edited = if n % 2 == 0 { n } else { N + n };
            add(&format!("backlog/sub-{}/item-{n}.md", n % 7), edited)
        }));
        let walked = walk(&[first, moved]);
        assert_eq!(walked.timelines.len(), N);
        assert_eq!(walked.at_head.len(), N);
        for (t, timeline) in walked.timelines.iter().enumerate() {
            let n = t;
            assert_eq!(timeline.path, format!("backlog/sub-{}/item-{n}.md", n % 7));
            let blobs: Vec<_> = timeline.revisions.iter().map(|r| r.blob).collect();
            if n % 2 == 0 {
                assert_eq!(blobs, vec![Some(blob(n))], "{}", timeline.path);
            } else {
                assert_eq!(blobs, vec![Some(blob(n)), Some(blob(N + n))]);
            }
        }
    }

    #[test]
    fn a_removed_document_never_pairs_with_one_of_another_kind() {
        // The same content, the same file name, and a lone pair: each
        // across kind folders, none a move.
        for (removed, added) in [
            (
                remove("conversations/pricing.md", 1),
                add("tradeoffs/pricing.md", 1),
            ),
            (
                remove("conversations/pricing.md", 1),
                add("updates/pricing.md", 2),
            ),
            (
                remove("conversations/call.md", 1),
                add("tradeoffs/pricing.md", 2),
            ),
            (remove("backlog/a/x.md", 1), add("tradeoffs/y.md", 1)),
        ] {
            let walked = walk(&[
                vec![add(&removed.0, 1)],
                vec![removed.clone(), added.clone()],
            ]);
            assert_eq!(walked.timelines.len(), 2, "{removed:?} -> {added:?}");
            assert_eq!(versions(&walked, &removed.0), vec![Some(blob(1)), None]);
            assert_eq!(versions(&walked, &added.0).len(), 1);
        }
        // Within a kind folder each pass still pairs.
        for added in [
            add("backlog/later/x.md", 1),
            add("backlog/later/x.md", 2),
            add("backlog/y.md", 2),
        ] {
            let walked = walk(&[
                vec![add("backlog/x.md", 1)],
                vec![remove("backlog/x.md", 1), added.clone()],
            ]);
            assert_eq!(walked.timelines.len(), 1, "{added:?}");
            assert_eq!(walked.timelines[0].path, added.0);
        }
    }

    #[test]
    fn a_document_removed_and_restored_keeps_one_timeline() {
        let walked = walk(&[
            vec![add("backlog/p.md", 1), add("backlog/q.md", 5)],
            vec![remove("backlog/p.md", 1)],
            vec![add("backlog/other.md", 3)],
            // Restored in a subfolder, while another item is removed: a
            // restoration, not a rename of that item.
            vec![add("backlog/later/p.md", 1), remove("backlog/q.md", 5)],
        ]);
        assert_eq!(
            versions(&walked, "backlog/later/p.md"),
            vec![Some(blob(1)), None, Some(blob(1))]
        );
        assert_eq!(versions(&walked, "backlog/q.md"), vec![Some(blob(5)), None]);
        assert_eq!(walked.timelines.len(), 3);
        assert_eq!(walked.at_head.len(), 2);
        // Another kind's document of that file name starts its own.
        let walked = walk(&[
            vec![add("backlog/p.md", 1)],
            vec![remove("backlog/p.md", 1)],
            vec![add("tradeoffs/p.md", 1)],
        ]);
        assert_eq!(walked.timelines.len(), 2);
    }
}
