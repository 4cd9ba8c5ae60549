//! Stage 1, **load**: find the portal, read every file under `content/`,
//! split front matter from body, read the front matter into typed fields
//! and read each body for its headings and links (and, for pages, render
//! it as if no page were left out; see [`crate::markdown`]). Nothing here
//! looks across documents; that is the resolver's job.
//!
//! `walk` finds the files, [`read`] reads them, [`parse`] parses each
//! into the fields of its kind ([`documents`]); [`config`] reads
//! `cairn.toml`, and a [`session::Session`] keeps it all between runs.

pub mod config;
pub mod documents;
pub mod frontmatter;
pub mod keys;
pub mod limits;
pub mod parse;
pub mod read;
pub mod readings;
pub mod session;
mod walk;

pub use walk::{MAX_DEPTH, reads_as_document};

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::conversations::load::RawConversation;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::kind::Kind;
use crate::markdown::Body;
use crate::source::{FileId, SourceMap, display_path};
use config::Config;
use documents::{RawDecision, RawItem, RawStakeholder, RawUpdate, RawVision};

/// Everything read from a portal folder.
pub struct Loaded {
    /// The portal root as the user named it.
    pub root: PathBuf,
    /// `cairn.toml`.
    pub config: Config,
    /// Every document that could be read, drafts included, in path order;
    /// shared with the session that read them.
    pub documents: Vec<Arc<Document>>,
    /// Documents that exist but could not be read or split (already
    /// reported); references to them are not reported again.
    pub unreadable: Vec<(Kind, String)>,
}

/// One document, read but not yet related to the others. Cheap to clone:
/// the rendered body is shared.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its kind, from its folder.
    pub kind: Kind,
    /// Its file name without `.md`.
    pub id: String,
    /// Its path under `content/`, with `/` separators.
    pub path: String,
    /// Its source file.
    pub file: FileId,
    /// The opening `+++`, where document-wide problems point.
    pub header: Range<usize>,
    /// `draft = true`.
    pub draft: bool,
    /// Where `draft = true` was written.
    pub draft_span: Option<Range<usize>>,
    /// `private = true`.
    pub private: bool,
    /// The `[extra]` table.
    pub extra: serde_json::Value,
    /// The body: its Markdown, headings and `@/` links.
    pub body: Arc<Body>,
    /// The kind's own fields.
    pub front: Front,
    /// A hash of the front matter as written: equal hashes mean an edit
    /// touched only the body.
    pub front_hash: u64,
}

/// The front matter of a document, by kind; shared with the model.
#[derive(Debug, Clone)]
pub enum Front {
    /// `vision.md`.
    Vision(Arc<RawVision>),
    /// A stakeholder.
    Stakeholder(Arc<RawStakeholder>),
    /// A decision record.
    Decision(Arc<RawDecision>),
    /// A backlog item.
    Item(Arc<RawItem>),
    /// An update.
    Update(Arc<RawUpdate>),
    /// An assumption (v2).
    Assumption(Arc<documents::RawAssumption>),
    /// A conversation of the engagement log.
    Conversation(Arc<RawConversation>),
}

/// Finds the portal root: `given` itself, or when none was given the
/// nearest folder upward from the current one holding `cairn.toml`.
pub fn find_root(given: Option<&Path>) -> Result<PathBuf, Error> {
    match given {
        Some(path) => {
            if path.join("cairn.toml").is_file() {
                Ok(path.to_path_buf())
            } else {
                Err(Error::NoPortal(path.to_path_buf()))
            }
        }
        None => {
            let cwd = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
            let mut up = PathBuf::new();
            for dir in cwd.ancestors() {
                if dir.join("cairn.toml").is_file() {
                    return Ok(if up.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        up
                    });
                }
                up.push("..");
            }
            Err(Error::NoPortal(cwd))
        }
    }
}

/// A file found under `content/`, not yet read.
#[derive(Debug, Clone)]
pub struct Found {
    /// Its kind, from its folder.
    pub kind: Kind,
    /// Its file name without `.md`.
    pub id: String,
    /// Under `content/`, `/`-separated.
    pub rel: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// A file under `content/` as last read: its text's id in the source map
/// (when it could be read), its document (when it could be parsed), and
/// its problems.
#[derive(Debug, Clone)]
pub struct FileState {
    /// Where it was found.
    pub found: Found,
    /// Its text in the source map.
    pub file: Option<FileId>,
    /// The parsed document.
    pub doc: Option<Arc<Document>>,
    /// What was wrong with it on its own.
    pub problems: Vec<Diagnostic>,
}

/// Reads and checks `cairn.toml`.
pub fn read_config(
    root: &Path,
    sources: &mut SourceMap,
) -> Result<(Config, Vec<Diagnostic>), Error> {
    let mut problems = Diagnostics::default();
    let file = read::read_text(
        &root.join("cairn.toml"),
        &display_path(root, "cairn.toml"),
        sources,
        &mut problems,
    )
    .ok_or_else(|| Error::NoPortal(root.to_path_buf()))?;
    let mut diags: Vec<Diagnostic> = problems.iter().cloned().collect();
    let config = config::parse(file, sources.text(file), &mut diags);
    Ok((config, diags))
}

/// Finds every document under `content/`, with the problems of the folder
/// layout (unknown folders, stray files, no vision).
pub fn discover(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let found = walk::walk(root, &mut diags);
    if !found.iter().any(|f| f.kind == Kind::Vision) {
        diags.push(
            Diagnostic::error_at_path("the portal has no vision", display_path(root, "content/vision.md")).with_help(
                "create content/vision.md with `title`, `statement`, `target_group` and at least one [[goals]] table",
            ),
        );
    }
    (found, diags.iter().cloned().collect())
}

/// The documents of `files` for the resolver (cheap clones), and their
/// problems.
pub fn assemble<'a>(
    root: &Path,
    config: Config,
    files: impl Iterator<Item = &'a FileState>,
    diags: &mut Diagnostics,
) -> Loaded {
    let states: Vec<&FileState> = files.collect();
    let mut unreadable = Vec::new();
    for state in &states {
        diags.extend(state.problems.iter().cloned());
        if state.doc.is_none() {
            unreadable.push((state.found.kind, state.found.id.clone()));
        }
    }
    let documents = states.iter().filter_map(|s| s.doc.clone()).collect();
    Loaded {
        root: root.to_path_buf(),
        config,
        documents,
        unreadable,
    }
}
