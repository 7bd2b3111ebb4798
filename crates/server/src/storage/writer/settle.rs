//! Phase 1 of a group commit, off the common path: a retry, a conflict, a
//! case opening, or a refusal.

use samenop_core::wire::{PushResult, RefusalWords, RejectCode};
use samenop_core::{CaseId, EventId};

use super::group::{Group, Opening, Pending, rejected, same_or_conflict};
use super::tx::Tx;
use super::{Caller, NewCase};

/// An event off the common path, with its keys.
pub(super) struct Checked<'a> {
    pub job: usize,
    pub slot: usize,
    pub id: EventId,
    pub case_id: CaseId,
    pub case_key: &'a str,
    pub id_key: &'a str,
}

/// Settles an event off the common path. `None`: a case opening, applied;
/// its case and event are queued on the group for phase 2 (`insert_openings`)
/// and its result is filled in there.
pub(super) async fn settle<'j>(
    tx: &mut Tx,
    g: &mut Group<'j>,
    caller: &'j Caller,
    e: &Checked<'_>,
    opens: Option<&'j NewCase>,
    body: &'j [u8],
    region: Option<&str>,
) -> Result<Option<PushResult>, sqlx::Error> {
    let id = e.id;
    let other_region = region.is_some_and(|r| r != caller.region);
    // Another region's case answers exactly like an unknown one, before
    // anything stored is looked at: no answer tells whether it exists
    // (issue 13 §5). An opening cannot be applied, so it answers like an
    // opening of a taken id in one's own region.
    if other_region {
        return Ok(Some(match opens {
            None => unknown_case(id),
            Some(_) => already_opened(id),
        }));
    }
    // A stored event with this id settles it: a retry or a conflict. The
    // group's own openings count as stored (`Group::known`).
    let existing = match g.known.get(e.id_key) {
        Some(known) => known.clone(),
        None => tx.find_body(e.id_key).await?,
    };
    Ok(Some(match (existing, opens, region) {
        (Some(stored), _, _) => same_or_conflict(id, &stored, body),
        (None, Some(_), Some(_)) => already_opened(id),
        (None, Some(c), None) if c.region != caller.region => rejected(
            id,
            RejectCode::Forbidden,
            "a case can only be opened in your own region",
            None,
        ),
        (None, Some(c), None) => {
            let seq = g.next_seq;
            g.next_seq += 1;
            g.new_regions.insert(e.case_id, c.region.clone());
            g.known.insert(e.id_key.to_string(), Some(body.to_vec()));
            g.openings.push(Opening {
                case_key: e.case_key.to_string(),
                case: c,
                seq,
                opened_by: &caller.username,
            });
            g.opening_events.push(Pending {
                job: e.job,
                slot: e.slot,
                id,
                id_key: e.id_key.to_string(),
                case_id: e.case_id,
                case_key: e.case_key.to_string(),
                seq,
                author: &caller.username,
                body,
            });
            return Ok(None);
        }
        (None, None, _) => unknown_case(id),
    }))
}

fn unknown_case(id: EventId) -> PushResult {
    rejected(
        id,
        RejectCode::UnknownCase,
        "the case is not on the server; push its CaseOpened event first",
        None,
    )
}

fn already_opened(id: EventId) -> PushResult {
    let refusal = samenop_core::Refusal::CaseAlreadyOpened;
    rejected(
        id,
        RejectCode::Invalid,
        "the case was already opened by another event",
        Some(RefusalWords::of(&refusal)),
    )
}
