//! Numbers within the bounds the caller names.

use toml::de::DeValue;

use super::{Fields, Sp};

impl Fields<'_, '_, '_> {
    /// A whole number within `min..=max`.
    pub fn integer(&mut self, key: &str, required: bool, min: i64, max: i64) -> Option<Sp<i64>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, &min.to_string());
            }
            return None;
        };
        let expected = if max == i64::MAX {
            format!("a whole number of at least {min}")
        } else {
            format!("a whole number from {min} to {max}")
        };
        let n = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Some(Sp::new(n, self.abs(value.span()))),
            Some(n) => {
                let span = self.abs(value.span());
                self.error(span, format!("`{key}` must be {expected}, found {n}"), None);
                None
            }
            None => {
                self.wrong_type(
                    key,
                    value,
                    &expected,
                    format!("write `{key} = {min}` (no quotes)"),
                );
                None
            }
        }
    }

    /// A number, whole or decimal, within `min..=max` (the README lists
    /// each key's range): nothing outside it reaches a sum or a page.
    pub fn number(&mut self, key: &str, min: f64, max: f64) -> Option<Sp<f64>> {
        let value = self.get(key)?;
        let n = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|f| f.is_finite()),
            _ => None,
        };
        let shown = crate::format::number;
        let expected = format!("a number from {} to {}", shown(min), shown(max));
        match n {
            Some(n) if (min..=max).contains(&n) => Some(Sp::new(n, self.abs(value.span()))),
            Some(_) => {
                let span = self.abs(value.span());
                let written = match value.get_ref() {
                    DeValue::Integer(i) => i.as_str().to_string(),
                    DeValue::Float(f) => f.as_str().to_string(),
                    _ => String::new(),
                };
                self.error(
                    span,
                    format!("`{key}` must be {expected}, found {written}"),
                    None,
                );
                None
            }
            None => {
                self.wrong_type(
                    key,
                    value,
                    &expected,
                    format!("write a plain number, e.g. `{key} = 3`"),
                );
                None
            }
        }
    }
}
