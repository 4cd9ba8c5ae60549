//! `cairn new update ID --since …`: the new update's body starts with the
//! digest of what changed since then. An update is published, so the
//! digest is always the one a public build shows, whatever the build the
//! update is later read in: history cut by a public view (no private
//! document, no conversation, no draft), and links only to documents that
//! build has, as checked `@/` links.

use std::path::Path;

use jiff::civil::Date;
use rustc_hash::FxHashSet;

use crate::error::Error;
use crate::history::digest::{self, Since, text};
use crate::history::views::{change_view, monday};
use crate::history::{Change, History, State, What, date_of};
use crate::load::session::Session;
use crate::model::Portal;

/// The digest of what changed since `spec` (`last`, a date or a revision),
/// as the Markdown of an update's body.
pub fn body(session: &Session, root: &Path, spec: &str, today: Date) -> Result<String, Error> {
    let options = crate::pipeline::Options {
        root: root.to_path_buf(),
        include_drafts: false,
        public: true,
        today,
        base_url: None,
    };
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    let portal = crate::pipeline::resolve_portal(session, &options, &mut diagnostics)
        .filter(|_| !diagnostics.has_errors())
        .ok_or_else(|| {
            refused(
                "cannot list what changed: the portal has errors".into(),
                "`cairn check` lists them; fix them, or leave out `--since`",
            )
        })?;
    history_read(&portal.history)?;
    let since = if spec == "last" {
        Since::Date(last_update(&portal)?)
    } else {
        digest::since(root, spec).map_err(Error::Usage)?
    };
    // The history of a public build leaves out power and interest moves
    // unless it shows engagement (see `crate::history`).
    let changes: Vec<&Change> = digest::select(&portal.history, &since);
    let label = crate::format::date(match since {
        Since::Date(d) => d,
        Since::After { time, .. } => date_of(time),
    });
    Ok(markdown(&changes, &Targets::of(&portal), &label))
}

/// Refuses when the portal has no history to read, saying why and what
/// fixes it (the reasons of the build's note about it).
fn history_read(history: &History) -> Result<(), Error> {
    let (why, help) = match &history.state {
        State::Read => return Ok(()),
        State::Off => (
            "history is turned off (`[history] enabled = false` in cairn.toml)".to_string(),
            "remove that line to list what changed".to_string(),
        ),
        State::Missing(missing) => {
            let (why, fix) = missing.reason();
            (why, fix.to_string())
        }
    };
    Err(refused(
        format!("cannot list what changed: {why}"),
        &format!("{help}, or leave out `--since`"),
    ))
}

/// The date of the newest update the public build has: the list goes in a
/// published update, so it starts where the last published one did (a
/// private update's date would tell of it).
fn last_update(portal: &Portal) -> Result<Date, Error> {
    portal.updates.iter().map(|u| u.date).max().ok_or_else(|| {
        refused(
            "`--since last` starts at the newest published update's date, and there is no earlier update (private ones and drafts do not count)"
                .into(),
            "give `--since DATE` (YYYY-MM-DD) or `--since REVISION` (a commit, a tag, HEAD~10)",
        )
    })
}

/// What the public build has, that a change may link to.
#[derive(Default)]
pub struct Targets {
    /// Paths under `content/`.
    documents: FxHashSet<String>,
    goals: FxHashSet<String>,
}

impl Targets {
    fn of(p: &Portal) -> Targets {
        let metas = std::iter::once(&p.vision.meta)
            .chain(p.stakeholders.iter().map(|s| &s.meta))
            .chain(p.decisions.iter().map(|d| &d.meta))
            .chain(p.items.iter().map(|i| &i.meta))
            .chain(p.updates.iter().map(|u| &u.meta))
            .chain(p.assumptions.iter().map(|a| &a.meta));
        Targets {
            documents: metas.map(|m| m.path.clone()).collect(),
            goals: p.goals.iter().map(|g| g.id.clone()).collect(),
        }
    }

    /// The link to what `c` is about, when the build has it: the
    /// document's `@/` path (checked by every build), a goal's page.
    fn link(&self, c: &Change) -> Option<String> {
        if let What::Reading { goal, .. } = &c.what {
            return self
                .goals
                .contains(goal)
                .then(|| format!("/{}", crate::kind::goal_page(goal)));
        }
        let path = &c.path;
        if c.what == What::Removed || !self.documents.contains(path) {
            return None;
        }
        // `#` would start an anchor; control characters end the line.
        if path.contains('#') || path.chars().any(char::is_control) {
            return None;
        }
        if path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b))
        {
            return Some(format!("@/{path}"));
        }
        let mut inner = String::new();
        for ch in path.chars() {
            if matches!(ch, '<' | '>' | '\\') {
                inner.push('\\');
            }
            inner.push(ch);
        }
        Some(format!("<@/{inner}>"))
    }
}

/// The digest as an update's body: a line saying since when, then a
/// heading per week and a line per change, as `cairn changes` prints it.
pub fn markdown(changes: &[&Change], targets: &Targets, since: &str) -> String {
    if changes.is_empty() {
        return format!("No changes since {since}.\n");
    }
    let mut out = format!("What changed since {since}:\n");
    let mut week = None;
    for c in changes {
        let m = monday(c.date);
        if week != Some(m) {
            week = Some(m);
            out.push_str(&format!("\n## Week of {}\n\n", crate::format::date(m)));
        }
        let v = change_view(c);
        let title = match targets.link(c) {
            Some(link) => format!("[{}]({link})", text(v.title)),
            None => text(v.title),
        };
        let by = v
            .author
            .map(|a| format!(" ({})", text(a)))
            .unwrap_or_default();
        out.push_str(&format!(
            "- {}: {} {title}: {}{by}\n",
            c.date,
            v.subject,
            text(&v.summary)
        ));
    }
    out
}

fn refused(reason: String, help: &str) -> Error {
    Error::Refused {
        reason,
        help: help.into(),
    }
}

#[cfg(test)]
mod tests;
