//! What a rebuild prints: only the problems the previous build did not
//! have, and how many it had that are gone. The browser overlay still
//! shows every error; the terminal is a log, and a log that repeats thirty
//! problems on every save hides the one that is new.

use std::collections::HashMap;

use crate::diagnostics::{self, Diagnostic, Diagnostics, Severity};
use crate::source::SourceMap;

/// A problem as the author knows it: the same message in the same file is
/// the same problem, even when an edit above it moves it a few lines.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    severity: u8,
    path: String,
    message: String,
}

impl Key {
    fn of(d: &Diagnostic, sources: &SourceMap) -> Self {
        let path = match &d.location {
            Some(l) => sources.path(l.file).to_string(),
            None => d.path_hint.clone().unwrap_or_default(),
        };
        let severity = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        };
        Key {
            severity,
            path,
            message: d.message.clone(),
        }
    }
}

/// The problems of the last build, counted (one message can come twice).
#[derive(Default)]
pub struct Seen {
    last: HashMap<Key, usize>,
}

/// What to print for one build.
pub struct News {
    /// The new problems, rendered like `cairn check` without its summary.
    pub text: String,
    /// How many problems are new.
    pub new: usize,
    /// How many problems of the previous build are gone.
    pub fixed: usize,
    /// "2 errors, 1 warning" for the whole build.
    pub summary: String,
}

impl Seen {
    /// Compares `diags` with the previous build's and remembers them.
    pub fn update(&mut self, diags: &Diagnostics, sources: &SourceMap) -> News {
        let mut now: HashMap<Key, usize> = HashMap::new();
        let mut fresh = Diagnostics::default();
        for d in diags.sorted(sources) {
            let count = now.entry(Key::of(d, sources)).or_default();
            *count += 1;
            let before = self.last.get(&Key::of(d, sources)).copied().unwrap_or(0);
            if *count > before {
                fresh.push(d.clone());
            }
        }
        let fixed = self
            .last
            .iter()
            .map(|(k, n)| n.saturating_sub(now.get(k).copied().unwrap_or(0)))
            .sum();
        self.last = now;
        let errors = diags.count(Severity::Error);
        let warnings = diags.count(Severity::Warning);
        let new_errors = fresh.count(Severity::Error);
        let new_warnings = fresh.count(Severity::Warning);
        let mut text =
            String::from_utf8_lossy(&diagnostics::to_text(&fresh, sources, false)).into_owned();
        // `to_text` ends with a summary of what it was given; the summary
        // that matters is the whole build's, said once by the caller.
        if new_errors + new_warnings > 0
            && let Some(cut) = text.trim_end_matches('\n').rfind('\n')
        {
            text.truncate(cut + 1);
        }
        News {
            text,
            new: fresh.iter().count(),
            fixed,
            summary: diagnostics::summary(errors, warnings),
        }
    }
}

/// "fixed: 2 problems", or nothing.
pub fn fixed_line(fixed: usize) -> Option<String> {
    (fixed > 0).then(|| {
        format!(
            "fixed: {fixed} problem{}",
            if fixed == 1 { "" } else { "s" }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diags(messages: &[&str]) -> Diagnostics {
        let mut d = Diagnostics::default();
        for m in messages {
            d.push(Diagnostic::error_at_path(*m, "content/x.md"));
        }
        d
    }

    #[test]
    fn a_problem_is_printed_once_and_its_fix_counted() {
        let sources = SourceMap::default();
        let mut seen = Seen::default();
        let first = seen.update(&diags(&["a", "b"]), &sources);
        assert_eq!((first.new, first.fixed), (2, 0));
        assert!(first.text.contains("error: a") && first.text.contains("error: b"));
        assert!(!first.text.contains("2 errors"), "{}", first.text);
        let again = seen.update(&diags(&["a", "b", "c"]), &sources);
        assert_eq!((again.new, again.fixed), (1, 0));
        assert!(!again.text.contains("error: a") && again.text.contains("error: c"));
        assert_eq!(again.summary, "3 errors, 0 warnings");
        let fixed = seen.update(&diags(&["c"]), &sources);
        assert_eq!((fixed.new, fixed.fixed), (0, 2));
        assert_eq!(fixed.text, "");
        assert_eq!(
            fixed_line(fixed.fixed).as_deref(),
            Some("fixed: 2 problems")
        );
        let twice = seen.update(&diags(&["c", "c"]), &sources);
        assert_eq!(twice.new, 1, "a second copy of a message is new");
    }
}
