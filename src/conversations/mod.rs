//! The engagement log (`content/conversations/`): who the team talked to,
//! when, about what, and what it owes them. Conversations give each
//! stakeholder a derived last contact, prove (or not) the consultations
//! decisions claim, and are team notes: a public build keeps none of them.

pub mod health;
pub mod load;
pub mod views;

use jiff::civil::Date;

use crate::keywords::Mode;
use crate::model::{DecisionIx, GoalIx, ItemIx, Meta, Portal, StakeholderIx};

/// Index into [`Portal::conversations`].
pub type ConversationIx = usize;

/// One conversation, resolved.
#[derive(Debug, Clone)]
pub struct Conversation {
    pub meta: Meta,
    /// Its front matter as written.
    pub written: std::sync::Arc<load::RawConversation>,
    /// `date`; the build date when it is missing (already reported).
    pub date: Date,
    /// `with`, looked up.
    pub with: Vec<StakeholderIx>,
    /// `goals`, looked up.
    pub goals: Vec<GoalIx>,
    /// `tradeoffs`, looked up.
    pub decisions: Vec<DecisionIx>,
    /// `items`, looked up.
    pub items: Vec<ItemIx>,
}

impl Conversation {
    /// The follow-up date, if one is owed.
    pub fn follow_up(&self) -> Option<Date> {
        self.written.follow_up.as_ref().map(|d| d.value)
    }

    /// How it took place, if written.
    pub fn mode(&self) -> Option<Mode> {
        self.written.mode
    }
}

/// The log read the other way round: for each document, the conversations
/// about it, newest first.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Every conversation, newest first.
    pub newest: Vec<ConversationIx>,
    pub by_stakeholder: Vec<Vec<ConversationIx>>,
    pub by_goal: Vec<Vec<ConversationIx>>,
    pub by_decision: Vec<Vec<ConversationIx>>,
    pub by_item: Vec<Vec<ConversationIx>>,
    /// Each stakeholder's own `last_contact`, before the log moved it.
    pub written: Vec<Option<Date>>,
    /// The date of the first conversation on record: decisions before it
    /// predate the log and are not asked for proof of consultation.
    pub first: Option<Date>,
}

/// The conversations with stakeholder `s` about decision `d` on or before
/// the decision's date, newest first.
pub fn consultations(p: &Portal, d: DecisionIx, s: StakeholderIx) -> Vec<ConversationIx> {
    let decision = &p.decisions[d];
    p.log
        .by_decision
        .get(d)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&c| {
            let c = &p.conversations[c];
            c.with.contains(&s) && c.date <= decision.date()
        })
        .collect()
}

/// Whether the portal keeps an engagement log at all.
pub fn kept(p: &Portal) -> bool {
    !p.conversations.is_empty()
}

/// Whether the follow-up of conversation `c` is still owed: it has one and
/// no later conversation with any of the same people has taken place.
pub fn follow_up_owed(p: &Portal, c: ConversationIx) -> Option<Date> {
    let conv = &p.conversations[c];
    let due = conv.follow_up()?;
    let answered = conv.with.iter().any(|&s| {
        p.log.by_stakeholder[s]
            .iter()
            .any(|&o| p.conversations[o].date > conv.date)
    });
    (!answered).then_some(due)
}

/// The pages an edit of conversation `id`'s own fields (same people, same
/// topics) can change, for the dev server to re-render only those: its
/// page and the log, the portal-wide pages that show contact dates and
/// health, each person's page and every page listing them (their overdue
/// state may move), and the pages of every conversation with them and of
/// what those are about (a later conversation settles a follow-up).
/// `tests/cli/serve_fresh.rs` proves the list complete: after each kind of
/// edit, every served page equals a fresh full build.
pub fn pages_after_edit(p: &Portal, id: &str) -> Option<Vec<String>> {
    use crate::kind::{Kind, goal_page};
    let c = p.conversations.iter().position(|c| c.meta.id == id)?;
    use crate::pages::PageId as P;
    let fixed = [P::Home, P::Engagement, P::Stakeholders, P::Conversations];
    let mut pages: Vec<String> = fixed.iter().map(|&f| crate::pages::path(p, f)).collect();
    let mut convs = vec![c];
    for &s in &p.conversations[c].with {
        let person = &p.stakeholders[s];
        pages.push(Kind::Stakeholder.page(&person.meta.id));
        let decisions = [
            &person.decided,
            &person.consulted,
            &person.informed,
            &person.affected,
        ];
        for &d in decisions.into_iter().flatten() {
            pages.push(Kind::Decision.page(&p.decisions[d].meta.id));
        }
        for &i in &person.requested {
            pages.push(Kind::Backlog.page(&p.items[i].meta.id));
        }
        for &u in &person.updates {
            pages.push(Kind::Update.page(&p.updates[u].meta.id));
        }
        convs.extend(p.log.by_stakeholder.get(s).into_iter().flatten());
    }
    for c in convs {
        let conv = &p.conversations[c];
        pages.push(Kind::Conversation.page(&conv.meta.id));
        pages.extend(conv.goals.iter().map(|&g| goal_page(&p.goals[g].id)));
        pages.extend(
            conv.decisions
                .iter()
                .map(|&d| Kind::Decision.page(&p.decisions[d].meta.id)),
        );
        pages.extend(
            conv.items
                .iter()
                .map(|&i| Kind::Backlog.page(&p.items[i].meta.id)),
        );
    }
    pages.sort();
    pages.dedup();
    Some(pages)
}
