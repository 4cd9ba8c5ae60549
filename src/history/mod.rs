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
mod pack;
mod past;
mod recent;
pub mod snapshot;
mod timeline;
mod treediff;
pub mod views;
mod walk;
mod worktree;

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

/// The git directory of the repository holding the portal at `root`, for
/// the dev server to watch for commits.
pub fn git_dir(root: &Path) -> Option<std::path::PathBuf> {
    let (repo, _) = walk::open(root).ok()?;
    repo.git_dir().canonicalize().ok()
}

pub use cache::head_moved;

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
    /// A public build shows how the team manages stakeholders (`[public]
    /// engagement`); always true of a team build.
    pub engagement: bool,
    /// Drafts are built.
    pub drafts: bool,
    /// Keep author names.
    pub authors: bool,
    /// The build date: the date of uncommitted edits.
    pub today: Date,
}

/// The committed history of one `HEAD`, with every version before `HEAD`
/// parsed (what `HEAD` holds is the loaded portal, unless edited since).
#[derive(Debug, Default)]
pub struct Raw {
    git_dir: std::path::PathBuf,
    /// The path of `content/` in the repository.
    prefix: Vec<String>,
    timelines: Vec<timeline::Timeline>,
    at_head: FxHashMap<String, usize>,
    /// Blob -> its snapshot, `None` when its front matter does not parse.
    snapshots: FxHashMap<gix::ObjectId, Option<Arc<Snapshot>>>,
}

/// Reads the history of the portal at `root` for `view`. `current` gives
/// the snapshot of a document of the resolved portal by its path under
/// `content/`, `None` for what the resolver left out (private, a draft, or
/// below a private item): that has no history at all.
pub fn read(
    root: &Path,
    view: &View,
    current: &(dyn Fn(&str) -> Option<Snapshot> + Sync),
) -> History {
    let raw = match cache::committed(root) {
        Ok(raw) => raw,
        Err(missing) => {
            return History {
                state: State::Missing(missing),
                ..History::default()
            };
        }
    };
    let edited = worktree::edited(root, &raw);
    let today_time = view
        .today
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map_or(0, |z| z.timestamp().as_second());
    let repo = std::cell::OnceCell::new();
    let at_head = std::cell::RefCell::new(FxHashMap::default());
    // A version at HEAD (edited since, or above an item in the past) is
    // read from git.
    let committed = |blob: gix::ObjectId| -> Option<Arc<Snapshot>> {
        if let Some(found) = raw.snapshots.get(&blob) {
            return found.clone();
        }
        if let Some(found) = at_head.borrow().get(&blob) {
            return Option::clone(found);
        }
        let repo = repo.get_or_init(|| walk::reopen(&raw.git_dir).ok());
        let found = cache::parse(repo.as_ref()?, blob);
        at_head.borrow_mut().insert(blob, found.clone());
        found
    };
    let backlog = view.public.then(|| past::Backlog::new(&raw));
    let mut history = History {
        state: State::Read,
        ..History::default()
    };
    for (t, timeline) in raw.timelines.iter().enumerate() {
        let path = timeline.path.as_str();
        let at_head = raw.at_head.get(path) == Some(&t);
        let now = at_head.then(|| current(path).map(Arc::new)).flatten();
        let edit = edited.get(path).copied().filter(|_| at_head);
        let changed_now = edit.is_some();
        if at_head && now.is_none() && edit != Some(worktree::Edit::Removed) {
            // Left out of this build now: no history at all.
            continue;
        }
        let last = timeline.revisions.len() - 1;
        let mut list: Vec<Version> = Vec::with_capacity(timeline.revisions.len() + 1);
        for (n, r) in timeline.revisions.iter().enumerate() {
            let snapshot = match r.blob {
                None => None,
                // HEAD's version, as the working tree still has it.
                Some(_) if n == last && at_head && !changed_now => now.clone(),
                Some(blob) => match committed(blob) {
                    Some(s) => Some(s),
                    // Unreadable front matter: skipped.
                    None => continue,
                },
            };
            let shut = backlog.as_ref().is_some_and(|b| {
                snapshot.as_ref().is_some_and(|s| {
                    b.below_private(s.parent.as_deref(), r.when.seq, &committed, 0)
                })
            });
            list.push(Version {
                time: r.when.time,
                offset: r.when.offset,
                seq: Some(r.when.seq),
                author: Some(r.author.clone()),
                uncommitted: false,
                shut,
                snapshot,
            });
        }
        if changed_now {
            list.push(Version::uncommitted(today_time, now));
        }
        follow(path, &list, view, &mut history);
    }
    for path in edited
        .keys()
        .filter(|p| !raw.at_head.contains_key(p.as_str()))
    {
        if let Some(now) = current(path) {
            let list = [Version::uncommitted(today_time, Some(Arc::new(now)))];
            follow(path, &list, view, &mut history);
        }
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
    /// The committer's offset from UTC, in seconds.
    offset: i32,
    /// The commit's place in the first-parent chain; `None`: not committed.
    seq: Option<u32>,
    author: Option<Arc<str>>,
    uncommitted: bool,
    /// Left out of a public build then, by a private item above it.
    shut: bool,
    /// `None`: removed.
    snapshot: Option<Arc<Snapshot>>,
}

impl Version {
    fn uncommitted(time: i64, snapshot: Option<Arc<Snapshot>>) -> Self {
        Version {
            time,
            offset: 0,
            seq: None,
            author: None,
            uncommitted: true,
            shut: false,
            snapshot,
        }
    }
}

/// The changes of one document, as `view`'s readers may see them.
fn follow(path: &str, versions: &[Version], view: &View, history: &mut History) {
    let Some((subject, id)) = Subject::of(path) else {
        return;
    };
    if view.public && subject == Subject::Conversation {
        return;
    }
    let exists_now = versions.last().is_some_and(|v| v.snapshot.is_some());
    // A public build tells the history of the documents it shows, and
    // nothing of one gone from the portal: that may be a document private
    // now under another name (a rename the history could not pair, made
    // with a new title and `private = true` in one commit), or one whose
    // path names what it was while private.
    if view.public && !exists_now {
        return;
    }
    let visible = |v: &Version| {
        v.snapshot
            .clone()
            .filter(|s| !(view.public && s.private) && (view.drafts || !s.draft))
    };
    // How the team manages a stakeholder stays in the team build.
    let shown = |what: &What| {
        view.engagement || !matches!(what, What::Power { .. } | What::Interest { .. })
    };
    let mut before: Option<Arc<Snapshot>> = None;
    let mut found: Vec<(&Version, What)> = Vec::new();
    let mut last: Option<&Version> = None;
    let mut title = String::new();
    for version in versions {
        // Hidden by an item above it: to a public reader nothing happened
        // then, not even a removal, whose date would tell of an edit made
        // while hidden. What changed shows with the next version it sees.
        if version.shut {
            continue;
        }
        let now = visible(version);
        if let Some(s) = &now {
            // A public build dates a stakeholder by what it shows of them.
            let changed = match &before {
                Some(b) if view.public && subject == Subject::Stakeholder => {
                    past::shows_more(view, b, s)
                }
                _ => true,
            };
            if changed {
                last = Some(version);
            }
            title = s.title.clone();
        }
        for what in derive::between(subject, before.as_deref(), now.as_deref()) {
            if shown(&what) {
                found.push((version, what));
            }
        }
        before = now;
    }
    let date = |v: &Version| date_of(v.time.saturating_add(i64::from(v.offset)));
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
            seq: v.seq,
            date: date(v),
            uncommitted: v.uncommitted,
            author: author(v),
            path: path.to_string(),
            subject,
            id: id.clone(),
            title: title.clone(),
            gone: !exists_now,
            what,
        }));
}

/// The UTC date of a time in seconds.
pub fn date_of(seconds: i64) -> Date {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .unwrap_or_default()
}
