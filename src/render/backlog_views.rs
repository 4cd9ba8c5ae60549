//! The backlog seen three ways: a board (status by level), MoSCoW groups
//! with the share of "must" effort, and a traceability matrix of goals
//! against big ideas and MMFs.

use serde::Serialize;

use super::views::{GoalRef, Values, Word, goal_ref, sort_items};
use crate::format;
use crate::health::{MUST_LIMIT_PERCENT, must_share};
use crate::keywords::{Keyword, Level, Priority, Status};
use crate::model::Portal;

/// One cell of the board.
#[derive(Serialize)]
pub struct BoardCell {
    /// The key of its column's status.
    pub status: &'static str,
    pub count: usize,
    pub items: Vec<tera::Value>,
}

/// One row (a level) of the board.
#[derive(Serialize)]
pub struct BoardRow {
    pub level: Word,
    pub cells: Vec<BoardCell>,
    pub total: usize,
}

/// A column (a status) of the board.
#[derive(Serialize)]
pub struct BoardColumn {
    #[serde(flatten)]
    pub status: Word,
    /// Items in it, at every level.
    pub total: usize,
}

/// Columns by status, rows by level.
#[derive(Serialize)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    pub rows: Vec<BoardRow>,
    pub column_totals: Vec<usize>,
    pub total: usize,
    /// "12 items".
    pub total_text: String,
}

pub fn board(p: &Portal, values: &Values) -> Board {
    let statuses: Vec<Status> = Status::ALL.iter().map(|(_, s)| *s).collect();
    let mut column_totals = vec![0; statuses.len()];
    let rows = Level::ALL
        .iter()
        .map(|&(_, level)| {
            let cells: Vec<BoardCell> = statuses
                .iter()
                .enumerate()
                .map(|(c, &status)| {
                    let mut ix: Vec<usize> = (0..p.items.len())
                        .filter(|&i| {
                            p.items[i].level() == level && p.items[i].written.status == status
                        })
                        .collect();
                    sort_items(p, &mut ix);
                    column_totals[c] += ix.len();
                    BoardCell {
                        status: status.key(),
                        count: ix.len(),
                        items: ix.iter().map(|&i| values.item(p, i)).collect(),
                    }
                })
                .collect();
            BoardRow {
                level: Word::of(level),
                total: cells.iter().map(|c| c.count).sum(),
                cells,
            }
        })
        .collect();
    Board {
        columns: (statuses.into_iter().zip(&column_totals))
            .map(|(status, &total)| BoardColumn {
                status: Word::of(status),
                total,
            })
            .collect(),
        rows,
        column_totals,
        total: p.items.len(),
        total_text: format::count(p.items.len(), "item"),
    }
}

/// One MoSCoW group.
#[derive(Serialize)]
pub struct MoscowGroup {
    /// `None` for items without a priority.
    pub priority: Option<Word>,
    /// The priority's key, `none` without one: for anchors.
    pub key: &'static str,
    /// "Must have", "No priority yet".
    pub heading: &'static str,
    pub items: Vec<tera::Value>,
    /// "3 items".
    pub count_text: String,
    pub effort: String,
    /// Share of the estimated effort (not dropped), 0..=100.
    pub share: u32,
}

/// Items by MoSCoW priority, with the "must" share and the non-goals.
#[derive(Serialize)]
pub struct Moscow<'a> {
    pub groups: Vec<MoscowGroup>,
    pub must_share: Option<u32>,
    /// The DSDM limit and the verdict against it are a health finding:
    /// absent where the build may not show those.
    pub limit: Option<u32>,
    pub over_limit: bool,
    /// The end of the sentence on the "must" share: its verdict against
    /// the limit, or a full stop where the build shows none.
    pub verdict: String,
    pub non_goals: &'a [String],
    pub wont: Vec<tera::Value>,
}

pub fn moscow<'a>(p: &'a Portal, values: &Values) -> Moscow<'a> {
    let live = |i: usize| p.items[i].written.status != Status::Dropped;
    let total: f64 = (0..p.items.len())
        .filter(|&i| live(i))
        .filter_map(|i| p.items[i].written.estimate)
        .sum();
    let mut keys: Vec<Option<Priority>> = Priority::ALL.iter().map(|(_, k)| Some(*k)).collect();
    keys.push(None);
    let groups = keys
        .into_iter()
        .map(|key| {
            let mut ix: Vec<usize> = (0..p.items.len())
                .filter(|&i| p.items[i].written.priority == key)
                .collect();
            sort_items(p, &mut ix);
            let effort: f64 = ix
                .iter()
                .filter(|&&i| live(i))
                .filter_map(|&i| p.items[i].written.estimate)
                .sum();
            MoscowGroup {
                priority: key.map(Word::of),
                key: key.map_or("none", Keyword::key),
                heading: key.map_or("No priority yet", Keyword::label),
                items: ix.iter().map(|&i| values.item(p, i)).collect(),
                count_text: format::count(ix.len(), "item"),
                effort: format::number(effort),
                share: if total > 0.0 {
                    (effort / total * 100.0).round() as u32
                } else {
                    0
                },
            }
        })
        .filter(|g| g.priority.is_some() || !g.items.is_empty())
        .collect();
    let share = must_share(p);
    let mut wont: Vec<usize> = (0..p.items.len())
        .filter(|&i| p.items[i].written.priority == Some(Priority::Wont))
        .collect();
    sort_items(p, &mut wont);
    let limit = p.shows.health.then_some(MUST_LIMIT_PERCENT);
    let over_limit = limit.is_some() && share.is_some_and(|s| s > MUST_LIMIT_PERCENT);
    let verdict = match limit {
        None => ".".to_string(),
        Some(limit) if over_limit => format!(
            ", above the {limit}% that leaves room to deliver (the DSDM rule). \
             Move some work to “should”."
        ),
        Some(limit) => format!(", within the {limit}% that leaves room to deliver."),
    };
    Moscow {
        groups,
        must_share: share,
        limit,
        over_limit,
        verdict,
        non_goals: &p.vision.written.non_goals,
        wont: wont.iter().map(|&i| values.item(p, i)).collect(),
    }
}

/// A goal column of the matrix.
#[derive(Serialize)]
pub struct TraceGoal<'a> {
    #[serde(flatten)]
    pub goal: GoalRef<'a>,
    /// No item at any level traces to it (a health finding, so never
    /// where the build may not show those).
    pub no_work: bool,
    /// "3 items": every item that traces to it.
    pub items_text: String,
}

/// How an item relates to a goal.
#[derive(Serialize)]
pub struct TraceCell {
    /// In the item's own `serves`.
    pub own: bool,
    /// Inherited from a parent.
    pub inherited: bool,
}

/// A row of the matrix: a big idea or an MMF.
#[derive(Serialize)]
pub struct TraceRow {
    pub item: tera::Value,
    /// 0 for ideas, 1 for MMFs.
    pub depth: usize,
    pub cells: Vec<TraceCell>,
    /// An idea serving more than one goal.
    pub multi_goal: bool,
}

/// Goals against big ideas and MMFs.
#[derive(Serialize)]
pub struct Traceability<'a> {
    pub goals: Vec<TraceGoal<'a>>,
    pub rows: Vec<TraceRow>,
}

pub fn traceability<'a>(p: &'a Portal, values: &Values) -> Traceability<'a> {
    let row = |i: usize, depth: usize| {
        let item = &p.items[i];
        TraceRow {
            item: values.item(p, i),
            depth,
            cells: (0..p.goals.len())
                .map(|g| TraceCell {
                    own: item.serves.contains(&g),
                    inherited: item.goals.contains(&g) && !item.serves.contains(&g),
                })
                .collect(),
            multi_goal: item.level() == Level::Idea && item.goals.len() > 1,
        }
    };
    let mut ideas: Vec<usize> = (0..p.items.len())
        .filter(|&i| p.items[i].level() == Level::Idea)
        .collect();
    sort_items(p, &mut ideas);
    let mut rows = Vec::new();
    for idea in ideas {
        rows.push(row(idea, 0));
        let mut mmfs: Vec<usize> = p.items[idea]
            .children
            .iter()
            .copied()
            .filter(|&c| p.items[c].level() == Level::Mmf)
            .collect();
        sort_items(p, &mut mmfs);
        rows.extend(mmfs.into_iter().map(|m| row(m, 1)));
    }
    let mut loose: Vec<usize> = (0..p.items.len())
        .filter(|&i| p.items[i].level() == Level::Mmf && p.items[i].parent.is_none())
        .collect();
    sort_items(p, &mut loose);
    rows.extend(loose.into_iter().map(|m| row(m, 0)));
    Traceability {
        goals: p
            .goals
            .iter()
            .map(|g| TraceGoal {
                goal: goal_ref(g),
                no_work: p.shows.health && g.items.is_empty(),
                items_text: format::count(g.items.len(), "item"),
            })
            .collect(),
        rows,
    }
}
