//! Reverse links ("who points at me") and each goal's progress rollup.

use crate::model::Portal;

/// Goal progress, from the status and estimate of every item tracing to
/// each goal.
pub(super) fn rollups(portal: &mut Portal) {
    for goal in &mut portal.goals {
        goal.progress = Default::default();
        for &i in &goal.items {
            let item = &portal.items[i];
            goal.progress
                .add(item.written.status, item.written.estimate);
        }
    }
}

/// Fills every "who points at me" list: goal rollups, stakeholder
/// involvement, the items a decision shaped, supersession both ways (done
/// when resolving decisions).
pub(super) fn derive_reverse_links(portal: &mut Portal) {
    for (i, item) in portal.items.iter().enumerate() {
        for &g in &item.goals {
            portal.goals[g].items.push(i);
        }
        for &s in &item.requested_by {
            portal.stakeholders[s].requested.push(i);
        }
        for &d in &item.decisions {
            portal.decisions[d].items.push(i);
        }
    }
    for (i, d) in portal.decisions.iter().enumerate() {
        for &g in &d.serves {
            portal.goals[g].decisions.push(i);
        }
        for &s in &d.decided_by {
            portal.stakeholders[s].decided.push(i);
        }
        for &s in &d.consulted {
            portal.stakeholders[s].consulted.push(i);
        }
        for &s in &d.informed {
            portal.stakeholders[s].informed.push(i);
        }
        for &s in &d.affects {
            portal.stakeholders[s].affected.push(i);
        }
    }
    for (i, u) in portal.updates.iter().enumerate() {
        for &s in &u.audience {
            portal.stakeholders[s].updates.push(i);
        }
    }
    rollups(portal);
}

#[cfg(test)]
mod tests {
    use crate::keywords::Status;
    use crate::model::Progress;

    #[test]
    fn progress_counts_done_against_all_but_dropped() {
        let mut p = Progress::default();
        p.add(Status::Done, Some(3.0));
        p.add(Status::InProgress, Some(5.0));
        p.add(Status::Dropped, Some(8.0));
        p.add(Status::New, None);
        assert_eq!((p.done, p.total), (1, 3));
        assert_eq!((p.done_estimate, p.total_estimate), (3.0, 8.0));
        assert_eq!(p.percent(), 33);
        assert_eq!(p.percent_estimate(), 38);
    }
}
