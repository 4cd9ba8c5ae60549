//! The versions of each document, built commit by commit from the
//! documents each commit changed: a removed document is paired with an
//! added one as a rename or move, so it keeps its history.

use std::sync::Arc;

use gix::ObjectId;
use rustc_hash::FxHashMap;

/// One version of a document in the history.
#[derive(Debug, Clone)]
pub struct Revision {
    /// Commit time, seconds since the epoch (UTC).
    pub time: i64,
    /// The commit's place in the first-parent chain, oldest first (commit
    /// times need not grow along it).
    pub seq: u32,
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

/// (path, blob before, blob after) of a document that changed.
pub type Changed = (String, Option<ObjectId>, Option<ObjectId>);

/// Adds one commit's changes to the timelines, pairing a removed document
/// with an added one of the same content or the same file name as a
/// rename or move.
pub(super) fn apply(
    walked: &mut Walked,
    mut changed: Vec<Changed>,
    (time, seq): (i64, u32),
    author: &Arc<str>,
) {
    let mut renames = Vec::new();
    let kind = |path: &str| path.split('/').next().unwrap_or_default().to_string();
    let added = |c: &Changed| c.1.is_none() && c.2.is_some();
    let removed = |c: &Changed| c.1.is_some() && c.2.is_none();
    // Pairs by the same content, then the same file name (a move keeps the
    // id), then the one document removed and the one added in a folder (a
    // rename, with or without an edit).
    for pass in 0..3 {
        for gone in 0..changed.len() {
            let (old_path, Some(old_blob), None) = &changed[gone] else {
                continue;
            };
            let file = old_path.rsplit('/').next().unwrap_or_default();
            let folder = kind(old_path);
            let alone = |f: &dyn Fn(&Changed) -> bool| {
                changed
                    .iter()
                    .filter(|c| f(c) && kind(&c.0) == folder)
                    .count()
                    == 1
            };
            let lone_pair = pass == 2 && alone(&removed) && alone(&added);
            let partner = changed.iter().position(|c| {
                let (path, _, after) = c;
                added(c)
                    && match pass {
                        0 => after.as_ref() == Some(old_blob),
                        1 => path.rsplit('/').next() == Some(file),
                        _ => lone_pair && kind(path) == folder,
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
        seq,
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
