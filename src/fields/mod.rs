//! Typed reading of one TOML table with every problem reported, not only the
//! first. serde stops at the first error of a document; a product owner
//! fixing a file wants to see all of its mistakes at once, each with its
//! line and column, so front matter is parsed into toml's spanned tree and
//! read field by field here.
//!
//! The reader sits below `load` and its `config`, which both use it; what
//! it needs to know of the other tables cairn reads comes in as a
//! [`Registry`].

mod numbers;
pub mod syntax;
mod tables;
mod text;
mod values;

pub use text::first_control;

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Location};
use crate::source::FileId;
use crate::suggest;

/// A value with the byte span (in its file) it was read from. Two are
/// equal when their values are: where a value was written is not part of
/// it, so an edit that only moves a key changes nothing.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> Sp<T> {
    /// Wraps a value with its span.
    pub fn new(value: T, span: Range<usize>) -> Self {
        Sp { value, span }
    }
}

/// What the reader is told of every table cairn reads (see
/// `load::keys`), so that a key written on the wrong table is named as
/// such.
#[derive(Clone, Copy)]
pub struct Registry {
    /// The help for `key`, unknown in the table called `what`, when
    /// another table has it.
    pub elsewhere: fn(key: &str, what: &str) -> Option<String>,
    /// Whether the table called `what` is listed with every key of
    /// `known`; checked in debug builds, so that a table read but not
    /// listed fails every test that reads one.
    pub listed: fn(what: &str, known: &[&str]) -> bool,
}

/// Reads the keys of one table, recording a diagnostic for each problem.
pub struct Fields<'t, 'i, 'd> {
    table: &'t DeTable<'i>,
    what: &'static str,
    registry: Registry,
    file: FileId,
    offset: usize,
    anchor: Range<usize>,
    diags: &'d mut Vec<Diagnostic>,
    /// Spans (relative) of TOML syntax errors: values there are not judged
    /// again, and missing keys are not reported while the syntax is broken.
    broken: Vec<Range<usize>>,
    /// Known keys that an unknown key was probably meant to be.
    misspelt: Vec<String>,
    /// Where this table sits, as TOML spells it (`goals.` inside
    /// `[[goals]]`), so help can name a nested table in full.
    path: String,
}

impl<'t, 'i, 'd> Fields<'t, 'i, 'd> {
    /// Starts reading `table`, whose spans are relative to `offset` in
    /// `file`; checks every key against `known` right away. `what` names the
    /// table in messages ("a backlog item"); `anchor` is where a missing key
    /// points.
    pub fn new(
        table: &'t DeTable<'i>,
        (what, known): (&'static str, &[&str]),
        location: (FileId, usize, Range<usize>),
        registry: Registry,
        diags: &'d mut Vec<Diagnostic>,
    ) -> Self {
        debug_assert!(
            (registry.listed)(what, known),
            "the keys of {what} are not all in load::keys::TABLES (and so not in docs/reference.md)"
        );
        let (file, offset, anchor) = location;
        let fields = Fields {
            table,
            what,
            registry,
            file,
            offset,
            anchor,
            diags,
            broken: Vec::new(),
            misspelt: Vec::new(),
            path: String::new(),
        };
        fields.check_keys(known)
    }

    /// Marks the spans of TOML syntax errors (relative to the offset).
    pub fn with_syntax_errors(mut self, spans: Vec<Range<usize>>) -> Self {
        self.broken = spans;
        self
    }

    /// Whether an unknown key of this table was probably meant as `key`
    /// (then `key` reads as absent, but its absence is no news).
    pub fn misspelt(&self, key: &str) -> bool {
        self.misspelt.iter().any(|k| k == key)
    }

    /// Whether the table has TOML syntax errors: keys after one may be lost.
    pub fn has_syntax_errors(&self) -> bool {
        !self.broken.is_empty()
    }

    /// How many problems were recorded so far; compare before and after
    /// reading a field to learn whether it was unreadable.
    pub fn problems(&self) -> usize {
        self.diags.len()
    }

    fn check_keys(mut self, known: &[&str]) -> Self {
        text::check_table(self.table, self.file, self.offset, self.diags);
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if name == "extra" || known.contains(&name) {
                continue;
            }
            let elsewhere = (self.registry.elsewhere)(name, self.what);
            let help = match suggest::closest(name, known.iter().copied()) {
                _ if let Some(help) = elsewhere => help,
                Some(near) => {
                    self.misspelt.push(near.to_string());
                    format!("did you mean `{near}`?")
                }
                None => format!(
                    "the keys of {} are {}; put your own data in an [extra] table",
                    self.what,
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let diag = Diagnostic::error(format!("unknown key `{name}`"), self.loc(key.span()))
                .with_label(format!("not a key of {}", self.what))
                .with_help(help);
            self.diags.push(diag);
        }
        self
    }

    fn loc(&self, span: Range<usize>) -> Location {
        Location::new(self.file, span.start + self.offset..span.end + self.offset)
    }

    pub(crate) fn abs(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    /// Where `key` itself was written (absolute span), for problems with
    /// a whole `key = value` line.
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table
            .iter()
            .find(|(k, _)| AsRef::<str>::as_ref(k.get_ref()) == key)
            .map(|(k, _)| self.abs(k.span()))
    }

    pub(crate) fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = self
            .table
            .iter()
            .find(|(k, _)| AsRef::<str>::as_ref(k.get_ref()) == key)
            .map(|(_, v)| v)?;
        let span = value.span();
        let overlaps = |b: &Range<usize>| {
            b.start < span.end.max(span.start + 1) && span.start < b.end.max(b.start + 1)
        };
        if self.broken.iter().any(overlaps) {
            return None;
        }
        Some(value)
    }

    /// Records an error at a span of this table's file (absolute span).
    pub fn error(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        let mut d = Diagnostic::error(message, Location::new(self.file, span));
        if let Some(help) = help {
            d = d.with_help(help);
        }
        self.diags.push(d);
    }

    /// Records a warning at a span of this table's file (absolute span).
    pub fn warn(&mut self, span: Range<usize>, message: String, help: String) {
        let d = Diagnostic::warning(message, Location::new(self.file, span)).with_help(help);
        self.diags.push(d);
    }

    pub(crate) fn missing(&mut self, key: &str, example: &str) {
        // A key lost to a syntax error or a typo was already reported.
        if !self.broken.is_empty() || self.misspelt(key) {
            return;
        }
        let d = Diagnostic::error(
            format!("missing required key `{key}`"),
            Location::new(self.file, self.anchor.clone()),
        )
        .with_label(format!("{} needs `{key}`", self.what))
        .with_help(format!("add `{key} = {example}`"));
        self.diags.push(d);
    }

    pub(crate) fn wrong_type(
        &mut self,
        key: &str,
        value: &Spanned<DeValue>,
        expected: &str,
        help: String,
    ) {
        let found = value.get_ref().type_str();
        let d = Diagnostic::error(
            format!("`{key}` must be {expected}, found {found}"),
            self.loc(value.span()),
        )
        .with_help(help);
        self.diags.push(d);
    }

    /// Where the value of `key` is written (absolute), when it is.
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.get(key).map(|v| self.abs(v.span()))
    }

    /// Reports `key` as missing, `example` showing a value (nothing when a
    /// syntax error or a typo already explains its absence).
    pub fn require(&mut self, key: &str, example: &str) {
        self.missing(key, example);
    }

    /// Where a missing key of this table points.
    pub fn anchor(&self) -> Range<usize> {
        self.anchor.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::Sp;

    #[test]
    fn values_written_elsewhere_are_equal() {
        assert_eq!(Sp::new("a", 0..3), Sp::new("a", 40..43));
        assert_ne!(Sp::new("a", 0..3), Sp::new("b", 0..3));
    }
}
