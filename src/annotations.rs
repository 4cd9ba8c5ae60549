//! `--format github`: problems as GitHub Actions workflow commands
//! (`::error file=…,line=…,col=…::message`), so they show on the lines of
//! a pull request. Escaping follows the Actions toolkit: `%`, CR and LF in
//! the message; those and `:` and `,` in properties.

use std::fmt::Write;

use crate::diagnostics::{Diagnostics, Severity};
use crate::source::SourceMap;

/// Escapes a message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file`, `title`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per problem, sorted like the text output.
pub fn to_github(diagnostics: &Diagnostics, sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics.sorted(sources) {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = Vec::new();
        match &d.location {
            Some(l) => {
                let (line, col) = sources.line_col(l.file, l.span.start);
                properties.push(format!("file={}", escape_property(sources.path(l.file))));
                properties.push(format!("line={line}"));
                properties.push(format!("col={col}"));
            }
            None => {
                if let Some(path) = &d.path_hint {
                    properties.push(format!("file={}", escape_property(path)));
                }
            }
        }
        properties.push("title=cairn".to_string());
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_end_a_command_or_a_property() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("content/a:b,c%.md\n"),
            "content/a%3Ab%2Cc%25.md%0A"
        );
    }
}
