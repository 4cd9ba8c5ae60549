//! Looking up ids: which documents exist, which are drafts, which could not
//! be read; and the diagnostics for a reference that names none of them.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::fields::Sp;
use crate::kind::Kind;
use crate::source::FileId;
use crate::suggest;

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A goal of the vision.
    Goal,
    /// A document of a kind.
    Doc(Kind),
}

impl Target {
    fn noun(self) -> &'static str {
        match self {
            Target::Goal => "goal",
            Target::Doc(k) => k.singular(),
        }
    }
}

/// Every id a reference may name.
#[derive(Default)]
pub struct Index {
    ids: HashMap<Target, FxHashMap<String, usize>>,
    /// Known but left out of this build (drafts), with their paths.
    drafts: HashMap<(Target, String), String>,
    /// Files that exist but could not be read; references to them are not
    /// reported again.
    unreadable: HashSet<(Kind, String)>,
    /// Whether the vision has at least one goal.
    any_goal: bool,
    /// Left out of a public build: references to them are dropped quietly.
    private: HashSet<(Kind, String)>,
}

impl Index {
    /// Records a kept document or goal at position `ix`.
    pub fn insert(&mut self, target: Target, id: &str, ix: usize) {
        self.any_goal |= target == Target::Goal;
        self.ids
            .entry(target)
            .or_default()
            .insert(id.to_string(), ix);
    }

    /// Records a draft left out of the build.
    pub fn insert_draft(&mut self, kind: Kind, id: &str, path: &str) {
        self.drafts
            .insert((Target::Doc(kind), id.to_string()), path.to_string());
    }

    /// Records a private document left out of a public build.
    pub fn insert_private(&mut self, kind: Kind, id: &str) {
        self.private.insert((kind, id.to_string()));
    }

    /// Records a file that could not be read.
    pub fn insert_unreadable(&mut self, kind: Kind, id: &str) {
        self.unreadable.insert((kind, id.to_string()));
    }

    /// The position of a kept document or goal.
    pub fn get(&self, target: Target, id: &str) -> Option<usize> {
        self.ids.get(&target).and_then(|ids| ids.get(id)).copied()
    }

    /// Resolves each reference of a list field, reporting the bad ones;
    /// duplicates are dropped.
    pub fn lookup_all(
        &self,
        target: Target,
        refs: &[Sp<String>],
        field: &str,
        file: FileId,
        diags: &mut Diagnostics,
    ) -> Vec<usize> {
        let mut out = Vec::with_capacity(refs.len());
        for r in refs {
            if let Some(ix) = self.lookup(target, r, field, file, diags)
                && !out.contains(&ix)
            {
                out.push(ix);
            }
        }
        out
    }

    /// Resolves one reference, reporting it when it names nothing kept.
    pub fn lookup(
        &self,
        target: Target,
        r: &Sp<String>,
        field: &str,
        file: FileId,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        self.lookup_other(target, r, field, file, diags, "")
    }

    /// Like [`Index::lookup`] for a reference from the document `own_id` to
    /// another of its kind (`parent`, `supersedes`): "did you mean" never
    /// suggests the document itself.
    pub fn lookup_other(
        &self,
        target: Target,
        r: &Sp<String>,
        field: &str,
        file: FileId,
        diags: &mut Diagnostics,
        own_id: &str,
    ) -> Option<usize> {
        if let Some(ix) = self.get(target, &r.value) {
            return Some(ix);
        }
        if let Target::Doc(kind) = target
            && (self.unreadable.contains(&(kind, r.value.clone()))
                || self.private.contains(&(kind, r.value.clone())))
        {
            return None;
        }
        if target == Target::Goal && !self.any_goal {
            // The vision has no goals, which is reported once already.
            return None;
        }
        let at = Location::new(file, r.span.clone());
        let noun = target.noun();
        if let Some(path) = self.drafts.get(&(target, r.value.clone())) {
            diags.push(
                Diagnostic::error(format!("`{}` in `{field}` is a draft", r.value), at)
                    .with_label(format!("this {noun} is left out of the build"))
                    .with_help(format!(
                        "remove `draft = true` from content/{path}, or build with --drafts"
                    )),
            );
            return None;
        }
        let candidates: Vec<&str> = self
            .ids
            .get(&target)
            .into_iter()
            .flat_map(|ids| ids.keys())
            .filter(|id| *id != own_id)
            .map(String::as_str)
            .collect();
        let help = match suggest::closest(&r.value, candidates.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                let mut known = candidates.clone();
                known.sort_unstable();
                let shown: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
                let more = if known.len() > 8 { ", ..." } else { "" };
                let create = match target {
                    Target::Goal => {
                        "add a [[goals]] table with this id to content/vision.md".to_string()
                    }
                    Target::Doc(k) => format!("create content/{}/{}.md", k.folder(), r.value),
                };
                if shown.is_empty() {
                    create
                } else {
                    format!("{create}, or use one of {}{more}", shown.join(", "))
                }
            }
        };
        diags.push(
            Diagnostic::error(format!("unknown {noun} `{}` in `{field}`", r.value), at)
                .with_label(format!("no {noun} has this id"))
                .with_help(help),
        );
        None
    }
}
