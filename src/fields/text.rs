//! Text hygiene of front matter: TOML escapes (`"\u001b"`, `"\b"`) can
//! put control characters into a value, which would end up in pages and in
//! `feed.xml` (where they make the XML ill-formed). Every table read with
//! [`super::Fields`] passes [`check_table`], so no text value of a
//! document or of `cairn.toml` holds one: tab and line feed are fine, and
//! so is the carriage return of a CRLF line break.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Location, escape};
use crate::source::FileId;

/// The first character of `text` no value may hold.
pub fn first_control(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let fine = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        if !fine {
            return Some(c);
        }
    }
    None
}

/// Reports every key and text value of `table` (spans relative to
/// `offset` in `file`) holding a control character. Tables nested in it
/// are left to the reading of each (they get their own `Fields`), except
/// `[extra]`, which is checked whole.
pub fn check_table(table: &DeTable, file: FileId, offset: usize, diags: &mut Vec<Diagnostic>) {
    walk(table, file, offset, false, diags);
}

fn walk(table: &DeTable, file: FileId, offset: usize, deep: bool, diags: &mut Vec<Diagnostic>) {
    for (key, value) in table.iter() {
        report(key.get_ref(), key.span(), "key", file, offset, diags);
        let deep = deep || key.get_ref() == "extra";
        value_of(value, file, offset, deep, diags);
    }
}

fn value_of(
    value: &Spanned<DeValue>,
    file: FileId,
    offset: usize,
    deep: bool,
    diags: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::String(s) => report(s, value.span(), "text", file, offset, diags),
        DeValue::Array(items) => {
            for item in items.iter() {
                value_of(item, file, offset, deep, diags);
            }
        }
        DeValue::Table(t) if deep => walk(t, file, offset, true, diags),
        _ => {}
    }
}

fn report(
    text: &str,
    span: Range<usize>,
    what: &str,
    file: FileId,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(c) = first_control(text) else {
        return;
    };
    let shown = escape(&c.to_string());
    diags.push(
        Diagnostic::error(
            format!("this {what} holds the control character `{shown}`"),
            Location::new(file, span.start + offset..span.end + offset),
        )
        .with_label("control character in here")
        .with_help("remove the escape that writes it; only tab and line breaks may appear in text"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_newline_and_crlf_pass_other_controls_do_not() {
        assert_eq!(first_control("a\tb\nc\r\nd"), None);
        assert_eq!(first_control("a\u{1b}[31m"), Some('\u{1b}'));
        assert_eq!(first_control("a\rb"), Some('\r'));
        assert_eq!(first_control("a\u{85}"), Some('\u{85}'));
        assert_eq!(first_control("\u{7f}"), Some('\u{7f}'));
    }
}
