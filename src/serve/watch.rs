//! Watching the portal's sources and sorting what changed into the kinds of
//! rebuild they need. Bursts are collapsed by notify-debouncer-full; the
//! output folder and editor droppings are never watched or are ignored, so
//! a rebuild cannot trigger another.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::Error;

/// How long the files must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(10);

/// Folders watched, recursively.
const SOURCES: [&str; 4] = ["content", "templates", "static", "themes"];

/// What a batch of file events asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `cairn.toml`: everything.
    Config,
    /// A template or theme file: render again, read nothing.
    Templates,
    /// A file of `static/`.
    Static,
    /// A document, by its path under `content/`.
    Document(String),
    /// Folders under `content/` appeared, vanished or moved.
    Layout,
    /// Something in the repository's git directory: maybe a commit.
    Head,
}

impl Change {
    /// A few words for the rebuild line.
    pub fn describe(&self) -> String {
        match self {
            Change::Config => "cairn.toml".into(),
            Change::Templates => "templates".into(),
            Change::Static => "static files".into(),
            Change::Document(rel) => format!("content/{rel}"),
            Change::Layout => "content folders".into(),
            Change::Head => "a commit".into(),
        }
    }
}

/// The running watcher.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    watched: Vec<&'static str>,
    /// The repository's git directory, watched for `HEAD` moving.
    git_dir: Option<PathBuf>,
}

impl Watcher {
    /// Watches `cairn.toml` and the source folders of the portal at `root`.
    pub fn start(root: &Path) -> Result<Self, Error> {
        let root = super::portal_root(root);
        let (tx, events) = channel();
        let debouncer = new_debouncer(QUIET, Some(Duration::from_millis(2)), tx)
            .map_err(|e| Error::Usage(format!("cannot watch the portal: {e}")))?;
        let mut watcher = Watcher {
            debouncer,
            events,
            git_dir: None,
            root,
            watched: Vec::new(),
        };
        watcher.watch_git();
        watcher
            .debouncer
            .watch(&watcher.root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", watcher.root.display())))?;
        watcher.watch_sources();
        Ok(watcher)
    }

    /// Watches the git directory (`HEAD`, `packed-refs`) and its branches,
    /// when history is read: a commit moves `HEAD` without touching a
    /// source.
    fn watch_git(&mut self) {
        let Some(git) = crate::history::git_dir(&self.root) else {
            return;
        };
        let mut ok = self
            .debouncer
            .watch(&git, RecursiveMode::NonRecursive)
            .is_ok();
        let refs = git.join("refs");
        ok &= !refs.is_dir()
            || self
                .debouncer
                .watch(&refs, RecursiveMode::Recursive)
                .is_ok();
        if ok {
            self.git_dir = Some(git);
        }
    }

    fn watch_sources(&mut self) {
        for folder in SOURCES {
            let path = self.root.join(folder);
            if !self.watched.contains(&folder)
                && path.is_dir()
                && self
                    .debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .is_ok()
            {
                self.watched.push(folder);
            }
        }
    }

    /// Waits for the next burst of changes; `None` when watching stopped.
    pub fn next_batch(&mut self) -> Option<Vec<Change>> {
        loop {
            let events = match self.events.recv().ok()? {
                Ok(events) => events,
                Err(errors) => {
                    for e in errors {
                        eprintln!(
                            "warning: watching files: {}",
                            crate::diagnostics::escape(&e.to_string())
                        );
                    }
                    continue;
                }
            };
            let mut batch: Vec<Change> = Vec::new();
            for event in events {
                if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
                    continue;
                }
                for path in &event.paths {
                    let git = self.git_dir.as_ref().filter(|g| path.starts_with(g));
                    let change = match git {
                        Some(_) => Some(Change::Head),
                        None => classify(&self.root, path),
                    };
                    if let Some(change) = change
                        && !batch.contains(&change)
                    {
                        batch.push(change);
                    }
                }
            }
            // A source folder created after start is watched from now on.
            self.watch_sources();
            if !batch.is_empty() {
                return Some(batch);
            }
        }
    }
}

/// Editor droppings and hidden files.
fn ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// What a changed path asks for; `None` for paths that do not matter.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.iter().any(|p| ignored(p)) {
        return None;
    }
    match parts.first().map(String::as_str)? {
        "cairn.toml" if parts.len() == 1 => Some(Change::Config),
        "content" if parts.len() == 1 => Some(Change::Layout),
        "content" => {
            let rest = parts[1..].join("/");
            if rest.ends_with(".md") {
                Some(Change::Document(rest))
            } else {
                Some(Change::Layout)
            }
        }
        "templates" | "themes" => Some(Change::Templates),
        "static" => Some(Change::Static),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_into_kinds_of_rebuild() {
        let root = Path::new("/p");
        let c = |p: &str| classify(root, Path::new(p));
        assert_eq!(
            c("/p/content/backlog/a/x.md"),
            Some(Change::Document("backlog/a/x.md".into()))
        );
        assert_eq!(c("/p/content/backlog/new-folder"), Some(Change::Layout));
        assert_eq!(c("/p/templates/item.html"), Some(Change::Templates));
        assert_eq!(c("/p/static/logo.svg"), Some(Change::Static));
        assert_eq!(c("/p/cairn.toml"), Some(Change::Config));
        assert_eq!(
            c("/p/public/index.html"),
            None,
            "the output is not a source"
        );
        assert_eq!(c("/p/content/backlog/.x.md.swp"), None);
        assert_eq!(c("/p/content/backlog/x.md~"), None);
        assert_eq!(c("/p/content/backlog/4913"), None);
    }
}
