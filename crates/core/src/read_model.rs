//! The stored projection of one case as one organisation sees it (issue
//! 18 §1): what the shift lead's list row and board rows show, computed
//! from the fold so the server stores it beside the events instead of
//! folding the region on every read. The rules stay those of `board`,
//! `shift` and `CaseState::status`; this module only says how long a
//! projection stays true (`valid_until`), because those rules look at the
//! clock.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Organisation;
use crate::board::{ACUTE_PHASE_HOURS, BoardItem, DUE_WITHIN_HOURS, LeadFlags, measure_deadlines};
use crate::case::{CaseState, CaseStatus};
use crate::event::CaseId;
use crate::shift::{SHIFT_HOURS, ShiftDue};
use crate::triage::RECENT_BREAKUP_DAYS;

/// The version of the rules a stored projection was computed with. Raise
/// it with every change of a rule that alters a projection (a status, a
/// flag, a deadline, a figure): a server stores it with its read models and
/// recomputes every case at its first start under other rules, so no list
/// keeps showing what the old rules said (stop 36: "niet acuut" became
/// "nog niet beoordeeld" until VT confirms).
pub const RULES_VERSION: i64 = 1;

/// One case as of `computed_at`: every list and board value that depends
/// on its events (and on the clock, until `valid_until`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseProjection {
    pub case_id: Option<CaseId>,
    pub reported_at: Option<DateTime<Utc>>,
    pub address_hint: String,
    pub status: CaseStatus,
    pub on_scene: Vec<(String, Organisation)>,
    pub lead: LeadFlags,
    pub event_count: usize,
    pub due_this_shift: Vec<ShiftDue>,
    /// The case's board items, in board order; `overdue` as of
    /// `computed_at` (a reader sets it for its own moment: `board_at`).
    pub board: Vec<BoardItem>,
    pub computed_at: DateTime<Utc>,
    /// The first moment at which a value above may differ from a fresh
    /// computation (a deadline entering the 24-hour or shift window or
    /// passing, the acute phase ending, the 14-day breakup rule lapsing);
    /// `None` when nothing changes with time alone. A reader at or after it
    /// recomputes.
    pub valid_until: Option<DateTime<Utc>>,
}

impl CaseProjection {
    /// The projection of `state` (already folded from the events the
    /// viewer may see) at `now`.
    pub fn of(state: &CaseState, now: DateTime<Utc>) -> Self {
        Self {
            case_id: state.case_id,
            reported_at: state.opening.as_ref().map(|o| o.reported_at),
            address_hint: state
                .opening
                .as_ref()
                .map(|o| o.address_hint.clone())
                .unwrap_or_default(),
            status: state.status(now),
            on_scene: state
                .participants()
                .iter()
                .map(|p| (p.actor.display_name.clone(), p.actor.organisation))
                .collect(),
            lead: LeadFlags::of(state, now),
            event_count: state.event_count,
            due_this_shift: crate::shift::due_this_shift(state, now),
            board: crate::board::board([state], now),
            computed_at: now,
            valid_until: valid_until(state, now),
        }
    }

    /// Whether the projection may no longer hold at `now`.
    pub fn stale_at(&self, now: DateTime<Utc>) -> bool {
        self.valid_until.is_some_and(|v| now >= v)
    }

    /// The board items with `overdue` as of `now` (same rule as `board`).
    pub fn board_at(&self, now: DateTime<Utc>) -> Vec<BoardItem> {
        self.board
            .iter()
            .cloned()
            .map(|mut i| {
                i.overdue = i.next.as_ref().is_some_and(|d| d.due < now);
                i
            })
            .collect()
    }
}

/// Just after `t`: for rules that change once the clock is past a moment.
fn after(t: DateTime<Utc>) -> DateTime<Utc> {
    t + Duration::nanoseconds(1)
}

/// The first Amsterdam midnight on `day`: when `local_date` reaches it.
fn local_midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = day.and_hms_opt(0, 0, 0)?;
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Every moment after `now` at which `CaseProjection::of` may answer
/// differently for the same events, the earliest one. The moments come
/// from the rules that read the clock: `LeadFlags::of` (a deadline within
/// `DUE_WITHIN_HOURS`; the acute phase of `ACUTE_PHASE_HOURS`, 002
/// l.2470), `shift::due_this_shift` (`[now, now + SHIFT_HOURS]`) and the
/// triage's 14-day breakup rule (A6, 002 l.1074) behind `status`.
fn valid_until(state: &CaseState, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut moments: Vec<DateTime<Utc>> = Vec::new();
    for (_, deadlines) in measure_deadlines(state) {
        for d in deadlines {
            moments.push(d.due - Duration::hours(DUE_WITHIN_HOURS));
            moments.push(d.due - Duration::hours(SHIFT_HOURS));
            moments.push(after(d.due));
        }
    }
    if let Some(o) = &state.opening {
        moments.push(after(o.reported_at + Duration::hours(ACUTE_PHASE_HOURS)));
    }
    if let Some(ended) = state.relationship_ended_on()
        && let Some(lapse) = ended
            .checked_add_signed(Duration::days(RECENT_BREAKUP_DAYS + 1))
            .and_then(local_midnight)
    {
        moments.push(lapse);
    }
    moments.into_iter().filter(|m| *m > now).min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{Actor, Role};
    use crate::synthetic::busy_case;

    fn actors() -> Vec<Actor> {
        [
            ("agent", Organisation::Police, Role::Police),
            ("vt", Organisation::VeiligThuis, Role::VeiligThuis),
        ]
        .into_iter()
        .map(|(n, organisation, role)| Actor {
            user_id: n.into(),
            display_name: n.into(),
            organisation,
            role,
        })
        .collect()
    }

    fn without_time(p: &CaseProjection) -> CaseProjection {
        CaseProjection {
            computed_at: DateTime::<Utc>::MIN_UTC,
            valid_until: None,
            board: p.board_at(DateTime::<Utc>::MIN_UTC),
            ..p.clone()
        }
    }

    /// A projection holds at every moment before `valid_until`, and a
    /// fresh one at `valid_until` starts a new stretch: sampled over three
    /// weeks of a busy case with measures and deadlines.
    #[test]
    fn a_projection_equals_a_fresh_one_until_it_is_stale() {
        let start_ms = 1_780_000_000_000;
        let case_id = CaseId(uuid::Uuid::from_u128(7));
        let events = busy_case(case_id, &actors(), "Utrecht", 120, start_ms);
        let state = CaseState::fold(&events);
        let mut at = DateTime::from_timestamp_millis(start_ms).unwrap();
        let end = at + Duration::days(21);
        let mut stretches = 0;
        while at < end {
            let p = CaseProjection::of(&state, at);
            let until = p.valid_until.unwrap_or(end).min(end);
            let mut t = at;
            while t < until {
                assert_eq!(without_time(&CaseProjection::of(&state, t)), without_time(&p), "at {t}");
                t += Duration::minutes(29);
            }
            assert!(!p.stale_at(until - Duration::nanoseconds(1)));
            at = until;
            stretches += 1;
        }
        assert!(stretches > 1, "the busy case has deadlines");
    }

    /// Folding a case's events in two parts equals folding them at once
    /// when the second part orders after the first; otherwise `extended`
    /// declines and the caller folds again.
    #[test]
    fn extending_a_fold_equals_folding_everything_or_declines() {
        let start_ms = 1_780_000_000_000;
        let mut events = busy_case(CaseId(uuid::Uuid::from_u128(9)), &actors(), "Utrecht", 80, start_ms);
        events.sort_by_key(|e| e.order_key());
        let whole = CaseState::fold(&events);
        for k in [0, 1, 2, 17, 40, 79, 80] {
            let (first, rest) = events.split_at(k);
            let extended = CaseState::fold(first).extended(rest).expect("in order");
            assert_eq!(extended, whole, "split at {k}");
        }
        // An event that orders before what was folded: declined.
        let (first, rest) = events.split_at(40);
        let mut late = rest.to_vec();
        late.push(first[10].clone());
        let mut earlier_first = CaseState::fold(&first[..10]);
        earlier_first = earlier_first.extended(&first[11..]).expect("in order");
        assert!(earlier_first.extended(&late).is_none());
    }

    #[test]
    fn board_at_marks_overdue_by_the_readers_moment() {
        let start_ms = 1_780_000_000_000;
        let events = busy_case(CaseId(uuid::Uuid::from_u128(8)), &actors(), "Utrecht", 120, start_ms);
        let state = CaseState::fold(&events);
        let at = DateTime::from_timestamp_millis(start_ms).unwrap();
        let p = CaseProjection::of(&state, at);
        let later = at + Duration::days(30);
        assert_eq!(p.board_at(later), crate::board::board([&state], later));
    }
}
