//! What cairn removes, and only that: its own staging folders and set-aside
//! outputs, on an interruption or on the next build. A folder is cairn's
//! when it carries the [`TEMPORARY`] mark, written before anything else
//! goes in; a `.git` folder or file is never removed, wherever it is.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Marks a staging folder or a set-aside old output as cairn's to remove.
pub const TEMPORARY: &str = ".cairn-temporary";
/// Names of the folders cairn makes next to an output.
pub const STAGING_PREFIX: &str = ".cairn-staging-";
/// Names of the old outputs set aside while a new one is swapped in.
pub const OLD_PREFIX: &str = ".cairn-old-";

/// Folders of this run to remove if it is interrupted. Held while an
/// output is swapped, so an interruption waits until the swap is whole.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set once the run is interrupted: no more files are written.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// The folders to remove on an interruption, locked.
pub fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether the run was interrupted.
pub fn stopped() -> bool {
    STOPPED.load(Ordering::Relaxed)
}

/// Removes this run's staging folder, for a Ctrl-C or SIGTERM: waits for
/// a swap under way to end, then stops further writes and removes what is
/// left. The caller exits next.
pub fn interrupted() {
    let mut live = live();
    STOPPED.store(true, Ordering::Relaxed);
    for dir in live.drain(..) {
        // A thread may still be writing its last file into it.
        for _ in 0..5 {
            if remove_ours(&dir).is_ok() && !dir.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// Writes the mark into the staging folder `dir` and holds it locked while
/// the build runs: another build into the same output leaves a folder
/// whose mark it cannot lock (it is live), and removes only the others.
pub fn mark_live(dir: &Path) -> io::Result<fs::File> {
    // Locked before it takes its name: no other build sees it unlocked.
    let unnamed = dir.join(".cairn-temporary-new");
    let mark = fs::File::create(&unnamed)?;
    #[cfg(unix)]
    rustix::fs::flock(&mark, rustix::fs::FlockOperation::LockExclusive)?;
    fs::rename(&unnamed, dir.join(TEMPORARY))?;
    Ok(mark)
}

/// Whether the mark at `path` is held by a running build.
fn held(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        match fs::File::open(path) {
            Ok(mark) => flock(&mark, FlockOperation::NonBlockingLockExclusive).is_err(),
            Err(_) => true,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Removes `dir` and everything in it except `.git` folders and files
/// (and the folders holding them). Links are removed, never followed.
pub fn remove_ours(dir: &Path) -> io::Result<()> {
    let mut kept = false;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name() == ".git" {
            kept = true;
        } else if entry.file_type()?.is_dir() {
            remove_ours(&path)?;
            kept |= path.exists();
        } else {
            fs::remove_file(&path)?;
        }
    }
    if kept { Ok(()) } else { fs::remove_dir(dir) }
}

/// Removes what interrupted runs left in `parent`: folders named like
/// cairn's staging or set-aside folders that carry its mark. Anything else,
/// named so or not, stays.
pub fn clean_leftovers(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let named = name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX);
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        let path = entry.path();
        let mark = path.join(TEMPORARY);
        let marked = fs::symlink_metadata(&mark).is_ok_and(|m| m.is_file());
        if named && folder && marked && !held(&mark) {
            let _ = remove_ours(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_keeps_git_and_what_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().join("site");
        fs::create_dir_all(top.join("a/.git")).unwrap();
        fs::create_dir_all(top.join("b/c")).unwrap();
        fs::write(top.join("b/c/page.html"), "x").unwrap();
        fs::write(top.join(".git-not"), "x").unwrap();
        remove_ours(&top).unwrap();
        assert!(top.join("a/.git").is_dir());
        assert!(!top.join("b").exists());
        assert!(!top.join(".git-not").exists());
    }

    #[test]
    fn only_marked_leftovers_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let marked = dir.path().join(".cairn-staging-abc");
        let unmarked = dir.path().join(".cairn-old-xyz");
        for folder in [&marked, &unmarked] {
            fs::create_dir(folder).unwrap();
            fs::write(folder.join("index.html"), "x").unwrap();
        }
        fs::write(marked.join(TEMPORARY), "").unwrap();
        let live = dir.path().join(".cairn-staging-live");
        fs::create_dir(&live).unwrap();
        let _lock = mark_live(&live).unwrap();
        clean_leftovers(dir.path());
        assert!(!marked.exists());
        assert!(unmarked.join("index.html").exists());
        assert!(
            live.join(TEMPORARY).exists(),
            "another build's, still running"
        );
    }
}
