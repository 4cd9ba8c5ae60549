//! Outcome data for templates: a goal's latest reading, its share of the
//! way, its state, the readings as a table, and the chart.

use serde::Serialize;

use crate::format;
use crate::model::Goal;
use crate::outcome::{OutcomeState, with_unit};

/// A goal's outcome, ready to print.
#[derive(Serialize)]
pub struct OutcomeView {
    /// `23%`.
    pub latest: String,
    pub latest_date: String,
    /// `28%` of the way from baseline to target (may be negative or above 100).
    pub share: String,
    /// 0..=100, for a progress bar.
    pub share_bar: u32,
    pub state: OutcomeState,
    pub state_label: &'static str,
    pub lower_is_better: bool,
    /// The trend's value on the `by` date.
    pub projected: Option<String>,
}

/// One row of the readings table.
#[derive(Serialize)]
pub struct ReadingRow {
    pub date: String,
    pub value: String,
    pub note: Option<String>,
}

pub fn outcome_view(g: &Goal) -> Option<OutcomeView> {
    let o = g.outcome.as_ref()?;
    let unit = g.written.unit.as_deref();
    Some(OutcomeView {
        latest: with_unit(o.latest.value, unit),
        latest_date: format::date(o.latest.date),
        share: format!("{}%", o.share.round()),
        share_bar: o.share.clamp(0.0, 100.0).round() as u32,
        state: o.state,
        state_label: o.state.label(),
        lower_is_better: o.lower_is_better,
        projected: o.projected.map(|p| with_unit(as_precise_as(p, g), unit)),
    })
}

/// `p` rounded to the most decimals the goal's readings are written with:
/// a trend through whole percents reaches 60%, not 60.08%.
fn as_precise_as(p: f64, g: &Goal) -> f64 {
    let decimals = g
        .readings
        .iter()
        .map(|r| {
            let s = format::number(r.value);
            s.split_once('.').map_or(0, |(_, f)| f.len())
        })
        .max()
        .unwrap_or(0);
    let scale = 10f64.powi(decimals as i32);
    (p * scale).round() / scale
}

pub fn reading_rows(g: &Goal) -> Vec<ReadingRow> {
    let unit = g.written.unit.as_deref();
    g.readings
        .iter()
        .map(|r| ReadingRow {
            date: format::date(r.date),
            value: with_unit(r.value, unit),
            note: r.note.clone(),
        })
        .collect()
}
