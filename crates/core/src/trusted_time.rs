//! Time the server can vouch for (issue 13 §3). A device's clock may be
//! wrong or set on purpose; an event dated in 2100 became a case's current
//! value and dragged every honest device's clock along. The server admits
//! an event only when its time lies between the opening of its case and
//! the server's own clock, both with a tolerance for ordinary drift, and
//! devices never follow a remote time past their own clock plus that drift.
//!
//! The seeds are silent on device clocks; these bounds protect the victim
//! by keeping the order of what was recorded trustworthy (juridische toets
//! nodig for the tolerance as evidence).

use chrono::{DateTime, Utc};

use crate::event::{Event, EventKind};
use crate::hlc::Hlc;
use crate::refusal::Refusal;

/// How far a device clock may run ahead of the server's (or a remote stamp
/// ahead of the device's physical clock) before it is not believed: five
/// minutes, the ordinary drift of a phone that has not synced its clock
/// for a while, far below anything that changes the order on scene.
pub const MAX_CLOCK_DRIFT_MS: i64 = 5 * 60 * 1000;

/// The earliest time an event may carry: 2020-01-01T00:00:00Z. SamenOp
/// did not exist before; an earlier stamp is a clock reset to its epoch
/// (1970) or a forged event.
pub const EARLIEST_WALL_MS: i64 = 1_577_836_800_000;

/// A device whose clock differs from the server's by more than this is
/// told so ("klok wijkt af"): two minutes, well before the server refuses
/// its events at `MAX_CLOCK_DRIFT_MS`, and well above a slow round trip.
pub const CLOCK_SKEW_WARN_MS: i64 = 2 * 60 * 1000;

/// Whether a time lies in the range any event may carry, before the
/// tolerance around "now" is applied: after `EARLIEST_WALL_MS`.
fn in_range(ms: i64) -> bool {
    ms >= EARLIEST_WALL_MS
}

/// Whether `event` may be admitted at the server's time `now_ms`: its
/// stamp (and for an opening, the moment of the report) not before 2020,
/// not more than `tolerance_ms` after `now_ms`, and not more than
/// `tolerance_ms` before its case was opened (`case_opened`: the stamp of
/// the case's `CaseOpened` event, `None` for an opening or a case the
/// server does not hold). The server calls this with its own clock on
/// every pushed event.
pub fn check_event_time(
    event: &Event,
    case_opened: Option<Hlc>,
    now_ms: i64,
    tolerance_ms: i64,
) -> Result<(), Refusal> {
    let latest = now_ms.saturating_add(tolerance_ms);
    let check = |ms: i64| {
        if !in_range(ms) {
            Err(Refusal::TimeOutOfRange)
        } else if ms > latest {
            Err(Refusal::DatedAfterServerTime {
                minutes: tolerance_ms / 60_000,
            })
        } else {
            Ok(())
        }
    };
    check(event.stamp.wall_ms)?;
    if let EventKind::CaseOpened { reported_at, .. } = &event.kind {
        check(reported_at.timestamp_millis())?;
    }
    if let Some(opened) = case_opened
        && !matches!(event.kind, EventKind::CaseOpened { .. })
        && event.stamp.wall_ms < opened.wall_ms.saturating_sub(tolerance_ms)
    {
        return Err(Refusal::DatedBeforeCaseOpened);
    }
    Ok(())
}

/// The time rules that order what people recorded use (the art 9 Wpg
/// "OM contacted before sharing" check, 004 fn 2): the device's stamp, but
/// never later than the server can vouch for, its receipt plus the drift
/// it tolerates. The server admits with its own clock as `received_at`, a
/// device folds pulled events with the receipt the pull carried, so both
/// reach the same answer; an event not yet received (local, unsynced) has
/// only its stamp, which its own device kept near physical time
/// (`HlcClock::observe`), and the server's check on push is the one that
/// counts.
pub fn accepted_time(stamp: Hlc, received_at: Option<DateTime<Utc>>) -> DateTime<Utc> {
    let own = stamp.to_utc();
    match received_at.map(|r| r + chrono::Duration::milliseconds(MAX_CLOCK_DRIFT_MS)) {
        Some(latest) if latest < own => latest,
        _ => own,
    }
}

/// How far the device's clock lies from the server's: `server_ms` as the
/// server answered, `local_ms` the device's clock when the answer came.
/// `Some(offset)` when it is past `CLOCK_SKEW_WARN_MS` and the device
/// must say so (positive: the device runs behind).
pub fn clock_skew(local_ms: i64, server_ms: i64) -> Option<i64> {
    let offset = server_ms.saturating_sub(local_ms);
    (offset.saturating_abs() > CLOCK_SKEW_WARN_MS).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_past_the_receipt_counts_as_the_receipt_plus_the_drift() {
        let received = EARLIEST_WALL_MS + 4_000;
        let stamp = Hlc::new(received + 3_600_000, 0);
        assert_eq!(
            accepted_time(stamp, DateTime::from_timestamp_millis(received)).timestamp_millis(),
            received + MAX_CLOCK_DRIFT_MS
        );
        assert_eq!(accepted_time(stamp, None), stamp.to_utc());
        let honest = Hlc::new(received - 1_000, 0);
        assert_eq!(
            accepted_time(honest, DateTime::from_timestamp_millis(received)),
            honest.to_utc()
        );
    }

    #[test]
    fn small_differences_are_not_a_wrong_clock() {
        assert_eq!(clock_skew(1_000_000, 1_000_000 + 60_000), None);
        assert_eq!(clock_skew(1_000_000, 1_000_000 - 3 * 60_000), Some(-3 * 60_000));
    }
}
