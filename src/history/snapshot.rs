//! What one version of a document said, as far as history needs it: read
//! from its front matter with the loader's fence splitter and TOML parser.
//! Keys are read as raw TOML values, so that keys the loader does not know
//! yet (`horizon`, goal `readings`) are followed as soon as they are written.

use toml::{Table, Value};

use crate::fields::first_control;
use crate::load::frontmatter;

/// The fields of one version of a document that a change is made of.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    /// `private = true`.
    pub private: bool,
    /// `draft = true`.
    pub draft: bool,
    /// `title`, or a stakeholder's `name`.
    pub title: String,
    /// An item's or a decision's `status`.
    pub status: Option<String>,
    /// An item's `horizon`.
    pub horizon: Option<String>,
    /// A stakeholder's `power`.
    pub power: Option<String>,
    /// A stakeholder's `interest`.
    pub interest: Option<String>,
    /// A decision's `supersedes`.
    pub supersedes: Vec<String>,
    /// The vision's goals: (goal id, its title, each reading as TOML).
    pub goals: Vec<(String, String, Vec<String>)>,
    /// A backlog item's `parent`.
    pub parent: Option<String>,
    /// What a public build shows of a stakeholder, hashed: the front
    /// matter without the private keys (the body is private too), without
    /// the engagement keys (`[0]`) and with them (`[1]`, for
    /// `[public] engagement = true`). `None` when not read from the file.
    pub shown: Option<[u64; 2]>,
}

/// The snapshot of `text`, or `None` when its front matter does not parse
/// or holds what the loader refuses, a control character (an old commit
/// may hold a broken file: it is skipped, never an error).
pub fn parse(text: &[u8]) -> Option<Snapshot> {
    let text = std::str::from_utf8(text).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = frontmatter::split(text).ok()?;
    let table: Table = toml::from_str(split.front).ok()?;
    if holds_control(&table) {
        return None;
    }
    let text_of = |key: &str| table.get(key).map(scalar);
    let goals = match table.get("goals") {
        Some(Value::Array(goals)) => goals
            .iter()
            .filter_map(Value::as_table)
            .filter_map(|g| {
                let id = g.get("id")?.as_str()?.to_string();
                let title = g.get("title").and_then(Value::as_str).unwrap_or(&id);
                let readings = match g.get("readings") {
                    Some(Value::Array(r)) => r.iter().map(scalar).collect(),
                    _ => Vec::new(),
                };
                Some((id.clone(), title.to_string(), readings))
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(Snapshot {
        private: table.get("private").and_then(Value::as_bool) == Some(true),
        draft: table.get("draft").and_then(Value::as_bool) == Some(true),
        title: text_of("title")
            .or_else(|| text_of("name"))
            .unwrap_or_default(),
        status: text_of("status"),
        horizon: text_of("horizon"),
        power: text_of("power"),
        interest: text_of("interest"),
        supersedes: match table.get("supersedes") {
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        },
        goals,
        parent: text_of("parent"),
        shown: Some(shown(&table)),
    })
}

/// Whether a key or a text value anywhere in `table` holds a character
/// the loader refuses ([`first_control`]): it would reach pages and the
/// feed.
fn holds_control(table: &Table) -> bool {
    fn value(v: &Value) -> bool {
        match v {
            Value::String(s) => first_control(s).is_some(),
            Value::Array(items) => items.iter().any(value),
            Value::Table(t) => holds_control(t),
            _ => false,
        }
    }
    table
        .iter()
        .any(|(k, v)| first_control(k).is_some() || value(v))
}

/// See [`Snapshot::shown`].
fn shown(table: &Table) -> [u64; 2] {
    use crate::load::documents::{
        STAKEHOLDER_ENGAGEMENT_KEYS as ENGAGEMENT_KEYS, STAKEHOLDER_PRIVATE_KEYS as PRIVATE_KEYS,
    };
    use std::hash::{Hash, Hasher};
    let hash = |engagement: bool| {
        let mut hasher = rustc_hash::FxHasher::default();
        for (key, value) in table {
            let hidden = PRIVATE_KEYS.contains(&key.as_str())
                || (!engagement && ENGAGEMENT_KEYS.contains(&key.as_str()));
            if !hidden {
                (key, value.to_string()).hash(&mut hasher);
            }
        }
        hasher.finish()
    };
    [hash(false), hash(true)]
}

/// A value as a reader would write it: text without quotes, anything else
/// as TOML (a reading table keeps its keys).
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Table(t) => {
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k} = {}", scalar(v)))
                .collect();
            parts.join(", ")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_front_matter_is_no_snapshot() {
        assert_eq!(parse(b"+++\ntitle = \n+++\n"), None);
        assert_eq!(parse(b"no fences"), None);
    }

    #[test]
    fn a_version_with_a_control_character_the_loader_refuses_is_no_snapshot() {
        for front in [
            "title = \"a\\u0001b\"",
            "title = \"T\"\nstatus = \"\\u001b[31m\"",
            "title = \"T\"\n\"k\\u0007\" = 1",
            "title = \"T\"\n[[goals]]\nid = \"g\"\nreadings = [{ note = \"\\u0085\" }]",
            "title = \"T\"\n[extra]\nx = [\"\\r\"]",
        ] {
            let text = format!("+++\n{front}\n+++\n");
            assert_eq!(parse(text.as_bytes()), None, "{front}");
        }
        // Tab and line breaks are text.
        let fine = parse(b"+++\ntitle = \"a\\tb\\r\\nc\"\n+++\n").unwrap();
        assert_eq!(fine.title, "a\tb\r\nc");
    }

    #[test]
    fn readings_are_kept_as_written() {
        let s = parse(
            b"+++\ntitle = \"V\"\n[[goals]]\nid = \"g\"\ntitle = \"G\"\nreadings = [{ date = 2026-01-02, value = 3 }]\n+++\n",
        )
        .unwrap();
        assert_eq!(s.goals[0].0, "g");
        assert_eq!(
            s.goals[0].2,
            vec!["date = 2026-01-02, value = 3".to_string()]
        );
    }
}
