//! Stage 4, **write**: put the built site on disk without ever losing data.
//! The site is written to a staging folder next to the output and swapped
//! in only when complete, so a failed build leaves the previous output byte
//! for byte. cairn only replaces folders it made itself (they carry a
//! marker file), and never the portal, its sources, or anything above them.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;
use crate::folders::Folders;
use crate::render::Page;

/// The file that marks a folder as cairn's output.
pub const MARKER: &str = ".cairn-output";
const MARKER_TEXT: &str = "This folder is written by cairn; every build replaces its contents.\n";

/// A file to copy from the portal's `static/` folder.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path under the output root.
    pub path: String,
    /// Where it is now.
    pub source: PathBuf,
}

/// Absolute form of `path` without requiring it to exist: the nearest
/// existing ancestor is canonicalized and the rest appended.
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut rest = Vec::new();
    let mut at = joined.as_path();
    loop {
        match fs::canonicalize(at) {
            Ok(mut base) => {
                for part in rest.iter().rev() {
                    base.push(part);
                }
                return Ok(base);
            }
            Err(_) => match (at.parent(), at.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    at = parent;
                }
                _ => return Ok(joined),
            },
        }
    }
}

fn within(path: &Path, folder: &Path) -> bool {
    // Component-wise, so `/site-public` is not inside `/site`.
    let mut p = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir));
    folder
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .all(|c| p.next() == Some(c))
}

fn refused(reason: String, help: &str) -> Error {
    Error::Refused {
        reason,
        help: help.to_string(),
    }
}

/// Checks that `output` may be replaced by a build of the portal at
/// `root`. `force` allows replacing a folder cairn did not make.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<(), Error> {
    let root_abs = absolute(root).map_err(|e| Error::io("resolve", root, e))?;
    let out = absolute(output).map_err(|e| Error::io("resolve", output, e))?;
    let shown = output.display();
    if out.parent().is_none() {
        return Err(refused(
            format!("refusing to write the site into `{shown}`, a filesystem root"),
            "choose an output folder with -o",
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home).is_ok_and(|h| h == out)
    {
        return Err(refused(
            format!("refusing to write the site into `{shown}`, your home folder"),
            "choose an output folder with -o",
        ));
    }
    if within(&root_abs, &out) {
        return Err(refused(
            format!("refusing to write the site into `{shown}`: it holds the portal itself"),
            "choose an output folder inside the portal (the default is `public/`) or next to it",
        ));
    }
    for source in ["content", "static", "templates", "themes"] {
        if within(&out, &root_abs.join(source)) {
            return Err(refused(
                format!(
                    "refusing to write the site into `{shown}`: it is inside the portal's {source}/ folder"
                ),
                "choose an output folder outside content/, static/, templates/ and themes/",
            ));
        }
    }
    match fs::metadata(&out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("inspect", output, e)),
        Ok(meta) if !meta.is_dir() => Err(refused(
            format!("the output path `{shown}` is a file, not a folder"),
            "remove the file or choose another output folder with -o",
        )),
        Ok(_) => {
            for guarded in [".git", "cairn.toml"] {
                if out.join(guarded).exists() {
                    return Err(refused(
                        format!("refusing to replace `{shown}`: it holds {guarded}"),
                        "choose another output folder with -o",
                    ));
                }
            }
            let mut entries = fs::read_dir(&out).map_err(|e| Error::io("read", output, e))?;
            let empty = entries.next().is_none();
            if empty || out.join(MARKER).is_file() || force {
                Ok(())
            } else {
                Err(refused(
                    format!("refusing to replace `{shown}`: it holds files cairn did not write"),
                    "choose another output folder with -o, empty this one, or pass --force to replace its contents",
                ))
            }
        }
    }
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
    dir: tempfile::TempDir,
    out: PathBuf,
    /// The current output, when cairn made it.
    previous: Option<PathBuf>,
    /// The staging folder's folders, made as files go into them.
    folders: Folders,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// The first failure; later files are skipped.
    failure: Mutex<Option<Error>>,
}

impl Staging {
    /// Starts the new contents of `output`, in a staging folder next to it.
    pub fn new(output: &Path) -> Result<Self, Error> {
        let out = absolute(output).map_err(|e| Error::io("resolve", output, e))?;
        let parent = out
            .parent()
            .ok_or_else(|| Error::Usage("the output folder has no parent".into()))?;
        fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        let dir = tempfile::Builder::new()
            .prefix(".cairn-staging-")
            .tempdir_in(parent)
            .map_err(|e| Error::io("create a staging folder in", parent, e))?;
        let previous = out.join(MARKER).is_file().then(|| out.clone());
        Ok(Staging {
            dir,
            out,
            previous,
            folders: Folders::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            failure: Mutex::new(None),
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
        if self.failure.lock().map_or(true, |f| f.is_some()) {
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
        let target = self.dir.path().join(path);
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
            (None, Some(source)) => {
                // Copied by path, permissions and all; a portal has few.
                self.folders
                    .make_parent(&target)
                    .map_err(|e| Error::io("create the folder of", &target, e))?;
                fs::copy(source, &target).map_err(|e| Error::io("copy", source, e))?;
            }
            (None, None) => {}
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Marks the folder as cairn's and swaps it in for the output, unless
    /// writing a file failed.
    pub fn finish(self) -> Result<Written, Error> {
        if let Some(e) = self.failure.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        let marker = self.dir.path().join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io("write", &marker, e))?;
        let written = Written {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
        };
        swap(self.dir, &self.out)?;
        Ok(written)
    }
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
            fs::metadata(source).is_ok_and(|m| m.len() == meta.len())
                && matches!((fs::read(old), fs::read(source)), (Ok(a), Ok(b)) if a == b)
        }
        (None, None) => false,
    }
}

/// Moves the staged folder to `out`; the old output is set aside first and
/// restored if the move fails.
fn swap(staging: tempfile::TempDir, out: &Path) -> Result<(), Error> {
    let parent = out.parent().unwrap_or(Path::new("."));
    if !out.exists() {
        let staged = staging.keep();
        return fs::rename(&staged, out).map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            Error::io("move the new site to", out, e)
        });
    }
    let old = tempfile::Builder::new()
        .prefix(".cairn-old-")
        .tempdir_in(parent)
        .map_err(|e| Error::io("create a folder in", parent, e))?
        .keep();
    fs::remove_dir(&old).map_err(|e| Error::io("prepare", &old, e))?;
    fs::rename(out, &old).map_err(|e| Error::io("move aside the old site in", out, e))?;
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, out) {
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(&staged);
        return Err(Error::io("move the new site to", out, e));
    }
    // The new site is in place; a leftover old copy is only clutter.
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_compares_components_not_prefixes() {
        assert!(within(Path::new("/a/site/x"), Path::new("/a/site")));
        assert!(within(Path::new("/a/site"), Path::new("/a/site")));
        assert!(!within(Path::new("/a/site-public"), Path::new("/a/site")));
    }
}
