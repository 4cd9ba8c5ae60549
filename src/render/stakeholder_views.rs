//! Stakeholders seen as a power/interest map (inline SVG geometry computed
//! here) and as an engagement plan, overdue first. Both are how the team
//! manages people: a public build has neither unless `[public]
//! engagement = true`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::views::{StakeholderRef, stakeholder_ref};
use crate::format;
use crate::model::{Overdue, Portal};

/// Size of the map's drawing area, in SVG user units.
const SIZE: f64 = 500.0;
/// Margin for the axis labels.
const MARGIN: f64 = 60.0;

/// A person on the map.
#[derive(Serialize)]
pub struct MapPoint<'a> {
    #[serde(flatten)]
    pub who: StakeholderRef<'a>,
    pub cx: String,
    pub cy: String,
    pub label_x: String,
    pub label_y: String,
    /// The name, shortened to fit a cell; the full name is in the title.
    pub label: String,
    /// The link's accessible name: the visible label first, so that it is
    /// part of the name (speech control users say what they see), then the
    /// full name when the label is shorter.
    pub accessible_name: String,
    /// `start` or `end`: labels on the right half point left.
    pub anchor: &'static str,
    pub quadrant: &'static str,
    /// (history) Where they were 90 days ago, when they moved since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved: Option<crate::history::views::Arrow>,
}

/// A named quadrant.
#[derive(Serialize)]
pub struct Quadrant {
    pub name: &'static str,
    pub mode: &'static str,
    pub x: String,
    pub y: String,
    pub label_x: String,
    pub label_y: String,
    pub width: String,
    pub height: String,
}

/// The power/interest map.
#[derive(Serialize)]
pub struct Map<'a> {
    pub width: String,
    pub height: String,
    pub quadrants: Vec<Quadrant>,
    pub points: Vec<MapPoint<'a>>,
    /// Grid lines at 1..=5, for ticks.
    pub ticks: Vec<Tick>,
    pub plot_left: String,
    pub plot_top: String,
    pub plot_size: String,
    pub axis_x_label_y: String,
    pub axis_y_label_x: String,
    pub center_x: String,
    pub center_y: String,
    /// (history) Someone moved in the last 90 days.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub moved: bool,
}

/// An axis tick.
#[derive(Serialize)]
pub struct Tick {
    pub value: u8,
    pub x: String,
    pub y: String,
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// Where a score (1..=5) sits on an axis of length SIZE, cells centred.
fn pos(score: f64) -> f64 {
    (score - 0.5) / 5.0 * SIZE
}

/// A name cut to about one grid cell's width, at a word boundary and with
/// no ellipsis, so the visible label stays part of the link's accessible
/// name (the full name).
fn short_label(name: &str) -> String {
    const MAX: usize = 16;
    let mut out = String::new();
    for word in name.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if !out.is_empty() && len > MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > MAX {
        out = out.chars().take(MAX).collect();
    }
    out
}

/// A point's accessible name: `label` as shown, then the full name if the
/// label is cut short. A label cut inside a word (a name without spaces, as
/// in Chinese) is not a word of the full name, so it is repeated whole.
fn accessible_name(label: &str, name: &str) -> String {
    if label == name {
        name.to_string()
    } else {
        format!("{label} … {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::{accessible_name, short_label};

    #[test]
    fn a_shortened_map_label_starts_its_accessible_name_and_the_full_name_follows() {
        let name = "王小明（北京外国语大学翻译学院高级研究员兼数字人文实验室主任）";
        let label = short_label(name);
        assert_ne!(label, name);
        let spoken = accessible_name(&label, name);
        assert!(spoken.starts_with(&label), "{spoken}");
        assert!(spoken.ends_with(name), "{spoken}");
        assert_eq!(accessible_name("Ngozi", "Ngozi"), "Ngozi");
    }

    #[test]
    fn labels_are_cut_at_words_and_stay_part_of_the_name() {
        assert_eq!(short_label("Dana Whitfield"), "Dana Whitfield");
        assert_eq!(
            short_label("Payments partner risk and compliance"),
            "Payments partner"
        );
        assert_eq!(
            short_label("Supercalifragilisticexpialidocious"),
            "Supercalifragili"
        );
    }
}

/// The quadrant a person falls in, by the engagement grid's thresholds.
pub fn quadrant_of(power: u8, interest: u8) -> &'static str {
    match (power >= 4, interest >= 4) {
        (true, true) => "Manage closely",
        (true, false) => "Keep satisfied",
        (false, true) => "Keep informed",
        (false, false) => "Monitor",
    }
}

/// The map, where the build may show it.
pub fn map(p: &Portal) -> Option<Map<'_>> {
    p.shows.engagement.then(|| full_map(p))
}

fn full_map(p: &Portal) -> Map<'_> {
    let left = MARGIN;
    let top = 10.0;
    // The high band starts at score 4: scores 1-3 take three fifths.
    let split = 3.0 / 5.0 * SIZE;
    let quads = [
        ("Keep satisfied", "Consult", 0.0, 0.0, split, SIZE - split),
        (
            "Manage closely",
            "Collaborate",
            split,
            0.0,
            SIZE - split,
            SIZE - split,
        ),
        ("Monitor", "Monitor", 0.0, SIZE - split, split, split),
        (
            "Keep informed",
            "Inform",
            split,
            SIZE - split,
            SIZE - split,
            split,
        ),
    ];
    let quadrants = quads
        .iter()
        .map(|&(name, mode, x, y, w, h)| Quadrant {
            name,
            mode,
            x: n(left + x),
            y: n(top + y),
            label_x: n(left + x + 8.0),
            label_y: n(top + y + 20.0),
            width: n(w),
            height: n(h),
        })
        .collect();
    // People sharing a cell are spread on a small circle around its centre.
    let mut cells: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
    let mut order: Vec<usize> = (0..p.stakeholders.len()).collect();
    order.sort_by(|&a, &b| {
        p.stakeholders[a]
            .written
            .name
            .cmp(&p.stakeholders[b].written.name)
    });
    for i in order {
        let s = &p.stakeholders[i];
        cells.entry((s.power(), s.interest())).or_default().push(i);
    }
    let mut points = Vec::new();
    let moves = crate::history::views::moves(p);
    let at = |power: f64, interest: f64| (left + pos(interest), top + SIZE - pos(power));
    for ((power, interest), people) in cells {
        let cx0 = left + pos(f64::from(interest));
        let cy0 = top + SIZE - pos(f64::from(power));
        let k = people.len();
        for (j, &i) in people.iter().enumerate() {
            let (dx, dy) = if k == 1 {
                (0.0, 0.0)
            } else {
                let angle =
                    std::f64::consts::TAU * j as f64 / k as f64 - std::f64::consts::FRAC_PI_2;
                (28.0 * angle.cos(), 28.0 * angle.sin())
            };
            let (cx, cy) = (cx0 + dx, cy0 + dy);
            let name = &p.stakeholders[i].written.name;
            let label = short_label(name);
            points.push(MapPoint {
                who: stakeholder_ref(p, &p.stakeholders[i]),
                cx: n(cx),
                cy: n(cy),
                accessible_name: accessible_name(&label, name),
                label,
                label_x: n(cx),
                label_y: n(cy + 20.0),
                anchor: "middle",
                quadrant: quadrant_of(power, interest),
                moved: moves
                    .get(&p.stakeholders[i].meta.path)
                    .and_then(|m| m.arrow(&at, (power, interest), (cx, cy))),
            });
        }
    }
    let ticks = (1..=5u8)
        .map(|v| Tick {
            value: v,
            x: n(left + pos(f64::from(v))),
            y: n(top + SIZE - pos(f64::from(v))),
        })
        .collect();
    Map {
        width: n(SIZE + MARGIN + 20.0),
        height: n(SIZE + 60.0),
        quadrants,
        ticks,
        plot_left: n(left),
        plot_top: n(top),
        plot_size: n(SIZE),
        axis_x_label_y: n(top + SIZE + 45.0),
        axis_y_label_x: n(18.0),
        center_x: n(left + SIZE / 2.0),
        center_y: n(top + SIZE / 2.0),
        moved: points.iter().any(|pt| pt.moved.is_some()),
        points,
    }
}

/// A row of the engagement plan.
#[derive(Serialize)]
pub struct PlanRow<'a> {
    #[serde(flatten)]
    pub who: StakeholderRef<'a>,
    pub cadence_days: Option<u32>,
    /// "14 days".
    pub cadence: Option<String>,
    pub last_contact: Option<String>,
    pub next_due: Option<String>,
    /// "Overdue", "Due today", "Due in 5 days", or "No cadence set".
    pub state: String,
    pub is_overdue: bool,
}

/// Everyone, overdue first (longest overdue at the top), then by next due
/// date, then those without a cadence; nobody where the build may not show
/// it.
pub fn plan(p: &Portal) -> Vec<PlanRow<'_>> {
    if !p.shows.engagement {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..p.stakeholders.len()).collect();
    let key = |i: usize| {
        let s = &p.stakeholders[i];
        let group = match (s.overdue, s.next_due) {
            (Some(Overdue::NoContact), _) => 0,
            (Some(Overdue::Since(_)), _) => 1,
            (None, Some(_)) => 2,
            (None, None) => 3,
        };
        (group, s.next_due, s.written.name.clone())
    };
    order.sort_by_key(|&i| key(i));
    order
        .into_iter()
        .map(|i| {
            let s = &p.stakeholders[i];
            let state = match (s.overdue, s.next_due) {
                (Some(Overdue::NoContact), _) => "Overdue: no contact recorded".to_string(),
                (Some(Overdue::Since(d)), _) => {
                    let days = (p.today - d).get_days();
                    format!(
                        "Overdue by {}",
                        format::count(days.unsigned_abs() as usize, "day")
                    )
                }
                (None, Some(d)) if d == p.today => "Due today".into(),
                (None, Some(d)) => {
                    let days = (d - p.today).get_days();
                    format!(
                        "Due in {}",
                        format::count(days.unsigned_abs() as usize, "day")
                    )
                }
                (None, None) => "No cadence set".into(),
            };
            PlanRow {
                who: stakeholder_ref(p, s),
                cadence_days: s.written.cadence_days,
                cadence: s
                    .written
                    .cadence_days
                    .map(|d| format::count(d as usize, "day")),
                last_contact: s.last_contact.map(format::date),
                next_due: s.next_due.map(format::date),
                is_overdue: s.overdue.is_some(),
                state,
            }
        })
        .collect()
}
