//! Reading the history into a resolved portal, and the one note a build
//! gets when there is none.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::snapshot::{self, Snapshot};
use super::{Missing, State, View, What, read};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::keywords::Keyword;
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
    let docs = documents(portal);
    let view = View {
        public,
        engagement: portal.shows.engagement,
        drafts,
        authors: settings.authors,
        today: portal.today,
    };
    let p: &Portal = portal;
    let current = |path: &str| docs.get(path).map(|&doc| now(p, root, doc, public));
    let mut history = read(root, &view, &current);
    // A change names another document (the decision it supersedes, the
    // goal of a reading) only as this build has it: never one left out.
    let decisions: FxHashMap<&str, &str> = p
        .decisions
        .iter()
        .map(|d| (d.meta.id.as_str(), d.written.title.as_str()))
        .collect();
    let goals: FxHashSet<&str> = p.goals.iter().map(|g| g.id.as_str()).collect();
    history.changes.retain_mut(|c| match &mut c.what {
        What::Supersedes { other, other_title } => match decisions.get(other.as_str()) {
            Some(title) => {
                *other_title = title.to_string();
                true
            }
            None => false,
        },
        // A goal gone from the vision: the team build names it unlinked.
        What::Reading { goal, .. } => {
            c.gone |= !goals.contains(goal.as_str());
            !(public && c.gone)
        }
        _ => true,
    });
    if let State::Missing(missing) = &history.state {
        diags.push(note(missing, root));
    }
    portal.history = Arc::new(history);
}

/// A document of the resolved portal.
#[derive(Clone, Copy)]
enum Doc {
    Vision,
    Stakeholder(usize),
    Decision(usize),
    Item(usize),
    Update(usize),
    Assumption(usize),
    Conversation(usize),
}

/// The documents of `portal` by path under `content/`.
fn documents(portal: &Portal) -> FxHashMap<&str, Doc> {
    let mut docs = FxHashMap::default();
    docs.insert(portal.vision.meta.path.as_str(), Doc::Vision);
    let paths = [
        (
            portal
                .stakeholders
                .iter()
                .map(|s| &s.meta)
                .collect::<Vec<_>>(),
            Doc::Stakeholder as fn(usize) -> Doc,
        ),
        (
            portal.decisions.iter().map(|d| &d.meta).collect(),
            Doc::Decision,
        ),
        (portal.items.iter().map(|i| &i.meta).collect(), Doc::Item),
        (
            portal.updates.iter().map(|u| &u.meta).collect(),
            Doc::Update,
        ),
        (
            portal.assumptions.iter().map(|a| &a.meta).collect(),
            Doc::Assumption,
        ),
        (
            portal.conversations.iter().map(|c| &c.meta).collect(),
            Doc::Conversation,
        ),
    ];
    for (metas, doc) in paths {
        for (i, meta) in metas.into_iter().enumerate() {
            docs.insert(meta.path.as_str(), doc(i));
        }
    }
    docs
}

/// What a document of the resolved portal says now, as history compares
/// it; the vision (goal readings as written) is read from its file, and so
/// is what a public build shows of a stakeholder.
fn now(p: &Portal, root: &std::path::Path, doc: Doc, public: bool) -> Snapshot {
    let file = |meta: &crate::model::Meta| {
        std::fs::read(root.join("content").join(&meta.path))
            .ok()
            .and_then(|text| snapshot::parse(&text))
    };
    let of = |meta: &crate::model::Meta, title: &str| Snapshot {
        private: meta.private,
        draft: meta.draft,
        title: title.to_string(),
        ..Snapshot::default()
    };
    match doc {
        Doc::Vision => {
            file(&p.vision.meta).unwrap_or_else(|| of(&p.vision.meta, &p.vision.written.title))
        }
        Doc::Stakeholder(i) => {
            let s = &p.stakeholders[i];
            Snapshot {
                power: Some(s.power().to_string()),
                interest: Some(s.interest().to_string()),
                shown: public
                    .then(|| file(&s.meta))
                    .flatten()
                    .and_then(|f| f.shown),
                ..of(&s.meta, &s.written.name)
            }
        }
        Doc::Decision(i) => {
            let d = &p.decisions[i];
            Snapshot {
                status: Some(d.status().key().to_string()),
                supersedes: d
                    .supersedes
                    .iter()
                    .map(|&o| p.decisions[o].meta.id.clone())
                    .collect(),
                ..of(&d.meta, &d.written.title)
            }
        }
        Doc::Item(i) => {
            let item = &p.items[i];
            Snapshot {
                status: Some(item.written.status.key().to_string()),
                horizon: item.horizon().map(|h| h.key().to_string()),
                parent: item.written.place.parent.as_ref().map(|p| p.value.clone()),
                ..of(&item.meta, &item.written.title)
            }
        }
        Doc::Update(i) => of(&p.updates[i].meta, &p.updates[i].written.title),
        Doc::Assumption(i) => {
            let a = &p.assumptions[i];
            Snapshot {
                status: Some(a.written.status.key().to_string()),
                ..of(&a.meta, &a.written.title)
            }
        }
        Doc::Conversation(i) => of(&p.conversations[i].meta, &p.conversations[i].written.title),
    }
}

/// The build's one note when there is no history: why, and what fixes it.
fn note(missing: &Missing, root: &std::path::Path) -> Diagnostic {
    let at = crate::source::display_path(root, "content");
    let (why, fix) = missing.reason();
    Diagnostic::note_at_path(
        format!("no history ({why}): pages show no dates of change and there is no changes page"),
        at,
    )
    .with_help(format!(
        "{fix}; or set `[history] enabled = false` in cairn.toml to silence this"
    ))
}
