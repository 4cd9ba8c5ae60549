//! Portal-health findings about outcomes and the assumptions under the
//! plan (v2): what the team should measure, re-measure or test.

use jiff::ToSpan;

use crate::format;
use crate::health::{Check, Finding};
use crate::keywords::{AssumptionStatus, Status};
use crate::kind::{self, Kind};
use crate::model::Portal;

/// Days after which a goal's latest reading is old.
pub const READING_STALE_DAYS: i32 = 90;

/// Outcome findings, goals in vision order.
pub fn findings(p: &Portal) -> Vec<Finding> {
    let mut out = Vec::new();
    let stale_before = p
        .today
        .checked_sub(READING_STALE_DAYS.days())
        .unwrap_or(p.today);
    for g in &p.goals {
        let finding = |check, message| Finding {
            check,
            message,
            href: kind::goal_page(&g.id),
            path: Some(p.vision.meta.path.clone()),
        };
        match g.readings.last() {
            Some(r) if r.date < stale_before => out.push(finding(
                Check::StaleReading,
                format!(
                    "Goal “{}” was last measured on {}, more than {READING_STALE_DAYS} days ago",
                    g.written.title,
                    format::date(r.date)
                ),
            )),
            None if g.numeric_target => out.push(finding(
                Check::OutcomeNotMeasured,
                format!(
                    "Goal “{}” has a numeric target but no reading: outcome not measured",
                    g.written.title
                ),
            )),
            _ => {}
        }
    }
    out.extend(assumption_findings(p));
    out
}

/// Work resting on an invalidated assumption; work in progress resting on
/// an untested one of importance 4 or more and evidence 2 or less.
fn assumption_findings(p: &Portal) -> Vec<Finding> {
    let mut out = Vec::new();
    for item in p
        .items
        .iter()
        .filter(|i| i.written.status != Status::Dropped && i.written.status != Status::Done)
    {
        for &a in &item.assumptions {
            let a = &p.assumptions[a];
            let check = match a.written.status {
                AssumptionStatus::Invalidated => Check::RestsOnInvalidated,
                AssumptionStatus::Untested
                    if item.written.status == Status::InProgress && a.test_first =>
                {
                    Check::LeapOfFaith
                }
                _ => continue,
            };
            let message = match check {
                Check::RestsOnInvalidated => format!(
                    "“{}” rests on “{}”, which was invalidated",
                    item.written.title, a.written.title
                ),
                _ => format!(
                    "“{}” is in progress on a leap of faith: “{}” is untested (importance {}, evidence {})",
                    item.written.title,
                    a.written.title,
                    a.importance(),
                    a.evidence()
                ),
            };
            out.push(Finding {
                check,
                message,
                href: Kind::Backlog.page(&item.meta.id),
                path: Some(item.meta.path.clone()),
            });
        }
    }
    out
}
