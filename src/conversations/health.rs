//! Portal-health findings of the engagement log: consultations a decision
//! claims with no conversation on record, and follow-ups past their date.

use super::{consultations, follow_up_owed, kept};
use crate::format;
use crate::health::{Check, Finding};
use crate::keywords::DecisionStatus;
use crate::kind::Kind;
use crate::model::Portal;

/// Appends the log's findings to `out`. Only portals that keep a log are
/// judged, and only decisions dated on or after its first conversation:
/// the log starts when a team starts keeping it.
pub fn findings(p: &Portal, out: &mut Vec<Finding>) {
    let Some(first) = p.log.first.filter(|_| kept(p)) else {
        return;
    };
    for (d, decision) in p.decisions.iter().enumerate() {
        if decision.status() != DecisionStatus::Accepted || decision.date() < first {
            continue;
        }
        for &s in &decision.consulted {
            if consultations(p, d, s).is_empty() {
                out.push(Finding {
                    check: Check::ConsultationNotOnRecord,
                    message: format!(
                        "Decision “{}” lists {} as consulted, but no conversation with them about it is on record",
                        decision.written.title, p.stakeholders[s].written.name
                    ),
                    href: Kind::Decision.page(&decision.meta.id),
                    path: Some(decision.meta.path.clone()),
                });
            }
        }
    }
    let mut owed: Vec<_> = (0..p.conversations.len())
        .filter_map(|c| follow_up_owed(p, c).map(|due| (due, c)))
        .filter(|&(due, _)| due < p.today)
        .collect();
    owed.sort();
    for (due, c) in owed {
        let conv = &p.conversations[c];
        let names: Vec<&str> = conv
            .with
            .iter()
            .map(|&s| p.stakeholders[s].written.name.as_str())
            .collect();
        out.push(Finding {
            check: Check::FollowUpOverdue,
            message: format!(
                "Follow-up to {} owed since {} (“{}”)",
                names.join(", "),
                format::date(due),
                conv.written.title
            ),
            href: Kind::Conversation.page(&conv.meta.id),
            path: Some(conv.meta.path.clone()),
        });
    }
}
