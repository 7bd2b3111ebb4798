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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_form_moment_is_read_as_amsterdam_time_and_written_back_the_same() {
        // 10 February: CET, UTC+1.
        let at = parse_local_input("2026-02-10T22:30").expect("valid");
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 2, 10, 21, 30, 0).single().expect("utc"));
        assert_eq!(local_input_value(at), "2026-02-10T22:30");
        // Summer time: UTC+2.
        let summer = parse_local_input("2026-07-01T08:00").expect("valid");
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 1, 6, 0, 0).single().expect("utc"));
    }

    #[test]
    fn a_form_moment_that_is_no_moment_is_refused() {
        assert_eq!(parse_local_input(""), None);
        assert_eq!(parse_local_input("morgen"), None);
        assert_eq!(parse_local_input("2026-02-30T10:00"), None);
        // 29 March 2026 02:30 does not exist in Amsterdam (clocks jump 02:00 → 03:00).
        assert_eq!(parse_local_input("2026-03-29T02:30"), None);
    }

    #[test]
    fn the_autumn_hour_that_happens_twice_is_read_as_the_earlier_one() {
        // 25 October 2026: 02:30 happens at 00:30 UTC and again at 01:30 UTC.
        let at = parse_local_input("2026-10-25T02:30").expect("valid");
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).single().expect("utc"));
    }
}
