//! Portal health: what a product owner should act on, found in a sound
//! portal. These are not content errors (the portal builds fine); the build
//! lists them as notes and the home page shows them.

use jiff::ToSpan;

use crate::format;
use crate::keywords::{DecisionStatus, Level, Priority};
use crate::kind::{self, Kind};
use crate::model::{Overdue, Portal};

/// The DSDM rule: more than this share of "must" effort puts delivery at risk.
pub const MUST_LIMIT_PERCENT: u32 = 60;

/// Days after which a proposed decision is stale.
pub const PROPOSAL_STALE_DAYS: i32 = 30;

/// What kind of finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// A stakeholder conversation is overdue.
    OverdueContact,
    /// A goal has no work tracing to it.
    GoalWithoutWork,
    /// An MMF has no stories.
    MmfWithoutStories,
    /// A decision has been proposed for too long.
    StaleProposal,
    /// An accepted decision affects someone with a veto who had no say.
    VetoNotConsulted,
    /// Too much of the estimated effort is "must".
    MustOverLimit,
    /// (v2) A measured goal's latest reading is old.
    StaleReading,
    /// (v2) A goal has a numeric target but no reading.
    OutcomeNotMeasured,
    /// (v2) Work rests on an invalidated assumption.
    RestsOnInvalidated,
    /// (v2) Work in progress rests on an important untested assumption
    /// with little evidence.
    LeapOfFaith,
    /// An accepted decision names someone consulted with no conversation
    /// about it on record.
    ConsultationNotOnRecord,
    /// A follow-up we owe is past its date.
    FollowUpOverdue,
}

impl Check {
    /// `n` findings of this check, as counted in the terminal's one-line
    /// summary: "3 overdue conversations".
    pub fn tally(self, n: usize) -> String {
        use format::count;
        match self {
            Check::OverdueContact => count(n, "overdue conversation"),
            Check::GoalWithoutWork => format!("{} with no work", count(n, "goal")),
            Check::MmfWithoutStories => format!("{} without stories", count(n, "MMF")),
            Check::StaleProposal => count(n, "stale proposal"),
            Check::VetoNotConsulted => {
                format!(
                    "{} over someone with a veto who had no say",
                    count(n, "decision")
                )
            }
            Check::MustOverLimit => format!("“must” above {MUST_LIMIT_PERCENT}% of the effort"),
            Check::StaleReading => format!("{} with an old reading", count(n, "goal")),
            Check::OutcomeNotMeasured => format!("{} not measured", count(n, "outcome")),
            Check::RestsOnInvalidated => {
                format!("{} on an invalidated assumption", count(n, "item"))
            }
            Check::LeapOfFaith if n == 1 => "1 leap of faith".into(),
            Check::LeapOfFaith => format!("{n} leaps of faith"),
            Check::ConsultationNotOnRecord => count(n, "consultation not on record"),
            Check::FollowUpOverdue => count(n, "overdue follow-up"),
        }
    }
}

/// "3 overdue conversations, 1 goal with no work": a count per check, in
/// the order of the findings.
pub fn summary(findings: &[Finding]) -> String {
    let mut tallies: Vec<(Check, usize)> = Vec::new();
    for f in findings {
        match tallies.iter_mut().find(|(c, _)| *c == f.check) {
            Some((_, n)) => *n += 1,
            None => tallies.push((f.check, 1)),
        }
    }
    let parts: Vec<String> = tallies.into_iter().map(|(c, n)| c.tally(n)).collect();
    parts.join(", ")
}

/// One finding, with the page to act on.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Finding {
    /// What kind of finding.
    pub check: Check,
    /// One sentence.
    pub message: String,
    /// Root-relative page it concerns.
    pub href: String,
    /// The source file it concerns, under `content/` (none for portal-wide
    /// findings).
    pub path: Option<String>,
}

/// Share of estimated effort (not dropped) that is "must", when any item
/// has an estimate.
pub fn must_share(p: &Portal) -> Option<u32> {
    let live = p
        .items
        .iter()
        .filter(|i| i.written.status != crate::keywords::Status::Dropped);
    let (mut must, mut all) = (0.0, 0.0);
    for i in live {
        let e = i.written.estimate.unwrap_or(0.0);
        all += e;
        if i.written.priority == Some(Priority::Must) {
            must += e;
        }
    }
    (all > 0.0).then(|| (must / all * 100.0).round() as u32)
}

/// Every finding, grouped by check in a fixed order.
pub fn findings(p: &Portal) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut overdue: Vec<&crate::model::Stakeholder> = p
        .stakeholders
        .iter()
        .filter(|s| s.overdue.is_some())
        .collect();
    overdue.sort_by_key(|s| {
        (
            s.overdue.map(|o| match o {
                Overdue::NoContact => None,
                Overdue::Since(d) => Some(d),
            }),
            s.written.name.clone(),
        )
    });
    for s in overdue {
        let why = match s.overdue {
            Some(Overdue::Since(d)) => format!("due since {}", format::date(d)),
            _ => "no contact recorded".into(),
        };
        out.push(Finding {
            check: Check::OverdueContact,
            message: format!("Conversation with {} is overdue ({why})", s.written.name),
            href: Kind::Stakeholder.page(&s.meta.id),
            path: Some(s.meta.path.clone()),
        });
    }
    for g in p.goals.iter().filter(|g| g.items.is_empty()) {
        out.push(Finding {
            check: Check::GoalWithoutWork,
            message: format!("Goal “{}” has no work tracing to it", g.written.title),
            href: kind::goal_page(&g.id),
            path: Some(p.vision.meta.path.clone()),
        });
    }
    for i in p.items.iter().filter(|i| i.level() == Level::Mmf) {
        let has_story = i
            .children
            .iter()
            .any(|&c| p.items[c].level() == Level::Story);
        if !has_story && i.written.status != crate::keywords::Status::Dropped {
            out.push(Finding {
                check: Check::MmfWithoutStories,
                message: format!("MMF “{}” has no stories", i.written.title),
                href: Kind::Backlog.page(&i.meta.id),
                path: Some(i.meta.path.clone()),
            });
        }
    }
    let stale_before = p
        .today
        .checked_sub(PROPOSAL_STALE_DAYS.days())
        .unwrap_or(p.today);
    for d in p.decisions.iter() {
        if d.status() == DecisionStatus::Proposed && d.date() < stale_before {
            out.push(Finding {
                check: Check::StaleProposal,
                message: format!(
                    "Decision “{}” has been proposed since {}, more than {PROPOSAL_STALE_DAYS} days",
                    d.written.title,
                    format::date(d.date())
                ),
                href: Kind::Decision.page(&d.meta.id),
                path: Some(d.meta.path.clone()),
            });
        }
    }
    for d in p
        .decisions
        .iter()
        .filter(|d| d.status() == DecisionStatus::Accepted)
    {
        for &s in &d.affects {
            let person = &p.stakeholders[s];
            if person.written.veto && !d.decided_by.contains(&s) && !d.consulted.contains(&s) {
                out.push(Finding {
                    check: Check::VetoNotConsulted,
                    message: format!(
                        "Decision “{}” affects {}, who can veto, but they neither decided nor were consulted",
                        d.written.title, person.written.name
                    ),
                    href: Kind::Decision.page(&d.meta.id),
                    path: Some(d.meta.path.clone()),
                });
            }
        }
    }
    if let Some(share) = must_share(p)
        && share > MUST_LIMIT_PERCENT
    {
        out.push(Finding {
            check: Check::MustOverLimit,
            message: format!("{share}% of the estimated effort is “must have”, above the {MUST_LIMIT_PERCENT}% that leaves room to deliver"),
            href: crate::pages::path(p, crate::pages::PageId::Moscow),
            path: None,
        });
    }
    out.extend(crate::outcome_health::findings(p));
    crate::conversations::health::findings(p, &mut out);
    out
}
