//! What `cairn new` writes for each kind: one table entry per kind, naming
//! the folder, the flags it takes and the front matter it starts with.
//! Adding a kind is adding an entry here.

use jiff::civil::Date;

pub use super::flags::{Fills, Flag};
use crate::keywords::Level;
use crate::kind::Kind;
use Fills::Key;

/// One kind `cairn new` can write.
pub struct Blueprint {
    /// The word after `cairn new`.
    pub name: &'static str,
    /// Where it goes.
    pub kind: Kind,
    /// For backlog items, the level.
    pub level: Option<Level>,
    /// The flags it takes, each with what it fills in.
    pub flags: &'static [(Flag, Fills)],
    /// Writes the front matter's own lines (without the flags' keys).
    pub front: fn(&Filled) -> Front,
    /// The body below the front matter.
    pub body: &'static str,
}

/// What the user gave, checked.
pub struct Filled<'a> {
    pub title: &'a str,
    pub today: Date,
}

/// Front matter under construction: keys with values, and commented-out
/// keys that say what they do.
#[derive(Default)]
pub struct Front {
    /// Lines before the flags' keys.
    pub head: Vec<Line>,
    /// Lines after them.
    pub tail: Vec<Line>,
}

/// One line of front matter.
pub enum Line {
    /// `key = value  # note`.
    Set(&'static str, String, &'static str),
    /// `# key = example  # note`: an optional key, off.
    Off(&'static str, &'static str, &'static str),
    /// Text as is (a table header, a blank line).
    Raw(String),
}

/// A TOML string literal.
pub fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

const DRAFT_PRIVATE: [Line; 2] = [
    Line::Off("draft", "true", "left out of every build unless --drafts"),
    Line::Off("private", "true", "left out of public builds (--public)"),
];

fn item(f: &Filled, level: Level) -> Front {
    use crate::keywords::Keyword;
    let mut front = Front {
        head: vec![
            Line::Set("title", quoted(f.title), "required"),
            Line::Set("level", quoted(level.key()), "idea | mmf | story"),
        ],
        tail: vec![
            Line::Set(
                "status",
                quoted("new"),
                "new | ready | in-progress | done | dropped",
            ),
            Line::Off(
                "priority",
                "\"should\"",
                "must | should | could | wont (MoSCoW)",
            ),
            Line::Off("tradeoffs", "[\"decision-id\"]", "decisions that shaped it"),
            Line::Off("estimate", "3", "a number, in any unit the team uses"),
            Line::Off("value", "8", "a number: what it is worth, in any unit"),
        ],
    };
    front.tail.extend(DRAFT_PRIVATE);
    front
}

fn decision(f: &Filled) -> Front {
    let mut tail = vec![
        Line::Off("consulted", "[\"stakeholder-id\"]", "who was asked"),
        Line::Off("informed", "[\"stakeholder-id\"]", "who is told"),
        Line::Off("affects", "[\"stakeholder-id\"]", "who bears the cost"),
        Line::Off(
            "supersedes",
            "[\"decision-id\"]",
            "earlier decisions this replaces",
        ),
        Line::Off("not_pursued", "[\"what we give up\"]", "said out loud"),
    ];
    tail.extend(DRAFT_PRIVATE);
    for (name, note) in [("Option A", "describe it"), ("Option B", "the alternative")] {
        tail.push(Line::Raw(String::new()));
        tail.push(Line::Raw("[[options]]  # at least two".into()));
        tail.push(Line::Set("name", quoted(name), note));
        tail.push(Line::Off(
            "chosen",
            "true",
            "exactly one when the status is accepted",
        ));
        tail.push(Line::Off("value", "\"what it brings\"", ""));
        tail.push(Line::Off("cost", "\"what it takes\"", ""));
        tail.push(Line::Off("cod_per_week", "40000", "cost of delay per week"));
        tail.push(Line::Off(
            "duration_weeks",
            "6",
            "with cod_per_week, ranks the options by CD3",
        ));
    }
    Front {
        head: vec![
            Line::Set("title", quoted(f.title), "required"),
            Line::Set(
                "status",
                quoted("proposed"),
                "proposed | accepted | rejected | deprecated",
            ),
            Line::Set("date", f.today.to_string(), "required"),
        ],
        tail,
    }
}

fn stakeholder(f: &Filled) -> Front {
    let mut tail = vec![
        Line::Off("position", "\"VP Customer Success\"", ""),
        Line::Off("organization", "\"Acme\"", ""),
        Line::Off(
            "category",
            "\"internal\"",
            "internal | external | regulatory",
        ),
        Line::Off("funding", "true", "controls funding"),
        Line::Off("veto", "true", "can block a release or decision"),
        Line::Off(
            "engagement",
            "\"consult\"",
            "collaborate | consult | inform | monitor; default from power and interest",
        ),
        Line::Off("cadence_days", "14", "how often we should talk"),
        Line::Off(
            "last_contact",
            "2026-01-31",
            "with cadence_days, shows who is overdue",
        ),
        Line::Off("success", "\"what success means to them\"", ""),
        Line::Off(
            "motivations",
            "[\"...\"]",
            "private: left out of public builds",
        ),
        Line::Off("risks", "[\"...\"]", "private: left out of public builds"),
    ];
    tail.extend(DRAFT_PRIVATE);
    Front {
        head: vec![
            Line::Set("name", quoted(f.title), "required"),
            Line::Set(
                "role",
                quoted("user"),
                "required: user | buyer | influencer",
            ),
            Line::Set(
                "power",
                "3".into(),
                "required, 1..5: ability to shape or stop the work (3: not judged yet)",
            ),
            Line::Set(
                "interest",
                "3".into(),
                "required, 1..5: how much the outcome matters to them (3: not judged yet)",
            ),
        ],
        tail,
    }
}

fn update(f: &Filled) -> Front {
    Front {
        head: vec![
            Line::Set("title", quoted(f.title), "required"),
            Line::Set("date", f.today.to_string(), "required"),
        ],
        tail: DRAFT_PRIVATE.into(),
    }
}

fn assumption(f: &Filled) -> Front {
    let mut tail = vec![
        Line::Off("underlies", "[\"backlog-id\"]", "work that rests on it"),
        Line::Off("test", "\"how we will find out\"", ""),
        Line::Off(
            "learned",
            "2026-01-31",
            "when it was validated or invalidated",
        ),
    ];
    tail.extend(DRAFT_PRIVATE);
    Front {
        head: vec![
            Line::Set("title", quoted(f.title), "required: a statement"),
            Line::Set(
                "status",
                quoted("untested"),
                "untested | testing | validated | invalidated",
            ),
            Line::Set(
                "importance",
                "3".into(),
                "required, 1..5: how much the plan depends on it",
            ),
            Line::Set(
                "evidence",
                "1".into(),
                "required, 1..5: how much evidence we have",
            ),
        ],
        tail,
    }
}

fn conversation(f: &Filled) -> Front {
    let mut tail = vec![
        Line::Off(
            "mode",
            "\"meeting\"",
            "meeting | call | email | workshop | demo | survey",
        ),
        Line::Off("goals", "[\"goal-id\"]", "goals discussed"),
        Line::Off("tradeoffs", "[\"decision-id\"]", "decisions discussed"),
        Line::Off("items", "[\"item-id\"]", "backlog items discussed"),
        Line::Off("follow_up", "2026-01-31", "when we owe them an answer"),
    ];
    tail.extend(DRAFT_PRIVATE);
    Front {
        head: vec![
            Line::Set("title", quoted(f.title), "required"),
            Line::Set("date", f.today.to_string(), "required, not after today"),
        ],
        tail,
    }
}

const ITEM_FLAGS: &[(Flag, Fills)] = &[
    (Flag::Parent, Key("parent")),
    (Flag::Serves, Key("serves")),
    (Flag::With, Key("requested_by")),
];
const ITEM_BODY: &str = "What this is, for whom, and why.\n\n## Acceptance criteria\n\n- \n";

/// Every kind `cairn new` writes, in the order help lists them.
pub static BLUEPRINTS: &[Blueprint] = &[
    Blueprint {
        name: "idea",
        kind: Kind::Backlog,
        level: Some(Level::Idea),
        flags: &[
            (Flag::Serves, Key("serves")),
            (Flag::With, Key("requested_by")),
        ],
        front: |f| item(f, Level::Idea),
        body: ITEM_BODY,
    },
    Blueprint {
        name: "mmf",
        kind: Kind::Backlog,
        level: Some(Level::Mmf),
        flags: ITEM_FLAGS,
        front: |f| item(f, Level::Mmf),
        body: ITEM_BODY,
    },
    Blueprint {
        name: "story",
        kind: Kind::Backlog,
        level: Some(Level::Story),
        flags: ITEM_FLAGS,
        front: |f| item(f, Level::Story),
        body: ITEM_BODY,
    },
    Blueprint {
        name: "decision",
        kind: Kind::Decision,
        level: None,
        flags: &[
            (Flag::Serves, Key("serves")),
            (Flag::With, Key("decided_by")),
        ],
        front: decision,
        body: "## Context\n\n## Decision\n\n## Consequences\n",
    },
    Blueprint {
        name: "stakeholder",
        kind: Kind::Stakeholder,
        level: None,
        flags: &[],
        front: stakeholder,
        body: "Notes about them: private, left out of public builds.\n",
    },
    Blueprint {
        name: "update",
        kind: Kind::Update,
        level: None,
        flags: &[
            (Flag::Audience, Key("audience")),
            (Flag::Since, Fills::Body),
        ],
        front: update,
        body: "What changed, what we decided, what comes next.\n",
    },
    Blueprint {
        name: "assumption",
        kind: Kind::Assumption,
        level: None,
        flags: &[(Flag::Serves, Key("serves"))],
        front: assumption,
        body: "The evidence we have, and what we learned.\n",
    },
    Blueprint {
        name: "conversation",
        kind: Kind::Conversation,
        level: None,
        flags: &[(Flag::With, Key("with"))],
        front: conversation,
        body: "Notes: what they said, what we promised. Team notes, left out of public builds.\n",
    },
];

/// The words `cairn new` takes.
pub fn names() -> Vec<&'static str> {
    BLUEPRINTS.iter().map(|b| b.name).collect()
}

/// The blueprint called `name`.
pub fn find(name: &str) -> Option<&'static Blueprint> {
    BLUEPRINTS.iter().find(|b| b.name == name)
}

/// Lays out lines, the notes of a run of lines in one column.
pub fn render(lines: &[Line], out: &mut String) {
    let code: Vec<(String, &str)> = lines
        .iter()
        .map(|l| match l {
            Line::Set(k, v, note) => (format!("{k} = {v}"), *note),
            Line::Off(k, v, note) => (format!("# {k} = {v}"), *note),
            Line::Raw(text) => (text.clone(), ""),
        })
        .collect();
    let width = code
        .iter()
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(0);
    for (c, note) in code {
        if note.is_empty() {
            out.push_str(c.trim_end());
        } else {
            let pad = width - c.chars().count();
            out.push_str(&format!("{c}{}  # {note}", " ".repeat(pad)));
        }
        out.push('\n');
    }
}
