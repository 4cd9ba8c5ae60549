//! Re-resolving after an edit that moved nothing. When every edited
//! document keeps the references, `@/` links, headings, flags and goal ids
//! it had, no check can come out differently and no derived structure
//! (tree, traces, reverse links) can change: the previous portal is right
//! except for the edited documents' own fields. Those are swapped in and
//! the rollups recomputed, which costs microseconds where a full resolve of
//! 10,000 items costs tens of milliseconds. Any other edit gets `None`, and
//! the caller resolves in full.
//!
//! The caller must only pass edits made on top of the documents the
//! previous portal was resolved from, when that resolve found no errors,
//! and whose files have no problems of their own now.

use std::sync::Arc;

use super::Settings;
use super::goals::{goals, vision};
use super::index::{Index, Target};
use super::parts::{Part, meta_of};
use super::reverse::rollups;
use super::stakeholders::own_facts;
use crate::diagnostics::Diagnostics;
use crate::kind::Kind;
use crate::load::documents::RawGoal;
use crate::load::{Document, Front};
use crate::model::{Item, Portal};

/// One edited document: as the previous portal saw it, and as it is now.
pub struct Edit {
    /// Before the edit.
    pub before: Arc<Document>,
    /// After the edit.
    pub after: Arc<Document>,
}

/// The previous portal with the edits applied, or `None` when an edit may
/// change more than the edited documents' own fields (see the module
/// comment), or touches a kind not handled here (decisions and updates,
/// whose own fields are checked while resolving).
pub fn patch(old: &Portal, edits: &[Edit], settings: &Settings) -> Option<Portal> {
    if settings.public || edits.is_empty() {
        return None;
    }
    let mut portal = old.clone();
    for edit in edits {
        let (before, after) = (&*edit.before, &*edit.after);
        if !same_frame(before, after) {
            return None;
        }
        match (&before.front, &after.front) {
            // A finished item with a horizon is a warning found while
            // resolving: its status then counts as placing it.
            (Front::Item(b), Front::Item(a))
                if b.place == a.place && (a.place.horizon.is_none() || b.status == a.status) =>
            {
                let ix = portal.items.iter().position(|i| i.meta.id == after.id)?;
                let item = Item {
                    meta: meta_of(after),
                    written: Arc::clone(a),
                    ..Item::clone(&portal.items[ix])
                };
                portal.items[ix] = Arc::new(item);
            }
            (Front::Vision(b), Front::Vision(a)) if same_goal_ids(&b.goals, &a.goals) => {
                let part = Part {
                    meta: meta_of(after),
                    header: after.header.clone(),
                    raw: a,
                };
                let mut problems = Diagnostics::default();
                let mut fresh = goals(&part, portal.today, &mut Index::default(), &mut problems);
                if !problems.is_empty() || fresh.len() != portal.goals.len() {
                    return None;
                }
                for (goal, was) in fresh.iter_mut().zip(&portal.goals) {
                    goal.items = was.items.clone();
                    goal.decisions = was.decisions.clone();
                    goal.assumptions = was.assumptions.clone();
                }
                portal.goals = fresh;
                portal.vision = vision(part);
            }
            // A stakeholder makes no references; others point at it.
            (Front::Stakeholder(_), Front::Stakeholder(a)) => {
                let ix = portal
                    .stakeholders
                    .iter()
                    .position(|s| s.meta.id == after.id)?;
                let mut s = portal.stakeholders[ix].clone();
                s.meta = meta_of(after);
                s.written = Arc::clone(a);
                own_facts(&mut s, portal.today);
                if let Some(w) = portal.log.written.get_mut(ix) {
                    *w = s.last_contact;
                }
                portal.stakeholders[ix] = s;
                super::conversations::contact_from_log(&mut portal, ix);
            }
            // The same people and topics: only dates, words and notes moved.
            (Front::Conversation(_), Front::Conversation(a)) => {
                let mut index = Index::default();
                for (i, s) in portal.stakeholders.iter().enumerate() {
                    index.insert(Target::Doc(Kind::Stakeholder), &s.meta.id, i);
                }
                for (i, d) in portal.decisions.iter().enumerate() {
                    index.insert(Target::Doc(Kind::Decision), &d.meta.id, i);
                }
                for (i, it) in portal.items.iter().enumerate() {
                    index.insert(Target::Doc(Kind::Backlog), &it.meta.id, i);
                }
                for (i, g) in portal.goals.iter().enumerate() {
                    index.insert(Target::Goal, &g.id, i);
                }
                let part = Part {
                    meta: meta_of(after),
                    header: after.header.clone(),
                    raw: a,
                };
                let mut problems = Diagnostics::default();
                let fresh =
                    super::conversations::resolve(vec![part], &index, portal.today, &mut problems)
                        .pop()?;
                if !problems.is_empty() {
                    return None;
                }
                super::conversations::patch_one(&mut portal, &after.id, fresh)?;
            }
            _ => return None,
        }
    }
    rollups(&mut portal);
    Some(portal)
}

/// Same document, flags, headings and `@/` links (where they are written
/// may differ).
fn same_frame(before: &Document, after: &Document) -> bool {
    before.kind == after.kind
        && before.id == after.id
        && before.path == after.path
        && before.file == after.file
        && before.draft == after.draft
        && before.private == after.private
        && before.body.anchors == after.body.anchors
        && before.body.links.len() == after.body.links.len()
        && before
            .body
            .links
            .iter()
            .zip(&after.body.links)
            .all(|(b, a)| b.path == a.path && b.anchor == a.anchor)
}

/// Same goal ids in the same order.
fn same_goal_ids(before: &[Arc<RawGoal>], after: &[Arc<RawGoal>]) -> bool {
    before.len() == after.len()
        && before
            .iter()
            .zip(after)
            .all(|(b, a)| b.id.as_ref().map(|i| &i.value) == a.id.as_ref().map(|i| &i.value))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::load::session::Session;
    use crate::pipeline::{self, Options};

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// A fresh copy of the example portal.
    fn example() -> PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("cairn-patch-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example"),
            &dir,
        );
        dir
    }

    fn options(root: &Path) -> Options {
        Options {
            root: root.to_path_buf(),
            include_drafts: false,
            public: false,
            today: jiff::civil::date(2026, 11, 22),
            base_url: None,
        }
    }

    fn settings() -> Settings {
        Settings {
            include_drafts: false,
            public: false,
            today: jiff::civil::date(2026, 11, 22),
        }
    }

    /// Edits one file of a fresh example (`edit` maps old text to new) and
    /// returns the patched portal, if any, and the fully resolved one.
    fn edited(rel: &str, edit: impl Fn(&str) -> String) -> (Option<Portal>, Portal) {
        let root = example();
        let mut session = Session::open(&root).unwrap();
        let mut diags = Diagnostics::default();
        let old = pipeline::resolve_portal(&session, &options(&root), &mut diags).unwrap();
        assert!(!diags.has_errors(), "the example must build");
        let path = root.join("content").join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let changed = edit(&text);
        assert_ne!(text, changed, "the edit must change {rel}");
        std::fs::write(&path, changed).unwrap();
        let before = session.shared(rel).unwrap();
        assert!(session.reload_file(rel));
        let after = session.shared(rel).unwrap();
        let patched = patch(&old, &[Edit { before, after }], &settings());
        let mut diags = Diagnostics::default();
        let full = pipeline::resolve_portal(&session, &options(&root), &mut diags).unwrap();
        let _ = std::fs::remove_dir_all(&root);
        (patched, full)
    }

    fn assert_patched_as_full(rel: &str, edit: impl Fn(&str) -> String) {
        let (patched, full) = edited(rel, edit);
        let patched =
            patched.unwrap_or_else(|| panic!("an edit of {rel} moving nothing is patched"));
        assert_eq!(format!("{patched:#?}"), format!("{full:#?}"));
    }

    #[test]
    fn a_conversations_date_and_words_are_patched_as_a_full_resolve_would() {
        // Jonas's latest conversation moves: his last contact moves with it.
        assert_patched_as_full("conversations/jonas-texting-call.md", |t| {
            t.replace("2026-11-19", "2026-11-21")
                .replace("Texting check-in with Jonas", "Texting call with Jonas")
                .replace("follow_up = 2026-12-03", "follow_up = 2026-12-05")
        });
        // Moved earlier than the stakeholder's own `last_contact`: that wins.
        assert_patched_as_full("conversations/jonas-texting-call.md", |t| {
            t.replace("2026-11-19", "2026-10-01")
        });
    }

    #[test]
    fn own_fields_of_an_item_are_patched_as_a_full_resolve_would() {
        assert_patched_as_full("backlog/field/arrival-texts.md", |t| {
            t.replace(
                "Arrival texts to homeowners",
                "Arrival texts for homeowners",
            )
            .replace("status = \"ready\"", "status = \"done\"\nestimate = 13")
            .replace("value = 8", "value = 3")
            .replace("am home and do", "am at home and do")
        });
    }

    /// References keep their values when a longer title above them moves
    /// where they are written: the edit is still patched, and right.
    #[test]
    fn an_item_whose_references_only_moved_is_patched_as_a_full_resolve_would() {
        assert_patched_as_full("backlog/field/arrival-texts.md", |t| {
            t.replace(
                "title = \"Arrival texts to homeowners\"",
                "title = \"Arrival texts to homeowners, before the van leaves\"\npriority = \"must\"",
            )
            .replace("priority = \"should\"\n", "")
        });
    }

    #[test]
    fn goal_and_vision_text_are_patched_as_a_full_resolve_would() {
        assert_patched_as_full("vision.md", |t| {
            t.replace("Set up without a sales call", "Set up alone")
                .replace("The van leaves with the job done and paid", "Done and paid")
        });
    }

    #[test]
    fn a_stakeholders_own_fields_are_patched_as_a_full_resolve_would() {
        assert_patched_as_full("stakeholders/jonas-berg.md", |t| {
            t.replace("Jonas Berg", "Jonas B. Berg")
                .replace("power = 3", "power = 5")
        });
    }

    #[test]
    fn edits_that_move_references_links_or_headings_are_resolved_in_full() {
        let rel = "backlog/field/arrival-texts.md";
        let cases: [(&str, &str); 5] = [
            ("parent = \"tech-mobile\"", "parent = \"dispatch-board\""),
            ("requested_by = [\"maria-delgado\"]", "requested_by = []"),
            ("level = \"mmf\"", "level = \"story\""),
            ("## Acceptance criteria", "## Done when"),
            (
                "do not call the office",
                "do not call [the office](@/stakeholders/jonas-berg.md)",
            ),
        ];
        for (from, to) in cases {
            let (patched, _) = edited(rel, |t| t.replace(from, to));
            assert!(patched.is_none(), "`{to}` must not be patched");
        }
        let (patched, _) = edited("vision.md", |t| {
            t.replace("id = \"self-serve-setup\"", "id = \"self-setup\"")
        });
        assert!(patched.is_none(), "a renamed goal must not be patched");
    }
}
