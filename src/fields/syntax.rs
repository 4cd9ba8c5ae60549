//! TOML syntax errors of front matter and `cairn.toml` as diagnostics at
//! their place in the file, with help that shows the fix.

use crate::diagnostics::{Diagnostic, Location};
use crate::source::FileId;

/// The syntax errors of `toml` as diagnostics, one per line: the parser
/// often reports one mistake (`title: "x"`) twice on the same line.
pub fn toml_errors(
    file: FileId,
    toml: &str,
    offset: usize,
    errors: &[toml::de::Error],
    what: &str,
) -> Vec<Diagnostic> {
    // Found by binary search: garbage can hold an error on every line.
    let breaks: Vec<usize> = toml.match_indices('\n').map(|(i, _)| i).collect();
    let mut seen = std::collections::HashSet::new();
    errors
        .iter()
        .filter(|e| seen.insert(breaks.partition_point(|&b| b < e.span().map_or(0, |s| s.start))))
        .map(|e| toml_error(file, toml, offset, e, what))
        .collect()
}

/// Turns a TOML syntax error in `toml` (which starts at `offset` of its
/// file) into a diagnostic at its place in the file. `what` names the text
/// in the help ("front matter", "cairn.toml").
pub fn toml_error(
    file: FileId,
    toml: &str,
    offset: usize,
    e: &toml::de::Error,
    what: &str,
) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let start = span.start.min(toml.len());
    let end = span.end.min(toml.len()).max(start);
    let mut message = e
        .message()
        .lines()
        .next()
        .unwrap_or("invalid TOML")
        .trim()
        .to_string();
    if message.starts_with("duplicate key") {
        // Name the key: the span covers it.
        let key = toml.get(start..end).unwrap_or("").trim();
        if !key.is_empty() {
            message = format!("duplicate key `{key}`");
        }
    }
    let line_start = toml[..start].rfind('\n').map_or(0, |n| n + 1);
    let line = toml[line_start..].lines().next().unwrap_or("");
    let help = match line.split_once(':') {
        // `key: value`, as YAML writes it.
        Some((key, value))
            if !key.trim().is_empty()
                && key
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                && !line.contains('=') =>
        {
            format!(
                "TOML puts `=` between a key and its value, not `:`: `{} = {}`",
                key.trim(),
                value.trim()
            )
        }
        _ => format!(
            "{what} is TOML: `key = \"text\"`, `key = 3`, `key = [\"a\", \"b\"]`, `key = 2026-01-31`"
        ),
    };
    Diagnostic::error(
        format!("invalid TOML: {message}"),
        Location::new(file, offset + start..offset + end),
    )
    .with_help(help)
}
