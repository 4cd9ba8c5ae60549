//! Meaningful changes from the timelines: each pair of consecutive
//! versions a reader may see becomes zero or more [`Change`]s. What a
//! reader may see is decided here, once, for every page and the feed: a
//! version that is private (in a public build) or a draft (without
//! `--drafts`) is as if the document did not exist then.

use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::kind::Kind;

/// What a document is, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    Vision,
    Stakeholder,
    Decision,
    Item,
    Update,
    Assumption,
    Conversation,
}

impl Subject {
    /// The subject of a path under `content/`, with the document's id;
    /// `None` for what the loader would not read as a document.
    pub fn of(path: &str) -> Option<(Subject, String)> {
        if !crate::load::reads_as_document(path) {
            return None;
        }
        let (kind, id) = crate::kind::classify(path)?;
        let subject = match kind {
            Kind::Vision => Subject::Vision,
            Kind::Stakeholder => Subject::Stakeholder,
            Kind::Decision => Subject::Decision,
            Kind::Backlog => Subject::Item,
            Kind::Update => Subject::Update,
            Kind::Assumption => Subject::Assumption,
            Kind::Conversation => Subject::Conversation,
        };
        Some((subject, id.to_string()))
    }

    /// The page of a document of this subject, when cairn writes one.
    pub fn page(self, id: &str) -> Option<String> {
        Some(match self {
            Subject::Vision => Kind::Vision.page(id),
            Subject::Stakeholder => Kind::Stakeholder.page(id),
            Subject::Decision => Kind::Decision.page(id),
            Subject::Item => Kind::Backlog.page(id),
            Subject::Update => Kind::Update.page(id),
            Subject::Assumption => Kind::Assumption.page(id),
            Subject::Conversation => Kind::Conversation.page(id),
        })
    }
}

/// What changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum What {
    /// A document appeared (for a decision: proposed, with its status).
    Added { status: Option<String> },
    /// A document was removed.
    Removed,
    /// An item's or a decision's status moved.
    Status { from: String, to: String },
    /// An item's horizon moved.
    Horizon {
        from: Option<String>,
        to: Option<String>,
    },
    /// A stakeholder's power moved.
    Power {
        from: Option<String>,
        to: Option<String>,
    },
    /// A stakeholder's interest moved.
    Interest {
        from: Option<String>,
        to: Option<String>,
    },
    /// A decision now supersedes another: its id, and its title as this
    /// build has it (set when the history is attached).
    Supersedes {
        other: String,
        #[serde(skip_serializing_if = "String::is_empty")]
        other_title: String,
    },
    /// A goal got a reading.
    Reading {
        goal: String,
        goal_title: String,
        reading: String,
    },
}

/// One meaningful change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Commit time, seconds since the epoch; the build day for uncommitted
    /// edits.
    #[serde(skip)]
    pub time: i64,
    /// The commit's place in the first-parent chain; `None`: not committed.
    #[serde(skip)]
    pub seq: Option<u32>,
    #[serde(serialize_with = "as_text")]
    pub date: Date,
    /// Not committed yet (the working tree).
    pub uncommitted: bool,
    /// Who committed it; only kept with `[history] authors = true`.
    #[serde(serialize_with = "name")]
    pub author: Option<Arc<str>>,
    /// Path under `content/` (after renames).
    pub path: String,
    pub subject: Subject,
    pub id: String,
    /// The document's title as the reader last may see it.
    pub title: String,
    /// The document is not in this build (removed since): named, not linked.
    #[serde(skip)]
    pub gone: bool,
    #[serde(flatten)]
    pub what: What,
}

fn as_text<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

fn name<S: serde::Serializer>(author: &Option<Arc<str>>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_some(&author.as_deref())
}

/// The changes between two visible versions (`None`: not there, or not
/// visible).
pub fn between(subject: Subject, old: Option<&Snapshot>, new: Option<&Snapshot>) -> Vec<What> {
    let (old, new) = match (old, new) {
        (None, None) => return Vec::new(),
        (None, Some(new)) => {
            let status = matches!(
                subject,
                Subject::Item | Subject::Decision | Subject::Assumption
            )
            .then(|| status_of(subject, new));
            let mut out = vec![What::Added { status }];
            if subject == Subject::Decision {
                out.extend(new.supersedes.iter().map(|o| What::Supersedes {
                    other: o.clone(),
                    other_title: String::new(),
                }));
            }
            out.extend(readings(&Snapshot::default(), new));
            return out;
        }
        (Some(_), None) => return vec![What::Removed],
        (Some(old), Some(new)) => (old, new),
    };
    let mut out = Vec::new();
    if matches!(
        subject,
        Subject::Item | Subject::Decision | Subject::Assumption
    ) {
        let (from, to) = (status_of(subject, old), status_of(subject, new));
        if from != to {
            out.push(What::Status { from, to });
        }
    }
    if subject == Subject::Decision {
        for other in new
            .supersedes
            .iter()
            .filter(|s| !old.supersedes.contains(s))
        {
            out.push(What::Supersedes {
                other: other.clone(),
                other_title: String::new(),
            });
        }
    }
    if subject == Subject::Item && old.horizon != new.horizon {
        out.push(What::Horizon {
            from: old.horizon.clone(),
            to: new.horizon.clone(),
        });
    }
    if subject == Subject::Stakeholder {
        if old.power != new.power {
            out.push(What::Power {
                from: old.power.clone(),
                to: new.power.clone(),
            });
        }
        if old.interest != new.interest {
            out.push(What::Interest {
                from: old.interest.clone(),
                to: new.interest.clone(),
            });
        }
    }
    if subject == Subject::Vision {
        out.extend(readings(old, new));
    }
    out
}

/// A status as the loader reads it: an item without one is `new`, a
/// decision without one `proposed`, an assumption `untested`.
fn status_of(subject: Subject, s: &Snapshot) -> String {
    s.status.clone().unwrap_or_else(|| {
        match subject {
            Subject::Item => "new",
            Subject::Assumption => "untested",
            _ => "proposed",
        }
        .to_string()
    })
}

/// Readings in `new` that `old` does not have, by goal.
fn readings(old: &Snapshot, new: &Snapshot) -> Vec<What> {
    let mut out = Vec::new();
    for (goal, title, list) in &new.goals {
        let before = old.goals.iter().find(|g| &g.0 == goal).map(|g| &g.2);
        for reading in list {
            if before.is_none_or(|b| !b.contains(reading)) {
                out.push(What::Reading {
                    goal: goal.clone(),
                    goal_title: title.clone(),
                    reading: reading.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(status: &str) -> Snapshot {
        Snapshot {
            status: Some(status.into()),
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_status_move_says_from_and_to() {
        let got = between(Subject::Item, Some(&snap("next")), Some(&snap("done")));
        assert_eq!(
            got,
            vec![What::Status {
                from: "next".into(),
                to: "done".into()
            }]
        );
    }

    #[test]
    fn a_version_nobody_may_see_is_no_change() {
        assert!(between(Subject::Item, None, None).is_empty());
    }
}
