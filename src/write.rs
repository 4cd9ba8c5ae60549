//! Stage 4, **write**: put the built site on disk without ever losing data.
//! The site is written to a staging folder next to the output and swapped
//! in only when complete, so a failed build leaves the previous output byte
//! for byte. cairn only replaces folders it made itself (a marker file
//! sits next to each), never the portal, its sources, or anything above
//! them ([`check_output`] is the guard every output passes), and never a
//! `.git`. An interrupted build removes its staging folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;
use crate::folders::Folders;
use crate::render::Page;

use guard::{OLD_MARKER, marker_of};
pub use guard::{Output, check_output, in_git_folder};

mod cleanup;
mod guard;
pub mod leaks;

pub use cleanup::interrupted;

const MARKER_TEXT: &str =
    "cairn wrote the folder next to this file; every build replaces its contents.\n";

/// Whether a file at `path` in the output would take a name cairn keeps
/// for itself (its marks).
pub fn is_reserved(path: &str) -> bool {
    path == OLD_MARKER || path == cleanup::TEMPORARY
}

/// Opens `path` for reading only if it is a regular file, without waiting
/// on a pipe or following a link swapped in for it since it was checked
/// (`path` is the checked file itself, never a link).
fn open_regular(path: &Path) -> io::Result<fs::File> {
    #[cfg(unix)]
    let file: fs::File = {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOFOLLOW;
        rustix::fs::open(path, flags, Mode::empty())?.into()
    };
    #[cfg(not(unix))]
    let file = fs::File::open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(io::Error::other("not a regular file"))
    }
}

/// Copies the regular file `source` to the new file `target`, with its
/// permissions.
fn copy_regular(source: &Path, target: &Path, folders: &Folders) -> io::Result<()> {
    let mut from = open_regular(source)?;
    let permissions = from.metadata()?.permissions();
    let mut to = folders.create(target)?;
    io::copy(&mut from, &mut to)?;
    to.set_permissions(permissions)
}

/// A file to copy from the portal's `static/` folder: a regular file
/// inside the portal, checked when the build started.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path under the output root.
    pub path: String,
    /// Where it is now.
    pub source: PathBuf,
}

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files whose bytes were written.
    pub written: usize,
    /// Files identical to the previous output, linked instead of written.
    pub unchanged: usize,
}

/// The new contents of an output folder, being written next to it. Files
/// go in as they are rendered, from any thread; [`Staging::finish`] swaps
/// the folder in. Dropped unfinished (a later stage failed), it is removed
/// and the output is left as it was.
///
/// A file whose bytes equal the previous output's is hard-linked from it
/// rather than written again, so a rebuild after a small edit writes a
/// handful of files.
pub struct Staging {
    /// The staging folder, carrying cairn's temporary mark until swapped in.
    dir: PathBuf,
    out: PathBuf,
    /// The current output, when cairn made it.
    previous: Option<PathBuf>,
    /// The staging folder's folders, made as files go into them.
    folders: Folders,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// The first failure; later files are skipped.
    failure: Mutex<Option<Error>>,
    /// Swapped in: nothing to remove when dropped.
    finished: bool,
    /// The staging folder's mark, locked while this build runs.
    _mark: fs::File,
}

impl Staging {
    /// Starts the new contents of the output the guard let through, in a
    /// staging folder next to it; first removes what interrupted runs
    /// left there.
    pub fn new(output: Output) -> Result<Self, Error> {
        let out = output.real;
        let parent = out
            .parent()
            .ok_or_else(|| Error::Usage("the output folder has no parent".into()))?;
        fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        cleanup::clean_leftovers(parent);
        // Made while the list is locked: an interruption waits until it is
        // listed, so it cannot be left behind.
        let mut live = cleanup::live();
        let dir = tempfile::Builder::new()
            .prefix(cleanup::STAGING_PREFIX)
            .tempdir_in(parent)
            .map_err(|e| Error::io("create a staging folder in", parent, e))?
            .keep();
        live.push(dir.clone());
        drop(live);
        let mark = match cleanup::mark_live(&dir) {
            Ok(mark) => mark,
            Err(e) => {
                cleanup::live().retain(|d| d != &dir);
                let _ = cleanup::remove_ours(&dir);
                return Err(Error::io("write", dir.join(cleanup::TEMPORARY), e));
            }
        };
        Ok(Staging {
            dir,
            previous: output.ours.then(|| out.clone()),
            out,
            folders: Folders::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            failure: Mutex::new(None),
            finished: false,
            _mark: mark,
        })
    }

    /// Adds a rendered file.
    pub fn put(&self, page: &Page) {
        self.place(&page.path, Some(&page.bytes), None);
    }

    /// Adds a file of `static/`.
    pub fn copy(&self, file: &StaticFile) {
        self.place(&file.path, None, Some(&file.source));
    }

    fn place(&self, path: &str, bytes: Option<&[u8]>, source: Option<&Path>) {
        if cleanup::stopped() || self.failure.lock().map_or(true, |f| f.is_some()) {
            return;
        }
        if let Err(e) = self.try_place(path, bytes, source)
            && let Ok(mut failure) = self.failure.lock()
        {
            failure.get_or_insert(e);
        }
    }

    fn try_place(
        &self,
        path: &str,
        bytes: Option<&[u8]>,
        source: Option<&Path>,
    ) -> Result<(), Error> {
        let target = self.dir.join(path);
        // `create` makes a page's folder itself; a link or a copy needs it
        // made first.
        let linked = |old: &Path| {
            self.folders.make_parent(&target).is_ok() && fs::hard_link(old, &target).is_ok()
        };
        if let Some(old) = self.previous.as_ref().map(|p| p.join(path))
            && same_content(&old, bytes, source)
            && linked(&old)
        {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        match (bytes, source) {
            (Some(bytes), _) => self
                .folders
                .create(&target)
                .and_then(|mut file| io::Write::write_all(&mut file, bytes))
                .map_err(|e| Error::io("write", &target, e))?,
            (None, Some(source)) => copy_regular(source, &target, &self.folders)
                .map_err(|e| Error::io("copy", source, e))?,
            (None, None) => {}
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Marks the folder as cairn's and swaps it in for the output, unless
    /// writing a file failed.
    pub fn finish(mut self) -> Result<Written, Error> {
        if let Some(e) = self.failure.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        let written = Written {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let marker = marker_of(&self.out)
            .ok_or_else(|| Error::Usage("the output folder has no name".into()))?;
        write_marker(&marker).map_err(|e| Error::io("write", &marker, e))?;
        // An interruption waits for the swap to end, whichever way.
        let mut live = cleanup::live();
        if cleanup::stopped() {
            return Err(Error::Usage("interrupted".into()));
        }
        let mark = self.dir.join(cleanup::TEMPORARY);
        fs::remove_file(&mark).map_err(|e| Error::io("remove", &mark, e))?;
        let swapped = swap(&self.dir, &self.out);
        live.retain(|d| d != &self.dir);
        self.finished = swapped.is_ok();
        let old = swapped?;
        drop(live);
        // The new site is in place; a leftover old copy is only clutter.
        if let Some(old) = old {
            let _ = cleanup::remove_ours(&old);
        }
        Ok(written)
    }
}

impl Drop for Staging {
    /// Unfinished (a later stage failed), the staging folder goes and the
    /// output is left as it was.
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let mut live = cleanup::live();
        live.retain(|d| d != &self.dir);
        let _ = cleanup::remove_ours(&self.dir);
    }
}

/// Writes the marker, never through a link swapped in since the guard
/// looked (its target would be overwritten).
fn write_marker(marker: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    io::Write::write_all(&mut options.open(marker)?, MARKER_TEXT.as_bytes())
}

/// Whether the file at `old` holds `bytes` (or the bytes of `source`).
fn same_content(old: &Path, bytes: Option<&[u8]>, source: Option<&Path>) -> bool {
    let Ok(meta) = fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match (bytes, source) {
        (Some(bytes), _) => {
            meta.len() == bytes.len() as u64 && fs::read(old).is_ok_and(|b| b == bytes)
        }
        (None, Some(source)) => {
            let read = |f: fs::File| {
                let mut bytes = Vec::new();
                io::Read::read_to_end(&mut io::Read::take(f, meta.len() + 1), &mut bytes)
                    .map(|_| bytes)
            };
            match open_regular(source) {
                Ok(f) if f.metadata().is_ok_and(|m| m.len() == meta.len()) => {
                    matches!((fs::read(old), read(f)), (Ok(a), Ok(b)) if a == b)
                }
                _ => false,
            }
        }
        (None, None) => false,
    }
}

/// Moves the staged folder to `out`. An existing output is set aside
/// first (and returned, to be removed) and restored if the move fails; its
/// `.git` (a `gh-pages` worktree) moves into the new output.
fn swap(staged: &Path, out: &Path) -> Result<Option<PathBuf>, Error> {
    let parent = out.parent().unwrap_or(Path::new("."));
    if !out.exists() {
        return fs::rename(staged, out)
            .map(|()| None)
            .map_err(|e| Error::io("move the new site to", out, e));
    }
    let git = out.join(".git");
    let kept_git = fs::symlink_metadata(&git).is_ok();
    if kept_git {
        // A worktree's files are committed and checked out elsewhere, where
        // the marker beside it is not: one inside says the files are cairn's.
        let inside = staged.join(OLD_MARKER);
        write_marker(&inside).map_err(|e| Error::io("write", &inside, e))?;
        fs::rename(&git, staged.join(".git")).map_err(|e| Error::io("move", &git, e))?;
    }
    let restore_git = || {
        if kept_git {
            let _ = fs::rename(staged.join(".git"), &git);
        }
    };
    let old = match tempfile::Builder::new()
        .prefix(cleanup::OLD_PREFIX)
        .tempdir_in(parent)
    {
        Ok(dir) => dir.keep(),
        Err(e) => {
            restore_git();
            return Err(Error::io("create a folder in", parent, e));
        }
    };
    let aside = fs::remove_dir(&old).and_then(|()| fs::rename(out, &old));
    if let Err(e) = aside {
        restore_git();
        return Err(Error::io("move aside the old site in", out, e));
    }
    // Marked at once: if cairn is killed now, the next build removes it.
    let _ = fs::write(old.join(cleanup::TEMPORARY), "");
    if let Err(e) = fs::rename(staged, out) {
        let _ = fs::remove_file(old.join(cleanup::TEMPORARY));
        let _ = fs::rename(&old, out);
        restore_git();
        return Err(Error::io("move the new site to", out, e));
    }
    Ok(Some(old))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_static_file_swapped_for_a_link_after_the_check_is_not_copied() {
        // The list of static/ is checked when the build starts and copied
        // after rendering: a link swapped in meanwhile was followed.
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("secret");
        fs::write(&secret, "private").unwrap();
        let checked = dir.path().join("logo.svg");
        std::os::unix::fs::symlink(&secret, &checked).unwrap();
        assert!(open_regular(&checked).is_err());
        assert!(!same_content(&secret, None, Some(&checked)));
        assert!(open_regular(&secret).is_ok());
    }
}
