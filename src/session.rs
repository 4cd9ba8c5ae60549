//! A portal kept in memory between runs of the pipeline: every file's text,
//! parsed document and problems. `cairn build` opens one and resolves it
//! once; `cairn serve` keeps it and re-reads only what changed, so an edit
//! costs one file's parse plus a resolve, not a whole load.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::load::{self, FileState, Loaded};
use crate::source::{FileId, SourceMap};

/// The portal's files as last read.
pub struct Session {
    /// The portal root.
    pub root: PathBuf,
    /// Every text read, for diagnostics.
    pub sources: SourceMap,
    config: Config,
    config_problems: Vec<Diagnostic>,
    layout_problems: Vec<Diagnostic>,
    /// By path under `content/`.
    files: BTreeMap<String, FileState>,
}

impl Session {
    /// Reads the whole portal.
    pub fn open(root: &Path) -> Result<Self, Error> {
        let mut sources = SourceMap::default();
        let (config, config_problems) = load::read_config(root, &mut sources)?;
        let (found, layout_problems) = load::discover(root);
        let files = load::read_all(root, found, &mut sources)
            .into_iter()
            .map(|f| (f.found.rel.clone(), f))
            .collect();
        Ok(Session {
            root: root.to_path_buf(),
            sources,
            config,
            config_problems,
            layout_problems,
            files,
        })
    }

    /// The settings of `cairn.toml`.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads `cairn.toml` again. Bodies are rendered after resolving,
    /// under the settings of the day, so no document is read again.
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
        let fresh = load::read_one(
            &self.root,
            found,
            previous,
            &mut self.sources,
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
        for state in load::read_all(&self.root, new, &mut self.sources) {
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
