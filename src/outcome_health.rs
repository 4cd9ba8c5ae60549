//! Portal-health findings about outcomes (v2): what the team should
//! measure or re-measure.

use jiff::ToSpan;

use crate::health::{Check, Finding};
use crate::kind;
use crate::model::Portal;
use crate::render::format;

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
                    g.title,
                    format::date(r.date)
                ),
            )),
            None if g.numeric_target => out.push(finding(
                Check::OutcomeNotMeasured,
                format!(
                    "Goal “{}” has a numeric target but no reading: outcome not measured",
                    g.title
                ),
            )),
            _ => {}
        }
    }
    out
}
