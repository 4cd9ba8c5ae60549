//! Documents sorted by kind: duplicates dropped, drafts set aside, [`Meta`] split off.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::Settings;
use super::index::Index;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind::Kind;
use crate::load::documents::{RawDecision, RawItem, RawStakeholder, RawUpdate, RawVision};
use crate::load::{Document, Front};
use crate::model::Meta;

/// A document split into what every kind shares and its own fields, which
/// stay with the loaded document: the model copies out only what it keeps.
pub(super) struct Part<'a, T> {
    pub(super) meta: Meta,
    pub(super) header: Range<usize>,
    pub(super) raw: &'a T,
}

#[derive(Default)]
pub(super) struct Parts<'a> {
    pub(super) vision: Option<Part<'a, Arc<RawVision>>>,
    pub(super) stakeholders: Vec<Part<'a, Arc<RawStakeholder>>>,
    pub(super) decisions: Vec<Part<'a, Arc<RawDecision>>>,
    pub(super) items: Vec<Part<'a, Arc<RawItem>>>,
    pub(super) updates: Vec<Part<'a, Arc<RawUpdate>>>,
    pub(super) assumptions: Vec<Part<'a, Arc<crate::load::documents::RawAssumption>>>,
    pub(super) conversations: Vec<Part<'a, Arc<crate::conversations::load::RawConversation>>>,
}

/// Keeps the first document of each (kind, id); reports the others with
/// both files named.
pub(super) fn drop_duplicates(
    documents: Vec<Arc<Document>>,
    diags: &mut Diagnostics,
) -> Vec<Arc<Document>> {
    let mut first: FxHashMap<(Kind, &str), usize> = FxHashMap::default();
    let mut dropped = vec![false; documents.len()];
    for (i, doc) in documents.iter().enumerate() {
        let Some(&f) = first.get(&(doc.kind, doc.id.as_str())) else {
            first.insert((doc.kind, doc.id.as_str()), i);
            continue;
        };
        let original = &documents[f];
        dropped[i] = true;
        diags.push(
            Diagnostic::error(
                format!(
                    "duplicate {} id `{}`: content/{} has it too",
                    doc.kind.singular(),
                    doc.id,
                    original.path
                ),
                Location::new(doc.file, doc.header.clone()),
            )
            .with_label("second document with this id")
            .with_related(Location::new(original.file, original.header.clone()), "first document with this id")
            .with_help(format!(
                "ids are file names and must be unique within content/{}/, subfolders included; rename one of the files",
                doc.kind.folder()
            )),
        );
    }
    documents
        .into_iter()
        .zip(dropped)
        .filter_map(|(d, drop)| (!drop).then_some(d))
        .collect()
}

/// Sorts documents by kind, setting drafts aside unless asked for.
pub(super) fn split<'a>(
    documents: &'a [Arc<Document>],
    settings: &Settings,
    index: &mut Index,
    diags: &mut Diagnostics,
) -> Parts<'a> {
    let mut parts = Parts::default();
    parts.items.reserve(documents.len());
    for doc in documents {
        if doc.draft && !settings.include_drafts {
            if doc.kind == Kind::Vision {
                diags.push(
                    Diagnostic::error(
                        "the vision cannot be a draft",
                        Location::new(
                            doc.file,
                            doc.draft_span.clone().unwrap_or(doc.header.clone()),
                        ),
                    )
                    .with_help(
                        "remove `draft = true`: every page of the portal hangs off the vision",
                    ),
                );
            } else {
                index.insert_draft(doc.kind, &doc.id, &doc.path);
                continue;
            }
        }
        let meta = meta_of(doc);
        let header = doc.header.clone();
        match &doc.front {
            Front::Vision(raw) => parts.vision = Some(Part { meta, header, raw }),
            Front::Stakeholder(raw) => parts.stakeholders.push(Part { meta, header, raw }),
            Front::Decision(raw) => parts.decisions.push(Part { meta, header, raw }),
            Front::Item(raw) => parts.items.push(Part { meta, header, raw }),
            Front::Update(raw) => parts.updates.push(Part { meta, header, raw }),
            Front::Assumption(raw) => parts.assumptions.push(Part { meta, header, raw }),
            Front::Conversation(raw) => parts.conversations.push(Part { meta, header, raw }),
        }
    }
    parts
}

/// What every kind shares, copied out of a document.
pub(super) fn meta_of(doc: &Document) -> Meta {
    Meta {
        id: doc.id.clone(),
        path: doc.path.clone(),
        file: doc.file,
        private: doc.private,
        draft: doc.draft,
        extra: doc.extra.clone(),
        body: doc.body.clone(),
    }
}
