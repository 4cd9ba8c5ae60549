//! A goal's readings as an inline SVG, made here so a page needs no script
//! and no library at view time. The same data is shown as a table beside
//! it; the SVG is a picture of that table (`role="img"` with a title).

use std::fmt::Write;

use jiff::civil::Date;

use crate::model::Goal;
use crate::outcome::{days, trend, with_unit};

const W: f64 = 560.0;
const H: f64 = 240.0;
const LEFT: f64 = 96.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// The chart of a measured goal, or `None` when it has no outcome.
pub fn svg(g: &Goal) -> Option<String> {
    let o = g.outcome.as_ref()?;
    let first = g.readings.first()?.date;
    let last_reading = g.readings.last()?.date;
    let end = g.written.by.map_or(last_reading, |by| by.max(last_reading));
    let span = days(first, end).max(1.0);
    let projected = g.written.by.and_then(|by| trend(&g.readings, by));
    let mut values: Vec<f64> = g.readings.iter().map(|r| r.value).collect();
    values.extend([o.baseline, o.target]);
    values.extend(projected);
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if (hi - lo).abs() < f64::EPSILON {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let x = |d: Date| LEFT + days(first, d) / span * (W - LEFT - RIGHT);
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let unit = g.written.unit.as_deref();
    let mut s = String::new();
    let title = format!(
        "{}: readings from {} to {}, target {}",
        g.written.title,
        crate::format::date(first),
        crate::format::date(last_reading),
        with_unit(o.target, unit)
    );
    let _ = write!(
        s,
        r#"<svg class="outcome-chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-title-{id}"><title id="chart-title-{id}">{t}</title>"#,
        id = escape(&g.id),
        t = escape(&title)
    );
    let line = |s: &mut String, class: &str, v: f64, label: &str| {
        let _ = write!(
            s,
            r#"<line class="{class}" x1="{LEFT}" x2="{x2}" y1="{yv:.1}" y2="{yv:.1}"/><text class="chart-label" x="{tx}" y="{ty:.1}" text-anchor="end">{label}</text>"#,
            x2 = W - RIGHT,
            yv = y(v),
            tx = LEFT - 4.0,
            ty = y(v) + 4.0,
            label = escape(label)
        );
    };
    line(
        &mut s,
        "chart-baseline",
        o.baseline,
        &format!("base {}", with_unit(o.baseline, unit)),
    );
    line(
        &mut s,
        "chart-target",
        o.target,
        &format!("target {}", with_unit(o.target, unit)),
    );
    if let Some(by) = g.written.by {
        let _ = write!(
            s,
            r#"<line class="chart-by" x1="{bx:.1}" x2="{bx:.1}" y1="{TOP}" y2="{yb}"/><text class="chart-label" x="{bx:.1}" y="{ty}" text-anchor="end">by {d}</text>"#,
            bx = x(by),
            yb = H - BOTTOM,
            ty = H - 8.0,
            d = escape(&crate::format::date(by))
        );
    }
    if let (Some(by), Some(p)) = (g.written.by, projected) {
        let start = trend(&g.readings, first).unwrap_or(g.readings[0].value);
        let _ = write!(
            s,
            r#"<line class="chart-trend" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#,
            x1 = x(first),
            y1 = y(start),
            x2 = x(by),
            y2 = y(p)
        );
    }
    let points: Vec<String> = g
        .readings
        .iter()
        .map(|r| format!("{:.1},{:.1}", x(r.date), y(r.value)))
        .collect();
    let _ = write!(
        s,
        r#"<polyline class="chart-readings" points="{}"/>"#,
        points.join(" ")
    );
    for r in &g.readings {
        let _ = write!(
            s,
            r#"<circle class="chart-point" cx="{:.1}" cy="{:.1}" r="4"/>"#,
            x(r.date),
            y(r.value)
        );
    }
    // Where the time axis starts, and the latest value by its point.
    let latest = &o.latest;
    let _ = write!(
        s,
        r#"<text class="chart-label" x="{LEFT}" y="{ty}">{d}</text><text class="chart-label chart-latest" x="{lx:.1}" y="{ly:.1}">{v}</text>"#,
        ty = H - 8.0,
        d = escape(&crate::format::date(first)),
        lx = x(latest.date) + 7.0,
        ly = y(latest.value) - 7.0,
        v = escape(&with_unit(latest.value, unit))
    );
    s.push_str("</svg>");
    Some(s)
}

fn escape(text: &str) -> String {
    html_escape::encode_safe(text).into_owned()
}
