//! The shift lead's measures board: every open measure of the region,
//! ordered by what needs someone first (a huisverbod ending, the OvJ's
//! 9-hour decision, a re-assessment moment), overdue ones marked.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::case::CaseState;
use crate::event::CaseId;
use crate::measures::{ContactPoint, Deadline, MeasureId, MeasureKind, MeasureOwner};

/// One open measure on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardItem {
    pub case_id: Option<CaseId>,
    pub address_hint: String,
    pub measure_id: MeasureId,
    pub kind: MeasureKind,
    pub owner: MeasureOwner,
    /// Who to call about it, when agreed.
    pub first_contact: Option<ContactPoint>,
    /// The earliest moment it asks someone to act; `None` when it has none.
    pub next: Option<Deadline>,
    /// The next moment lies in the past and nobody ended the measure.
    pub overdue: bool,
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
            state.measures().into_iter().filter(|m| m.is_open()).map(move |m| {
                let next = m.deadlines().into_iter().next();
                BoardItem {
                    case_id: state.case_id,
                    address_hint: hint.clone(),
                    measure_id: m.measure_id,
                    kind: m.kind,
                    owner: m.owner.clone(),
                    first_contact: m.first_contact.clone(),
                    overdue: next.as_ref().is_some_and(|d| d.due < now),
                    next,
                }
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
