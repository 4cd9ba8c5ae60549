//! Tables inside a table: `[[goals]]`, `[build]`, and `[extra]` kept as JSON.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::Fields;

impl<'t, 'i> Fields<'t, 'i, '_> {
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
                format!("write each entry as a `[[{}{key}]]` table", self.path),
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
                    format!("write each entry as a `[[{}{key}]]` table", self.path),
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
            let mut inner = self
                .inner(key, table, (what, known), anchor)
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
                        format!(
                            "write `[{}{key}]` on its own line, then its keys",
                            self.path
                        ),
                    );
                    (&*EMPTY, self.anchor.clone())
                }
            },
            None => (&*EMPTY, self.anchor.clone()),
        };
        read(&mut self.inner(key, table, (what, known), anchor))
    }

    /// A reader of `table`, written inside this one; a missing key of it
    /// points at `anchor`.
    fn inner(
        &mut self,
        key: &str,
        table: &'t DeTable<'i>,
        (what, known): (&'static str, &[&str]),
        anchor: Range<usize>,
    ) -> Fields<'t, 'i, '_> {
        let path = format!("{}{key}.", self.path);
        let mut inner = Fields::new(
            table,
            (what, known),
            (self.file, self.offset, anchor),
            self.registry,
            self.diags,
        );
        inner.path = path;
        inner
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
