//! Problems found in a portal, each tied to a span of a source file, and
//! their two renderings: rustc-like text for people, JSON for editors and CI.
//!
//! Every stage pushes into one [`Diagnostics`] list instead of returning at
//! the first problem, so a run reports everything it found together.

use std::io::{self, IsTerminal, Write};
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;

use crate::source::{FileId, SourceMap};

mod excerpt;

pub use excerpt::escape;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on; nothing is written.
    Error,
    /// Worth fixing; fails the run only with `--deny-warnings`.
    Warning,
    /// For information (portal health); never fails a run.
    Note,
}

/// A place in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text.
    pub span: Range<usize>,
}

impl Location {
    /// A location in `file` at `span`.
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Location { file, span }
    }
}

/// One problem: what is wrong, where, and how to fix it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where; `None` only for problems no file can show (a missing file).
    pub location: Option<Location>,
    /// Short text printed under the caret.
    pub label: Option<String>,
    /// Other places involved (the first file of a duplicate id).
    pub related: Vec<(Location, String)>,
    /// How to fix it.
    pub help: Option<String>,
    /// Path to show when there is no location (a file that should exist).
    pub path_hint: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(message: impl Into<String>, location: Location) -> Self {
        Self::new(Severity::Error, message, Some(location))
    }

    /// A warning at `location`.
    pub fn warning(message: impl Into<String>, location: Location) -> Self {
        Self::new(Severity::Warning, message, Some(location))
    }

    /// An error about a path that has no text to point into.
    pub fn error_at_path(message: impl Into<String>, path: impl Into<String>) -> Self {
        let mut d = Self::new(Severity::Error, message, None);
        d.path_hint = Some(path.into());
        d
    }

    fn new(severity: Severity, message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            location,
            label: None,
            related: Vec::new(),
            help: None,
            path_hint: None,
        }
    }

    /// A note about a path (portal health).
    pub fn note_at_path(message: impl Into<String>, path: impl Into<String>) -> Self {
        let mut d = Self::new(Severity::Note, message, None);
        d.path_hint = Some(path.into());
        d
    }

    /// A warning about a path that has no text to point into.
    pub fn warning_at_path(message: impl Into<String>, path: impl Into<String>) -> Self {
        let mut d = Self::new(Severity::Warning, message, None);
        d.path_hint = Some(path.into());
        d
    }

    /// Adds the text shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a second place involved in the problem.
    pub fn with_related(mut self, location: Location, label: impl Into<String>) -> Self {
        self.related.push((location, label.into()));
        self
    }
}

/// All problems of a run, in the order found.
#[derive(Default, Debug)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Records many problems.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// How many problems of a severity were recorded.
    pub fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|d| d.severity == severity).count()
    }

    /// The problems, sorted by file and position so output is stable
    /// whatever order the parallel stages found them in.
    pub fn sorted(&self, sources: &SourceMap) -> Vec<&Diagnostic> {
        let mut list: Vec<&Diagnostic> = self.list.iter().collect();
        list.sort_by_cached_key(|d| match &d.location {
            Some(l) => (
                sources.path(l.file).to_string(),
                l.span.start,
                d.message.clone(),
            ),
            None => (
                d.path_hint.clone().unwrap_or_default(),
                0,
                d.message.clone(),
            ),
        });
        list
    }

    /// The problems in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// A diagnostic flattened for `--format json`.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
}

/// Renders diagnostics as one JSON array.
pub fn to_json(diagnostics: &Diagnostics, sources: &SourceMap) -> String {
    let mut columns = excerpt::Columns::default();
    let flat: Vec<JsonDiagnostic> = diagnostics
        .sorted(sources)
        .into_iter()
        .map(|d| {
            let (path, line, column) = match &d.location {
                Some(l) => {
                    let (line, col) = columns.at(sources, l.file, l.span.start);
                    (sources.path(l.file), line, col)
                }
                None => (d.path_hint.as_deref().unwrap_or(""), 1, 1),
            };
            JsonDiagnostic {
                path,
                line,
                column,
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&flat).unwrap_or_else(|_| "[]".into())
}

/// Whether to colour output: never when `NO_COLOR` is set or stderr is not a
/// terminal.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal()
}

/// Renders diagnostics like rustc: `path:line:col`, the source line, a caret
/// and the help, then a summary line.
pub fn to_text(diagnostics: &Diagnostics, sources: &SourceMap, color: bool) -> Vec<u8> {
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    let styles = term::Styles::default();
    let mut columns = excerpt::Columns::default();
    for d in diagnostics.sorted(sources) {
        // Content reaches the terminal only through the excerpt and
        // `escape`: never a control character, never a whole long line.
        let spans: Vec<(FileId, Range<usize>)> = d
            .location
            .iter()
            .map(|l| (l.file, l.span.clone()))
            .chain(d.related.iter().map(|(l, _)| (l.file, l.span.clone())))
            .collect();
        let (excerpt, shown) = excerpt::Excerpt::new(sources, &spans, &mut columns);
        let rendered = to_codespan(d, &shown);
        let mut writer = term::StylesWriter::new(&mut buffer, &styles);
        if term::emit_to_write_style(&mut writer, &config, &excerpt, &rendered).is_err() {
            // A span past the end of its file: the file changed on disk
            // since it was read. Still say what was wrong, and where.
            let _ = writeln!(
                buffer,
                "{}: {}",
                severity_word(d.severity),
                escape(&d.message)
            );
            if let Some(l) = &d.location {
                let _ = writeln!(buffer, "  --> {}", escape(sources.path(l.file)));
            }
            if let Some(help) = &d.help {
                let _ = writeln!(buffer, "  = help: {}", escape(help));
            }
        }
    }
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    if errors + warnings > 0 {
        let _ = writeln!(buffer, "{}", summary(errors, warnings));
    }
    buffer.into_inner()
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// "2 errors, 1 warning".
pub fn summary(errors: usize, warnings: usize) -> String {
    use crate::format::count;
    format!("{}, {}", count(errors, "error"), count(warnings, "warning"))
}

/// `d` for codespan, its labels at `spans` (the excerpt's), every text
/// escaped.
fn to_codespan(d: &Diagnostic, spans: &[Range<usize>]) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let mut message = escape(&d.message);
    if d.location.is_none()
        && let Some(path) = &d.path_hint
    {
        message = format!("{message}\n  --> {}", escape(path));
    }
    let mut out = cs::Diagnostic::new(severity).with_message(message);
    let mut spans = spans.iter().cloned();
    if let Some(l) = &d.location {
        let label = cs::Label::primary(l.file, spans.next().unwrap_or(0..0));
        out = out.with_label(match &d.label {
            Some(text) => label.with_message(escape(text)),
            None => label,
        });
    }
    for (l, text) in &d.related {
        let span = spans.next().unwrap_or(0..0);
        out = out.with_label(cs::Label::secondary(l.file, span).with_message(escape(text)));
    }
    if let Some(help) = &d.help {
        out = out.with_note(format!("help: {}", escape(help)));
    }
    out
}
