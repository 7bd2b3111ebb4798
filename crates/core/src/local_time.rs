//! Moments as people on scene read and type them: Europe/Amsterdam. Its
//! own room so events, triage and the summary can all use it without
//! importing each other.

use chrono::{DateTime, NaiveDate, Utc};

/// A moment as people on scene read it: Europe/Amsterdam, day and minute.
pub fn local_time_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%d-%m-%Y %H:%M")
        .to_string()
}

/// The value of a `datetime-local` form field for a moment: Amsterdam time,
/// `YYYY-MM-DDTHH:MM`.
pub fn local_input_value(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Reads a `datetime-local` value typed on scene as Amsterdam time. `None`
/// for text that is no such moment; in the autumn hour that happens twice,
/// the earlier one (a deadline then falls early, never late).
pub fn parse_local_input(value: &str) -> Option<DateTime<Utc>> {
    let naive = chrono::NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%dT%H:%M").ok()?;
    naive
        .and_local_timezone(chrono_tz::Europe::Amsterdam)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The calendar date of a moment in Europe/Amsterdam, where the protocol lives.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive()
}

/// 22:MM UTC on 10 February 2026: the moment the core's unit tests share.
#[cfg(test)]
pub(crate) fn test_at(min: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(2026, 2, 10, 22, min, 0)
        .single()
        .unwrap_or_default()
}
