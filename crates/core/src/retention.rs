//! How long case data stays, and where: the shift lead's window on the
//! region, the server's retention period and when a field device drops a
//! case. The seeds set no period: a joint register must say how it is
//! kept, who runs it and who may see what (000 l.354, "hoe wordt de
//! registratie ingericht, wie beheert het, wie hebben er onder welke
//! voorwaarden toegang toe"); that is the regional convenant's to fix, so
//! retention has no default and is off until a period is configured.

use chrono::{DateTime, Duration, Utc};

use crate::Event;
use crate::case::{CaseState, CaseStatus};

/// Days of activity a shift lead's case list and board cover without a
/// search. Not from the seeds (they are silent): the smallest view that
/// still covers two weeks of follow-up, so older cases are read only on a
/// deliberate, audited search (004 l.442: keep colleagues from information
/// they do not need; juridische toets nodig).
pub const DEFAULT_LEAD_WINDOW_DAYS: u32 = 14;

/// Shortest text a lead may search older cases with: a search must name a
/// case, not sweep the region (data minimisation, 000 l.353; juridische
/// toets nodig).
pub const MIN_SEARCH_CHARS: usize = 3;

/// Longest search text kept in the audit log.
pub const MAX_SEARCH_CHARS: usize = 100;

/// A retention period, as the regional convenant sets it (000 l.354).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPeriod {
    pub days: u32,
}

impl RetentionPeriod {
    pub fn duration(self) -> Duration {
        Duration::days(i64::from(self.days))
    }

    /// Whether the server deletes `case` now: declared "niet meer acuut"
    /// and not acute again (its status is `HandedOver`), and nothing was
    /// added for the whole period. The period runs from the case's last
    /// activity, which is never before the declaration: a later
    /// correction restarts it, so nothing is deleted that someone wrote
    /// less than a period ago (where the seeds are silent, the later date
    /// protects the follow-up; juridische toets nodig). A case whose
    /// measures still ask someone to act (an end, a decision or a
    /// re-assessment on the lead's board, 002 l.1095–1106) is kept whatever
    /// the period: deleting it would take those moments off the board.
    pub fn purge_due(self, case: &CaseState, last_activity: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        case.status(now) == CaseStatus::HandedOver
            && now - last_activity >= self.duration()
            && !crate::board::acts_pending(case)
    }
}

/// How long a field phone keeps a handed-over, fully sent case after its
/// last activity (issue 16 §2). The seeds set no period; follow-up lies
/// with the organisation the case went to, not on a phone (004 l.442), so
/// the default keeps nothing: the case leaves at the first sync after the
/// handover. A region may give its people a few hours to finish their own
/// registration from the phone (004 l.377, "vastleggen in eigen systeem");
/// that is the convenant's choice (000 l.354; juridische toets nodig).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeviceKeep {
    pub hours: u32,
}

impl DeviceKeep {
    pub fn duration(self) -> Duration {
        Duration::hours(i64::from(self.hours))
    }

    /// When a handed-over case whose last entry was at `last_activity`
    /// leaves the phone (once all of it is sent); `None` with no period
    /// (it leaves at the next sync).
    pub fn leaves_at(self, last_activity: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        if self.hours == 0 {
            return None;
        }
        last_activity.map(|at| at + self.duration())
    }
}

/// Whether a field device drops `case` from its vault: handed over
/// ("niet meer acuut", 004 l.307), nothing of it left to send or to show
/// as not sent, and `keep` passed since its last activity (a later entry,
/// e.g. a correction, restarts it). Follow-up lies with the organisation it
/// was handed to, not on a phone (004 l.442).
pub fn device_may_drop(
    case: &CaseState,
    unsent: usize,
    last_activity: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    keep: DeviceKeep,
) -> bool {
    let kept_long_enough = last_activity.is_none_or(|at| now - at >= keep.duration());
    unsent == 0 && case.status(now) == CaseStatus::HandedOver && kept_long_enough
}

/// A case's last activity as a device knows it: the latest time the server
/// vouched for (`received_at`), else the entry's own stamp.
pub fn last_activity<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<DateTime<Utc>> {
    events
        .into_iter()
        .map(|e| e.received_at.unwrap_or_else(|| e.stamp.to_utc()))
        .max()
}

/// The earliest last activity a case may have to be in a lead's window.
pub fn lead_window_start(now: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    now - Duration::days(i64::from(days))
}

/// The first moment a case whose last activity was `last` is out of a
/// lead's window of `days` (the inverse of `lead_window_start`: it is in
/// while `last` is at or after the start). Milliseconds, as the server
/// stores times.
pub fn lead_window_end(last: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    last + Duration::days(i64::from(days)) + Duration::milliseconds(1)
}

/// A lead's search text, trimmed, or `None` when it is too short to name
/// a case; cut to `MAX_SEARCH_CHARS`.
pub fn search_text(raw: &str) -> Option<String> {
    let text: String = raw
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SEARCH_CHARS)
        .collect();
    (text.chars().count() >= MIN_SEARCH_CHARS).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_leaves_the_lead_window_at_its_end_and_not_before() {
        let last = Utc::now();
        let end = lead_window_end(last, 14);
        assert!(
            lead_window_start(end - Duration::milliseconds(1), 14) <= last,
            "still in just before"
        );
        assert!(lead_window_start(end, 14) > last, "out at the end");
    }

    #[test]
    fn a_search_must_name_something() {
        assert_eq!(search_text("  ab "), None);
        assert_eq!(search_text(" Bedacht ").as_deref(), Some("Bedacht"));
        assert_eq!(search_text(&"x".repeat(300)).map(|s| s.len()), Some(MAX_SEARCH_CHARS));
    }

    #[test]
    fn an_open_case_is_never_due() {
        let case = CaseState::default();
        let now = Utc::now();
        let period = RetentionPeriod { days: 1 };
        assert!(!period.purge_due(&case, now - Duration::days(400), now));
        assert!(!device_may_drop(&case, 0, None, now, DeviceKeep::default()));
    }
}
