//! Plain data for the pages that show the engagement log: the log itself,
//! a conversation's page, and the parts other pages gain (a stakeholder's
//! history and the follow-ups owed them, the proof beside each consulted
//! person of a decision, the conversations about a goal or an item).

use jiff::civil::Date;
use serde::Serialize;

use super::{ConversationIx, consultations, follow_up_owed, kept};
use crate::format;
use crate::keywords::{Keyword, Mode};
use crate::kind::{self, Kind};
use crate::model::{DecisionIx, Portal, StakeholderIx};
use crate::render::views::Word;

/// A link to a document.
#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub href: String,
}

/// A conversation in a list: when, how, with whom, about what.
#[derive(Serialize)]
pub struct ConversationRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub date: String,
    /// `2026-10-14`, for `<time datetime>`.
    pub iso: String,
    pub mode: Option<Word>,
    pub with: Vec<Link<'a>>,
    /// Goals, decisions and items discussed.
    pub about: Vec<Link<'a>>,
    pub follow_up: Option<String>,
    /// The follow-up is still owed and its date has passed.
    pub follow_up_overdue: bool,
    /// "Follow-up overdue since" or "Follow-up by", before the date.
    pub follow_up_label: &'static str,
}

pub fn conversation_ref(p: &Portal, c: ConversationIx) -> ConversationRef<'_> {
    let conv = &p.conversations[c];
    let owed = follow_up_owed(p, c);
    let overdue = owed.is_some_and(|due| due < p.today);
    let with = conv
        .with
        .iter()
        .map(|&s| Link {
            title: &p.stakeholders[s].written.name,
            href: Kind::Stakeholder.page(&p.stakeholders[s].meta.id),
        })
        .collect();
    let goals = conv.goals.iter().map(|&g| Link {
        title: &p.goals[g].written.title,
        href: kind::goal_page(&p.goals[g].id),
    });
    let decisions = conv.decisions.iter().map(|&d| Link {
        title: &p.decisions[d].written.title,
        href: Kind::Decision.page(&p.decisions[d].meta.id),
    });
    let items = conv.items.iter().map(|&i| Link {
        title: &p.items[i].written.title,
        href: Kind::Backlog.page(&p.items[i].meta.id),
    });
    ConversationRef {
        id: &conv.meta.id,
        title: &conv.written.title,
        href: Kind::Conversation.page(&conv.meta.id),
        date: format::date(conv.date),
        iso: conv.date.to_string(),
        mode: conv.mode().map(Word::of),
        with,
        about: goals.chain(decisions).chain(items).collect(),
        follow_up: conv.follow_up().map(format::date),
        follow_up_overdue: overdue,
        follow_up_label: if overdue {
            "Follow-up overdue since"
        } else {
            "Follow-up by"
        },
    }
}

fn refs<'a>(p: &'a Portal, list: &[ConversationIx]) -> Vec<ConversationRef<'a>> {
    list.iter().map(|&c| conversation_ref(p, c)).collect()
}

/// A heading of the log and the conversations under it, newest first.
#[derive(Serialize)]
pub struct Group<'a> {
    pub label: String,
    /// The heading's `id`, for the table of contents.
    pub anchor: String,
    pub count: String,
    pub conversations: Vec<ConversationRef<'a>>,
}

/// The log page: every conversation by month and by mode.
#[derive(Serialize)]
pub struct LogView<'a> {
    pub count: String,
    pub months: Vec<Group<'a>>,
    pub modes: Vec<Group<'a>>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_of(d: Date) -> (i16, i8) {
    (d.year(), d.month())
}

fn group<'a>(p: &'a Portal, label: String, anchor: String, list: &[ConversationIx]) -> Group<'a> {
    Group {
        label,
        anchor,
        count: format::count(list.len(), "conversation"),
        conversations: refs(p, list),
    }
}

pub fn log(p: &Portal) -> LogView<'_> {
    let newest = &p.log.newest;
    let mut months: Vec<((i16, i8), Vec<ConversationIx>)> = Vec::new();
    for &c in newest {
        let m = month_of(p.conversations[c].date);
        match months.last_mut() {
            Some((at, list)) if *at == m => list.push(c),
            _ => months.push((m, vec![c])),
        }
    }
    let months = months
        .into_iter()
        .map(|((y, m), list)| {
            let label = format!("{} {y}", MONTHS[(m - 1) as usize]);
            group(p, label, format!("month-{y}-{m:02}"), &list)
        })
        .collect();
    let mut modes: Vec<Group> = Mode::ALL
        .iter()
        .map(|&(key, mode)| {
            let list: Vec<ConversationIx> = newest
                .iter()
                .copied()
                .filter(|&c| p.conversations[c].mode() == Some(mode))
                .collect();
            group(p, mode.label().to_string(), format!("mode-{key}"), &list)
        })
        .collect();
    let unsaid: Vec<ConversationIx> = newest
        .iter()
        .copied()
        .filter(|&c| p.conversations[c].mode().is_none())
        .collect();
    modes.push(group(
        p,
        "Mode not recorded".into(),
        "mode-none".into(),
        &unsaid,
    ));
    modes.retain(|g| !g.conversations.is_empty());
    LogView {
        count: format::count(newest.len(), "conversation"),
        months,
        modes,
    }
}

/// A conversation's own page.
#[derive(Serialize)]
pub struct ConversationView<'a> {
    #[serde(flatten)]
    pub base: ConversationRef<'a>,
    pub goals: Vec<Link<'a>>,
    pub decisions: Vec<Link<'a>>,
    pub items: Vec<Link<'a>>,
    pub follow_up_owed: bool,
    pub notes: String,
}

pub fn conversation(p: &Portal, c: ConversationIx) -> ConversationView<'_> {
    let conv = &p.conversations[c];
    ConversationView {
        base: conversation_ref(p, c),
        goals: conv
            .goals
            .iter()
            .map(|&g| Link {
                title: &p.goals[g].written.title,
                href: kind::goal_page(&p.goals[g].id),
            })
            .collect(),
        decisions: conv
            .decisions
            .iter()
            .map(|&d| Link {
                title: &p.decisions[d].written.title,
                href: Kind::Decision.page(&p.decisions[d].meta.id),
            })
            .collect(),
        items: conv
            .items
            .iter()
            .map(|&i| Link {
                title: &p.items[i].written.title,
                href: Kind::Backlog.page(&p.items[i].meta.id),
            })
            .collect(),
        follow_up_owed: follow_up_owed(p, c).is_some(),
        notes: p.body(&conv.meta).html.clone(),
    }
}

/// What a stakeholder's page gains: their conversations, newest first,
/// and the follow-ups owed them, overdue first.
#[derive(Serialize)]
pub struct StakeholderLog<'a> {
    pub kept: bool,
    pub history: Vec<ConversationRef<'a>>,
    pub owed: Vec<ConversationRef<'a>>,
}

pub fn stakeholder(p: &Portal, s: StakeholderIx) -> StakeholderLog<'_> {
    let list = p.log.by_stakeholder.get(s).map_or(&[][..], Vec::as_slice);
    let mut owed: Vec<(Date, ConversationIx)> = list
        .iter()
        .filter_map(|&c| follow_up_owed(p, c).map(|due| (due, c)))
        .collect();
    // Soonest due first: the overdue ones come before the rest.
    owed.sort();
    StakeholderLog {
        kept: kept(p),
        history: refs(p, list),
        owed: owed
            .into_iter()
            .map(|(_, c)| conversation_ref(p, c))
            .collect(),
    }
}

/// One consulted person of a decision, with the conversations that prove
/// it (empty: not on record).
#[derive(Serialize)]
pub struct Consultation<'a> {
    pub name: &'a str,
    pub href: String,
    pub position: Option<&'a str>,
    pub on_record: Vec<ConversationRef<'a>>,
}

/// Beside every consulted person of decision `d`, the proof; empty when
/// the portal keeps no log (then nothing is claimed either way).
pub fn consulted(p: &Portal, d: DecisionIx) -> Vec<Consultation<'_>> {
    if !kept(p) {
        return Vec::new();
    }
    p.decisions[d]
        .consulted
        .iter()
        .map(|&s| {
            let person = &p.stakeholders[s];
            Consultation {
                name: &person.written.name,
                href: Kind::Stakeholder.page(&person.meta.id),
                position: person.written.position.as_deref(),
                on_record: refs(p, &consultations(p, d, s)),
            }
        })
        .collect()
}

/// The conversations about goal `g`, newest first.
pub fn about_goal(p: &Portal, g: usize) -> Vec<ConversationRef<'_>> {
    refs(p, p.log.by_goal.get(g).map_or(&[][..], Vec::as_slice))
}

/// The conversations about backlog item `i`, newest first.
pub fn about_item(p: &Portal, i: usize) -> Vec<ConversationRef<'_>> {
    refs(p, p.log.by_item.get(i).map_or(&[][..], Vec::as_slice))
}
