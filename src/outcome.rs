//! Outcomes: where a goal's metric stands, measured by its readings, and
//! whether the trend reaches the target by the goal's `by` date.
//!
//! "On track" is computed so: a straight line is fitted to the readings
//! (least squares over days), extended to the `by` date, and compared with
//! the target (at or above it, or at or below when lower is better). A
//! goal whose latest reading already meets the target is on track. Fewer
//! than two readings, or no `by` date, is "not enough readings".

use jiff::civil::Date;

/// One dated measurement of a goal's metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub date: Date,
    pub value: f64,
    pub note: Option<String>,
}

/// Whether the trend reaches the target in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeState {
    OnTrack,
    Behind,
    NotEnoughReadings,
}

impl OutcomeState {
    /// What readers see.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeState::OnTrack => "on track",
            OutcomeState::Behind => "behind",
            OutcomeState::NotEnoughReadings => "not enough readings",
        }
    }
}

/// A measured goal: numeric baseline and target and at least one reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub baseline: f64,
    pub target: f64,
    /// The target is below the baseline.
    pub lower_is_better: bool,
    /// The newest reading.
    pub latest: Reading,
    /// Share of the way from baseline to target, in percent (may be below
    /// 0 or above 100).
    pub share: f64,
    /// The trend line's value on the `by` date, with two readings or more.
    pub projected: Option<f64>,
    pub state: OutcomeState,
}

/// The outcome of a goal, when it is measured.
pub fn outcome(
    baseline: f64,
    target: f64,
    by: Option<Date>,
    readings: &[Reading],
) -> Option<Outcome> {
    let latest = readings.last()?.clone();
    let lower_is_better = target < baseline;
    let span = target - baseline;
    let share = if span == 0.0 {
        if latest.value == target { 100.0 } else { 0.0 }
    } else {
        (latest.value - baseline) / span * 100.0
    };
    let meets = |v: f64| {
        if lower_is_better {
            v <= target
        } else {
            v >= target
        }
    };
    let projected = by.and_then(|by| trend(readings, by));
    let state = match projected {
        _ if meets(latest.value) => OutcomeState::OnTrack,
        Some(p) if meets(p) => OutcomeState::OnTrack,
        Some(_) => OutcomeState::Behind,
        None => OutcomeState::NotEnoughReadings,
    };
    Some(Outcome {
        baseline,
        target,
        lower_is_better,
        latest,
        share,
        projected,
        state,
    })
}

/// Days from `from` to `to` (a civil date span's largest unit is days).
pub fn days(from: Date, to: Date) -> f64 {
    from.until(to).map_or(0.0, |s| f64::from(s.get_days()))
}

/// The least-squares line through the readings, read off on `at`; `None`
/// with fewer than two readings.
pub fn trend(readings: &[Reading], at: Date) -> Option<f64> {
    if readings.len() < 2 {
        return None;
    }
    let origin = readings[0].date;
    let n = readings.len() as f64;
    let xs: Vec<f64> = readings.iter().map(|r| days(origin, r.date)).collect();
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = readings.iter().map(|r| r.value).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (x, r) in xs.iter().zip(readings) {
        sxy += (x - mean_x) * (r.value - mean_y);
        sxx += (x - mean_x) * (x - mean_x);
    }
    if sxx == 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    Some(mean_y + slope * (days(origin, at) - mean_x))
}

/// A number with the goal's unit: `36%`, `4.5 days`.
pub fn with_unit(n: f64, unit: Option<&str>) -> String {
    let n = crate::format::number(n);
    match unit {
        None => n,
        Some(u) if u.starts_with(|c: char| c.is_alphanumeric()) => format!("{n} {u}"),
        Some(u) => format!("{n}{u}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(date: &str, value: f64) -> Reading {
        Reading {
            date: date.parse().unwrap(),
            value,
            note: None,
        }
    }

    #[test]
    fn a_rising_trend_that_reaches_the_target_is_on_track() {
        let rs = [r("2026-01-01", 10.0), r("2026-02-01", 20.0)];
        let o = outcome(10.0, 30.0, "2026-03-15".parse().ok(), &rs).unwrap();
        assert_eq!(o.state, OutcomeState::OnTrack);
        assert_eq!(o.share, 50.0);
    }

    #[test]
    fn lower_is_better_when_the_target_is_below_the_baseline() {
        let rs = [r("2026-01-01", 10.0), r("2026-02-01", 9.5)];
        let o = outcome(10.0, 5.0, "2026-03-01".parse().ok(), &rs).unwrap();
        assert!(o.lower_is_better);
        assert_eq!(o.state, OutcomeState::Behind);
        assert_eq!(o.share, 10.0);
    }

    #[test]
    fn one_reading_is_not_enough_unless_it_meets_the_target() {
        let o = outcome(
            0.0,
            10.0,
            "2026-03-01".parse().ok(),
            &[r("2026-01-01", 4.0)],
        )
        .unwrap();
        assert_eq!(o.state, OutcomeState::NotEnoughReadings);
        let o = outcome(0.0, 10.0, None, &[r("2026-01-01", 11.0)]).unwrap();
        assert_eq!(o.state, OutcomeState::OnTrack);
    }

    #[test]
    fn units_of_words_get_a_space() {
        assert_eq!(with_unit(36.0, Some("%")), "36%");
        assert_eq!(with_unit(4.5, Some("days")), "4.5 days");
    }
}
