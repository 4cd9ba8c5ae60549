//! Stage 1, **load**: find the portal, read every file under `content/`,
//! split front matter from body, read the front matter into typed fields
//! and read each body for its headings and links (and, for pages, render
//! it as if no page were left out; see [`crate::markdown`]). Nothing here
//! looks across documents; that is the resolver's job.

pub mod config;
pub mod documents;
pub mod frontmatter;
pub mod keys;
pub mod limits;
pub mod readings;
pub mod session;

use std::fs;
use std::io;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use toml::de::DeTable;

use crate::conversations::load::RawConversation;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::fields::Fields;
use crate::fields::syntax::toml_errors;
use crate::folders::Folders;
use crate::kind::{self, Kind};
use crate::markdown::{self, Bodies, Body};
use crate::source::{FileId, SourceMap, SourceText, display_path, first_line};
use config::Config;
use documents::{RawItem, RawStakeholder, RawTradeoff, RawUpdate, RawVision};
use frontmatter::SplitError;

/// Largest document cairn reads; past this it is almost surely not prose.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

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

/// The front matter of a document, by kind.
#[derive(Debug, Clone)]
pub enum Front {
    /// `vision.md`.
    Vision(RawVision),
    /// A stakeholder.
    Stakeholder(RawStakeholder),
    /// A decision record.
    Tradeoff(RawTradeoff),
    /// A backlog item.
    Item(RawItem),
    /// An update.
    Update(RawUpdate),
    /// An assumption (v2).
    Assumption(documents::RawAssumption),
    /// A conversation of the engagement log.
    Conversation(RawConversation),
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
    let file = read_text(
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
    let found = walk(root, &mut diags);
    if !found.iter().any(|f| f.kind == Kind::Vision) {
        diags.push(
            Diagnostic::error_at_path("the portal has no vision", display_path(root, "content/vision.md")).with_help(
                "create content/vision.md with `title`, `statement`, `target_group` and at least one [[goals]] table",
            ),
        );
    }
    (found, diags.iter().cloned().collect())
}

/// Reads and parses files, each on whichever core is free as soon as it
/// is read. Every file takes the next id of the source map in the order
/// given, read or not, so ids are stable.
pub fn read_all(
    root: &Path,
    found: Vec<Found>,
    sources: &mut SourceMap,
    bodies: Bodies,
) -> Vec<FileState> {
    let base = sources.len();
    let folders = Folders::default();
    let (texts, states): (Vec<(String, SourceText)>, Vec<FileState>) = found
        .into_par_iter()
        .enumerate()
        // Handed out a few files at a time: in bigger shares, one core is
        // left parsing its last share while the other has none.
        .with_max_len(16)
        .map(|(i, found)| {
            let file = base + i;
            let shown = display_path(root, &format!("content/{}", found.rel));
            match read_file(&folders, &found.path) {
                Ok(text) => {
                    let path = found.path.clone();
                    let state = parse_state(found, file, &text, bodies);
                    // Later stages seldom quote a file that parsed cleanly.
                    let text = if state.problems.is_empty() {
                        SourceText::on_disk(path, &text)
                    } else {
                        SourceText::held(text)
                    };
                    ((shown, text), state)
                }
                Err(problem) => {
                    let (text, d) = read_problem(problem, &shown, file);
                    let state = FileState {
                        found,
                        file: None,
                        doc: None,
                        problems: vec![d],
                    };
                    ((shown, SourceText::held(text)), state)
                }
            }
        })
        .unzip();
    for (shown, text) in texts {
        sources.add_text(shown, text);
    }
    states
}

/// Reads and parses one file again, reusing its source-map slot.
pub fn read_one(
    root: &Path,
    found: Found,
    previous: Option<FileId>,
    sources: &mut SourceMap,
    bodies: Bodies,
) -> FileState {
    let shown = display_path(root, &format!("content/{}", found.rel));
    match read_file(&Folders::default(), &found.path) {
        Ok(text) => {
            let file = match previous {
                Some(id) => {
                    sources.replace(id, text);
                    id
                }
                None => sources.add(shown, text),
            };
            parse_state(found, file, sources.text(file), bodies)
        }
        Err(problem) => {
            let file = previous.unwrap_or_else(|| sources.add(shown.clone(), String::new()));
            let (text, d) = read_problem(problem, &shown, file);
            sources.replace(file, text);
            FileState {
                found,
                file: None,
                doc: None,
                problems: vec![d],
            }
        }
    }
}

fn parse_state(found: Found, file: FileId, text: &str, bodies: Bodies) -> FileState {
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

/// Why a file could not be read as text.
enum ReadProblem {
    Io(io::Error),
    TooLarge(u64),
    NotUtf8 { lossy: String, at: usize },
    NotAFile,
}

fn read_file(folders: &Folders, path: &Path) -> Result<String, ReadProblem> {
    // Opening a named pipe posing as a document would wait for a writer.
    // On Unix it is opened without waiting and refused once looked at;
    // elsewhere it is looked at by path first.
    #[cfg(not(unix))]
    if !fs::metadata(path).map_err(ReadProblem::Io)?.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    let file = folders.open(path).map_err(ReadProblem::Io)?;
    let meta = file.metadata().map_err(ReadProblem::Io)?;
    if !meta.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // Through `take`, which does not stat the file again to size the read
    // as `fs::read` would: ten thousand files make it count.
    io::Read::read_to_end(&mut io::Read::take(file, MAX_FILE_BYTES + 1), &mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            return Err(ReadProblem::NotUtf8 { lossy, at });
        }
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The diagnostic for a file that could not be read, and the text to keep
/// as file `file` of the source map (what could be read of it, if any).
fn read_problem(problem: ReadProblem, shown: &str, file: FileId) -> (String, Diagnostic) {
    let shown = shown.to_string();
    match problem {
        ReadProblem::Io(e) => (
            String::new(),
            Diagnostic::error_at_path(format!("cannot read this file: {e}"), shown)
                .with_help("check that the file exists and that you may read it"),
        ),
        ReadProblem::TooLarge(n) => (
            String::new(),
            Diagnostic::error_at_path(
                format!(
                    "this file is {n} bytes; cairn reads documents up to {MAX_FILE_BYTES} bytes"
                ),
                shown,
            )
            .with_help("split it into several documents, or move large data to static/"),
        ),
        ReadProblem::NotAFile => (
            String::new(),
            Diagnostic::error_at_path("this is not a regular file", shown)
                .with_help("documents must be plain files; remove the device, pipe or socket"),
        ),
        ReadProblem::NotUtf8 { lossy, at } => (
            lossy,
            Diagnostic::error(
                "this file is not valid UTF-8",
                // The bad byte is U+FFFD in the kept text: point at all of it.
                Location::new(file, at..at + '\u{fffd}'.len_utf8()),
            )
            .with_label("invalid byte here")
            .with_help("save the file as UTF-8 in your editor"),
        ),
    }
}

/// Reads a file into the source map; reports and returns `None` on failure.
fn read_text(
    path: &Path,
    shown: &str,
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Option<FileId> {
    match read_file(&Folders::default(), path) {
        Ok(text) => Some(sources.add(shown.to_string(), text)),
        Err(problem) => {
            let file = sources.add(shown.to_string(), String::new());
            let (text, d) = read_problem(problem, shown, file);
            sources.replace(file, text);
            diags.push(d);
            None
        }
    }
}

/// Editor droppings and hidden files, never documents.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913"
}

fn walk(root: &Path, diags: &mut Diagnostics) -> Vec<Found> {
    let content = root.join("content");
    let shown_content = display_path(root, "content");
    if !content.is_dir() {
        diags.push(
            Diagnostic::error_at_path("the portal has no content folder", shown_content)
                .with_help("create content/ with vision.md and the folders stakeholders/, tradeoffs/, backlog/, updates/"),
        );
        return Vec::new();
    }
    let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let content_len = content.as_os_str().len();
    let mut found = Vec::new();
    // Unsorted: sorting ten thousand siblings by walkdir's file names
    // parses a path per comparison. The list is sorted once at the end.
    let mut entries = walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(32)
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diags.push(Diagnostic::error_at_path(
                    format!("cannot read this folder: {e}"),
                    path,
                ));
                continue;
            }
        };
        // Every path walked starts with `content`'s bytes and a separator:
        // cut there, rather than compare the paths component by component.
        let rel_bytes = entry
            .path()
            .as_os_str()
            .as_encoded_bytes()
            .get(content_len + 1..)
            .unwrap_or_default();
        let Some(rel) = std::str::from_utf8(rel_bytes)
            .ok()
            .map(|s| s.replace('\\', "/"))
        else {
            diags.push(
                Diagnostic::error_at_path(
                    "this file name is not valid UTF-8",
                    entry.path().display().to_string(),
                )
                .with_help("rename it using lowercase letters, digits and `-`"),
            );
            continue;
        };
        let name = rel.rsplit('/').next().unwrap_or_default();
        // Made only for a problem: most files have none.
        let shown = || display_path(root, &format!("content/{rel}"));
        if is_ignored(name) {
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            match fs::canonicalize(entry.path()) {
                Ok(target) if crate::write::in_git_folder(&target) => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this link leads into a `.git` folder; cairn does not follow it",
                            shown(),
                        )
                        .with_help("a repository's own files are not documents; remove the link"),
                    );
                    continue;
                }
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => {}
                Ok(target) if target.starts_with(&canonical_root) && target.is_dir() => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this is a link to a folder; cairn does not follow it",
                            shown(),
                        )
                        .with_help("move the folder here instead of linking to it"),
                    );
                    continue;
                }
                Ok(target) if target.starts_with(&canonical_root) => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this link leads to something that is not a regular file",
                            shown(),
                        )
                        .with_help("documents must be plain files; remove the link"),
                    );
                    continue;
                }
                Err(e) => {
                    diags.push(
                        Diagnostic::error_at_path(format!("this link leads nowhere: {e}"), shown())
                            .with_help("remove the link or point it at a file in the portal"),
                    );
                    continue;
                }
                Ok(_) => {
                    diags.push(
                        Diagnostic::error_at_path(
                            "this link points outside the portal; cairn does not follow it",
                            shown(),
                        )
                        .with_help("copy the document into content/ instead of linking to it"),
                    );
                    continue;
                }
            }
        }
        if file_type.is_dir() {
            if entry.depth() == 1 && Kind::from_folder(name).is_none() {
                let help = kind::unknown_folder_help(name);
                diags.push(
                    Diagnostic::error_at_path(
                        format!("unknown folder `{name}` in content/"),
                        shown(),
                    )
                    .with_help(help),
                );
                entries.skip_current_dir();
            } else if name.ends_with(".md") {
                diags.push(
                    Diagnostic::error_at_path("this is a folder named like a document", shown())
                        .with_help("rename the folder; a document must be a file"),
                );
            }
            continue;
        }
        if !name.ends_with(".md") {
            diags.push(
                Diagnostic::warning_at_path("not a Markdown document; ignored", shown()).with_help(
                    "put images and other files in static/, which is copied to the output as is",
                ),
            );
            continue;
        }
        if entry.depth() == 1 && name != "vision.md" {
            diags.push(
                Diagnostic::error_at_path(format!("`{name}` is not in a kind folder"), shown())
                    .with_help("the only document at the top of content/ is vision.md; move this one into stakeholders/, tradeoffs/, backlog/ or updates/"),
            );
            continue;
        }
        let Some((kind, id)) = kind::classify(&rel) else {
            continue;
        };
        let id = id.to_string();
        found.push(Found {
            kind,
            id,
            rel,
            path: entry.into_path(),
        });
    }
    // Folder by folder, names in order: the order the documents keep. A
    // `/` sorts before any character of a name, so that a folder's files
    // stay together; keys are made once, not per comparison.
    found.sort_by_cached_key(|f| f.rel.replace('/', "\0"));
    found
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
        Kind::Tradeoff => documents::tradeoff_keys(),
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
        Kind::Vision => Front::Vision(documents::vision(&mut fields)),
        Kind::Stakeholder => Front::Stakeholder(documents::stakeholder(&mut fields)),
        Kind::Tradeoff => Front::Tradeoff(documents::tradeoff(&mut fields)),
        Kind::Backlog => Front::Item(documents::item(&mut fields)),
        Kind::Update => Front::Update(documents::update(&mut fields)),
        Kind::Assumption => Front::Assumption(documents::assumption(&mut fields)),
        Kind::Conversation => Front::Conversation(crate::conversations::load::read(&mut fields)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `portal` fuzz target: the span cut the replacement
    /// character in half, so slicing the text by it panicked.
    #[test]
    fn not_utf8_span_covers_the_whole_replacement_character() {
        let mut sources = SourceMap::default();
        let bytes = b"+++\ntitle = \"Caf\xe9\"\n+++\n".to_vec();
        let err = String::from_utf8(bytes.clone()).unwrap_err();
        let at = err.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        let file = sources.add("content/backlog/x.md".into(), String::new());
        let (kept, d) = read_problem(
            ReadProblem::NotUtf8 { lossy, at },
            "content/backlog/x.md",
            file,
        );
        sources.replace(file, kept);
        let l = d.location.expect("a location");
        assert_eq!(l.file, file);
        let text = sources.text(l.file);
        assert_eq!(&text[l.span.clone()], "\u{fffd}");
        assert_eq!(sources.line_col(l.file, l.span.start), (2, 13));
    }
}
