//! The committed history, read once per `HEAD`: `cairn serve` rebuilds on
//! every save, and saving does not move `HEAD`, so a save costs only the
//! comparison of the working tree with `HEAD`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use super::walk::{self, Missing};
use super::{Raw, snapshot};

/// The last history read: (repository, content path, `HEAD`) and what it
/// held.
type Entry = (PathBuf, Vec<String>, gix::ObjectId, Arc<Raw>);

static LAST: Mutex<Option<Entry>> = Mutex::new(None);

/// The committed history of the portal at `root`, from the cache when
/// `HEAD` has not moved.
pub fn committed(root: &Path) -> Result<Arc<Raw>, Missing> {
    let (repo, prefix) = walk::open(root)?;
    let Some(head) = walk::head(&repo) else {
        return Ok(Arc::default());
    };
    let git_dir = repo.git_dir().to_path_buf();
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
    let walked = walk::walk(&repo, &prefix, head)?;
    let mut blobs: Vec<gix::ObjectId> = walked
        .timelines
        .iter()
        .flat_map(|t| t.revisions.iter().filter_map(|r| r.blob))
        .collect();
    blobs.sort_unstable();
    blobs.dedup();
    // gix without its `parallel` feature reads on one thread; parsing,
    // the larger part, runs on all of them.
    let read: Vec<(gix::ObjectId, Option<Vec<u8>>)> = blobs
        .into_iter()
        .map(|blob| (blob, repo.find_object(blob).ok().map(|o| o.detach().data)))
        .collect();
    let snapshots = read
        .into_par_iter()
        .map(|(blob, data)| {
            let parsed = data.and_then(|d| snapshot::parse(&d)).map(Arc::new);
            (blob, parsed)
        })
        .collect();
    let raw = Arc::new(Raw {
        timelines: walked.timelines,
        at_head: walked.at_head,
        snapshots,
    });
    *LAST.lock().unwrap_or_else(PoisonError::into_inner) =
        Some((git_dir, prefix, head, raw.clone()));
    Ok(raw)
}
