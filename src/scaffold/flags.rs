//! The flags of `cairn new` beyond `--title`, and what each fills in.

/// A flag of `cairn new` beyond `--title`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// `--parent`: a backlog id.
    Parent,
    /// `--serves`: goal ids.
    Serves,
    /// `--with`: stakeholder ids of the people involved.
    With,
    /// `--audience`: stakeholder ids an update is for.
    Audience,
    /// `--since`: where an update's digest of changes starts.
    Since,
}

/// What a flag fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fills {
    /// This front-matter key.
    Key(&'static str),
    /// The body.
    Body,
}

impl Flag {
    /// The flag as typed.
    pub fn spelling(self) -> &'static str {
        match self {
            Flag::Parent => "--parent",
            Flag::Serves => "--serves",
            Flag::With => "--with",
            Flag::Audience => "--audience",
            Flag::Since => "--since",
        }
    }
}
