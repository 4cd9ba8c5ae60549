//! Files opened and created the way a run needs: sources read without
//! waiting on a pipe, pages created in folders made once each.
//!
//! Holding the folders open and opening files by name in them (`openat`)
//! was measured against this at 10,000 items and paid less than 5 %, so
//! files are opened by path (BENCHMARKS.md, "What stays for speed").

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashSet;

/// The folders a run has made so far.
#[derive(Default)]
pub struct Folders {
    made: Mutex<FxHashSet<PathBuf>>,
}

impl Folders {
    /// Opens `path` for reading; on Unix without waiting, so that a named
    /// pipe posing as a file does not block until a writer comes (a
    /// regular file reads the same either way).
    pub fn open(&self, path: &Path) -> io::Result<File> {
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            &mut options,
            rustix::fs::OFlags::NONBLOCK.bits() as i32,
        );
        options.open(path)
    }

    /// Creates (or truncates) the file at `path`, making its folder first
    /// when it is new.
    pub fn create(&self, path: &Path) -> io::Result<File> {
        self.make_parent(path)?;
        File::create(path)
    }

    /// Makes the folder of `path`, unless this run already has.
    pub fn make_parent(&self, path: &Path) -> io::Result<()> {
        let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
            return Ok(());
        };
        let made = |m: &FxHashSet<PathBuf>| m.contains(dir);
        if made(&self.made.lock().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(());
        }
        fs::create_dir_all(dir)?;
        (self.made.lock())
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.to_path_buf());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn files_are_created_in_new_folders_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let folders = Folders::default();
        for (name, text) in [
            ("a/b/one.html", "1"),
            ("a/b/two.html", "2"),
            ("top.html", "3"),
        ] {
            let path = dir.path().join(name);
            folders
                .create(&path)
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            let mut read = String::new();
            folders
                .open(&path)
                .unwrap()
                .read_to_string(&mut read)
                .unwrap();
            assert_eq!(read, text, "{name}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name}");
        }
        // Truncated, not appended to.
        let path = dir.path().join("a/b/one.html");
        folders.create(&path).unwrap().write_all(b"x").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x");
        let missing = folders.open(&dir.path().join("a/none.md")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }
}
