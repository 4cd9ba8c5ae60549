//! Assumptions (v2): their references looked up, and the goals and items
//! that rest on each linked back.

use super::index::{Index, Target};
use super::parts::Part;
use crate::diagnostics::Diagnostics;
use crate::kind::Kind;
use crate::load::documents::RawAssumption;
use crate::model::{Assumption, Portal};

pub(super) fn resolve(
    parts: Vec<Part<RawAssumption>>,
    index: &Index,
    diags: &mut Diagnostics,
) -> Vec<Assumption> {
    parts
        .into_iter()
        .map(|p| {
            let file = p.meta.file;
            let raw = p.raw;
            Assumption {
                title: raw.title.clone(),
                status: raw.status,
                // Missing (already reported): the middle of the scale.
                importance: raw.importance.unwrap_or(3),
                evidence: raw.evidence.unwrap_or(3),
                serves: index.lookup_all(Target::Goal, &raw.serves, "serves", file, diags),
                underlies: index.lookup_all(
                    Target::Doc(Kind::Backlog),
                    &raw.underlies,
                    "underlies",
                    file,
                    diags,
                ),
                test: raw.test.clone(),
                learned: raw.learned,
                meta: p.meta,
            }
        })
        .collect()
}

/// Fills the goals' and items' lists of assumptions.
pub(super) fn link(portal: &mut Portal) {
    for (a, assumption) in portal.assumptions.iter().enumerate() {
        for &g in &assumption.serves {
            portal.goals[g].assumptions.push(a);
        }
        for &i in &assumption.underlies {
            std::sync::Arc::make_mut(&mut portal.items[i])
                .assumptions
                .push(a);
        }
    }
}
