//! Folders held open while a run reads or writes many files in them. The
//! kernel walks a path one name at a time, for every open; a build opens
//! ten thousand sources and writes ten thousand pages, most of them in a
//! few folders, and opening each by its name in a folder held open spares
//! 2–3 % of the build. Held for one run only: a folder renamed later would
//! otherwise still be the one written to.

use std::fs::File;
use std::io;
use std::path::Path;

/// The folders opened so far (on Unix; elsewhere files are opened by path).
#[derive(Default)]
pub struct Folders {
    #[cfg(unix)]
    open: std::sync::Mutex<Held>,
}

/// Open folders by path.
#[cfg(unix)]
type Held = rustc_hash::FxHashMap<std::path::PathBuf, std::sync::Arc<std::os::fd::OwnedFd>>;

/// At most this many folders are held open; a file in any other folder
/// opens its folder for itself. A portal of thousands of folders must not
/// run out of file handles (1,024 a process is a common limit, and cairn
/// must build under far less); a portal has about a dozen folders.
#[cfg(unix)]
const MAX_HELD: usize = 16;

/// The folder and name of `path`: `.` for a bare name.
fn split(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    Ok((dir.unwrap_or(Path::new(".")), name))
}

#[cfg(unix)]
impl Folders {
    /// Opens `path` for reading without waiting: a named pipe posing as a
    /// file does not block until a writer comes (a regular file reads the
    /// same either way).
    pub fn open(&self, path: &Path) -> io::Result<File> {
        use rustix::fs::{Mode, OFlags};
        let (dir, name) = split(path)?;
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let folder = self.folder(dir, false)?;
        Ok(rustix::fs::openat(&*folder, name, flags, Mode::empty())?.into())
    }

    /// Creates (or truncates) the file at `path` for writing, as
    /// `File::create` does (mode 0666 less the umask), making its folder
    /// first when it is new.
    pub fn create(&self, path: &Path) -> io::Result<File> {
        use rustix::fs::{Mode, OFlags};
        let (dir, name) = split(path)?;
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        let folder = self.folder(dir, true)?;
        Ok(rustix::fs::openat(&*folder, name, flags, Mode::from_raw_mode(0o666))?.into())
    }

    fn folder(&self, dir: &Path, make: bool) -> io::Result<std::sync::Arc<std::os::fd::OwnedFd>> {
        use rustix::fs::{Mode, OFlags};
        if let Some(folder) = self.held().get(dir) {
            return Ok(folder.clone());
        }
        if make {
            std::fs::create_dir_all(dir)?;
        }
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let folder = std::sync::Arc::new(rustix::fs::open(dir, flags, Mode::empty())?);
        let mut held = self.held();
        if held.len() < MAX_HELD {
            held.insert(dir.to_path_buf(), folder.clone());
        }
        Ok(folder)
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Makes the folder of `path` (if new) and holds it open.
    pub fn make_parent(&self, path: &Path) -> io::Result<()> {
        self.folder(split(path)?.0, true).map(drop)
    }
}

#[cfg(not(unix))]
impl Folders {
    /// Opens `path` for reading.
    pub fn open(&self, path: &Path) -> io::Result<File> {
        File::open(path)
    }

    /// Creates (or truncates) the file at `path`, making its folder first.
    pub fn create(&self, path: &Path) -> io::Result<File> {
        self.make_parent(path)?;
        File::create(path)
    }

    /// Makes the folder of `path`.
    pub fn make_parent(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir_all(split(path)?.0)
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

    #[test]
    fn files_in_more_folders_than_are_held_are_written_and_read_too() {
        let dir = tempfile::tempdir().unwrap();
        let folders = Folders::default();
        let path = |n: usize| dir.path().join(format!("f{n}/page.html"));
        for n in 0..150 {
            folders
                .create(&path(n))
                .unwrap()
                .write_all(n.to_string().as_bytes())
                .unwrap();
        }
        for n in 0..150 {
            let mut read = String::new();
            folders
                .open(&path(n))
                .unwrap()
                .read_to_string(&mut read)
                .unwrap();
            assert_eq!(read, n.to_string());
        }
        #[cfg(unix)]
        assert_eq!(folders.held().len(), MAX_HELD);
    }
}
