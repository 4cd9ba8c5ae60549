//! The outcome keys of a goal: `unit`, numeric or text `baseline` and
//! `target`, and dated `readings`. Every rule a single goal can check is
//! checked here (numbers, unique dates in increasing order); the build
//! date is known only to the resolver, which checks "none after today".

use jiff::civil::Date;
use toml::de::DeValue;

use crate::fields::{Fields, Sp};

/// Largest magnitude of a baseline, target or reading.
pub const MAX_MEASURE: f64 = 1_000_000_000_000.0;

/// The keys of one reading.
pub const READING_KEYS: &[&str] = &["date", "value", "note"];

/// A baseline or target: a number (with the goal's unit) or text as in v1.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Number(f64),
    Text(String),
}

/// One dated measurement, as written.
#[derive(Debug, Clone)]
pub struct RawReading {
    pub date: Sp<Date>,
    pub value: f64,
    pub note: Option<String>,
}

impl Fields<'_, '_, '_> {
    /// A number or a string; anything else is an error.
    pub fn measure(&mut self, key: &str) -> Option<Measure> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Measure::Text(s.to_string())),
            DeValue::Integer(_) | DeValue::Float(_) => self
                .number(key, -MAX_MEASURE, MAX_MEASURE)
                .map(|n| Measure::Number(n.value)),
            _ => {
                self.wrong_type(
                    key,
                    value,
                    "a number or text",
                    format!("write `{key} = 18` (a number, with `unit` on the goal) or `{key} = \"18%\"`"),
                );
                None
            }
        }
    }

    /// `readings`: dated numbers, oldest first, one per date.
    pub fn readings(&mut self) -> Vec<RawReading> {
        let read: Vec<Option<RawReading>> =
            self.tables("readings", "a reading", READING_KEYS, |r| {
                let date = r.date("date", true);
                let value = match r.get("value") {
                    None => {
                        r.missing("value", "19");
                        None
                    }
                    Some(_) => r.number("value", -MAX_MEASURE, MAX_MEASURE),
                };
                let note = r.string("note", false).map(|s| s.value);
                Some(RawReading {
                    date: date?,
                    value: value?.value,
                    note,
                })
            });
        let readings: Vec<RawReading> = read.into_iter().flatten().collect();
        for pair in readings.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            if after.date.value <= before.date.value {
                let message = if after.date.value == before.date.value {
                    format!("two readings on {}", after.date.value)
                } else {
                    format!(
                        "reading of {} is listed after one of {}",
                        after.date.value, before.date.value
                    )
                };
                self.error(
                    after.date.span.clone(),
                    message,
                    Some("list readings oldest first, one per date".into()),
                );
            }
        }
        readings
    }
}
