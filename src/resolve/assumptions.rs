//! Assumptions (v2): their references looked up, and the goals and items
//! that rest on each linked back.

use super::index::{Index, Target};
use super::parts::Part;
use crate::diagnostics::Diagnostics;
use crate::keywords::AssumptionStatus;
use crate::kind::Kind;
use crate::load::documents::RawAssumption;
use crate::model::{Assumption, Portal};

pub(super) fn resolve(
    parts: Vec<Part<std::sync::Arc<RawAssumption>>>,
    index: &Index,
    diags: &mut Diagnostics,
) -> Vec<Assumption> {
    parts
        .into_iter()
        .map(|p| {
            let file = p.meta.file;
            let raw = p.raw;
            let mut assumption = Assumption {
                written: raw.clone(),
                serves: index.lookup_all(Target::Goal, &raw.serves, "serves", file, diags),
                underlies: index.lookup_all(
                    Target::Doc(Kind::Backlog),
                    &raw.underlies,
                    "underlies",
                    file,
                    diags,
                ),
                test_first: false,
                meta: p.meta,
            };
            assumption.test_first =
                test_first(raw.status, assumption.importance(), assumption.evidence());
            assumption
        })
        .collect()
}

/// The assumption map's "test first" quadrant: important (4 or more) with
/// little evidence (2 or less). Only an open question (untested or
/// testing) is still to be tested; a settled one is not.
pub fn in_test_first_quadrant(importance: u8, evidence: u8) -> bool {
    importance >= 4 && evidence <= 2
}

fn test_first(status: AssumptionStatus, importance: u8, evidence: u8) -> bool {
    in_test_first_quadrant(importance, evidence)
        && matches!(
            status,
            AssumptionStatus::Untested | AssumptionStatus::Testing
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_open_important_assumption_with_little_evidence_is_tested_first() {
        use AssumptionStatus::*;
        assert!(test_first(Untested, 4, 2));
        assert!(test_first(Testing, 5, 1));
        assert!(!test_first(Untested, 3, 1), "not important enough");
        assert!(!test_first(Untested, 5, 3), "evidence enough");
        assert!(!test_first(Validated, 5, 1), "settled");
        assert!(!test_first(Invalidated, 5, 1), "settled");
    }
}
