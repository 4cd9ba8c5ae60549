//! Parsing one document: front matter into its kind's fields, the body scanned.

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use toml::de::DeTable;

use super::frontmatter::{self, SplitError};
use super::{Document, FileState, Found, Front, documents, keys};
use crate::diagnostics::{Diagnostic, Location};
use crate::fields::Fields;
use crate::fields::syntax::toml_errors;
use crate::kind::{self, Kind};
use crate::markdown::{self, Bodies};
use crate::source::{FileId, SourceMap, first_line};

pub(super) fn parse_state(found: Found, file: FileId, text: &str, bodies: Bodies) -> FileState {
    let (doc, problems) = catch_unwind(AssertUnwindSafe(|| {
        parse_document(&found, file, text, bodies)
    }))
    .unwrap_or_else(|_| {
        let d = Diagnostic::error(
            "internal error while reading this document",
            Location::new(file, first_line(text)),
        )
        .with_help("this is a bug in cairn; please report it with this file attached");
        (None, vec![d])
    });
    FileState {
        found,
        file: Some(file),
        doc: doc.map(Arc::new),
        problems,
    }
}

/// Parses one document given as text, as if it were `content/<rel>`: the
/// load stage for a single file, without touching the disk (fuzzing and
/// property tests use it). Returns the document and its problems, whose
/// spans index into the returned source map.
pub fn parse_source(rel: &str, text: &str) -> (Option<Document>, Vec<Diagnostic>, SourceMap) {
    let mut sources = SourceMap::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = sources.add(format!("content/{rel}"), text.to_string());
    let Some((kind, id)) = kind::classify(rel) else {
        let d = Diagnostic::error_at_path("not a document path", format!("content/{rel}"));
        return (None, vec![d], sources);
    };
    let found = Found {
        kind,
        id: id.to_string(),
        rel: rel.to_string(),
        path: PathBuf::from(rel),
    };
    let bodies = Bodies::Pages {
        unsafe_html: false,
        keep_source: true,
    };
    let state = parse_state(found, file, sources.text(file), bodies);
    let doc = state.doc.map(Arc::unwrap_or_clone);
    (doc, state.problems, sources)
}

fn parse_document(
    f: &Found,
    file: FileId,
    text: &str,
    bodies: Bodies,
) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let split = match frontmatter::split(text) {
        Ok(split) => split,
        Err(SplitError::Missing) if let Some(fix) = frontmatter::yaml_as_toml(text) => {
            let d = Diagnostic::error(
                "front matter between `---` lines is YAML; cairn reads TOML between `+++` lines",
                Location::new(file, first_line(text)),
            )
            .with_label("YAML front matter starts here")
            .with_help(format!(
                "replace both `---` lines with `+++` and write each key as TOML, `key = value`:\n{fix}"
            ));
            return (None, vec![d]);
        }
        Err(SplitError::Missing) => {
            let d = Diagnostic::error(
                "missing front matter",
                Location::new(file, first_line(text)),
            )
            .with_label("the first line must be `+++`")
            .with_help("start the file with a line `+++`, the TOML keys, then another line `+++`");
            return (None, vec![d]);
        }
        Err(SplitError::Unclosed(opening)) => {
            let d = Diagnostic::error("front matter is not closed", Location::new(file, opening))
                .with_label("opened here")
                .with_help("add a line `+++` after the last key");
            return (None, vec![d]);
        }
    };
    if !kind::is_valid_id(&f.id) {
        diags.push(
            Diagnostic::error(
                format!("invalid id `{}`", f.id),
                Location::new(file, split.opening.clone()),
            )
            .with_label("the id is the file name without .md")
            .with_help(format!(
                "ids use lowercase letters, digits and `-`; rename the file to `{}.md`",
                kind::suggest_id(&f.id)
            )),
        );
    } else if f.id == "index" && f.kind != Kind::Vision {
        diags.push(
            Diagnostic::error(
                "the id `index` is reserved",
                Location::new(file, split.opening.clone()),
            )
            .with_label("its page would replace the list page of its folder")
            .with_help("rename the file"),
        );
    }
    let (table, errors) = DeTable::parse_recoverable(split.front);
    diags.extend(toml_errors(
        file,
        split.front,
        split.front_offset,
        &errors,
        "front matter",
    ));
    let table = table.into_inner();
    let location = (file, split.front_offset, split.opening.clone());
    let keys = match f.kind {
        Kind::Vision => documents::vision_keys(),
        Kind::Stakeholder => documents::stakeholder_keys(),
        Kind::Decision => documents::decision_keys(),
        Kind::Backlog => documents::item_keys(),
        Kind::Update => documents::update_keys(),
        Kind::Assumption => documents::assumption_keys(),
        Kind::Conversation => crate::conversations::load::keys(),
    };
    let broken: Vec<Range<usize>> = errors.iter().filter_map(|e| e.span()).collect();
    let mut fields = Fields::new(
        &table,
        (f.kind.noun(), &keys),
        location,
        keys::REGISTRY,
        &mut diags,
    )
    .with_syntax_errors(broken);
    let draft_at = fields.boolean_at("draft");
    let draft = draft_at.as_ref().is_some_and(|d| d.value);
    let draft_span = draft_at.filter(|d| d.value).map(|d| d.span);
    let private_at = fields.boolean_at("private").filter(|p| p.value);
    if f.kind == Kind::Vision
        && let Some(at) = &private_at
    {
        let key = fields.key_span("private").unwrap_or(at.span.clone());
        fields.error(
            key.start..at.span.end,
            "the vision cannot be private".into(),
            Some("remove `private = true`: every page of the portal, a public build's too, hangs off the vision; put what only the team may read in a private document of its own".into()),
        );
    }
    let private = private_at.is_some() && f.kind != Kind::Vision;
    let extra = fields.extra();
    let front = match f.kind {
        Kind::Vision => Front::Vision(Arc::new(documents::vision(&mut fields))),
        Kind::Stakeholder => Front::Stakeholder(Arc::new(documents::stakeholder(&mut fields))),
        Kind::Decision => Front::Decision(Arc::new(documents::decision(&mut fields))),
        Kind::Backlog => Front::Item(Arc::new(documents::item(&mut fields))),
        Kind::Update => Front::Update(Arc::new(documents::update(&mut fields))),
        Kind::Assumption => Front::Assumption(Arc::new(documents::assumption(&mut fields))),
        Kind::Conversation => {
            Front::Conversation(Arc::new(crate::conversations::load::read(&mut fields)))
        }
    };
    let (body, warnings) = markdown::scan(split.body, split.body_offset, &f.rel, bodies);
    for w in warnings {
        diags.push(
            Diagnostic::warning(w.message, Location::new(file, w.span))
                .with_label("changed on the page")
                .with_help(w.help),
        );
    }
    let doc = Document {
        kind: f.kind,
        id: f.id.clone(),
        path: f.rel.clone(),
        file,
        header: split.opening,
        draft,
        draft_span,
        private,
        extra,
        body: Arc::new(body),
        front,
        front_hash: {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            split.front.hash(&mut h);
            h.finish()
        },
    };
    (Some(doc), diags)
}
