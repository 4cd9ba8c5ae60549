//! The kinds of document and the folders they live in under `content/`.
//! Where each one's page lands is in the page table ([`crate::pages`]).

use serde::Serialize;

/// What a document is, decided by the folder it sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// `content/vision.md`.
    Vision,
    /// `content/stakeholders/`.
    Stakeholder,
    /// A decision record. Its folder, `content/tradeoffs/`, is named for
    /// what a decision weighs; in code and on pages it is a decision.
    Decision,
    /// `content/backlog/`: ideas, MMFs and stories.
    Backlog,
    /// `content/updates/`.
    Update,
    /// `content/assumptions/` (v2): beliefs the plan rests on.
    Assumption,
    /// `content/conversations/`: the engagement log.
    Conversation,
}

impl Kind {
    /// Kinds that live in a folder of their own, one document per file.
    pub const FOLDERS: [Kind; 6] = [
        Kind::Stakeholder,
        Kind::Decision,
        Kind::Backlog,
        Kind::Update,
        Kind::Assumption,
        Kind::Conversation,
    ];

    /// The folder under `content/` (and under the output).
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Vision => "vision",
            Kind::Stakeholder => "stakeholders",
            Kind::Decision => "tradeoffs",
            Kind::Backlog => "backlog",
            Kind::Update => "updates",
            Kind::Assumption => "assumptions",
            Kind::Conversation => "conversations",
        }
    }

    /// The kind whose folder is `name`.
    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::FOLDERS.into_iter().find(|k| k.folder() == name)
    }

    /// One document of this kind, for messages ("a stakeholder").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Vision => "the vision",
            Kind::Stakeholder => "a stakeholder",
            Kind::Decision => "a decision record",
            Kind::Backlog => "a backlog item",
            Kind::Update => "an update",
            Kind::Assumption => "an assumption",
            Kind::Conversation => "a conversation",
        }
    }

    /// Singular name without article ("stakeholder").
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Vision => "vision",
            Kind::Stakeholder => "stakeholder",
            Kind::Decision => "decision",
            Kind::Backlog => "backlog item",
            Kind::Update => "update",
            Kind::Assumption => "assumption",
            Kind::Conversation => "conversation",
        }
    }

    /// Many documents of this kind, capitalised ("Decision records").
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Vision => "Visions",
            Kind::Stakeholder => "Stakeholders",
            Kind::Decision => "Decision records",
            Kind::Backlog => "Backlog items",
            Kind::Update => "Updates",
            Kind::Assumption => "Assumptions",
            Kind::Conversation => "Conversations",
        }
    }
}

// Where a page lands is the page table's: `Kind::page` is defined there.
pub use crate::pages::goal_page;

/// The kind and id of a document from its path under `content/`
/// (`backlog/sub/x.md` -> Backlog, `x`). `None` when the path is not where
/// a document can be.
pub fn classify(path: &str) -> Option<(Kind, &str)> {
    if path == "vision.md" {
        return Some((Kind::Vision, "vision"));
    }
    let (folder, rest) = path.split_once('/')?;
    let kind = Kind::from_folder(folder)?;
    let file = rest.rsplit('/').next()?;
    let id = file.strip_suffix(".md")?;
    Some((kind, id))
}

/// Whether `id` follows the id rules: lowercase ASCII letters, digits and
/// `-`, not empty.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A valid id close to `raw`, to suggest in a rename.
pub fn suggest_id(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "item".into()
    } else {
        trimmed.into()
    }
}

/// Folder names people give a kind's documents in other tools.
const FOLDER_ALIASES: &[(&str, Kind)] = &[
    ("decisions", Kind::Decision),
    ("decision", Kind::Decision),
    ("adr", Kind::Decision),
    ("adrs", Kind::Decision),
    ("people", Kind::Stakeholder),
    ("personas", Kind::Stakeholder),
    ("items", Kind::Backlog),
    ("stories", Kind::Backlog),
    ("epics", Kind::Backlog),
    ("features", Kind::Backlog),
    ("news", Kind::Update),
    ("posts", Kind::Update),
    ("meetings", Kind::Conversation),
    ("interviews", Kind::Conversation),
    ("engagement", Kind::Conversation),
];

/// The help for a folder of `content/` that is not a kind's: the kind it
/// was probably meant for, by another name or by a typo.
pub fn unknown_folder_help(name: &str) -> String {
    const FOLDERS: &str = "stakeholders/, tradeoffs/, backlog/, updates/ or conversations/";
    if name == "goals" {
        return "goals are not files: write them as `[[goals]]` tables in content/vision.md".into();
    }
    let lower = name.to_lowercase();
    let alias = FOLDER_ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map(|(_, kind)| *kind);
    let near = || {
        let folders = Kind::FOLDERS.iter().map(|k| k.folder());
        crate::suggest::closest(&lower, folders).and_then(Kind::from_folder)
    };
    match alias.or_else(near) {
        Some(kind) => format!(
            "did you mean `{0}/`? {1} go in {0}/; documents go in {FOLDERS}",
            kind.folder(),
            kind.plural()
        ),
        None => format!("documents go in {FOLDERS} (or vision.md at the top)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths_in_subfolders() {
        assert_eq!(classify("backlog/q3/sso.md"), Some((Kind::Backlog, "sso")));
        assert_eq!(classify("vision.md"), Some((Kind::Vision, "vision")));
        assert_eq!(classify("notes/x.md"), None);
        assert_eq!(classify("backlog/x.txt"), None);
    }

    #[test]
    fn id_rules_and_suggestions() {
        assert!(is_valid_id("sso-first-2"));
        assert!(!is_valid_id("SSO First"));
        assert!(!is_valid_id("a_b"));
        assert_eq!(suggest_id("SSO First!"), "sso-first");
        assert_eq!(suggest_id("Ünïcode"), "n-code");
    }

    #[test]
    fn a_folder_named_as_in_other_tools_suggests_the_kind() {
        assert_eq!(
            unknown_folder_help("decisions"),
            "did you mean `tradeoffs/`? Decision records go in tradeoffs/; \
             documents go in stakeholders/, tradeoffs/, backlog/, updates/ or conversations/"
        );
        assert!(unknown_folder_help("stakeholder").starts_with("did you mean `stakeholders/`?"));
        assert!(unknown_folder_help("goals").contains("`[[goals]]` tables in content/vision.md"));
        assert!(unknown_folder_help("zebra").starts_with("documents go in"));
        assert!(unknown_folder_help("meetings").starts_with("did you mean `conversations/`?"));
    }
}
