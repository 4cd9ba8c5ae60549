//! Making builds to serve: the first one, then one per batch of saves,
//! each published or reported. A rebuild prints one line, then only the
//! problems that are new since the previous build (see [`problems`]).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use super::problems::{self, Seen};
use super::state::{Built, Shared};
use super::statics::{self, Statics};
use super::watch::Change;
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::kind::Kind;
use crate::load::session::Session;
use crate::pages::PageId;
use crate::pipeline::{self, Options};
use crate::render::theme::{self, Theme};
use crate::resolve::{self, patch::Edit};

/// The rebuild loop's state.
pub struct Rebuilder {
    /// The portal's sources, re-read file by file.
    session: Session,
    /// What to build.
    options: Options,
    /// Whether the served build was resolved from the session as it is:
    /// only then may an edit be patched into it.
    in_sync: bool,
    /// The files of `static/` as last read, with the problems found then
    /// (kept until `static/` changes, and reported with every build).
    statics: (Statics, Vec<Diagnostic>),
    seen: Seen,
}

impl Rebuilder {
    /// Makes the first build; prints its problems. `None` when the portal
    /// has errors: then nothing is served but the errors.
    pub fn first(session: Session, options: Options) -> (Self, Option<Built>, Option<String>) {
        let mut diags = Diagnostics::default();
        let portal = pipeline::resolve_portal(&session, &options, &mut diags);
        let theme = load_theme(&session, &options, &mut diags);
        let statics = read_statics(&options);
        diags.extend(statics.1.iter().cloned());
        let mut me = Rebuilder {
            session,
            options,
            in_sync: false,
            statics,
            seen: Seen::default(),
        };
        me.seen.update(&diags, &me.session.sources);
        if !diags.is_empty() {
            eprint!("{}", me.report(&diags));
        }
        let built = match (portal, theme) {
            (Some(portal), Some(theme)) if !diags.has_errors() => {
                me.in_sync = true;
                let statics = me.statics.0.clone();
                Some(Built::new(1, Arc::new(portal), theme, statics, None))
            }
            _ => None,
        };
        let errors = built.is_none().then(|| me.report(&diags));
        (me, built, errors)
    }

    fn report(&self, diags: &Diagnostics) -> String {
        let text = diagnostics::to_text(diags, &self.session.sources, false);
        String::from_utf8_lossy(&text).into_owned()
    }

    /// Applies a batch of changes and publishes the new build, or the
    /// errors.
    ///
    /// When every change is an edit of a document that moves nothing (see
    /// [`resolve::patch`]), the edits are patched into the served portal;
    /// otherwise the portal is resolved in full.
    pub fn rebuild(&mut self, shared: &Shared, batch: &[Change]) {
        let start = Instant::now();
        let old = shared.built();
        let in_sync = self.in_sync && old.is_some();
        let session = &mut self.session;
        let options = &self.options;
        let mut theme: Option<Arc<Theme>> = old.as_ref().map(|b| b.theme().clone());
        let mut keep: Option<HashSet<String>> = Some(HashSet::new());
        let mut diags = Diagnostics::default();
        let mut what = Vec::new();
        let mut edits: Option<Vec<Edit>> = in_sync.then(Vec::new);
        let mut added: Vec<String> = Vec::new();
        for change in batch {
            if !matches!(change, Change::Document(_)) {
                edits = None;
            }
            what.push(change.describe());
            match change {
                Change::Config => {
                    if let Err(e) = session.reload_config() {
                        diags.push(Diagnostic::error_at_path(e.to_string(), "cairn.toml"));
                    }
                    keep = None;
                }
                Change::Templates => {
                    theme = None;
                    keep = None;
                }
                Change::Static => keep = None,
                Change::Document(rel) => {
                    let shared_before = session.shared(rel);
                    let before = session
                        .document(rel)
                        .map(|d| (d.kind, d.id.clone(), d.front_hash));
                    let front_before = session.document(rel).map(|d| d.front.clone());
                    if !session.reload_file(rel) {
                        session.rescan();
                        edits = None;
                        // A conversation added to a log the served build
                        // already keeps: only the pages it shows on change.
                        match session.document(rel) {
                            Some(d)
                                if before.is_none() && d.kind == Kind::Conversation && in_sync =>
                            {
                                added.push(d.id.clone())
                            }
                            _ => keep = None,
                        }
                        continue;
                    }
                    edits = match (edits, shared_before, session.shared(rel)) {
                        (Some(mut list), Some(before), Some(after)) => {
                            list.push(Edit { before, after });
                            Some(list)
                        }
                        _ => None,
                    };
                    let after = session
                        .document(rel)
                        .map(|d| (d.kind, d.id.clone(), d.front_hash));
                    let conversation =
                        same_conversation_refs(front_before.as_ref(), session.document(rel));
                    match (before, after, keep.as_mut()) {
                        // Only the body changed: only the pages showing it.
                        (Some(b), Some(a), Some(stale)) if a == b => {
                            stale.extend(body_pages(a.0, &a.1))
                        }
                        // A conversation's dates or words: the pages showing
                        // it or its people's contact dates.
                        (Some(b), Some(a), Some(stale))
                            if in_sync && conversation && a.1 == b.1 =>
                        {
                            match old.as_ref().and_then(|o| {
                                crate::conversations::pages_after_edit(o.portal(), &a.1)
                            }) {
                                Some(pages) => stale.extend(pages),
                                None => keep = None,
                            }
                        }
                        _ => keep = None,
                    }
                }
                Change::Layout => {
                    session.rescan();
                    keep = None;
                }
                // HEAD moved: history is read again in the full resolve.
                Change::Head => keep = None,
            }
        }
        // No build to start from, or templates changed: load them.
        if theme.is_none() {
            theme = load_theme(session, options, &mut diags);
        }
        let content_changed = batch
            .iter()
            .any(|c| !matches!(c, Change::Templates | Change::Static));
        let (portal, how) = match &old {
            // Templates and static files do not change the portal.
            Some(old) if in_sync && !content_changed => (Some(old.portal().clone()), "re-rendered"),
            Some(old) => match edits
                .and_then(|e| resolve::patch::patch(old.portal(), &e, &options.settings()))
            {
                Some(portal) => (Some(Arc::new(portal)), "patched"),
                None => (full(session, options, &mut diags), "rebuilt"),
            },
            None => (full(session, options, &mut diags), "rebuilt"),
        };
        if batch.contains(&Change::Static) {
            self.statics = read_statics(options);
        }
        diags.extend(self.statics.1.iter().cloned());
        let took = start.elapsed().as_secs_f64() * 1000.0;
        let what = if what.len() > 3 {
            format!("{} and {} more", what[..2].join(", "), what.len() - 2)
        } else {
            what.join(", ")
        };
        let news = self.seen.update(&diags, &self.session.sources);
        let good = match (portal, theme) {
            (Some(portal), Some(theme)) if !diags.has_errors() => Some((portal, theme)),
            _ => None,
        };
        // Everything is printed before the tabs are told, so that what a tab
        // shows is already in the terminal.
        // The head names changed files, whose names the terminal must not
        // take as escape sequences.
        let print = |head: String| {
            eprintln!("{}", crate::diagnostics::escape(&head));
            if let Some(line) = problems::fixed_line(news.fixed) {
                eprintln!("{line}");
            }
            eprint!("{}", news.text);
        };
        if let Some((portal, theme)) = good {
            let generation = old.as_ref().map_or(0, |b| b.generation) + 1;
            let statics = self.statics.0.clone();
            let mut built = Built::new(generation, portal, theme, statics, old.as_deref());
            if let (Some(stale), Some(old)) = (&mut keep, &old) {
                let fresh = built.portal().clone();
                let shown = added_pages(old.portal(), &fresh, &added);
                if let Some(pages) = shown {
                    stale.extend(pages);
                    built = built.keep_from(old, stale);
                }
            }
            let kept = built.cached();
            let kept = crate::format::count(kept, "page");
            print(format!("{what}: {how} in {took:.0} ms ({kept} kept)"));
            shared.publish(built);
            self.in_sync = true;
        } else {
            let served = if old.is_some() {
                "still serving the last good build"
            } else {
                "nothing to serve yet"
            };
            print(format!(
                "{what}: errors, {served} ({}; {} new)",
                news.summary, news.new
            ));
            shared.fail(self.report(&diags));
            self.in_sync = false;
        }
    }
}

/// Resolves the whole portal.
fn full(
    session: &Session,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<Arc<crate::model::Portal>> {
    pipeline::resolve_portal(session, options, diags).map(Arc::new)
}

/// The portal's templates.
fn load_theme(session: &Session, options: &Options, diags: &mut Diagnostics) -> Option<Arc<Theme>> {
    let config = session.config();
    match theme::load(
        &options.root,
        config.theme.as_deref(),
        config.theme_at.clone(),
    ) {
        Ok(t) => Some(Arc::new(t)),
        Err(problems) => {
            diags.extend(problems);
            None
        }
    }
}

/// Lists and reads the files of `static/`, with the problems found.
fn read_statics(options: &Options) -> (Statics, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let files = pipeline::static_files(&options.root, &mut diags);
    let statics = statics::snapshot(&options.root, &files, &mut diags);
    (statics, diags.into_iter().collect())
}

/// The pages new conversations `added` change (none when nothing was
/// added); `None` when every page may: the served portal kept no log, so
/// the navigation of every page gains one.
fn added_pages(
    old: &crate::model::Portal,
    new: &crate::model::Portal,
    added: &[String],
) -> Option<Vec<String>> {
    if added.is_empty() {
        return Some(Vec::new());
    }
    if !crate::conversations::kept(old) {
        return None;
    }
    // Each new conversation is a new page, which the sitemap lists.
    let mut pages = vec!["sitemap.xml".to_string()];
    for id in added {
        pages.extend(crate::conversations::pages_after_edit(new, id)?);
    }
    Some(pages)
}

/// Whether an edit kept a conversation's people and topics (the same
/// references, so the same pages show it).
fn same_conversation_refs(
    before: Option<&crate::load::Front>,
    after: Option<&crate::load::Document>,
) -> bool {
    use crate::load::Front;
    let (Some(Front::Conversation(b)), Some(Front::Conversation(a))) =
        (before, after.map(|d| &d.front))
    else {
        return false;
    };
    let ids =
        |l: &[crate::fields::Sp<String>]| l.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
    ids(&b.with) == ids(&a.with)
        && ids(&b.goals) == ids(&a.goals)
        && ids(&b.tradeoffs) == ids(&a.tradeoffs)
        && ids(&b.items) == ids(&a.items)
}

/// The pages that show a document's body.
fn body_pages(kind: Kind, id: &str) -> Vec<String> {
    let mut pages = vec![kind.page(id)];
    match kind {
        Kind::Vision => pages.extend(PageId::Home.fixed_path().map(String::from)),
        Kind::Update => pages.extend(PageId::Feed.fixed_path().map(String::from)),
        _ => {}
    }
    pages
}
