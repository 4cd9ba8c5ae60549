//! A goal's readings, checked against the build date, and its outcome.

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::documents::RawGoal;
use crate::load::readings::Measure;
use crate::outcome::{self, Outcome, Reading};
use crate::source::FileId;

/// What a goal shows of its metric.
pub struct Measured {
    pub baseline: Option<String>,
    pub target: Option<String>,
    pub readings: Vec<Reading>,
    pub outcome: Option<Outcome>,
    pub numeric_target: bool,
}

/// Reads the outcome keys of `raw`; a reading after `today` is an error.
pub fn measured(raw: &RawGoal, file: FileId, today: Date, diags: &mut Diagnostics) -> Measured {
    let unit = raw.unit.as_deref();
    let shown = |m: &Option<Measure>| {
        m.as_ref().map(|m| match m {
            Measure::Number(n) => outcome::with_unit(*n, unit),
            Measure::Text(t) => t.clone(),
        })
    };
    let number = |m: &Option<Measure>| match m {
        Some(Measure::Number(n)) => Some(*n),
        _ => None,
    };
    let mut readings = Vec::new();
    for r in &raw.readings {
        if r.date.value > today {
            diags.push(
                Diagnostic::error(
                    format!(
                        "reading dated {} is after the build date {today}",
                        r.date.value
                    ),
                    Location::new(file, r.date.span.clone()),
                )
                .with_help("record a reading once it is measured, or build with a later `--today`"),
            );
            continue;
        }
        readings.push(Reading {
            date: r.date.value,
            value: r.value,
            note: r.note.clone(),
        });
    }
    let outcome = match (number(&raw.baseline), number(&raw.target)) {
        (Some(b), Some(t)) => outcome::outcome(b, t, raw.by, &readings),
        _ => None,
    };
    Measured {
        baseline: shown(&raw.baseline),
        target: shown(&raw.target),
        readings,
        outcome,
        numeric_target: number(&raw.target).is_some(),
    }
}
