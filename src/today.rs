//! The build date that "overdue" is judged against: `--today`, else
//! `SOURCE_DATE_EPOCH` (for reproducible builds), else the system clock.

use jiff::civil::Date;

use crate::error::Error;

/// Picks the build date.
pub fn build_date(flag: Option<Date>) -> Result<Date, Error> {
    if let Some(date) = flag {
        return Ok(date);
    }
    if let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") {
        let text = epoch.to_string_lossy();
        let seconds: i64 = text.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds since 1970, found `{text}`"
            ))
        })?;
        let ts = jiff::Timestamp::from_second(seconds)
            .map_err(|e| Error::Usage(format!("SOURCE_DATE_EPOCH is out of range: {e}")))?;
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::Zoned::now().date())
}

/// Parses `YYYY-MM-DD` for `--today`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22"))
}
