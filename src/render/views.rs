//! Plain data for templates, computed from the resolved portal. Every link
//! is a root-relative path (`backlog/x.html`); templates put the page's
//! `root` prefix in front so the output works under any sub-path and from
//! disk. Nothing here formats HTML.

use serde::Serialize;

use crate::format;
use crate::keywords::Keyword;
use crate::kind::{self, Kind};
use crate::model::{Decision, Goal, Item, Overdue, Portal, Progress, Stakeholder, Update};

/// A keyword for templates: `key` for CSS classes, `label` for people.
#[derive(Serialize, Clone, Copy, PartialEq)]
pub struct Word {
    pub key: &'static str,
    pub label: &'static str,
}

impl Word {
    pub fn of<K: Keyword>(k: K) -> Self {
        Word {
            key: k.key(),
            label: k.label(),
        }
    }
}

/// Progress numbers, ready to print.
#[derive(Serialize)]
pub struct ProgressView {
    pub done: usize,
    pub total: usize,
    pub percent: u32,
    pub done_estimate: String,
    pub total_estimate: String,
    pub percent_estimate: u32,
    pub has_estimates: bool,
}

impl From<&Progress> for ProgressView {
    fn from(p: &Progress) -> Self {
        ProgressView {
            done: p.done,
            total: p.total,
            percent: p.percent(),
            done_estimate: format::number(p.done_estimate),
            total_estimate: format::number(p.total_estimate),
            percent_estimate: p.percent_estimate(),
            has_estimates: p.total_estimate > 0.0,
        }
    }
}

/// A goal in a list.
#[derive(Serialize)]
pub struct GoalRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub metric: Option<&'a str>,
    pub baseline: Option<&'a str>,
    pub target: Option<&'a str>,
    pub by: Option<String>,
    pub progress: ProgressView,
    pub item_count: usize,
    /// (v2) The measured outcome, next to the output in `progress`.
    pub outcome: Option<super::outcome_views::OutcomeView>,
    /// (v2) A numeric target with no reading yet.
    pub unmeasured: bool,
}

pub fn goal_ref(g: &Goal) -> GoalRef<'_> {
    GoalRef {
        id: &g.id,
        title: &g.written.title,
        href: kind::goal_page(&g.id),
        metric: g.written.metric.as_deref(),
        baseline: g.baseline.as_deref(),
        target: g.target.as_deref(),
        by: g.written.by.map(format::date),
        progress: (&g.progress).into(),
        item_count: g.items.len(),
        outcome: super::outcome_views::outcome_view(g),
        unmeasured: g.outcome.is_none() && g.numeric_target,
    }
}

/// A backlog item in a list.
#[derive(Serialize)]
pub struct ItemRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub level: Word,
    pub status: Word,
    pub priority: Option<Word>,
    pub estimate: Option<String>,
    /// (v2) Now or in progress while waiting for something not started.
    pub blocked: bool,
}

pub fn item_ref(i: &Item) -> ItemRef<'_> {
    ItemRef {
        id: &i.meta.id,
        title: &i.written.title,
        href: Kind::Backlog.page(&i.meta.id),
        level: Word::of(i.level()),
        status: Word::of(i.written.status),
        priority: i.written.priority.map(Word::of),
        estimate: i.written.estimate.map(format::number),
        blocked: false,
    }
}

/// A stakeholder in a list: who they are, and how the team manages them
/// only where the build may show it (see [`crate::load::config::Shows`]).
#[derive(Serialize)]
pub struct StakeholderRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub href: String,
    pub role: Word,
    pub position: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub funding: bool,
    pub veto: bool,
    /// Absent from a public build unless `[public] engagement = true`, so
    /// that no template can show it by mistake.
    #[serde(flatten)]
    pub managed: Option<Managed>,
}

/// How the team manages a stakeholder.
#[derive(Serialize)]
pub struct Managed {
    pub engagement: Word,
    pub power: u8,
    pub interest: u8,
    pub overdue: Option<String>,
}

pub fn stakeholder_ref<'a>(p: &Portal, s: &'a Stakeholder) -> StakeholderRef<'a> {
    StakeholderRef {
        id: &s.meta.id,
        name: &s.written.name,
        href: Kind::Stakeholder.page(&s.meta.id),
        role: Word::of(s.role()),
        position: s.written.position.as_deref(),
        organization: s.written.organization.as_deref(),
        funding: s.written.funding,
        veto: s.written.veto,
        managed: p.shows.engagement.then(|| Managed {
            engagement: Word::of(s.engagement),
            power: s.power(),
            interest: s.interest(),
            overdue: s.overdue.map(overdue_text),
        }),
    }
}

fn overdue_text(o: Overdue) -> String {
    match o {
        Overdue::NoContact => "no contact recorded".into(),
        Overdue::Since(d) => format!("due since {}", format::date(d)),
    }
}

/// A decision in a list.
#[derive(Serialize)]
pub struct DecisionRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub status: Word,
    pub date: String,
    pub superseded: bool,
    pub decided_by: Vec<&'a str>,
}

pub fn decision_ref<'a>(p: &'a Portal, d: &'a Decision) -> DecisionRef<'a> {
    DecisionRef {
        id: &d.meta.id,
        title: &d.written.title,
        href: Kind::Decision.page(&d.meta.id),
        status: Word::of(d.status()),
        date: format::date(d.date()),
        superseded: !d.superseded_by.is_empty(),
        decided_by: d
            .decided_by
            .iter()
            .map(|&s| p.stakeholders[s].written.name.as_str())
            .collect(),
    }
}

/// An update in a list.
#[derive(Serialize)]
pub struct UpdateRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub date: String,
}

pub fn update_ref(u: &Update) -> UpdateRef<'_> {
    UpdateRef {
        id: &u.meta.id,
        title: &u.written.title,
        href: Kind::Update.page(&u.meta.id),
        date: format::date(u.date),
    }
}

/// The list entries of the portal ([`ItemRef`], [`GoalRef`],
/// [`StakeholderRef`], [`DecisionRef`]) as template values, each made the
/// first time a page lists it and shared by every page after it: an entry
/// shows on many pages (a goal on every item page that serves it, an item
/// in the tree, board, MoSCoW and goal views), and a value is shared by
/// reference count, not copied.
pub struct Values {
    words: WordValues,
    items: Made,
    goals: Made,
    stakeholders: Made,
    decisions: Made,
}

/// Values by position, made on first use.
struct Made(Vec<std::sync::OnceLock<tera::Value>>);

impl Made {
    fn new(n: usize) -> Self {
        Made((0..n).map(|_| Default::default()).collect())
    }

    fn get<T: Serialize>(&self, i: usize, entry: impl FnOnce() -> T) -> tera::Value {
        self.make(i, || tera::Value::from_serializable(&entry()))
    }

    fn make(&self, i: usize, value: impl FnOnce() -> tera::Value) -> tera::Value {
        self.0[i].get_or_init(value).clone()
    }
}

/// The values of keywords, made once each: an item's level, status and
/// priority take a few dozen distinct values between them, and ten thousand
/// items holding maps of their own would be ~9 MB more. Measured against
/// serializing each `ItemRef` whole at 10,000 items, paired runs: peak
/// memory 186 MiB with it, 199 MiB without (6.5 %; BENCHMARKS.md, "What
/// stays for speed").
#[derive(Default)]
struct WordValues(std::sync::Mutex<Vec<(Word, tera::Value)>>);

impl WordValues {
    fn get(&self, word: Word) -> tera::Value {
        let mut made = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, value)) = made.iter().find(|(w, _)| *w == word) {
            return value.clone();
        }
        let value = tera::Value::from_serializable(&word);
        made.push((word, value.clone()));
        value
    }
}

impl Values {
    /// `item_ref(i)` as a value, its keywords shared.
    fn item_value(&self, i: &Item, blocked: bool, changed: Option<String>) -> tera::Value {
        let ItemRef {
            id,
            title,
            href,
            level,
            status,
            priority,
            estimate,
            blocked: _,
        } = item_ref(i);
        let mut fields: std::collections::BTreeMap<&'static str, tera::Value> = [
            ("id", id.into()),
            ("title", title.into()),
            ("href", href.into()),
            ("level", self.words.get(level)),
            ("status", self.words.get(status)),
            (
                "priority",
                priority.map_or_else(tera::Value::none, |w| self.words.get(w)),
            ),
            ("estimate", estimate.into()),
            ("blocked", blocked.into()),
        ]
        .into();
        // The date it last changed, from git, for "since your last visit".
        if let Some(changed) = changed {
            fields.insert("changed", changed.into());
        }
        fields.into()
    }
}

impl Values {
    /// Nothing made yet.
    pub fn new(p: &Portal) -> Self {
        Values {
            words: WordValues::default(),
            items: Made::new(p.items.len()),
            goals: Made::new(p.goals.len()),
            stakeholders: Made::new(p.stakeholders.len()),
            decisions: Made::new(p.decisions.len()),
        }
    }

    /// The list entry of item `i`.
    pub fn item(&self, p: &Portal, i: usize) -> tera::Value {
        // (v2) Blocked items are marked wherever they are listed.
        let blocked = || !crate::roadmap::blocked_by(p, i).is_empty();
        let changed = || crate::history::views::changed_on(&p.history, &p.items[i].meta.path);
        self.items
            .make(i, || self.item_value(&p.items[i], blocked(), changed()))
    }

    /// The list entry of goal `i`.
    pub fn goal(&self, p: &Portal, i: usize) -> tera::Value {
        self.goals.get(i, || goal_ref(&p.goals[i]))
    }

    /// The list entry of stakeholder `i`.
    pub fn stakeholder(&self, p: &Portal, i: usize) -> tera::Value {
        self.stakeholders
            .get(i, || stakeholder_ref(p, &p.stakeholders[i]))
    }

    /// The list entry of decision `i`.
    pub fn decision(&self, p: &Portal, i: usize) -> tera::Value {
        self.decisions.get(i, || decision_ref(p, &p.decisions[i]))
    }
}

/// Orders items by MoSCoW priority (unprioritised last), then title.
pub fn sort_items(p: &Portal, list: &mut [usize]) {
    list.sort_by(|&a, &b| {
        let (a, b) = (&p.items[a], &p.items[b]);
        let rank = |i: &Item| i.written.priority.map_or(9, |p| p as u8);
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.written.title.cmp(&b.written.title))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_value_with_shared_keywords_equals_its_serialized_entry() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        let session = crate::load::session::Session::open(&root).unwrap();
        let options = crate::pipeline::Options {
            root,
            include_drafts: true,
            public: false,
            today: jiff::civil::date(2026, 11, 22),
            base_url: None,
        };
        let mut diagnostics = crate::diagnostics::Diagnostics::default();
        let mut p = crate::pipeline::resolve_portal(&session, &options, &mut diagnostics).unwrap();
        // The example lives in cairn's repository: without its history, the
        // entry has no `changed` date.
        p.history = Default::default();
        let values = Values::new(&p);
        assert!(p.items.iter().any(|i| i.written.estimate.is_some()));
        for (n, item) in p.items.iter().enumerate() {
            let entry = ItemRef {
                blocked: !crate::roadmap::blocked_by(&p, n).is_empty(),
                ..item_ref(item)
            };
            let serialized = tera::Value::from_serializable(&entry);
            assert_eq!(values.item(&p, n), serialized, "{}", item.meta.id);
        }
    }
}
