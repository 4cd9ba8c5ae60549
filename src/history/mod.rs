//! What changed: the portal's own git history, read without a `git`
//! executable (gix), turned into meaningful changes (an item's status
//! moving, a decision accepted, a stakeholder's power changing, …) and
//! the date each document last changed. History never fails a build: a
//! portal outside git or in a shallow clone gets one note and builds as
//! before.
//!
//! The committed history is read once per `HEAD` (see [`cache`]); the
//! working tree is compared with `HEAD` on every build, because
//! uncommitted edits are the current state.

mod attach;
mod cache;
pub mod derive;
pub mod digest;
pub mod snapshot;
pub mod views;
mod walk;

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap;

pub use attach::attach;
pub use derive::{Change, Subject, What};
use snapshot::Snapshot;
pub use walk::Missing;

/// `[history]` of `cairn.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// `enabled` (default on).
    pub enabled: bool,
    /// `authors`: show who changed what (default off).
    pub authors: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: true,
            authors: false,
        }
    }
}

/// The keys of `[history]`.
pub const KEYS: &[&str] = &["enabled", "authors"];

/// Whether history was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum State {
    /// `[history] enabled = false`, or not asked for.
    #[default]
    Off,
    /// Read.
    Read,
    /// Wanted but not there.
    Missing(Missing),
}

/// When a document last changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Last {
    pub date: Date,
    /// Only with `[history] authors = true`.
    pub author: Option<Arc<str>>,
    pub uncommitted: bool,
}

/// The history a build shows, already cut to what its readers may see.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub state: State,
    /// Newest first.
    pub changes: Vec<Change>,
    /// Path under `content/` -> when the document last changed.
    pub last: FxHashMap<String, Last>,
}

/// Who reads the build.
#[derive(Debug, Clone, Copy)]
pub struct View {
    /// A public build: private versions are invisible.
    pub public: bool,
    /// Drafts are built.
    pub drafts: bool,
    /// Keep author names.
    pub authors: bool,
    /// The build date: the date of uncommitted edits.
    pub today: Date,
}

/// The committed history of one `HEAD`, with every version parsed.
#[derive(Debug, Default)]
pub struct Raw {
    timelines: Vec<walk::Timeline>,
    at_head: FxHashMap<String, usize>,
    /// Blob -> its snapshot, `None` when its front matter does not parse.
    snapshots: FxHashMap<gix::ObjectId, Option<Arc<Snapshot>>>,
}

/// Reads the history of the portal at `root` for `view`; `present` says
/// whether a path under `content/` is a document of the resolved portal
/// (so that what the resolver left out, private or below a private item,
/// has no history either).
pub fn read(root: &Path, view: &View, present: &dyn Fn(&str) -> bool) -> History {
    let raw = match cache::committed(root) {
        Ok(raw) => raw,
        Err(missing) => {
            return History {
                state: State::Missing(missing),
                ..History::default()
            };
        }
    };
    let worktree = worktree(root, &raw);
    let mut history = History {
        state: State::Read,
        ..History::default()
    };
    let today_time = view
        .today
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_or(0, |z| z.timestamp().as_second());
    let mut seen_worktree = vec![false; worktree.len()];
    let worktree_at: FxHashMap<&str, usize> = worktree
        .iter()
        .enumerate()
        .map(|(i, w)| (w.0.as_str(), i))
        .collect();
    let mut versions: Vec<(&str, Vec<Version>)> = Vec::new();
    for (t, timeline) in raw.timelines.iter().enumerate() {
        let mut list: Vec<Version> = timeline
            .revisions
            .iter()
            .filter_map(|r| {
                let snapshot = match r.blob {
                    None => None,
                    Some(blob) => Some(raw.snapshots.get(&blob).cloned().flatten()?),
                };
                Some(Version {
                    time: r.time,
                    author: Some(r.author.clone()),
                    uncommitted: false,
                    snapshot,
                })
            })
            .collect();
        if raw.at_head.get(&timeline.path) == Some(&t) {
            match worktree_at.get(timeline.path.as_str()).copied() {
                Some(w) => {
                    seen_worktree[w] = true;
                    if let Some(version) = &worktree[w].1 {
                        list.extend(
                            version
                                .clone()
                                .map(|s| Version::uncommitted(today_time, Some(s))),
                        );
                    }
                }
                None => list.push(Version::uncommitted(today_time, None)),
            }
        }
        versions.push((timeline.path.as_str(), list));
    }
    for (w, (path, version)) in worktree.iter().enumerate() {
        if !seen_worktree[w]
            && let Some(Some(snapshot)) = version
        {
            versions.push((
                path.as_str(),
                vec![Version::uncommitted(today_time, Some(snapshot.clone()))],
            ));
        }
    }
    for (path, list) in versions {
        follow(path, &list, view, present, &mut history);
    }
    history
        .changes
        .sort_by(|a, b| b.time.cmp(&a.time).then(a.path.cmp(&b.path)));
    history
}

/// One version of a document as history reads it.
#[derive(Clone)]
struct Version {
    time: i64,
    author: Option<Arc<str>>,
    uncommitted: bool,
    /// `None`: removed.
    snapshot: Option<Arc<Snapshot>>,
}

impl Version {
    fn uncommitted(time: i64, snapshot: Option<Arc<Snapshot>>) -> Self {
        Version {
            time,
            author: None,
            uncommitted: true,
            snapshot,
        }
    }
}

/// The changes of one document, as `view`'s readers may see them.
fn follow(
    path: &str,
    versions: &[Version],
    view: &View,
    present: &dyn Fn(&str) -> bool,
    history: &mut History,
) {
    let Some((subject, id)) = Subject::of(path) else {
        return;
    };
    if view.public && subject == Subject::Conversation {
        return;
    }
    let exists_now = versions.last().is_some_and(|v| v.snapshot.is_some());
    if exists_now && subject != Subject::Conversation && !present(path) {
        // Private, a draft, or below a private item now: no history at all.
        return;
    }
    let visible = |s: &Option<Arc<Snapshot>>| {
        s.clone()
            .filter(|s| !(view.public && s.private) && (view.drafts || !s.draft))
    };
    let mut before: Option<Arc<Snapshot>> = None;
    let mut found: Vec<(&Version, What)> = Vec::new();
    let mut last: Option<&Version> = None;
    let mut title = String::new();
    for version in versions {
        let now = visible(&version.snapshot);
        if let Some(s) = &now {
            last = Some(version);
            title = s.title.clone();
        }
        for what in derive::between(subject, before.as_deref(), now.as_deref()) {
            found.push((version, what));
        }
        before = now;
    }
    let date = |v: &Version| date_of(v.time);
    let author = |v: &Version| v.author.clone().filter(|_| view.authors);
    if exists_now && let Some(v) = last {
        history.last.insert(
            path.to_string(),
            Last {
                date: date(v),
                author: author(v),
                uncommitted: v.uncommitted,
            },
        );
    }
    history
        .changes
        .extend(found.into_iter().map(|(v, what)| Change {
            time: v.time,
            date: date(v),
            uncommitted: v.uncommitted,
            author: author(v),
            path: path.to_string(),
            subject,
            id: id.clone(),
            title: title.clone(),
            what,
        }));
}

/// The UTC date of a time in seconds.
pub fn date_of(seconds: i64) -> Date {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default()
}

/// The documents of the working tree that differ from `HEAD`: (path,
/// `None` when it is as committed, else its snapshot or `None` when it
/// does not parse).
type Worktree = Vec<(String, Option<Option<Arc<Snapshot>>>)>;

fn worktree(root: &Path, raw: &Raw) -> Worktree {
    let content = root.join("content");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".md") {
            continue;
        }
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        let committed = raw
            .at_head
            .get(&rel)
            .and_then(|&t| raw.timelines[t].revisions.last())
            .and_then(|r| r.blob);
        let hash =
            gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, &bytes).ok();
        if committed.is_some() && committed == hash {
            out.push((rel, None));
        } else {
            out.push((rel, Some(snapshot::parse(&bytes).map(Arc::new))));
        }
    }
    out
}
