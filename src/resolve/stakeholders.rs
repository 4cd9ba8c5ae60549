//! Stakeholders: grid defaults, contact dates, what a public build leaves out.

use jiff::civil::Date;

use std::sync::Arc;

use crate::keywords::Engagement;
use crate::load::documents::RawStakeholder;
use crate::model::{Meta, Overdue, Stakeholder};

/// A stakeholder from its own fields; the lists of who points at it are
/// filled in afterwards (see [`super::reverse`]).
pub(super) fn stakeholder(
    mut meta: Meta,
    raw: &Arc<RawStakeholder>,
    today: Date,
    public: bool,
) -> Stakeholder {
    let written = if public {
        // What a stakeholder fears or wants stays with the team.
        meta.body = Default::default();
        Arc::new(RawStakeholder {
            motivations: Vec::new(),
            risks: Vec::new(),
            ..RawStakeholder::clone(raw)
        })
    } else {
        Arc::clone(raw)
    };
    let mut s = Stakeholder {
        meta,
        written,
        engagement: Engagement::Inform,
        engagement_is_default: true,
        last_contact: None,
        next_due: None,
        overdue: None,
        requested: Vec::new(),
        decided: Vec::new(),
        consulted: Vec::new(),
        informed: Vec::new(),
        affected: Vec::new(),
        updates: Vec::new(),
    };
    own_facts(&mut s, today);
    s
}

/// What follows from a stakeholder's own fields alone: its engagement and
/// contact dates (before the engagement log has its say).
pub(super) fn own_facts(s: &mut Stakeholder, today: Date) {
    let engagement = s.written.engagement;
    s.engagement = engagement.unwrap_or(Engagement::from_grid(s.power(), s.interest()));
    s.engagement_is_default = engagement.is_none();
    s.last_contact = s.written.last_contact;
    (s.next_due, s.overdue) = contact_dates(s.last_contact, s.written.cadence_days, today);
}

/// When the next conversation is due, and whether it is overdue on `today`.
pub(super) fn contact_dates(
    last_contact: Option<Date>,
    cadence_days: Option<u32>,
    today: Date,
) -> (Option<Date>, Option<Overdue>) {
    let next_due = match (last_contact, cadence_days) {
        (Some(last), Some(days)) => last
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .ok(),
        _ => None,
    };
    let overdue = match (cadence_days, last_contact, next_due) {
        (Some(_), None, _) => Some(Overdue::NoContact),
        (Some(_), Some(_), Some(due)) if due < today => Some(Overdue::Since(due)),
        _ => None,
    };
    (next_due, overdue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keywords::Role;

    fn person(
        power: u8,
        interest: u8,
        cadence: Option<u32>,
        last: Option<Date>,
    ) -> (Meta, RawStakeholder) {
        (
            Meta {
                id: "p".into(),
                path: "stakeholders/p.md".into(),
                file: 0,
                private: false,
                draft: false,
                extra: serde_json::Value::Null,
                body: Default::default(),
            },
            RawStakeholder {
                name: "P".into(),
                position: None,
                organization: None,
                role: Some(Role::Buyer),
                category: None,
                power: Some(power),
                interest: Some(interest),
                funding: false,
                veto: false,
                engagement: None,
                cadence_days: cadence,
                last_contact: last,
                success: None,
                motivations: vec![],
                risks: vec![],
            },
        )
    }

    fn stakeholder_of(p: (Meta, RawStakeholder), today: Date) -> Stakeholder {
        stakeholder(p.0, &Arc::new(p.1), today, false)
    }

    #[test]
    fn private_fields_are_left_out_of_public_builds() {
        let mut p = person(5, 5, None, None);
        p.1.motivations = vec!["Bonus tied to renewals".into()];
        p.1.risks = vec!["Escalates".into()];
        let s = stakeholder(p.0, &Arc::new(p.1), jiff::civil::date(2026, 11, 22), true);
        assert!(s.written.motivations.is_empty() && s.written.risks.is_empty());
        assert!(s.meta.body.is_blank());
    }

    #[test]
    fn overdue_is_judged_against_the_build_date() {
        let today = jiff::civil::date(2026, 11, 22);
        let due_yesterday = stakeholder_of(
            person(5, 5, Some(14), Some(jiff::civil::date(2026, 11, 7))),
            today,
        );
        assert_eq!(
            due_yesterday.overdue,
            Some(Overdue::Since(jiff::civil::date(2026, 11, 21)))
        );
        let due_today = stakeholder_of(
            person(5, 5, Some(14), Some(jiff::civil::date(2026, 11, 8))),
            today,
        );
        assert_eq!(due_today.overdue, None, "due today is not yet overdue");
        assert_eq!(due_today.next_due, Some(today));
        let never_met = stakeholder_of(person(1, 1, Some(30), None), today);
        assert_eq!(never_met.overdue, Some(Overdue::NoContact));
        let no_cadence = stakeholder_of(
            person(1, 1, None, Some(jiff::civil::date(2020, 1, 1))),
            today,
        );
        assert_eq!(no_cadence.overdue, None);
    }

    #[test]
    fn engagement_defaults_from_the_grid_unless_written() {
        let today = jiff::civil::date(2026, 11, 22);
        let s = stakeholder_of(person(4, 2, None, None), today);
        assert_eq!(s.engagement, Engagement::Consult);
        assert!(s.engagement_is_default);
        let mut written = person(4, 2, None, None);
        written.1.engagement = Some(Engagement::Collaborate);
        let s = stakeholder_of(written, today);
        assert_eq!(s.engagement, Engagement::Collaborate);
        assert!(!s.engagement_is_default);
    }
}
