//! The closed vocabularies of the content model (`level`, `status`, `role`,
//! ...) as enums. Front matter spells them in lowercase; templates receive
//! both the key (for CSS classes) and a human label.

use serde::Serialize;

/// A word from a closed list, read from front matter.
pub trait Keyword: Copy + Sized + 'static {
    /// What the list is called in messages ("level"): the key it is read from.
    const WHAT: &'static str;
    /// What kind of document the key belongs to ("a backlog item").
    const OWNER: &'static str;
    /// Every word and its value, in display order.
    const ALL: &'static [(&'static str, Self)];
    /// The word as written in front matter.
    fn key(self) -> &'static str;
    /// The word as shown to readers.
    fn label(self) -> &'static str;

    /// Parses the front-matter word.
    fn parse(word: &str) -> Option<Self> {
        Self::ALL.iter().find(|(k, _)| *k == word).map(|(_, v)| *v)
    }

    /// "`idea`, `mmf` or `story`", for help texts.
    fn choices() -> String {
        let words: Vec<String> = Self::ALL.iter().map(|(k, _)| format!("`{k}`")).collect();
        match words.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => words.join(""),
        }
    }
}

macro_rules! keyword {
    ($(#[$meta:meta])* $name:ident, $what:literal, $owner:literal, { $($(#[$vmeta:meta])* $variant:ident => ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl Keyword for $name {
            const WHAT: &'static str = $what;
            const OWNER: &'static str = $owner;
            const ALL: &'static [(&'static str, Self)] = &[$(($key, $name::$variant)),+];
            fn key(self) -> &'static str { match self { $($name::$variant => $key),+ } }
            fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
    };
}

keyword!(
    /// (v2) Where an assumption stands.
    AssumptionStatus, "status", "an assumption", {
        Untested => ("untested", "Untested"),
        Testing => ("testing", "Testing"),
        Validated => ("validated", "Validated"),
        Invalidated => ("invalidated", "Invalidated"),
    }
);

keyword!(
    /// (v2) When a backlog item is expected: the roadmap's columns.
    Horizon, "horizon", "a backlog item", {
        /// Committed: being built.
        Now => ("now", "Now"),
        /// Likely: up next.
        Next => ("next", "Next"),
        /// A direction, not a promise.
        Later => ("later", "Later"),
    }
);

keyword!(
    /// (v2) How sure the team is of an item's horizon and value.
    Confidence, "confidence", "a backlog item", {
        High => ("high", "High confidence"),
        Medium => ("medium", "Medium confidence"),
        Low => ("low", "Low confidence"),
    }
);

keyword!(
    /// The three levels of backlog work.
    Level, "level", "a backlog item", {
        /// A big idea: the top of the tree.
        Idea => ("idea", "Big idea"),
        /// A minimum marketable feature.
        Mmf => ("mmf", "MMF"),
        /// A story the team delivers.
        Story => ("story", "Story"),
    }
);

keyword!(
    /// Where a backlog item stands.
    Status, "status", "a backlog item", {
        /// Not yet refined.
        New => ("new", "New"),
        /// Refined and ready to start.
        Ready => ("ready", "Ready"),
        /// Being built.
        InProgress => ("in-progress", "In progress"),
        /// Delivered.
        Done => ("done", "Done"),
        /// Given up; excluded from progress.
        Dropped => ("dropped", "Dropped"),
    }
);

keyword!(
    /// MoSCoW priority.
    Priority, "priority", "a backlog item", {
        /// Must have.
        Must => ("must", "Must have"),
        /// Should have.
        Should => ("should", "Should have"),
        /// Could have.
        Could => ("could", "Could have"),
        /// Won't have this time.
        Wont => ("wont", "Won't have this time"),
    }
);

keyword!(
    /// Who a stakeholder is to the product.
    Role, "role", "a stakeholder", {
        /// Lives with the product every day.
        User => ("user", "User"),
        /// Pays for it.
        Buyer => ("buyer", "Buyer"),
        /// Can shape, fund or stop it without using or buying it.
        Influencer => ("influencer", "Influencer"),
    }
);

keyword!(
    /// Where a stakeholder sits relative to the organisation.
    Category, "category", "a stakeholder", {
        /// Inside the company.
        Internal => ("internal", "Internal"),
        /// Customers, partners.
        External => ("external", "External"),
        /// Regulators, auditors.
        Regulatory => ("regulatory", "Regulatory"),
    }
);

keyword!(
    /// How closely we engage a stakeholder (the power/interest grid).
    Engagement, "engagement", "a stakeholder", {
        /// High power, high interest: manage closely.
        Collaborate => ("collaborate", "Collaborate"),
        /// High power: keep satisfied.
        Consult => ("consult", "Consult"),
        /// High interest: keep informed.
        Inform => ("inform", "Inform"),
        /// Neither: monitor.
        Monitor => ("monitor", "Monitor"),
    }
);

impl Engagement {
    /// The default from the power/interest grid of the content model.
    pub fn from_grid(power: u8, interest: u8) -> Self {
        match (power >= 4, interest >= 4) {
            (true, true) => Engagement::Collaborate,
            (true, false) => Engagement::Consult,
            (false, true) => Engagement::Inform,
            (false, false) => Engagement::Monitor,
        }
    }
}

keyword!(
    /// Where a decision record stands.
    DecisionStatus, "status", "a decision record", {
        /// Under discussion.
        Proposed => ("proposed", "Proposed"),
        /// In force.
        Accepted => ("accepted", "Accepted"),
        /// Turned down.
        Rejected => ("rejected", "Rejected"),
        /// No longer in force.
        Deprecated => ("deprecated", "Deprecated"),
    }
);

keyword!(
    /// How a conversation took place.
    Mode, "mode", "a conversation", {
        Meeting => ("meeting", "Meeting"),
        Call => ("call", "Call"),
        Email => ("email", "Email"),
        Workshop => ("workshop", "Workshop"),
        Demo => ("demo", "Demo"),
        Survey => ("survey", "Survey"),
    }
);

/// Words people write for a value under another name, by the key and kind
/// they belong to: (kind, key, written, meant). Mostly the values of the
/// other `status`, so that a decision's word on a backlog item (or the
/// reverse) is answered with its counterpart, not with a lookalike.
const MEANT: &[(&str, &str, &str, &str)] = &[
    ("a backlog item", "status", "proposed", "new"),
    ("a backlog item", "status", "accepted", "ready"),
    ("a backlog item", "status", "rejected", "dropped"),
    ("a backlog item", "status", "deprecated", "dropped"),
    ("a backlog item", "status", "todo", "new"),
    ("a backlog item", "status", "doing", "in-progress"),
    ("a backlog item", "status", "completed", "done"),
    ("a backlog item", "status", "cancelled", "dropped"),
    ("a backlog item", "level", "epic", "idea"),
    ("a backlog item", "level", "feature", "mmf"),
    ("a decision record", "status", "new", "proposed"),
    ("a decision record", "status", "draft", "proposed"),
    ("a decision record", "status", "done", "accepted"),
    ("a decision record", "status", "dropped", "rejected"),
    ("a decision record", "status", "superseded", "deprecated"),
];

/// Every closed list: (kind, key, words).
fn vocabularies() -> [(&'static str, &'static str, Vec<&'static str>); 8] {
    fn of<K: Keyword>() -> (&'static str, &'static str, Vec<&'static str>) {
        (K::OWNER, K::WHAT, K::ALL.iter().map(|(w, _)| *w).collect())
    }
    [
        of::<Level>(),
        of::<Status>(),
        of::<Priority>(),
        of::<Role>(),
        of::<Category>(),
        of::<Engagement>(),
        of::<DecisionStatus>(),
        of::<Mode>(),
    ]
}

/// The help for `word`, which is not one of `K`'s: a word of another list
/// says whose it is, and a known counterpart or a near spelling among `K`'s
/// own words is offered; nothing from another list is ever suggested.
pub fn unknown_help<K: Keyword>(word: &str) -> String {
    let choices = format!("the choices are {}", K::choices());
    let meant = MEANT
        .iter()
        .find(|(owner, what, written, _)| {
            *owner == K::OWNER && *what == K::WHAT && *written == word
        })
        .map(|m| m.3);
    let elsewhere = vocabularies().into_iter().find(|(owner, what, words)| {
        (*owner, *what) != (K::OWNER, K::WHAT) && words.contains(&word)
    });
    match (elsewhere, meant) {
        (Some((owner, what, _)), meant) => {
            let whose = if owner == K::OWNER && what != K::WHAT {
                format!("`{word}` is a value of `{what}`, not of `{}`", K::WHAT)
            } else {
                let a = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("`{word}` is {a} {what} of {owner}, not of {}", K::OWNER)
            };
            match meant {
                Some(m) => format!(
                    "{whose}; did you mean `{m}`? The choices are {}",
                    K::choices()
                ),
                None => format!("{whose}; {choices}"),
            }
        }
        (None, Some(m)) => format!("did you mean `{m}`? The choices are {}", K::choices()),
        (None, None) => match crate::suggest::closest(word, K::ALL.iter().map(|(w, _)| *w)) {
            Some(near) => format!("did you mean `{near}`? The choices are {}", K::choices()),
            None => choices,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_engagement_follows_the_grid() {
        assert_eq!(Engagement::from_grid(5, 4), Engagement::Collaborate);
        assert_eq!(Engagement::from_grid(4, 3), Engagement::Consult);
        assert_eq!(Engagement::from_grid(3, 5), Engagement::Inform);
        assert_eq!(Engagement::from_grid(3, 3), Engagement::Monitor);
    }

    #[test]
    fn keywords_round_trip_and_list_choices() {
        assert_eq!(Status::parse("in-progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("doing"), None);
        assert_eq!(Level::choices(), "`idea`, `mmf` or `story`");
    }

    #[test]
    fn a_value_of_another_list_says_whose_it_is_and_suggests_only_own_values() {
        assert_eq!(
            unknown_help::<Status>("proposed"),
            "`proposed` is a status of a decision record, not of a backlog item; \
             did you mean `new`? The choices are `new`, `ready`, `in-progress`, `done` or `dropped`"
        );
        assert_eq!(
            unknown_help::<DecisionStatus>("in-progress"),
            "`in-progress` is a status of a backlog item, not of a decision record; \
             the choices are `proposed`, `accepted`, `rejected` or `deprecated`"
        );
        assert_eq!(
            unknown_help::<Role>("collaborate"),
            "`collaborate` is a value of `engagement`, not of `role`; \
             the choices are `user`, `buyer` or `influencer`"
        );
        assert!(unknown_help::<Status>("in_progress").starts_with("did you mean `in-progress`?"));
    }

    #[test]
    fn every_counterpart_is_a_value_of_its_own_list() {
        for (owner, what, written, meant) in MEANT {
            let (_, _, words) = vocabularies()
                .into_iter()
                .find(|(o, w, _)| (o, w) == (owner, what))
                .expect("a list");
            assert!(words.contains(meant), "{meant} for {what} of {owner}");
            assert!(!words.contains(written), "{written} is already valid");
        }
    }
}
