//! One group commit: every job of the group in one transaction, in three
//! phases (see `commit_inner`).

use std::collections::{HashMap, HashSet};

use samenop_core::wire::{PushOutcome, PushResult, RejectCode};
use samenop_core::{CaseId, EventId};

use super::tx::{EventRow, Tx};
use super::{Cache, Caller, Job, NewCase, Output, Prepared};
use crate::storage::{Db, enum_str, now_ms};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind
/// parameter limits (6 per row).
const INSERT_CHUNK: usize = 500;

pub(super) type CommitResult = Result<(Vec<Output>, Vec<Job>), (sqlx::Error, Vec<Job>)>;

pub(super) async fn commit(db: &Db, cache: &mut Cache, jobs: Vec<Job>) -> CommitResult {
    match commit_inner(db, cache, &jobs).await {
        Ok(outputs) => Ok((outputs, jobs)),
        Err(e) => Err((e, jobs)),
    }
}

/// An event that passed every check and waits for the multi-row insert.
struct Pending<'a> {
    job: usize,
    slot: usize,
    id: EventId,
    id_key: String,
    case_id: CaseId,
    case_key: String,
    seq: i64,
    author: &'a str,
    body: &'a [u8],
}

/// What the phases of one group build up. Rows first cached here are merged
/// into the writer's `Cache` only after the commit succeeds.
struct Group {
    now: i64,
    next_seq: i64,
    new_regions: HashMap<CaseId, String>,
    new_participants: HashSet<(CaseId, String)>,
    /// Per job, per event: filled in phase 1, or in phase 2 for pending ones.
    results: Vec<Vec<Option<PushResult>>>,
    /// (job, case, case key, seq) of each applied event, in seq order per phase.
    applied: Vec<(usize, CaseId, String, i64)>,
    /// (job, case, event id, code) of refusals to note for the shift lead.
    refusals: Vec<(usize, String, String, RejectCode)>,
}

/// Applies a group of jobs in one transaction, in three phases:
/// 1. each event is checked against the cases (new cases are inserted
///    right away, so later events of the group can refer to them) and
///    gets its `seq`;
/// 2. the events that passed are inserted with multi-row statements,
///    `ON CONFLICT (id) DO NOTHING RETURNING id`: an id not returned was
///    stored before, and its stored bytes decide duplicate or conflict;
/// 3. authors become participants of the cases they wrote in.
async fn commit_inner(db: &Db, cache: &mut Cache, jobs: &[Job]) -> Result<Vec<Output>, sqlx::Error> {
    let now = now_ms();
    let mut tx = Tx::begin(db).await?;
    let mut group = Group {
        now,
        next_seq: tx.next_seq().await?,
        new_regions: HashMap::new(),
        new_participants: HashSet::new(),
        results: Vec::with_capacity(jobs.len()),
        applied: Vec::new(),
        refusals: Vec::new(),
    };
    let pending = check_events(&mut tx, cache, jobs, &mut group).await?;
    insert_pending(&mut tx, &pending, &mut group).await?;
    add_participants(&mut tx, cache, jobs, &mut group).await?;
    note_refusals(&mut tx, jobs, &group).await?;
    let committing = std::time::Instant::now();
    tx.commit().await?;
    tracing::debug!(
        commit_us = committing.elapsed().as_micros() as u64,
        rows = pending.len(),
        "fsync"
    );
    cache.regions.extend(group.new_regions);
    cache.participants.extend(group.new_participants);
    Ok(jobs
        .iter()
        .zip(group.results)
        .map(|(job, rs)| match job {
            Job::Audit { .. } => Output::Audit,
            Job::Push { .. } => Output::Push(rs.into_iter().flatten().collect()),
        })
        .collect())
}

/// Phase 1: writes the audit entries, settles every event that is not on
/// the common path, and returns the rest for the multi-row insert.
async fn check_events<'j>(
    tx: &mut Tx,
    cache: &Cache,
    jobs: &'j [Job],
    g: &mut Group,
) -> Result<Vec<Pending<'j>>, sqlx::Error> {
    let mut pending = Vec::new();
    for (j, job) in jobs.iter().enumerate() {
        let (caller, items) = match job {
            Job::Audit { entries, seen, .. } => {
                for a in entries {
                    tx.insert_audit(g.now, a).await?;
                }
                for s in seen {
                    tx.mark_seen(s).await?;
                }
                g.results.push(Vec::new());
                continue;
            }
            Job::Push { caller, items, .. } => (caller, items),
        };
        let mut job_results = Vec::with_capacity(items.len());
        for (slot, item) in items.iter().enumerate() {
            let (id, case_id) = match item {
                Prepared::Refused { id, case_id, .. } | Prepared::Candidate { id, case_id, .. } => (*id, *case_id),
            };
            let case_key = case_id.to_string();
            let id_key = id.to_string();
            let region = region_of(tx, cache, g, case_id, &case_key).await?;
            let own_region = region.as_deref() == Some(caller.region.as_str());
            let result = match item {
                Prepared::Refused { code, reason, .. } => Some(rejected(id, *code, reason)),
                // The common path: an event for a known case of one's own region.
                Prepared::Candidate { opens: None, body, .. } if own_region => {
                    pending.push(Pending {
                        job: j,
                        slot,
                        id,
                        id_key: id_key.clone(),
                        case_id,
                        case_key: case_key.clone(),
                        seq: g.next_seq,
                        author: caller.username.as_str(),
                        body: body.as_slice(),
                    });
                    g.next_seq += 1;
                    None
                }
                Prepared::Candidate { opens, body, .. } => {
                    let event = Checked {
                        job: j,
                        id,
                        case_id,
                        case_key: &case_key,
                        id_key: &id_key,
                    };
                    Some(settle(tx, g, caller, &event, opens.as_ref(), body, region.as_deref()).await?)
                }
            };
            if let Some(PushResult {
                outcome: PushOutcome::Rejected { code, .. },
                ..
            }) = &result
                && own_region
            {
                g.refusals.push((j, case_key, id_key, *code));
            }
            job_results.push(result);
        }
        g.results.push(job_results);
    }
    Ok(pending)
}

/// The region of a case: from the caches, else from the database.
async fn region_of(
    tx: &mut Tx,
    cache: &Cache,
    g: &mut Group,
    case_id: CaseId,
    case_key: &str,
) -> Result<Option<String>, sqlx::Error> {
    if let Some(r) = cache.regions.get(&case_id).or_else(|| g.new_regions.get(&case_id)) {
        return Ok(Some(r.clone()));
    }
    let r = tx.case_region(case_key).await?;
    if let Some(r) = &r {
        g.new_regions.insert(case_id, r.clone());
    }
    Ok(r)
}

/// An event off the common path, with its keys.
struct Checked<'a> {
    job: usize,
    id: EventId,
    case_id: CaseId,
    case_key: &'a str,
    id_key: &'a str,
}

/// Settles an event off the common path: a retry, a conflict, a case
/// opening (stored at once), or a refusal.
async fn settle(
    tx: &mut Tx,
    g: &mut Group,
    caller: &Caller,
    e: &Checked<'_>,
    opens: Option<&NewCase>,
    body: &[u8],
    region: Option<&str>,
) -> Result<PushResult, sqlx::Error> {
    let id = e.id;
    let other_region = region.is_some_and(|r| r != caller.region);
    // Another region's case answers exactly like an unknown one, before
    // anything stored is looked at: no answer tells whether it exists
    // (issue 13 §5). An opening cannot be applied, so it answers like an
    // opening of a taken id in one's own region.
    if other_region {
        return Ok(match opens {
            None => unknown_case(id),
            Some(_) => already_opened(id),
        });
    }
    // A stored event with this id settles it: a retry or a conflict.
    let existing = tx.find_body(e.id_key).await?;
    Ok(match (existing, opens, region) {
        (Some(stored), _, _) => same_or_conflict(id, &stored, body),
        (None, Some(_), Some(_)) => already_opened(id),
        (None, Some(c), None) if c.region != caller.region => rejected(
            id,
            RejectCode::Forbidden,
            "a case can only be opened in your own region",
        ),
        (None, Some(c), None) => {
            let seq = g.next_seq;
            tx.insert_case(e.case_key, c, seq, g.now, &caller.username).await?;
            g.new_regions.insert(e.case_id, c.region.clone());
            let row = EventRow {
                seq,
                id_key: e.id_key,
                case_key: e.case_key,
                author: &caller.username,
                body,
            };
            tx.insert_event(row, g.now).await?;
            g.applied.push((e.job, e.case_id, e.case_key.to_string(), seq));
            g.next_seq += 1;
            PushResult {
                id,
                outcome: PushOutcome::Applied,
            }
        }
        (None, None, _) => unknown_case(id),
    })
}

fn unknown_case(id: EventId) -> PushResult {
    rejected(
        id,
        RejectCode::UnknownCase,
        "the case is not on the server; push its CaseOpened event first",
    )
}

fn already_opened(id: EventId) -> PushResult {
    rejected(id, RejectCode::Invalid, "the case was already opened by another event")
}

/// Phase 2: the multi-row inserts. An id not returned was stored before
/// (or twice in this group); its stored bytes decide duplicate or conflict.
async fn insert_pending(tx: &mut Tx, pending: &[Pending<'_>], g: &mut Group) -> Result<(), sqlx::Error> {
    let mut claimed: HashSet<&str> = HashSet::new();
    for chunk in pending.chunks(INSERT_CHUNK) {
        let rows: Vec<EventRow> = chunk
            .iter()
            .map(|p| EventRow {
                seq: p.seq,
                id_key: &p.id_key,
                case_key: &p.case_key,
                author: p.author,
                body: p.body,
            })
            .collect();
        let inserted = tx.insert_events(&rows, g.now).await?;
        for p in chunk {
            let result = if inserted.contains(&p.id_key) && claimed.insert(p.id_key.as_str()) {
                g.applied.push((p.job, p.case_id, p.case_key.clone(), p.seq));
                PushResult {
                    id: p.id,
                    outcome: PushOutcome::Applied,
                }
            } else {
                let stored = tx.body(&p.id_key).await?;
                let r = same_or_conflict(p.id, &stored, p.body);
                if let PushOutcome::Rejected { code, .. } = &r.outcome {
                    g.refusals.push((p.job, p.case_key.clone(), p.id_key.clone(), *code));
                }
                r
            };
            g.results[p.job][p.slot] = Some(result);
        }
    }
    Ok(())
}

/// Phase 3. Applied events are visited in seq order within each phase; a
/// participant's joined_seq is a seq of this group either way, which is
/// all the pull cursor needs.
async fn add_participants(tx: &mut Tx, cache: &Cache, jobs: &[Job], g: &mut Group) -> Result<(), sqlx::Error> {
    g.applied.sort_by_key(|a| a.3);
    for (j, case_id, case_key, seq) in &g.applied {
        let Job::Push { caller, .. } = &jobs[*j] else { continue };
        let key = (*case_id, caller.username.clone());
        if cache.participants.contains(&key) || g.new_participants.contains(&key) {
            continue;
        }
        tx.insert_participant(case_key, &caller.username, *seq).await?;
        g.new_participants.insert(key);
    }
    Ok(())
}

/// Refusals on a case of the caller's own region are noted (no content) so
/// the shift lead sees that something bounced.
async fn note_refusals(tx: &mut Tx, jobs: &[Job], g: &Group) -> Result<(), sqlx::Error> {
    for (j, case_key, id_key, code) in &g.refusals {
        let Job::Push { caller, .. } = &jobs[*j] else { continue };
        tx.insert_rejection(case_key, id_key, &caller.username, &enum_str(code), g.now)
            .await?;
    }
    Ok(())
}

fn rejected(id: EventId, code: RejectCode, reason: &str) -> PushResult {
    PushResult {
        id,
        outcome: PushOutcome::Rejected {
            code,
            reason: reason.to_string(),
        },
    }
}

fn same_or_conflict(id: EventId, stored: &[u8], body: &[u8]) -> PushResult {
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
        )
    }
}
