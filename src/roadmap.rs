//! The roadmap (v2): each backlog item's horizon, explicit or derived from
//! its status, and whether it is blocked by what it depends on.

use crate::keywords::{Horizon, Status};
use crate::model::{Item, ItemIx, Portal};

/// The default `[roadmap] note`.
pub const DEFAULT_NOTE: &str = "A roadmap is not a promise: Now is what we are building, Next is likely, Later is a direction.";

/// Where an item stands on the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Horizon(Horizon),
    /// Done: shown as recently delivered.
    Done,
    /// Dropped: not on the roadmap.
    Off,
}

/// The item's column: done and dropped first, then its own `horizon`, else
/// in-progress is now, ready is next, new is later.
pub fn column(i: &Item) -> Column {
    match i.written.status {
        Status::Done => Column::Done,
        Status::Dropped => Column::Off,
        _ if let Some(h) = i.horizon() => Column::Horizon(h),
        Status::InProgress => Column::Horizon(Horizon::Now),
        Status::Ready => Column::Horizon(Horizon::Next),
        Status::New => Column::Horizon(Horizon::Later),
    }
}

/// What item `i` waits for: when it is now or in progress, each thing it
/// depends on that is neither done nor in progress. Empty: not blocked.
pub fn blocked_by(p: &Portal, i: ItemIx) -> Vec<ItemIx> {
    let item = &p.items[i];
    let active =
        item.written.status == Status::InProgress || column(item) == Column::Horizon(Horizon::Now);
    if !active {
        return Vec::new();
    }
    item.depends_on
        .iter()
        .copied()
        .filter(|&d| !matches!(p.items[d].written.status, Status::Done | Status::InProgress))
        .collect()
}
