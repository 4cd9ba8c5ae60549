//! The vision and its goals: ids checked and indexed, outcomes measured.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use super::index::{Index, Target};
use super::outcomes;
use super::parts::Part;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::kind;
use crate::load::documents::RawVision;
use crate::model::{Goal, Vision};

pub(super) fn goals(
    vision: &Part<Arc<RawVision>>,
    today: Date,
    index: &mut Index,
    diags: &mut Diagnostics,
) -> Vec<Goal> {
    let mut goals: Vec<Goal> = Vec::new();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for raw in &vision.raw.goals {
        let Some(id) = &raw.id else { continue };
        let at = Location::new(vision.meta.file, id.span.clone());
        if !kind::is_valid_id(&id.value) {
            diags.push(
                Diagnostic::error(format!("invalid goal id `{}`", id.value), at).with_help(
                    format!(
                        "ids use lowercase letters, digits and `-`, e.g. `{}`",
                        kind::suggest_id(&id.value)
                    ),
                ),
            );
            continue;
        }
        if let Some(first) = seen.get(&id.value) {
            diags.push(
                Diagnostic::error(format!("duplicate goal id `{}`", id.value), at)
                    .with_related(
                        Location::new(vision.meta.file, first.clone()),
                        "first used here",
                    )
                    .with_help("give each goal its own id"),
            );
            continue;
        }
        seen.insert(id.value.clone(), id.span.clone());
        index.insert(Target::Goal, &id.value, goals.len());
        let m = outcomes::measured(raw, vision.meta.file, today, diags);
        goals.push(Goal {
            written: raw.clone(),
            id: id.value.clone(),
            baseline: m.baseline,
            target: m.target,
            readings: m.readings,
            outcome: m.outcome,
            numeric_target: m.numeric_target,
            assumptions: Vec::new(),
            items: Vec::new(),
            decisions: Vec::new(),
            progress: Default::default(),
        });
    }
    goals
}

pub(super) fn vision(part: Part<Arc<RawVision>>) -> Vision {
    Vision {
        meta: part.meta,
        written: Arc::clone(part.raw),
    }
}
