//! Stage 2, **resolve**: relate the loaded documents to each other. Ids are
//! indexed, every reference is checked against the right kind, the backlog
//! tree and its goal traces are derived, decisions are ranked, stakeholders'
//! engagement and overdue contacts are computed, and `@/` links are
//! checked. The result is an immutable [`Portal`].

mod assumptions;
mod backlog;
mod conversations;
mod decisions;
mod depends;
mod goals;
mod index;
mod items;
mod links;
pub mod local_refs;
mod outcomes;
mod parts;
pub mod patch;
pub mod privacy;
mod reverse;
mod stakeholders;

use std::sync::Arc;

use jiff::civil::Date;

use crate::diagnostics::Diagnostics;
use crate::kind::Kind;
use crate::load::{Document, Loaded};
use crate::model::{Portal, Update};
use index::{Index, Target};

/// What the build was asked for that changes the model.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Keep `draft = true` documents.
    pub include_drafts: bool,
    /// Leave out `private = true` documents and private fields.
    pub public: bool,
    /// The date "overdue" is judged against.
    pub today: Date,
}

/// Resolves a loaded portal. Returns `None` only when there is no vision to
/// anchor anything to (already reported); otherwise a portal, complete as
/// far as the errors in `diags` allow.
pub fn resolve(loaded: Loaded, settings: &Settings, diags: &mut Diagnostics) -> Option<Portal> {
    let Loaded {
        config,
        documents,
        unreadable,
        ..
    } = loaded;
    let documents = parts::drop_duplicates(documents, diags);
    // Links only read the documents: they are checked on one core while
    // the other relates everything else.
    let (link_problems, (portal, problems)) = rayon::join(
        || {
            let mut found = Diagnostics::default();
            links::check(&documents, settings.include_drafts, &mut found);
            found
        },
        || {
            let mut found = Diagnostics::default();
            let portal = relate(documents.clone(), config, &unreadable, settings, &mut found);
            (portal, found)
        },
    );
    diags.extend(link_problems);
    diags.extend(problems);
    portal
}

/// Everything but the links: ids, references, the backlog tree, rankings
/// and reverse links.
fn relate(
    mut documents: Vec<Arc<Document>>,
    config: crate::load::config::Config,
    unreadable: &[(Kind, String)],
    settings: &Settings,
    diags: &mut Diagnostics,
) -> Option<Portal> {
    let mut index = Index::default();
    let mut excluded = rustc_hash::FxHashSet::default();
    if settings.public {
        let private = privacy::private_paths(&documents);
        privacy::warn_private_links(&documents, &private, diags);
        excluded.extend(privacy::pages(&documents, &private));
        documents.retain(|d| {
            // Conversations are resolved for the contact dates they give,
            // then left out (see below).
            let public = !private.contains(&d.path)
                || d.kind == Kind::Vision
                || d.kind == Kind::Conversation;
            if !public {
                index.insert_private(d.kind, &d.id);
            }
            public
        });
    }
    if !settings.include_drafts {
        // Links to drafts are errors; the pages still never point there.
        let drafts = documents
            .iter()
            .filter(|d| d.draft && d.kind != Kind::Vision);
        excluded.extend(drafts.map(|d| d.kind.page(&d.id)));
    }
    let bodies = crate::markdown::Rules::new(excluded, config.unsafe_html);
    for (kind, id) in unreadable {
        index.insert_unreadable(*kind, id);
    }
    let parts = parts::split(&documents, settings, &mut index, diags);
    let vision_part = parts.vision?;

    let goals = goals::goals(&vision_part, settings.today, &mut index, diags);
    for (i, s) in parts.stakeholders.iter().enumerate() {
        index.insert(Target::Doc(Kind::Stakeholder), &s.meta.id, i);
    }
    for (i, t) in parts.decisions.iter().enumerate() {
        index.insert(Target::Doc(Kind::Decision), &t.meta.id, i);
    }
    for (i, t) in parts.items.iter().enumerate() {
        index.insert(Target::Doc(Kind::Backlog), &t.meta.id, i);
    }
    for (i, t) in parts.assumptions.iter().enumerate() {
        index.insert(Target::Doc(Kind::Assumption), &t.meta.id, i);
    }

    let shows = if settings.public {
        config.public
    } else {
        crate::load::config::Shows::ALL
    };
    let mut portal = Portal {
        config,
        today: settings.today,
        shows,
        vision: goals::vision(vision_part),
        goals,
        stakeholders: parts
            .stakeholders
            .into_iter()
            .map(|p| stakeholders::stakeholder(p.meta, p.raw, settings.today, settings.public))
            .collect(),
        decisions: Vec::new(),
        items: Vec::new(),
        updates: Vec::new(),
        bodies,
        assumptions: Vec::new(),
        conversations: Vec::new(),
        log: Default::default(),
        history: Default::default(),
    };
    portal.decisions = decisions::resolve_decisions(parts.decisions, &index, diags);
    portal.items = items::resolve_items(parts.items, &index, &portal, diags)
        .into_iter()
        .map(Arc::new)
        .collect();
    portal.updates = parts
        .updates
        .into_iter()
        .map(|p| Update {
            audience: index.lookup_all(
                Target::Doc(Kind::Stakeholder),
                &p.raw.audience,
                "audience",
                p.meta.file,
                diags,
            ),
            date: p.raw.date.unwrap_or(settings.today),
            written: Arc::clone(p.raw),
            meta: p.meta,
        })
        .collect();
    portal.assumptions = assumptions::resolve(parts.assumptions, &index, diags);
    reverse::derive_reverse_links(&mut portal);
    assumptions::link(&mut portal);
    portal.conversations =
        conversations::resolve(parts.conversations, &index, settings.today, diags);
    let written = portal.stakeholders.iter().map(|s| s.last_contact).collect();
    conversations::derive(&mut portal, written);
    if settings.public {
        // Team notes: only the contact dates they gave stay.
        portal.conversations.clear();
        portal.log = Default::default();
    }
    Some(portal)
}
