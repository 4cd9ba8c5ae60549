//! Heading ids: made from the heading's text or written as `{#id}`, unique
//! on the page they land on (the theme's own ids included), and free of
//! anything that could break out of an attribute.

use rustc_hash::{FxHashMap, FxHashSet};

/// Ids the default theme puts on every page or on a document's page; a
/// heading never takes one (a second `main` would move the skip link).
pub const THEME_IDS: &[&str] = &[
    "main",
    "search-input",
    "search-status",
    "search-results",
    "options-title",
    "decisions-title",
    "goals-title",
    "health-title",
    "map-title",
    "map-svg-title",
    "plan-title",
    "updates-title",
    "wont-title",
    "work-title",
    "board-title",
];

/// Prefix of footnote ids, so that no footnote label takes a theme's or a
/// heading's id.
pub const FOOTNOTE_PREFIX: &str = "fn-";

/// The anchor of a heading: lowercased, runs of anything but letters and
/// digits turned into one `-`, no `-` at either end.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// Whether a written `{#id}` may be an id as it is: not empty, and no
/// blank, control character or quote.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '&')
        })
}

/// Whether a heading class is kept: ASCII letters, digits, `-` and `_`.
pub fn valid_class(class: &str) -> bool {
    !class.is_empty()
        && class
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The ids taken on one page so far.
pub struct Taken {
    used: FxHashSet<String>,
    /// For each base, the next suffix to try: twenty thousand headings
    /// named alike take linear time, not quadratic.
    next: FxHashMap<String, usize>,
}

impl Taken {
    /// The theme's ids, taken from the start.
    pub fn new() -> Self {
        Taken {
            used: THEME_IDS.iter().map(|s| s.to_string()).collect(),
            next: FxHashMap::default(),
        }
    }

    /// Takes `id` if it is free; returns whether it was.
    pub fn take(&mut self, id: &str) -> bool {
        if self.used.contains(id) {
            return false;
        }
        self.used.insert(id.to_string());
        true
    }

    /// `base` if free, else `base-1`, `base-2`, ... the first free one.
    pub fn unique(&mut self, base: String) -> String {
        if self.take(&base) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_step_around_taken_ones_in_order() {
        let mut t = Taken::new();
        assert!(t.take("intro-1"));
        assert_eq!(t.unique("intro".into()), "intro");
        assert_eq!(t.unique("intro".into()), "intro-2");
        assert_eq!(t.unique("intro".into()), "intro-3");
        assert_eq!(t.unique("main".into()), "main-1");
    }

    #[test]
    fn ids_with_blanks_controls_or_quotes_are_refused() {
        for bad in ["", "a b", "a\u{1}b", "a\"b", "x\u{7f}", "a<b"] {
            assert!(!valid_id(bad), "{bad:?}");
        }
        assert!(valid_id("mine") && valid_id("über-1"));
        assert!(valid_class("wide_1-x") && !valid_class("a\"b") && !valid_class("é"));
    }
}
