//! What pages show of the history, as plain data for templates: the
//! changes grouped by week, when a document last changed, the changes that
//! touch a stakeholder, and who moved on the power/interest map.

use jiff::ToSpan;
use jiff::civil::Date;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{Change, History, State, What};
use crate::format;
use crate::model::Portal;

/// One change in a list.
#[derive(Serialize)]
pub struct ChangeView<'a> {
    /// `YYYY-MM-DD`, for `data-changed`.
    pub date: String,
    /// For reading.
    pub date_text: String,
    /// "Backlog item", "Decision", ….
    pub subject: &'static str,
    pub title: &'a str,
    /// Root-relative page, when the document has one.
    pub href: Option<String>,
    /// "status moved from next to done".
    pub summary: String,
    pub author: Option<&'a str>,
    pub uncommitted: bool,
}

/// The changes of one week.
#[derive(Serialize)]
pub struct Week<'a> {
    /// "Week of 30 November 2026".
    pub label: String,
    /// The Monday, `YYYY-MM-DD`.
    pub monday: String,
    pub changes: Vec<ChangeView<'a>>,
}

/// What a change did, in words.
pub fn summary(c: &Change) -> String {
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    match &c.what {
        What::Added { status } => match (c.subject, status) {
            (super::Subject::Update, _) => "published".into(),
            (super::Subject::Conversation, _) => "logged".into(),
            (super::Subject::Decision, Some(s)) if s == "proposed" => "proposed".into(),
            (super::Subject::Decision, Some(s)) => format!("recorded as {s}"),
            (_, Some(s)) => format!("added as {s}"),
            _ => "added".into(),
        },
        What::Removed => "removed".into(),
        What::Status { from, to } => match (c.subject, to.as_str()) {
            (super::Subject::Item, "dropped") => format!("dropped (was {from})"),
            (super::Subject::Decision, _) => format!("{to} (was {from})"),
            _ => format!("status moved from {from} to {to}"),
        },
        What::Horizon { from, to } => {
            format!("horizon moved from {} to {}", or_none(from), or_none(to))
        }
        What::Power { from, to } => format!("power {} → {}", or_none(from), or_none(to)),
        What::Interest { from, to } => {
            format!("interest {} → {}", or_none(from), or_none(to))
        }
        What::Reading { reading, .. } => format!("reading added: {reading}"),
        What::Supersedes { other, other_title } if other_title.is_empty() => {
            format!("supersedes {other}")
        }
        What::Supersedes { other_title, .. } => format!("supersedes “{other_title}”"),
    }
}

/// The title and page a change is listed with.
fn target(c: &Change) -> (&str, Option<String>, &'static str) {
    if let What::Reading {
        goal, goal_title, ..
    } = &c.what
    {
        let href = (!c.gone).then(|| crate::kind::goal_page(goal));
        return (goal_title, href, "Goal");
    }
    let subject = match c.subject {
        super::Subject::Vision => "Vision",
        super::Subject::Stakeholder => "Stakeholder",
        super::Subject::Decision => "Decision",
        super::Subject::Item => "Backlog item",
        super::Subject::Update => "Update",
        super::Subject::Assumption => "Assumption",
        super::Subject::Conversation => "Conversation",
    };
    let href = (c.what != What::Removed && !c.gone)
        .then(|| c.subject.page(&c.id))
        .flatten();
    (&c.title, href, subject)
}

/// One change as a list entry.
pub fn change_view(c: &Change) -> ChangeView<'_> {
    let (title, href, subject) = target(c);
    ChangeView {
        date: c.date.to_string(),
        date_text: format::date(c.date),
        subject,
        title,
        href,
        summary: summary(c),
        author: c.author.as_deref(),
        uncommitted: c.uncommitted,
    }
}

/// The Monday of `date`'s week.
pub fn monday(date: Date) -> Date {
    let back = date.weekday().to_monday_zero_offset();
    date.checked_sub(i64::from(back).days()).unwrap_or(date)
}

/// `changes` (newest first) grouped by week.
pub fn weeks<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Vec<Week<'a>> {
    let mut out: Vec<Week> = Vec::new();
    for c in changes {
        let m = monday(c.date).to_string();
        if out.last().is_none_or(|w| w.monday != m) {
            out.push(Week {
                label: format!("Week of {}", format::date(monday(c.date))),
                monday: m,
                changes: Vec::new(),
            });
        }
        if let Some(week) = out.last_mut() {
            week.changes.push(change_view(c));
        }
    }
    out
}

/// When a document last changed, for its page.
#[derive(Serialize)]
pub struct LastView<'a> {
    pub date: String,
    pub date_text: String,
    pub author: Option<&'a str>,
    pub uncommitted: bool,
}

/// When the document at `path` (under `content/`) last changed.
pub fn last_changed<'a>(history: &'a History, path: &str) -> Option<LastView<'a>> {
    let last = history.last.get(path)?;
    Some(LastView {
        date: last.date.to_string(),
        date_text: format::date(last.date),
        author: last.author.as_deref(),
        uncommitted: last.uncommitted,
    })
}

/// The date a document last changed, `YYYY-MM-DD`, for `data-changed`.
pub fn changed_on(history: &History, path: &str) -> Option<String> {
    history.last.get(path).map(|l| l.date.to_string())
}

/// Whether the portal has a changes page.
pub fn has_changes_page(p: &Portal) -> bool {
    p.history.state == State::Read
}

/// The changes that touch stakeholder `s` since their last contact: items
/// they asked for, decisions they decided, were consulted on or bear the
/// cost of, and the goals those serve.
pub fn for_stakeholder(p: &Portal, s: usize) -> Vec<&Change> {
    let person = &p.stakeholders[s];
    let mut paths: Vec<&str> = Vec::new();
    let mut goals: Vec<&str> = Vec::new();
    for &i in &person.requested {
        paths.push(&p.items[i].meta.path);
        goals.extend(p.items[i].goals.iter().map(|&g| p.goals[g].id.as_str()));
    }
    for &d in person
        .decided
        .iter()
        .chain(&person.consulted)
        .chain(&person.affected)
    {
        paths.push(&p.decisions[d].meta.path);
        goals.extend(
            p.decisions[d]
                .serves
                .iter()
                .map(|&g| p.goals[g].id.as_str()),
        );
    }
    p.history
        .changes
        .iter()
        .filter(|c| person.last_contact.is_none_or(|d| c.date > d))
        .filter(|c| match &c.what {
            What::Reading { goal, .. } => goals.contains(&goal.as_str()),
            _ => paths.contains(&c.path.as_str()),
        })
        .collect()
}

/// Where a stakeholder was on the power/interest map and where they are.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Move {
    pub from_power: Option<String>,
    pub from_interest: Option<String>,
    pub to_power: Option<String>,
    pub to_interest: Option<String>,
    /// "power 2 → 4, interest 3 → 5 on 2 Sep 2026" (the last move).
    pub text: String,
}

/// How far back the roadmap's "recently done" and the map's moves look.
pub const RECENT_DAYS: i64 = 90;

/// With history: the items (by path) that became done in the last
/// [`RECENT_DAYS`] days, with the day; `None` without history.
pub fn done_lately(p: &Portal) -> Option<FxHashMap<&str, Date>> {
    if p.history.state != State::Read {
        return None;
    }
    let since = p.today.checked_sub(RECENT_DAYS.days()).unwrap_or(p.today);
    let mut out: FxHashMap<&str, Date> = FxHashMap::default();
    // Newest first: the first "done" seen is the latest.
    for c in p.history.changes.iter().filter(|c| c.date >= since) {
        let done = match &c.what {
            What::Status { to, .. } => to == "done",
            What::Added { status } => status.as_deref() == Some("done"),
            _ => false,
        };
        if done && c.subject == super::Subject::Item {
            out.entry(c.path.as_str()).or_insert(c.date);
        }
    }
    Some(out)
}

/// An arrow on the power/interest map from where a stakeholder was.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Arrow {
    pub x1: String,
    pub y1: String,
    /// Short of the point, so that the head shows.
    pub x2: String,
    pub y2: String,
    /// "power 2 → 4 since 2 September 2026".
    pub text: String,
}

impl Move {
    /// The arrow from the old position (`at(power, interest)` on the map)
    /// to the point at `to`, whose scores are `now`; `None` when it did
    /// not move on the map.
    pub fn arrow(
        &self,
        at: &dyn Fn(f64, f64) -> (f64, f64),
        now: (u8, u8),
        to: (f64, f64),
    ) -> Option<Arrow> {
        let score = |v: &Option<String>, now: u8| {
            v.as_deref()
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(f64::from(now))
        };
        let power = score(&self.from_power, now.0);
        let interest = score(&self.from_interest, now.1);
        let (x1, y1) = at(power, interest);
        let (dx, dy) = (to.0 - x1, to.1 - y1);
        let length = (dx * dx + dy * dy).sqrt();
        if length < 12.0 {
            return None;
        }
        let shorten = 10.0 / length;
        let n = |v: f64| format!("{v:.1}");
        Some(Arrow {
            x1: n(x1),
            y1: n(y1),
            x2: n(to.0 - dx * shorten),
            y2: n(to.1 - dy * shorten),
            text: self.text.clone(),
        })
    }
}

/// Stakeholders (by path) whose power or interest changed in the 90 days
/// before the build date.
pub fn moves(p: &Portal) -> FxHashMap<String, Move> {
    let since = p.today.checked_sub(RECENT_DAYS.days()).unwrap_or(p.today);
    let mut out: FxHashMap<String, Move> = FxHashMap::default();
    let mut last: FxHashMap<String, Date> = FxHashMap::default();
    // Oldest first, so the first "from" and the last "to" win.
    for c in p.history.changes.iter().rev().filter(|c| c.date >= since) {
        let entry = || Move {
            from_power: None,
            from_interest: None,
            to_power: None,
            to_interest: None,
            text: String::new(),
        };
        match &c.what {
            What::Power { from, to } => {
                last.insert(c.path.clone(), c.date);
                let m = out.entry(c.path.clone()).or_insert_with(entry);
                if m.from_power.is_none() {
                    m.from_power = from.clone();
                }
                m.to_power = to.clone();
            }
            What::Interest { from, to } => {
                last.insert(c.path.clone(), c.date);
                let m = out.entry(c.path.clone()).or_insert_with(entry);
                if m.from_interest.is_none() {
                    m.from_interest = from.clone();
                }
                m.to_interest = to.clone();
            }
            _ => {}
        }
    }
    for (path, m) in out.iter_mut() {
        let mut parts = Vec::new();
        if let (Some(a), Some(b)) = (&m.from_power, &m.to_power) {
            parts.push(format!("power {a} → {b}"));
        }
        if let (Some(a), Some(b)) = (&m.from_interest, &m.to_interest) {
            parts.push(format!("interest {a} → {b}"));
        }
        let on = last.get(path).map_or(since, |d| *d);
        m.text = format!("{} on {}", parts.join(", "), format::date(on));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Weekday;

    #[test]
    fn a_week_starts_on_monday() {
        let d: Date = "2026-12-05".parse().unwrap();
        assert_eq!(monday(d).to_string(), "2026-11-30");
        assert_eq!(monday(d).weekday(), Weekday::Monday);
    }
}
