//! A portal kept in memory between runs of the pipeline: every file's text,
//! parsed document and problems. `cairn build` opens one and resolves it
//! once; `cairn serve` keeps it and re-reads only what changed, so an edit
//! costs one file's parse plus a resolve, not a whole load.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::load::config::Config;
use crate::load::{self, FileState, Loaded};
use crate::markdown::Bodies;
use crate::source::{FileId, SourceMap};

/// What a session's documents are read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Pages will be rendered: bodies are rendered as they are read.
    Pages,
    /// Pages will be rendered once (a build): as [`Purpose::Pages`], but
    /// a body keeps no copy of its Markdown (see
    /// [`crate::markdown::Body::settle`]).
    Build,
    /// `cairn check`: bodies are only scanned for headings and links,
    /// unless the portal has templates of its own (rendering them is then
    /// part of checking).
    Check,
}

/// The portal's files as last read.
pub struct Session {
    /// The portal root.
    pub root: PathBuf,
    /// Every text read, for diagnostics.
    pub sources: SourceMap,
    config: Config,
    purpose: Purpose,
    config_problems: Vec<Diagnostic>,
    layout_problems: Vec<Diagnostic>,
    /// By path under `content/`.
    files: BTreeMap<String, FileState>,
}

impl Session {
    /// Reads the whole portal, for pages.
    pub fn open(root: &Path) -> Result<Self, Error> {
        Session::open_for(root, Purpose::Pages)
    }

    /// Reads the whole portal for `purpose`.
    pub fn open_for(root: &Path, purpose: Purpose) -> Result<Self, Error> {
        let mut sources = SourceMap::default();
        let (config, config_problems) = load::read_config(root, &mut sources)?;
        let (found, layout_problems) = load::discover(root);
        let files = load::read::read_all(root, found, &mut sources, bodies(root, &config, purpose))
            .into_iter()
            .map(|f| (f.found.rel.clone(), f))
            .collect();
        Ok(Session {
            root: root.to_path_buf(),
            sources,
            config,
            purpose,
            config_problems,
            layout_problems,
            files,
        })
    }

    /// The settings of `cairn.toml`.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads `cairn.toml` again. A body rendered under another
    /// `unsafe_html` is rendered again when a page asks for it.
    pub fn reload_config(&mut self) -> Result<(), Error> {
        let (config, problems) = load::read_config(&self.root, &mut self.sources)?;
        self.config = config;
        self.config_problems = problems;
        Ok(())
    }

    /// Reads one document again, by its path under `content/`. Returns
    /// false when the file is not a document cairn knows, so the caller
    /// should [`Session::rescan`] instead.
    pub fn reload_file(&mut self, rel: &str) -> bool {
        let Some(state) = self.files.get(rel) else {
            return false;
        };
        if !state.found.path.is_file() {
            return false;
        }
        let previous: Option<FileId> = state.file;
        let found = state.found.clone();
        let fresh = load::read::read_one(
            &self.root,
            found,
            previous,
            &mut self.sources,
            bodies(&self.root, &self.config, self.purpose),
        );
        self.files.insert(rel.to_string(), fresh);
        true
    }

    /// The document at a path under `content/`, if it parsed.
    pub fn document(&self, rel: &str) -> Option<&crate::load::Document> {
        self.files.get(rel).and_then(|f| f.doc.as_deref())
    }

    /// The document at a path under `content/`, shared, if it parsed
    /// without any problem of its own.
    pub fn shared(&self, rel: &str) -> Option<std::sync::Arc<crate::load::Document>> {
        self.files
            .get(rel)
            .filter(|f| f.problems.is_empty())
            .and_then(|f| f.doc.clone())
    }

    /// Every document that parsed (shared, not copied).
    pub fn documents(&self) -> Vec<std::sync::Arc<crate::load::Document>> {
        self.files.values().filter_map(|f| f.doc.clone()).collect()
    }

    /// Walks `content/` again: new files are read, removed ones dropped,
    /// known ones kept as they are.
    pub fn rescan(&mut self) {
        let (found, layout_problems) = load::discover(&self.root);
        self.layout_problems = layout_problems;
        let mut next = BTreeMap::new();
        let mut new = Vec::new();
        for f in found {
            match self.files.remove(&f.rel) {
                Some(state) => {
                    next.insert(f.rel.clone(), state);
                }
                None => new.push(f),
            }
        }
        let bodies = bodies(&self.root, &self.config, self.purpose);
        for state in load::read::read_all(&self.root, new, &mut self.sources, bodies) {
            next.insert(state.found.rel.clone(), state);
        }
        self.files = next;
    }

    /// The documents for the resolver, and every problem found so far.
    pub fn loaded(&self, diags: &mut Diagnostics) -> Loaded {
        diags.extend(self.config_problems.iter().cloned());
        diags.extend(self.layout_problems.iter().cloned());
        load::assemble(&self.root, self.config.clone(), self.files.values(), diags)
    }
}

/// What to make of bodies: their page's HTML too, unless only checking a
/// portal that uses cairn's own templates.
fn bodies(root: &Path, config: &Config, purpose: Purpose) -> Bodies {
    let own_templates =
        root.join("templates").is_dir() || config.theme.as_deref().is_some_and(|t| t != "default");
    match purpose {
        Purpose::Check if !own_templates => Bodies::ChecksOnly,
        _ => Bodies::Pages {
            unsafe_html: config.unsafe_html,
            keep_source: purpose != Purpose::Build,
        },
    }
}
