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
mod text;

use std::ops::Range;

use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Location};
use crate::keywords::Keyword;
use crate::source::FileId;
use crate::suggest;

/// A value with the byte span (in its file) it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
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

    /// A string; `required` reports its absence and an empty value.
    pub fn string(&mut self, key: &str, required: bool) -> Option<Sp<String>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, "\"...\"");
            }
            return None;
        };
        match value.get_ref() {
            DeValue::String(s) if required && s.trim().is_empty() => {
                let span = self.abs(value.span());
                self.error(
                    span,
                    format!("`{key}` must not be empty"),
                    Some(format!("write the {key} between the quotes")),
                );
                None
            }
            DeValue::String(s) => Some(Sp::new(s.to_string(), self.abs(value.span()))),
            _ => {
                self.wrong_type(key, value, "a string", format!("write `{key} = \"...\"`"));
                None
            }
        }
    }

    /// A list of strings; a lone string is an error with the fix spelled out.
    pub fn strings(&mut self, key: &str) -> Vec<Sp<String>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => {
                            out.push(Sp::new(s.to_string(), self.abs(item.span())))
                        }
                        _ => self.wrong_type(
                            key,
                            item,
                            "a list of strings",
                            "quote each entry: [\"a\", \"b\"]".into(),
                        ),
                    }
                }
                out
            }
            DeValue::String(s) => {
                let help = format!("write a list, even of one: `{key} = [\"{s}\"]`");
                self.wrong_type(key, value, "a list of strings", help);
                Vec::new()
            }
            _ => {
                self.wrong_type(
                    key,
                    value,
                    "a list of strings",
                    format!("write `{key} = [\"...\"]`"),
                );
                Vec::new()
            }
        }
    }

    /// A boolean (default false when absent).
    pub fn boolean(&mut self, key: &str) -> bool {
        self.boolean_at(key).is_some_and(|b| b.value)
    }

    /// A boolean with where it was written.
    pub fn boolean_at(&mut self, key: &str) -> Option<Sp<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Sp::new(*b, self.abs(value.span()))),
            _ => {
                self.wrong_type(
                    key,
                    value,
                    "`true` or `false`",
                    format!("write `{key} = true` or `{key} = false` (no quotes)"),
                );
                None
            }
        }
    }

    /// A TOML date (`2026-10-30`, no quotes); a date-time keeps its date.
    pub fn date(&mut self, key: &str, required: bool) -> Option<Sp<Date>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, "2026-01-31");
            }
            return None;
        };
        let span = self.abs(value.span());
        match value.get_ref() {
            DeValue::Datetime(dt) => match dt.date {
                Some(d) => match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                    Ok(date) => Some(Sp::new(date, span)),
                    Err(_) => {
                        self.error(span, format!("`{key}` is not a valid date"), None);
                        None
                    }
                },
                None => {
                    self.error(
                        span,
                        format!("`{key}` must be a date, found a time of day"),
                        Some(format!("write `{key} = 2026-01-31`")),
                    );
                    None
                }
            },
            DeValue::String(s) => {
                self.wrong_type(
                    key,
                    value,
                    "a date",
                    format!("remove the quotes: `{key} = {s}` (TOML dates are written bare)"),
                );
                None
            }
            _ => {
                self.wrong_type(key, value, "a date", format!("write `{key} = 2026-01-31`"));
                None
            }
        }
    }

    /// A word from a closed list, with "did you mean" on a near miss.
    pub fn keyword<K: Keyword>(&mut self, key: &str, required: bool) -> Option<Sp<K>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, &format!("\"{}\"", K::ALL[0].0));
            }
            return None;
        };
        let span = self.abs(value.span());
        let DeValue::String(word) = value.get_ref() else {
            self.wrong_type(
                key,
                value,
                &format!("one of {}", K::choices()),
                format!("write `{key} = \"{}\"`", K::ALL[0].0),
            );
            return None;
        };
        if let Some(k) = K::parse(word) {
            return Some(Sp::new(k, span));
        }
        let help = crate::keywords::unknown_help::<K>(word);
        self.error(
            span,
            format!("`{word}` is not a valid {}", K::WHAT),
            Some(help),
        );
        None
    }

    /// Reads an array of tables (`[[goals]]`) with `read`, which gets a
    /// `Fields` for each table.
    pub fn tables<T>(
        &mut self,
        key: &str,
        what: &'static str,
        known: &[&str],
        mut read: impl FnMut(&mut Fields<'_, 'i, '_>) -> T,
    ) -> Vec<T> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                key,
                value,
                "a list of tables",
                format!("write each entry as a `[[{key}]]` table"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.wrong_type(
                    key,
                    item,
                    "a list of tables",
                    format!("write each entry as a `[[{key}]]` table"),
                );
                continue;
            };
            let span = item.span();
            let anchor = if span.is_empty() {
                self.anchor.clone()
            } else {
                self.abs(span)
            };
            let broken = self.broken.clone();
            let mut inner = Fields::new(
                table,
                (what, known),
                (self.file, self.offset, anchor),
                self.registry,
                self.diags,
            )
            .with_syntax_errors(broken);
            out.push(read(&mut inner));
        }
        out
    }

    /// Reads a single sub-table (`[build]`) with `read`; absent reads as empty.
    pub fn table<T>(
        &mut self,
        key: &str,
        what: &'static str,
        known: &[&str],
        read: impl FnOnce(&mut Fields<'_, 'i, '_>) -> T,
    ) -> T {
        static EMPTY: std::sync::LazyLock<DeTable<'static>> =
            std::sync::LazyLock::new(DeTable::new);
        let (table, anchor) = match self.get(key) {
            Some(value) => match value.get_ref() {
                DeValue::Table(t) => (t, self.abs(value.span())),
                _ => {
                    self.wrong_type(
                        key,
                        value,
                        "a table",
                        format!("write `[{key}]` on its own line, then its keys"),
                    );
                    (&*EMPTY, self.anchor.clone())
                }
            },
            None => (&*EMPTY, self.anchor.clone()),
        };
        let mut inner = Fields::new(
            table,
            (what, known),
            (self.file, self.offset, anchor),
            self.registry,
            self.diags,
        );
        read(&mut inner)
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

    /// The `[extra]` table as JSON, for templates.
    pub fn extra(&mut self) -> serde_json::Value {
        match self.get("extra") {
            None => serde_json::Value::Null,
            Some(value) => match value.get_ref() {
                DeValue::Table(_) => to_json(value.get_ref()),
                _ => {
                    self.wrong_type(
                        "extra",
                        value,
                        "a table",
                        "write `[extra]` on its own line, then your keys".into(),
                    );
                    serde_json::Value::Null
                }
            },
        }
    }
}

fn to_json(value: &DeValue) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        DeValue::String(s) => J::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(J::from)
            .unwrap_or(J::Null),
        DeValue::Float(f) => f.as_str().parse::<f64>().map(J::from).unwrap_or(J::Null),
        DeValue::Boolean(b) => J::Bool(*b),
        DeValue::Datetime(d) => J::String(d.to_string()),
        DeValue::Array(a) => J::Array(a.iter().map(|v| to_json(v.get_ref())).collect()),
        DeValue::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref())))
                .collect(),
        ),
    }
}
