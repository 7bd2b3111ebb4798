//! What one group commit builds up while it runs (`Group`), the rows it
//! queues for the multi-row inserts, and the answers every phase gives.

use std::collections::{BTreeSet, HashMap, HashSet};

use samenop_core::wire::{PushOutcome, PushResult, RefusalWords, RejectCode};
use samenop_core::{CaseId, EventId};

use super::NewCase;

/// An event that passed every check and waits for the multi-row insert.
pub(super) struct Pending<'a> {
    pub job: usize,
    pub slot: usize,
    pub id: EventId,
    pub id_key: String,
    pub case_id: CaseId,
    pub case_key: String,
    pub seq: i64,
    pub author: &'a str,
    pub body: &'a [u8],
}

/// A case a `CaseOpened` event of the group creates, inserted in phase 2.
pub(super) struct Opening<'a> {
    pub case_key: String,
    pub case: &'a NewCase,
    pub seq: i64,
    pub opened_by: &'a str,
}

/// What the phases of one group build up. Rows first cached here are merged
/// into the writer's `Cache` only after the commit succeeds.
pub(super) struct Group<'j> {
    pub now: i64,
    pub next_seq: i64,
    pub new_regions: HashMap<CaseId, String>,
    pub new_participants: HashSet<(CaseId, String)>,
    /// Per job, per event: filled in phase 1, or in phase 2 for pending ones.
    pub results: Vec<Vec<Option<PushResult>>>,
    /// (job, case, case key, seq) of each applied event, in seq order per phase.
    pub applied: Vec<(usize, CaseId, String, i64)>,
    /// (job, case, event id, code) of refusals to note for the shift lead.
    pub refusals: Vec<(usize, String, String, RejectCode)>,
    /// Cases whose read models a job asked to recompute (stale or reindex).
    pub refresh: BTreeSet<String>,
    /// Stored bodies by event id, looked up in one statement for every
    /// opening of the group (`None`: not stored), plus the openings this
    /// group applied: phase 1 must see them though they are inserted later.
    pub known: HashMap<String, Option<Vec<u8>>>,
    /// Regions of the group's cases the cache did not hold, read in one
    /// statement before phase 1 (`None`: not stored).
    pub looked_up: HashMap<CaseId, Option<String>>,
    /// Cases opened by this group and their `CaseOpened` events, inserted
    /// in phase 2 before the common path (as if stored at once).
    pub openings: Vec<Opening<'j>>,
    pub opening_events: Vec<Pending<'j>>,
    /// The event count each case opened by this group was inserted with.
    pub inserted_counts: HashMap<String, i64>,
}

pub(super) fn rejected(id: EventId, code: RejectCode, reason: &str, words: Option<RefusalWords>) -> PushResult {
    PushResult {
        id,
        outcome: PushOutcome::Rejected {
            code,
            reason: reason.to_string(),
            words,
        },
    }
}

pub(super) fn same_or_conflict(id: EventId, stored: &[u8], body: &[u8]) -> PushResult {
    if stored == body {
        PushResult {
            id,
            outcome: PushOutcome::Duplicate,
        }
    } else {
        rejected(
            id,
            RejectCode::ConflictingContent,
            "an event with this id but different content is already stored",
            None,
        )
    }
}
