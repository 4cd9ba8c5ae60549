//! Assumptions (v2) for templates: each one's page, the lists by status,
//! and the assumption map (importance against evidence) as inline SVG
//! with the same data as a table.

use std::fmt::Write;

use serde::Serialize;

use super::views::Word;
use crate::format;
use crate::keywords::{AssumptionStatus, Keyword};
use crate::kind::{self, Kind};
use crate::model::{Assumption, AssumptionIx, Portal};

/// An assumption in a list.
#[derive(Serialize)]
pub struct AssumptionRef<'a> {
    pub title: &'a str,
    pub href: String,
    pub status: Word,
    pub importance: u8,
    pub evidence: u8,
    pub test_first: bool,
}

pub fn assumption_ref(a: &Assumption) -> AssumptionRef<'_> {
    AssumptionRef {
        title: &a.written.title,
        href: Kind::Assumption.page(&a.meta.id),
        status: Word::of(a.written.status),
        importance: a.importance(),
        evidence: a.evidence(),
        test_first: a.test_first,
    }
}

/// The assumptions `list` names.
pub fn refs<'a>(p: &'a Portal, list: &[AssumptionIx]) -> Vec<AssumptionRef<'a>> {
    list.iter()
        .map(|&a| assumption_ref(&p.assumptions[a]))
        .collect()
}

/// One status and its assumptions.
#[derive(Serialize)]
pub struct StatusGroup<'a> {
    pub status: Word,
    pub assumptions: Vec<AssumptionRef<'a>>,
}

/// The assumptions page.
#[derive(Serialize)]
pub struct AssumptionsPage<'a> {
    pub map: String,
    pub all: Vec<AssumptionRef<'a>>,
    pub groups: Vec<StatusGroup<'a>>,
    /// Untested or testing, in the "test first" quadrant.
    pub untested_bets: Vec<AssumptionRef<'a>>,
}

/// `root` leads from the page to the output root (the map's links).
pub fn page<'a>(p: &'a Portal, root: &str) -> AssumptionsPage<'a> {
    let mut order: Vec<&Assumption> = p.assumptions.iter().collect();
    order.sort_by(|a, b| {
        (b.importance(), a.evidence(), &a.written.title).cmp(&(
            a.importance(),
            b.evidence(),
            &b.written.title,
        ))
    });
    AssumptionsPage {
        map: map(p, root),
        all: order.iter().map(|a| assumption_ref(a)).collect(),
        groups: AssumptionStatus::ALL
            .iter()
            .map(|&(_, s)| StatusGroup {
                status: Word::of(s),
                assumptions: order
                    .iter()
                    .filter(|a| a.written.status == s)
                    .map(|a| assumption_ref(a))
                    .collect(),
            })
            .collect(),
        untested_bets: order
            .iter()
            .filter(|a| a.test_first)
            .map(|a| assumption_ref(a))
            .collect(),
    }
}

const SIZE: f64 = 320.0;
const PAD: f64 = 40.0;

/// The map: evidence on x (1..5), importance on y (1..5, up); the
/// "test first" quadrant is shaded and named. Points that share a cell are
/// spread in a small circle so each stays a link.
fn map(p: &Portal, root: &str) -> String {
    let cell = (SIZE - 2.0 * PAD) / 5.0;
    let x = |e: u8| PAD + (f64::from(e) - 0.5) * cell;
    let y = |i: u8| SIZE - PAD - (f64::from(i) - 0.5) * cell;
    let mut s = format!(
        r#"<svg class="assumption-map" viewBox="0 0 {SIZE} {SIZE}" aria-labelledby="map-title"><title id="map-title">Assumption map: importance against evidence; the table below lists the same</title>"#
    );
    let _ = write!(
        s,
        r#"<rect class="map-test-first" x="{PAD}" y="{PAD}" width="{w}" height="{w}"/><text class="map-label" x="{tx}" y="{ty}">Test first</text>"#,
        w = 2.0 * cell,
        tx = PAD + 4.0,
        ty = PAD + 14.0
    );
    let _ = write!(
        s,
        r#"<rect class="map-frame" x="{PAD}" y="{PAD}" width="{w}" height="{w}"/><text class="map-label" x="{cx}" y="{by}" text-anchor="middle">Evidence →</text><text class="map-label" x="12" y="{cy}" transform="rotate(-90 12 {cy})" text-anchor="middle">Importance →</text>"#,
        w = 5.0 * cell,
        cx = SIZE / 2.0,
        by = SIZE - 10.0,
        cy = SIZE / 2.0
    );
    // The scale, 1 to 5, along both axes.
    for n in 1..=5u8 {
        let _ = write!(
            s,
            r#"<text class="map-tick" x="{tx:.1}" y="{ty}" text-anchor="middle">{n}</text><text class="map-tick" x="{lx}" y="{ly:.1}" text-anchor="end">{n}</text>"#,
            tx = x(n),
            ty = SIZE - PAD + 14.0,
            lx = PAD - 6.0,
            ly = y(n) + 4.0
        );
    }
    let mut seen = std::collections::HashMap::<(u8, u8), usize>::new();
    for a in &p.assumptions {
        let n = seen.entry((a.evidence(), a.importance())).or_default();
        let angle = *n as f64 * 2.4;
        let r = if *n == 0 { 0.0 } else { 10.0 };
        *n += 1;
        let _ = write!(
            s,
            r#"<a href="{root}{href}" aria-label="{t}: {label}, importance {i}, evidence {e}"><title>{t} ({label}; importance {i}, evidence {e})</title><circle class="map-point status-{key}" cx="{cx:.1}" cy="{cy:.1}" r="7"/></a>"#,
            href = Kind::Assumption.page(&a.meta.id),
            key = a.written.status.key(),
            cx = x(a.evidence()) + r * angle.cos(),
            cy = y(a.importance()) + r * angle.sin(),
            t = html_escape::encode_safe(&a.written.title),
            label = a.written.status.label(),
            i = a.importance(),
            e = a.evidence()
        );
    }
    s.push_str("</svg>");
    s
}

/// One assumption's page.
#[derive(Serialize)]
pub struct AssumptionPage<'a> {
    pub assumption: AssumptionRef<'a>,
    pub test: Option<&'a str>,
    pub learned: Option<String>,
    pub goals: Vec<Link<'a>>,
    pub items: Vec<Link<'a>>,
}

/// A titled link.
#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub href: String,
}

pub fn assumption_page(p: &Portal, i: AssumptionIx) -> AssumptionPage<'_> {
    let a = &p.assumptions[i];
    AssumptionPage {
        assumption: assumption_ref(a),
        test: a.written.test.as_deref(),
        learned: a.written.learned.map(format::date),
        goals: a
            .serves
            .iter()
            .map(|&g| Link {
                title: &p.goals[g].written.title,
                href: kind::goal_page(&p.goals[g].id),
            })
            .collect(),
        items: a
            .underlies
            .iter()
            .map(|&it| Link {
                title: &p.items[it].written.title,
                href: Kind::Backlog.page(&p.items[it].meta.id),
            })
            .collect(),
    }
}
