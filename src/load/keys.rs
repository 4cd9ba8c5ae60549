//! Every table of keys cairn reads, in one list: the lists the loader
//! checks unknown keys against, gathered so that the reference
//! (`docs/reference.md`) can be tested against them and so that a key
//! written on the wrong kind can be told apart from a typo.

use super::config;
use super::documents as d;
use crate::fields::Registry;
use crate::kind::Kind;

/// One table of front matter or of `cairn.toml`.
#[derive(Debug, Clone, Copy)]
pub struct KeyTable {
    /// The heading of its section in `docs/reference.md`.
    pub heading: &'static str,
    /// What it is called in messages ("a backlog item"), as `Fields` knows it.
    pub what: &'static str,
    /// Its keys, as the loader accepts them (`[extra]` aside, which every
    /// table takes).
    pub keys: &'static [&'static str],
}

/// Every table, in the order of the reference.
pub const TABLES: &[KeyTable] = &[
    KeyTable {
        heading: "cairn.toml",
        what: "cairn.toml",
        keys: config::KEYS,
    },
    KeyTable {
        heading: "[build]",
        what: "the [build] table",
        keys: config::BUILD_KEYS,
    },
    KeyTable {
        heading: "[links]",
        what: "the [links] table",
        keys: crate::page_links::KEYS,
    },
    KeyTable {
        heading: "[public]",
        what: "the [public] table",
        keys: config::PUBLIC_KEYS,
    },
    KeyTable {
        heading: "[roadmap]",
        what: "the [roadmap] table",
        keys: config::ROADMAP_KEYS,
    },
    KeyTable {
        heading: "[history]",
        what: "the [history] table",
        keys: crate::history::KEYS,
    },
    KeyTable {
        heading: "Every document",
        what: "every document",
        keys: &d::COMMON,
    },
    KeyTable {
        heading: "vision.md",
        what: d::VISION_WHAT,
        keys: d::VISION_KEYS,
    },
    KeyTable {
        heading: "[[goals]]",
        what: "a goal",
        keys: d::GOAL_KEYS,
    },
    KeyTable {
        heading: "readings",
        what: "a reading",
        keys: super::readings::READING_KEYS,
    },
    KeyTable {
        heading: "stakeholders/<id>.md",
        what: "a stakeholder",
        keys: d::STAKEHOLDER_KEYS,
    },
    KeyTable {
        heading: "tradeoffs/<id>.md",
        what: "a decision record",
        keys: d::DECISION_KEYS,
    },
    KeyTable {
        heading: "[[options]]",
        what: "an option",
        keys: d::OPTION_KEYS,
    },
    KeyTable {
        heading: "backlog/<id>.md",
        what: "a backlog item",
        keys: d::ITEM_KEYS,
    },
    KeyTable {
        heading: "updates/<id>.md",
        what: "an update",
        keys: d::UPDATE_KEYS,
    },
    KeyTable {
        heading: "assumptions/<id>.md",
        what: "an assumption",
        keys: d::ASSUMPTION_KEYS,
    },
    KeyTable {
        heading: "conversations/<id>.md",
        what: "a conversation",
        keys: crate::conversations::load::KEYS,
    },
];

/// The tables for the field reader.
pub const REGISTRY: Registry = Registry { elsewhere, listed };

/// Whether the table called `what` is in [`TABLES`] with every key of
/// `known` (which may add the keys every document takes): `Fields` checks
/// it in debug builds, so that a table added to the loader but not here
/// fails every test that reads one, and so reaches the reference.
pub fn listed(what: &str, known: &[&str]) -> bool {
    TABLES.iter().any(|t| {
        t.what == what
            && known
                .iter()
                .all(|k| t.keys.contains(k) || d::COMMON.contains(k))
    })
}

/// The help for `key`, unknown in the table called `what`, when it is a key
/// of other kinds of document: a key put on the wrong kind is no typo, and
/// its nearest spelling among this table's keys would mislead.
pub fn elsewhere(key: &str, what: &str) -> Option<String> {
    let documents: Vec<&'static str> = Kind::FOLDERS
        .iter()
        .chain([&Kind::Vision])
        .map(|k| k.noun())
        .chain(["a goal", "an option"])
        .collect();
    if !documents.contains(&what) {
        return None;
    }
    let owners: Vec<&str> = TABLES
        .iter()
        .filter(|t| t.what != what && documents.contains(&t.what) && t.keys.contains(&key))
        .map(|t| t.what)
        .collect();
    let (last, rest) = owners.split_last()?;
    let owners = if rest.is_empty() {
        last.to_string()
    } else {
        format!("{} and {last}", rest.join(", "))
    };
    let own = TABLES.iter().find(|t| t.what == what)?;
    let mut keys: Vec<String> = own.keys.iter().map(|k| format!("`{k}`")).collect();
    if !["a goal", "an option", "a reading"].contains(&own.what) {
        keys.extend(d::COMMON.iter().map(|k| format!("`{k}`")));
    }
    Some(format!(
        "`{key}` is a key of {owners}, not of {what}; the keys of {what} are {}",
        keys.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_of_another_kind_says_whose_it_is() {
        let help = elsewhere("date", "a backlog item").unwrap();
        assert!(
            help.starts_with("`date` is a key of a decision record, an update and a conversation, not of a backlog item; the keys of a backlog item are `title`"),
            "{help}"
        );
        assert!(help.contains("`serves`"), "{help}");
        assert_eq!(elsewhere("serve", "a backlog item"), None);
        assert_eq!(elsewhere("title", "cairn.toml"), None);
    }

    #[test]
    fn every_table_the_loader_reads_is_listed() {
        assert!(listed("a backlog item", &d::item_keys()));
        assert!(listed("cairn.toml", config::KEYS));
        assert!(!listed("the [nowhere] table", &["health"]));
        assert!(!listed("cairn.toml", &["nowhere"]));
    }
}
