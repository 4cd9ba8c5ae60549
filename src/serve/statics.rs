//! The files of `static/`, read once when a build is made and held in
//! memory with it: a request never opens a file, so nothing swapped into
//! `static/` while serving (a link out of the portal, a device, a FIFO) can
//! be served before a rebuild has checked it.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::display_path;
use crate::write::StaticFile;

/// The bytes of every static file, by site path.
pub type Statics = Arc<HashMap<String, Arc<Vec<u8>>>>;

/// Reads `files` (as listed by [`crate::pipeline::static_files`]); a file
/// that is not a regular file inside the portal once opened is an error.
pub fn snapshot(root: &Path, files: &[StaticFile], diagnostics: &mut Diagnostics) -> Statics {
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = HashMap::with_capacity(files.len());
    for file in files {
        match read_checked(&inside, &file.source) {
            Ok(bytes) => {
                out.insert(file.path.clone(), Arc::new(bytes));
            }
            Err(why) => diagnostics.push(
                Diagnostic::error_at_path(
                    format!("cairn serve cannot serve this file: {why}"),
                    display_path(root, &format!("static/{}", file.path)),
                )
                .with_help("static/ may hold regular files of the portal only"),
            ),
        }
    }
    Arc::new(out)
}

/// The bytes of `path`, checked on the open file itself (its real path and
/// its type), so that the file read is the file checked.
fn read_checked(inside: &Path, path: &Path) -> Result<Vec<u8>, String> {
    let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    if !real.starts_with(inside) {
        return Err("it is a link to a file outside the portal".into());
    }
    // Opening a FIFO or a device can block or act; look before opening.
    if !std::fs::symlink_metadata(&real).is_ok_and(|m| m.is_file()) {
        return Err("it is not a regular file".into());
    }
    let file = open(&real).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if !opened_inside(&file, inside) {
        return Err("it moved out of the portal while being read".into());
    }
    // Never more than the size seen: a file that grows is read as it was.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Opens without following a link and without blocking on a FIFO (both
/// can only appear here if the file was swapped after it was looked at).
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Whether the open file is still inside the portal: a folder on its path
/// may have been swapped for a link between the check and the open. Linux
/// names an open file's real path; elsewhere the check before opening
/// stands.
fn opened_inside(file: &File, inside: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let link = format!("/proc/self/fd/{}", file.as_raw_fd());
        match std::fs::read_link(link) {
            Ok(real) => real.starts_with(inside),
            // No /proc (a sandbox): the check before opening stands.
            Err(_) => true,
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (file, inside);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(root: &Path, names: &[&str]) -> Vec<StaticFile> {
        names
            .iter()
            .map(|n| StaticFile {
                path: (*n).to_string(),
                source: root.join("static").join(n),
            })
            .collect()
    }

    #[test]
    fn regular_files_inside_the_portal_are_held_as_they_were_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/a.txt"), "first").unwrap();
        let mut diags = Diagnostics::default();
        let held = snapshot(dir.path(), &files(dir.path(), &["a.txt"]), &mut diags);
        std::fs::write(dir.path().join("static/a.txt"), "second").unwrap();
        assert!(diags.is_empty());
        assert_eq!(held.get("a.txt").map(|b| b.as_slice()), Some(&b"first"[..]));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_portal_and_devices_are_refused_when_read() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        std::fs::create_dir(dir.path().join("static")).unwrap();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, dir.path().join("static").join(name)).unwrap()
        };
        link(&outside.path().join("secret"), "secret.txt");
        link(Path::new("/dev/zero"), "zero.bin");
        let mut diags = Diagnostics::default();
        let held = snapshot(
            dir.path(),
            &files(dir.path(), &["secret.txt", "zero.bin"]),
            &mut diags,
        );
        assert!(held.is_empty());
        assert_eq!(diags.iter().count(), 2);
    }
}
