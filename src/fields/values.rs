//! Single values: strings, lists of strings, booleans, dates, keywords.

use jiff::civil::Date;
use toml::de::DeValue;

use super::{Fields, Sp};
use crate::keywords::Keyword;

impl Fields<'_, '_, '_> {
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
}
