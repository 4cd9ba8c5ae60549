//! Reading the history into a resolved portal, and the one note a build
//! gets when there is none.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::{Missing, State, View, read};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Portal;

/// Reads the history of the portal at `root` into `portal`, cut to what
/// this build's readers may see.
pub fn attach(
    portal: &mut Portal,
    root: &std::path::Path,
    public: bool,
    drafts: bool,
    diags: &mut Diagnostics,
) {
    let settings = portal.config.history;
    if !settings.enabled {
        return;
    }
    let mut present: FxHashSet<&str> = FxHashSet::default();
    present.insert(&portal.vision.meta.path);
    present.extend(portal.stakeholders.iter().map(|s| s.meta.path.as_str()));
    present.extend(portal.decisions.iter().map(|d| d.meta.path.as_str()));
    present.extend(portal.items.iter().map(|i| i.meta.path.as_str()));
    present.extend(portal.updates.iter().map(|u| u.meta.path.as_str()));
    let view = View {
        public,
        drafts,
        authors: settings.authors,
        today: portal.today,
    };
    let history = read(root, &view, &|p| present.contains(p));
    if let State::Missing(missing) = &history.state {
        diags.push(note(missing, root));
    }
    portal.history = Arc::new(history);
}

/// Why there is no history, and what fixes it.
fn note(missing: &Missing, root: &std::path::Path) -> Diagnostic {
    let at = crate::load::display_path(root, "content");
    let (why, help) = match missing {
        Missing::NoRepository => (
            "no history: the portal is not in a git repository, so pages show no dates of change and there is no changes page".to_string(),
            "commit the portal to git (`git init`, `git add .`, `git commit`); or set `[history] enabled = false` in cairn.toml to silence this",
        ),
        Missing::Shallow => (
            "no history: this is a shallow clone, so the older commits that say what changed are missing".to_string(),
            "fetch the whole history (`git fetch --unshallow`; in CI, e.g. GitHub Actions `actions/checkout` with `fetch-depth: 0`)",
        ),
        Missing::Unreadable(reason) => (
            format!("no history: the git repository could not be read ({reason})"),
            "check that `git log` works in the portal's folder; or set `[history] enabled = false` in cairn.toml",
        ),
    };
    Diagnostic::note_at_path(why, at).with_help(help)
}
