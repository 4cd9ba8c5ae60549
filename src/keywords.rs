//! The closed vocabularies of the content model (`level`, `status`, `role`,
//! ...) as enums. Front matter spells them in lowercase; templates receive
//! both the key (for CSS classes) and a human label.

use serde::Serialize;

/// A word from a closed list, read from front matter.
pub trait Keyword: Copy + Sized + 'static {
    /// What the list is called in messages ("level").
    const WHAT: &'static str;
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
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => ($key:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl Keyword for $name {
            const WHAT: &'static str = $what;
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
    /// The three levels of backlog work.
    Level, "level", {
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
    Status, "status", {
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
    Priority, "priority", {
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
    Role, "role", {
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
    Category, "category", {
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
    Engagement, "engagement", {
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
    DecisionStatus, "status", {
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
}
