//! The shift lead's measures board: every open measure of the region, and
//! every ended one whose re-assessment is still owed, ordered by what needs
//! someone first (a huisverbod's extension decision, the OvJ's 9-hour
//! decision, a re-assessment moment), overdue ones marked.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::case::CaseState;
use crate::event::CaseId;
use crate::measures::{AgreedMeasure, ContactPoint, Deadline, MeasureId, MeasureKind, MeasureOwner};

/// How far ahead a deadline counts as "due" in the shift lead's list.
pub const DUE_WITHIN_HOURS: i64 = 24;

/// What a shift lead scans for in the case list. Unknown children count
/// as present: "onbekend" must never look safer than "ja".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadFlags {
    pub children_present: bool,
    pub conflicts: bool,
    /// An open measure asks someone to act within 24 hours, or is overdue.
    pub measures_due: bool,
    /// Still not safe (acute, acute but lifted for now, or not yet
    /// assessed) and nobody took the case over, a day after the report:
    /// Samen op in acuut covers "grofweg de eerste 24 uur na een melding"
    /// (002 l.2470), so past that the case needs the lead's attention.
    /// Counting "nog niet beoordeeld" too is our choice: unassessed must
    /// never look safe.
    #[serde(default)]
    pub acute_past_24_hours: bool,
    /// Eergerelateerd geweld: how many of its prompts are still open
    /// (`crate::honour`), so the lead sees what nobody has done yet.
    #[serde(default)]
    pub honour_open: usize,
    /// How many deadlines fall within this shift (`crate::shift::due_this_shift`).
    #[serde(default)]
    pub due_this_shift: usize,
    /// Children present (or not known) and the police's kindcheck not
    /// recorded (`crate::shift::children_without_kindcheck`, 004 l.199).
    #[serde(default)]
    pub children_without_kindcheck: bool,
}

/// How long the acute phase runs roughly (002 l.2470).
pub const ACUTE_PHASE_HOURS: i64 = 24;

impl LeadFlags {
    pub fn of(state: &CaseState, now: DateTime<Utc>) -> Self {
        let soon = now + chrono::Duration::hours(DUE_WITHIN_HOURS);
        Self {
            children_present: state.children_present() != crate::answer::Answer::No,
            conflicts: !state.conflicts().is_empty(),
            measures_due: on_board(state).any(|(_, next)| next.is_some_and(|d| d.due <= soon)),
            // "Niet acuut" from the answers reads "nog niet beoordeeld" while
            // VT has not confirmed the assessment (`CaseState::status`).
            acute_past_24_hours: state
                .opening
                .as_ref()
                .is_some_and(|o| now - o.reported_at > chrono::Duration::hours(ACUTE_PHASE_HOURS))
                && match state.status(now) {
                    crate::case::CaseStatus::Acute
                    | crate::case::CaseStatus::Contained
                    | crate::case::CaseStatus::NotAssessed => true,
                    crate::case::CaseStatus::NotAcute | crate::case::CaseStatus::HandedOver => false,
                },
            honour_open: state.honour_prompts().iter().filter(|p| !p.done).count(),
            due_this_shift: crate::shift::due_this_shift(state, now).len(),
            children_without_kindcheck: crate::shift::children_without_kindcheck(state),
        }
    }
}

/// The measures of a case that ask someone to act, each with its first
/// moment: the open ones, and those that ended or were withdrawn while the
/// re-assessment their end asks for is not recorded (002 l.1095–1106); an
/// open one also owes a re-assessment when access or oversight changed
/// after it was agreed.
fn on_board(state: &CaseState) -> impl Iterator<Item = (AgreedMeasure, Option<Deadline>)> + '_ {
    measure_deadlines(state).map(|(m, deadlines)| {
        let next = deadlines.into_iter().min_by_key(|d| d.due);
        (m, next)
    })
}

/// Whether a measure of the case still asks someone to act: a moment ahead
/// or passed (an end, a decision, a re-assessment owed). Retention keeps
/// such a case (`crate::retention::RetentionPeriod::purge_due`).
pub fn acts_pending(state: &CaseState) -> bool {
    measure_deadlines(state).any(|(_, deadlines)| !deadlines.is_empty())
}

/// The measures on the board, each with every moment it asks someone to
/// act (`on_board` keeps the first; `crate::shift` those of the shift).
pub(crate) fn measure_deadlines(state: &CaseState) -> impl Iterator<Item = (AgreedMeasure, Vec<Deadline>)> + '_ {
    state.measures().into_iter().filter_map(move |m| {
        if m.is_open() {
            let mut deadlines = m.deadlines();
            if let (Some(changed), Some(header)) = (state.access_changed_at(), state.measure_header(&m.measure_id))
                && let Some(owed) = m.reassessment_owed_after_access_change(changed, header.agreed_at)
            {
                deadlines.push(owed);
            }
            return Some((m, deadlines));
        }
        let ended_at = state.measure_status_since(&m.measure_id)?;
        let owed = m.reassessment_owed_after_end(ended_at)?;
        Some((m, vec![owed]))
    })
}

/// One measure on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardItem {
    pub case_id: Option<CaseId>,
    pub address_hint: String,
    pub measure_id: MeasureId,
    pub kind: MeasureKind,
    /// Afgesproken, opgelegd / ingegaan, beëindigd or ingetrokken: the
    /// board must tell a plan from a measure in force (004 l.301 "tot
    /// wanneer zijn de maatregelen in werking"). `None` on a row stored
    /// before it was kept (until the case changes or a `reindex`).
    #[serde(default)]
    pub status: Option<crate::measures::MeasureStatus>,
    pub owner: MeasureOwner,
    /// Who to call about it, when agreed.
    pub first_contact: Option<ContactPoint>,
    /// The eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen
    /// of the measure's case (004 l.302), when agreed.
    #[serde(default)]
    pub case_first_contact: Option<ContactPoint>,
    /// The earliest moment it asks someone to act; `None` when it has none.
    pub next: Option<Deadline>,
    /// The next moment lies in the past and nobody ended the measure.
    pub overdue: bool,
}

/// The first moment after `now` at which `items` (a board as of `now`) read
/// differently with no new event: a shown moment passing, which makes its
/// item `overdue` (the rule in `board`). `None`: only events change them.
/// The lead's app asks for the board again then (issue 18 §3).
pub fn changes_at(items: &[BoardItem], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    items
        .iter()
        .filter_map(|i| i.next.as_ref())
        .filter(|d| d.due >= now)
        .map(|d| d.due + chrono::Duration::milliseconds(1))
        .min()
}

/// The open measures of `cases`, most urgent first: those with a moment to
/// act by that moment (overdue ones therefore first), then those without,
/// by case and measure so the order is stable.
pub fn board<'a>(cases: impl IntoIterator<Item = &'a CaseState>, now: DateTime<Utc>) -> Vec<BoardItem> {
    let mut items: Vec<BoardItem> = cases
        .into_iter()
        .flat_map(|state| {
            let hint = state
                .opening
                .as_ref()
                .map(|o| o.address_hint.clone())
                .unwrap_or_default();
            let case_first_contact = state.agreement().first_contact;
            on_board(state).map(move |(m, next)| BoardItem {
                case_id: state.case_id,
                address_hint: hint.clone(),
                measure_id: m.measure_id,
                kind: m.kind,
                status: Some(m.status),
                owner: m.owner.clone(),
                first_contact: m.first_contact.clone(),
                case_first_contact: case_first_contact.clone(),
                overdue: next.as_ref().is_some_and(|d| d.due < now),
                next,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        let due = |i: &BoardItem| i.next.as_ref().map(|d| d.due);
        match (due(a), due(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.case_id.cmp(&b.case_id))
        .then_with(|| a.measure_id.cmp(&b.measure_id))
    });
    items
}
