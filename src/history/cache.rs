//! The committed history, read once per `HEAD`: `cairn serve` rebuilds on
//! every save, and saving does not move `HEAD`, so a save costs only the
//! comparison of the working tree with `HEAD`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::walk::{self, Missing};
use super::{Raw, snapshot};

/// The last history read: (repository, content path, `HEAD`) and what it
/// held.
/// `HEAD` is `None` before the first commit (an orphan branch).
type Entry = (PathBuf, Vec<String>, Option<gix::ObjectId>, Arc<Raw>);

static LAST: Mutex<Option<Entry>> = Mutex::new(None);

/// The committed history of the portal at `root`, from the cache when
/// `HEAD` has not moved.
pub fn committed(root: &Path) -> Result<Arc<Raw>, Missing> {
    let (repo, prefix) = walk::open(root)?;
    let repo = walk::reopen(repo.git_dir())?;
    let git_dir = repo.git_dir().to_path_buf();
    let head = walk::head(&repo);
    {
        let last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((dir, p, id, raw)) = last.as_ref()
            && *dir == git_dir
            && *p == prefix
            && *id == head
        {
            return Ok(raw.clone());
        }
    }
    // Recorded too, so that checking out a branch with commits again is a
    // move the dev server sees.
    let Some(head) = head else {
        let raw: Arc<Raw> = Arc::default();
        *LAST.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((git_dir, prefix, None, raw.clone()));
        return Ok(raw);
    };
    let walked = walk::walk(&repo, &prefix, head)?;
    // The versions at HEAD are read from the loaded portal, not from git,
    // unless the working tree changed them (see `super::read`).
    // Each document's versions newest first, in the order a clone's pack
    // chains them, so each is one delta from the one read before it.
    let mut seen = rustc_hash::FxHashSet::default();
    let blobs: Vec<gix::ObjectId> = walked
        .timelines
        .iter()
        .enumerate()
        .flat_map(|(t, timeline)| {
            let at_head = walked.at_head.get(&timeline.path) == Some(&t);
            let old = timeline.revisions.len() - usize::from(at_head);
            timeline.revisions[..old]
                .iter()
                .rev()
                .filter_map(|r| r.blob)
        })
        .filter(|b| seen.insert(*b))
        .collect();
    let stretch = blobs
        .len()
        .div_ceil(rayon::current_num_threads().max(1))
        .max(1);
    let snapshots: FxHashMap<_, _> = blobs
        .par_chunks(stretch)
        .map(|blobs| {
            let repo = walk::reopen(&git_dir).ok();
            blobs
                .iter()
                .map(|&blob| (blob, repo.as_ref().and_then(|r| parse(r, blob))))
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    let raw = Arc::new(Raw {
        git_dir: git_dir.clone(),
        prefix: prefix.clone(),
        timelines: walked.timelines,
        at_head: walked.at_head,
        snapshots,
    });
    *LAST.lock().unwrap_or_else(PoisonError::into_inner) =
        Some((git_dir, prefix, Some(head), raw.clone()));
    Ok(raw)
}

/// Whether `HEAD` of the portal's repository is not the one history was
/// last read at (the dev server reads it again only then).
pub fn head_moved(root: &Path) -> bool {
    let Ok((repo, _)) = walk::open(root) else {
        return false;
    };
    let head = walk::head(&repo);
    let last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    match last.as_ref() {
        Some((dir, _, id, _)) => *dir != repo.git_dir() || *id != head,
        None => head.is_some(),
    }
}

/// The snapshot of one blob; `None` when it is unreadable or its front
/// matter does not parse.
pub fn parse(repo: &gix::Repository, blob: gix::ObjectId) -> Option<Arc<snapshot::Snapshot>> {
    // A version larger than the loader reads is no document (and a small
    // pack entry can inflate to gigabytes).
    let size = repo.find_header(blob).ok()?.size();
    if size > crate::load::read::MAX_FILE_BYTES {
        return None;
    }
    let object = repo.find_object(blob).ok()?;
    snapshot::parse(&object.data).map(Arc::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "git {args:?}");
    }

    #[test]
    fn history_is_walked_again_only_when_head_moves() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/backlog")).unwrap();
        let doc = root.join("content/backlog/a.md");
        std::fs::write(&doc, "+++\ntitle = \"A\"\n+++\n").unwrap();
        git(root, &["init", "-q"]);
        git(root, &["checkout", "-q", "-b", "trunk"]);
        git(root, &["add", "-A"]);
        git(root, &["commit", "-qm", "one"]);
        let first = committed(root).unwrap();
        // A save does not move HEAD: the same walk is served.
        std::fs::write(&doc, "+++\ntitle = \"A\"\nstatus = \"done\"\n+++\n").unwrap();
        assert!(Arc::ptr_eq(&first, &committed(root).unwrap()));
        git(root, &["commit", "-qam", "two"]);
        let second = committed(root).unwrap();
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(second.timelines[0].revisions.len(), 2);
        // A branch with no commit yet, then back: both are moves.
        git(root, &["checkout", "-q", "--orphan", "scratch"]);
        assert!(head_moved(root));
        assert!(committed(root).unwrap().timelines.is_empty());
        assert!(!head_moved(root));
        git(root, &["checkout", "-qf", "trunk"]);
        assert!(head_moved(root), "back on a branch with commits");
        assert_eq!(committed(root).unwrap().timelines.len(), 1);
    }
}
