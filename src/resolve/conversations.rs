//! Resolving the engagement log: each conversation's references checked
//! against the right kind, its date against the build date; then the log
//! read the other way round and each stakeholder's last contact derived
//! (the later of `last_contact` and their latest conversation), which moves
//! their next due date and overdue state.

use jiff::civil::Date;

use super::index::{Index, Target};
use super::parts::Part;
use crate::conversations::load::RawConversation;
use crate::conversations::{Conversation, Log};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind::Kind;
use crate::model::Portal;

/// Resolves every conversation, reporting bad ids and dates in the future.
pub(super) fn resolve(
    parts: Vec<Part<std::sync::Arc<RawConversation>>>,
    index: &Index,
    today: Date,
    diags: &mut Diagnostics,
) -> Vec<Conversation> {
    parts
        .into_iter()
        .map(|p| {
            let file = p.meta.file;
            let raw = p.raw;
            if let Some(date) = &raw.date
                && date.value > today
            {
                diags.push(
                    Diagnostic::error(
                        format!(
                            "this conversation is dated {}, after the build date ({today})",
                            date.value
                        ),
                        Location::new(file, date.span.clone()),
                    )
                    .with_label("not yet happened")
                    .with_help(
                        "log a conversation once it took place; if the date is right, build with --today",
                    ),
                );
            }
            let with = index.lookup_all(Target::Doc(Kind::Stakeholder), &raw.with, "with", file, diags);
            Conversation {
                written: raw.clone(),
                date: raw.date.as_ref().map_or(today, |d| d.value),
                with,
                goals: index.lookup_all(Target::Goal, &raw.goals, "goals", file, diags),
                decisions: index.lookup_all(
                    Target::Doc(Kind::Decision),
                    &raw.tradeoffs,
                    "tradeoffs",
                    file,
                    diags,
                ),
                items: index.lookup_all(Target::Doc(Kind::Backlog), &raw.items, "items", file, diags),
                meta: p.meta,
            }
        })
        .collect()
}

/// Fills [`Portal::log`] and moves each stakeholder's last contact to their
/// latest conversation when that is later.
pub(super) fn derive(portal: &mut Portal, written: Vec<Option<Date>>) {
    let mut log = Log {
        written,
        by_stakeholder: vec![Vec::new(); portal.stakeholders.len()],
        by_goal: vec![Vec::new(); portal.goals.len()],
        by_decision: vec![Vec::new(); portal.decisions.len()],
        by_item: vec![Vec::new(); portal.items.len()],
        ..Log::default()
    };
    let convs = &portal.conversations;
    log.newest = (0..convs.len()).collect();
    log.newest.sort_by(|&a, &b| {
        (convs[b].date, &convs[a].meta.id).cmp(&(convs[a].date, &convs[b].meta.id))
    });
    log.first = convs.iter().map(|c| c.date).min();
    for &c in &log.newest {
        let conv = &convs[c];
        for &s in &conv.with {
            log.by_stakeholder[s].push(c);
        }
        for &g in &conv.goals {
            log.by_goal[g].push(c);
        }
        for &d in &conv.decisions {
            log.by_decision[d].push(c);
        }
        for &i in &conv.items {
            log.by_item[i].push(c);
        }
    }
    portal.log = log;
    for s in 0..portal.stakeholders.len() {
        contact_from_log(portal, s);
    }
}

/// Sets stakeholder `s`'s last contact to the later of their own
/// `last_contact` and their latest conversation, and their next due date
/// and overdue state with it.
pub(super) fn contact_from_log(portal: &mut Portal, s: usize) {
    let latest = portal
        .log
        .by_stakeholder
        .get(s)
        .and_then(|list| list.first())
        .map(|&c| portal.conversations[c].date);
    let person = &mut portal.stakeholders[s];
    let written = portal
        .log
        .written
        .get(s)
        .copied()
        .unwrap_or(person.last_contact);
    person.last_contact = written.max(latest);
    (person.next_due, person.overdue) = super::stakeholders::contact_dates(
        person.last_contact,
        person.written.cadence_days,
        portal.today,
    );
}

/// The previous portal with one conversation's own fields replaced, when
/// its references are the same ones (so no index or check can change).
pub(super) fn patch_one(portal: &mut Portal, id: &str, fresh: Conversation) -> Option<()> {
    let ix = portal.conversations.iter().position(|c| c.meta.id == id)?;
    let was = &portal.conversations[ix];
    if fresh.date > portal.today
        || was.with != fresh.with
        || was.goals != fresh.goals
        || was.decisions != fresh.decisions
        || was.items != fresh.items
    {
        return None;
    }
    portal.conversations[ix] = fresh;
    let written = std::mem::take(&mut portal.log.written);
    derive(portal, written);
    Some(())
}
