//! The range of every number of front matter (the README lists them).

/// Largest `estimate` of a backlog item: a million units of effort.
pub const MAX_ESTIMATE: f64 = 1_000_000.0;
/// Largest `value` of a backlog item.
pub const MAX_VALUE: f64 = 1_000_000.0;
/// Largest `cod_per_week` of an option: a billion a week. With
/// `duration_weeks` at least 0.01, a CD3 score stays below 10^11, and ten
/// thousand items' estimates add up far below where `f64` loses cents.
pub const MAX_COD_PER_WEEK: f64 = 1_000_000_000.0;
/// Largest `duration_weeks` of an option: about twenty years.
pub const MAX_DURATION_WEEKS: f64 = 1_000.0;
