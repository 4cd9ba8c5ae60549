//! The output guard: every folder a build writes passes [`check_output`]
//! before anything is staged, and only its answer can start a
//! [`super::Staging`]. Paths are compared as the kernel resolves them
//! (symlinks and `..` followed), so no spelling of a path reaches the
//! portal's sources, the home folder or a folder above either.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The file that marked an output folder as cairn's, inside it, before
/// the marker moved next to the folder; still recognised.
pub const OLD_MARKER: &str = ".cairn-output";

/// Folders of a portal that hold its sources.
const SOURCES: [&str; 4] = ["content", "static", "templates", "themes"];

/// An output folder the guard let through; only [`check_output`] makes
/// one, and only one can start a [`super::Staging`].
#[derive(Debug, Clone)]
pub struct Output {
    /// Its real path (symlinks resolved).
    pub(super) real: PathBuf,
    /// It holds an earlier output of cairn (files may be linked from it).
    pub(super) ours: bool,
}

/// The marker that says cairn wrote the folder `out`: a hidden file next
/// to it (`site/` has `.site.cairn-output`), so that the folder itself holds
/// only the site and every upload recipe publishes nothing else.
pub fn marker_of(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?;
    let mut marker = OsString::from(".");
    marker.push(name);
    marker.push(".cairn-output");
    Some(out.with_file_name(marker))
}

/// The real path of `path`, which need not exist: each existing prefix is
/// resolved by the kernel (symlinks followed) before the next component is
/// added, and `..` goes up from the real folder, as the kernel would.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut real = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => real.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                if let Ok(resolved) = fs::canonicalize(&real) {
                    real = resolved;
                }
            }
        }
    }
    Ok(real)
}

/// Whether `path` is `folder` or inside it, component by component (so
/// `/site-public` is not inside `/site`).
pub fn within(path: &Path, folder: &Path) -> bool {
    let mut p = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir));
    folder
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .all(|c| p.next() == Some(c))
}

/// Whether the real path `path` is a `.git` folder or file, or inside one.
/// Nothing there is ever published (a link in `static/` to `.git/config`
/// would publish the credentials CI keeps there) or replaced.
pub fn in_git_folder(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == ".git")
}

/// Whether `dir` is a git repository's folder under another name (a bare
/// repository such as `project.git`).
fn is_git_dir(dir: &Path) -> bool {
    dir.join("HEAD").is_file() && dir.join("objects").is_dir() && dir.join("refs").is_dir()
}

/// The home folders no output may be or hold: `$HOME` and, when it is
/// unset or empty (cron, `env -i`, some CI runners), the account's home
/// as the system records it.
fn homes() -> Vec<PathBuf> {
    let set = std::env::var_os("HOME").filter(|h| !h.is_empty());
    let system = std::env::home_dir().filter(|h| !h.as_os_str().is_empty());
    set.map(PathBuf::from).into_iter().chain(system).collect()
}

fn refused(reason: String, help: &str) -> Error {
    Error::Refused {
        reason,
        help: help.to_string(),
    }
}

const ELSEWHERE: &str = "choose an output folder with -o (the default is `public/` in the portal)";

/// Checks that `output` may be replaced by a build of the portal at
/// `root`. `force` allows replacing a folder cairn did not make; nothing
/// allows the portal, its sources, a folder holding them, `/`, the home
/// folder or a folder above it, or a folder holding a git repository
/// below its top.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<Output, Error> {
    let root_real = real_path(root).map_err(|e| Error::io("resolve", root, e))?;
    let out = real_path(output).map_err(|e| Error::io("resolve", output, e))?;
    let shown = output.display();
    let also = if out.as_os_str() == output.as_os_str() {
        String::new()
    } else {
        format!(" (really `{}`)", out.display())
    };
    if out.parent().is_none() {
        return Err(refused(
            format!("refusing to write the site into `{shown}`{also}, a filesystem root"),
            ELSEWHERE,
        ));
    }
    if homes()
        .iter()
        .filter_map(|home| real_path(home).ok())
        .any(|home| within(&home, &out))
    {
        return Err(refused(
            format!(
                "refusing to write the site into `{shown}`{also}: it is your home folder or holds it"
            ),
            ELSEWHERE,
        ));
    }
    if within(&root_real, &out) {
        return Err(refused(
            format!("refusing to write the site into `{shown}`{also}: it holds the portal itself"),
            "choose an output folder inside the portal (the default is `public/`) or next to it",
        ));
    }
    if in_git_folder(&out) || is_git_dir(&out) {
        return Err(refused(
            format!(
                "refusing to write the site into `{shown}`{also}: it is or is inside a git repository's own folder"
            ),
            "choose an output folder outside `.git`; cairn never deletes a .git folder or file",
        ));
    }
    for source in SOURCES {
        // Resolved on its own: a source folder may be a link elsewhere
        // (or not exist yet, and be made later).
        let Ok(real) = real_path(&root_real.join(source)) else {
            continue;
        };
        if within(&out, &real) || within(&real, &out) {
            return Err(refused(
                format!(
                    "refusing to write the site into `{shown}`{also}: it is or holds the portal's {source}/ folder"
                ),
                "choose an output folder outside content/, static/, templates/ and themes/",
            ));
        }
    }
    // A marker is a plain file: a link there (planted in a cloned portal)
    // would make any folder look like cairn's, and its target would be
    // overwritten with the marker's text.
    let plain = |m: &Path| fs::symlink_metadata(m).map(|m| m.is_file());
    if let Some(marker) = marker_of(&out)
        && let Ok(false) = plain(&marker)
    {
        return Err(refused(
            format!(
                "refusing to build into `{shown}`: its marker `{}` is not a plain file",
                marker.display()
            ),
            "remove it; cairn writes the marker next to its output itself",
        ));
    }
    let meta = match fs::metadata(&out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Output {
                real: out,
                ours: false,
            });
        }
        Err(e) => return Err(Error::io("inspect", output, e)),
        Ok(meta) => meta,
    };
    if !meta.is_dir() {
        return Err(refused(
            format!("the output path `{shown}` is a file, not a folder"),
            "remove the file or choose another output folder with -o",
        ));
    }
    if out.join("cairn.toml").exists() {
        return Err(refused(
            format!("refusing to replace `{shown}`: it holds cairn.toml"),
            "choose another output folder with -o",
        ));
    }
    if let Some(git) = nested_git(&out) {
        return Err(refused(
            format!(
                "refusing to replace `{shown}`: it holds a git repository at `{}`",
                git.display()
            ),
            "choose another output folder with -o; cairn never deletes a .git folder or file",
        ));
    }
    let ours = marker_of(&out).is_some_and(|m| plain(&m).unwrap_or(false))
        || plain(&out.join(OLD_MARKER)).unwrap_or(false);
    // `.git` at the top (a `gh-pages` worktree) is kept by every build.
    let empty = fs::read_dir(&out)
        .map_err(|e| Error::io("read", output, e))?
        .all(|e| e.is_ok_and(|e| e.file_name() == ".git"));
    let git = fs::symlink_metadata(out.join(".git")).is_ok();
    if ours || empty || (force && !git) {
        Ok(Output { real: out, ours })
    } else if git {
        // A working tree of someone's repository: its files may hold work
        // not committed yet, which no flag lets cairn delete.
        Err(refused(
            format!(
                "refusing to replace `{shown}`: it is a git working tree holding files cairn did not write"
            ),
            "build into an empty worktree: empty this one with `git -C <folder> rm -rq .` (its history keeps the files), then build again",
        ))
    } else {
        Err(refused(
            format!("refusing to replace `{shown}`: it holds files cairn did not write"),
            "choose another output folder with -o, empty this one, or pass --force to replace its contents",
        ))
    }
}

/// A `.git` folder or file below the top of `out` (the top one is kept).
fn nested_git(out: &Path) -> Option<PathBuf> {
    walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == ".git"))
        .filter_map(Result::ok)
        .find(|e| e.file_name() == ".git")
        .map(|e| e.into_path())
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

    /// Only the check runs here: nothing is ever written to `/`.
    #[test]
    fn the_filesystem_root_is_never_an_output_even_with_force() {
        let portal = tempfile::tempdir().unwrap();
        for root in ["/", "/..", "/tmp/../.."] {
            let refused = check_output(portal.path(), Path::new(root), true).unwrap_err();
            assert!(
                refused.to_string().contains("a filesystem root"),
                "{root}: {refused}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn real_path_goes_up_from_the_real_folder_even_past_missing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(base.join("a")).unwrap();
        std::os::unix::fs::symlink(base.join("a"), base.join("link")).unwrap();
        assert_eq!(
            real_path(&base.join("link/new")).unwrap(),
            base.join("a/new")
        );
        assert_eq!(
            real_path(&base.join("missing/../..")).unwrap(),
            base.parent().unwrap()
        );
        assert_eq!(real_path(&base.join("link/..")).unwrap(), base);
    }

    #[test]
    fn the_marker_sits_next_to_the_output() {
        assert_eq!(
            marker_of(Path::new("/x/site")).unwrap(),
            Path::new("/x/.site.cairn-output")
        );
        assert_eq!(marker_of(Path::new("/")), None);
    }
}
