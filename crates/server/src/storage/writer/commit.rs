//! One group commit: every job of the group in one transaction, in three
//! phases (see `commit_inner`).

use std::collections::{BTreeSet, HashMap, HashSet};

use samenop_core::wire::{PushOutcome, PushResult, RefusalWords, RejectCode};
use samenop_core::{CaseId, EventId};

use super::settle::{Checked, settle};
use super::tx::{CaseRow, EventRow, Tx};
use super::{AuditEntry, Cache, Job, NewCase, Output, Prepared};
use crate::storage::{Db, enum_str, now_ms};

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind
/// parameter limits (at most 10 per row, for cases).
const INSERT_CHUNK: usize = 500;

pub(super) type CommitResult = Result<(Vec<Output>, Vec<Job>), (sqlx::Error, Vec<Job>)>;

pub(super) async fn commit(db: &Db, cache: &mut Cache, jobs: Vec<Job>) -> CommitResult {
    match commit_inner(db, cache, &jobs).await {
        Ok(outputs) => Ok((outputs, jobs)),
        Err(e) => Err((e, jobs)),
    }
}

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
    new_participants: HashSet<(CaseId, String)>,
    /// Per job, per event: filled in phase 1, or in phase 2 for pending ones.
    results: Vec<Vec<Option<PushResult>>>,
    /// (job, case, case key, seq) of each applied event, in seq order per phase.
    applied: Vec<(usize, CaseId, String, i64)>,
    /// (job, case, event id, code) of refusals to note for the shift lead.
    refusals: Vec<(usize, String, String, RejectCode)>,
    /// Cases whose read models a job asked to recompute (stale or reindex).
    refresh: BTreeSet<String>,
    /// Stored bodies by event id, looked up in one statement for every
    /// opening of the group (`None`: not stored), plus the openings this
    /// group applied: phase 1 must see them though they are inserted later.
    pub known: HashMap<String, Option<Vec<u8>>>,
    /// Regions of the group's cases the cache did not hold, read in one
    /// statement before phase 1 (`None`: not stored).
    looked_up: HashMap<CaseId, Option<String>>,
    /// Cases opened by this group and their `CaseOpened` events, inserted
    /// in phase 2 before the common path (as if stored at once).
    pub openings: Vec<Opening<'j>>,
    pub opening_events: Vec<Pending<'j>>,
    /// The event count each case opened by this group was inserted with.
    inserted_counts: HashMap<String, i64>,
}

/// Applies a group of jobs in one transaction, in three phases:
/// 1. each event is checked against the cases and gets its `seq`; a case
///    opening counts as stored at once (`Group::new_regions`, `known`),
///    so later events of the group can refer to it, while the stored
///    bodies of all openings' ids were looked up in one statement first;
/// 2. the opened cases and their events, then the events that passed, are
///    inserted with multi-row statements,
///    `ON CONFLICT (id) DO NOTHING RETURNING id`: an id not returned was
///    stored before, and its stored bytes decide duplicate or conflict;
/// 3. authors become participants of the cases they wrote in.
async fn commit_inner(db: &Db, cache: &mut Cache, jobs: &[Job]) -> Result<Vec<Output>, sqlx::Error> {
    let now = now_ms();
    let mut tx = Tx::begin(db).await?;
    let (next_seq, purged) = tx.next_seq().await?;
    if purged != cache.purged {
        // A case was purged (by any process) since: its cached region
        // would send the next event into the check that its case is
        // stored (a foreign key on SQLite, migration 0011 on PostgreSQL).
        cache.regions.clear();
        cache.participants.clear();
        cache.purged = purged;
    }
    let mut group = Group {
        now,
        next_seq,
        new_regions: HashMap::new(),
        new_participants: HashSet::new(),
        results: Vec::with_capacity(jobs.len()),
        applied: Vec::new(),
        refusals: Vec::new(),
        refresh: BTreeSet::new(),
        known: HashMap::new(),
        looked_up: HashMap::new(),
        openings: Vec::new(),
        opening_events: Vec::new(),
        inserted_counts: HashMap::new(),
    };
    // Where a group's time goes, on the `group` debug line.
    let began = std::time::Instant::now();
    prefetch_openings(&mut tx, jobs, &mut group).await?;
    prefetch_regions(&mut tx, cache, jobs, &mut group).await?;
    let pending = check_events(&mut tx, cache, jobs, &mut group).await?;
    let checked_us = began.elapsed().as_micros() as u64;
    insert_openings(&mut tx, &pending, &mut group).await?;
    let opened_us = began.elapsed().as_micros() as u64;
    insert_pending(&mut tx, &pending, &mut group, false).await?;
    let pending_us = began.elapsed().as_micros() as u64;
    note_refusals(&mut tx, jobs, &group).await?;
    group.applied.sort_by_key(|a| a.3);
    // The read models (issue 18 §1): every case the group wrote in is
    // marked as lagging in this transaction, so no reader ever takes its
    // stored rows for current; a reader or the idle writer recomputes them
    // (`read_models::stale_cases`, `catch_up`). Cases a job asked to
    // recompute (a reader's stale rows, a reindex) are folded now.
    let refresh = std::mem::take(&mut group.refresh);
    for case_key in &refresh {
        cache.folds.forget(case_key);
    }
    let mut dirty: Vec<(&str, &str)> = Vec::new();
    let mut marked: HashSet<&str> = HashSet::new();
    // Each region this group changed for its shift leads: events stored
    // there or refusals noted (`region_marks`, a lead's waiting pull).
    let mut regions: BTreeSet<&str> = BTreeSet::new();
    for (_, case_id, case_key, _) in &group.applied {
        let Some(region) = group.new_regions.get(case_id).or_else(|| cache.regions.get(case_id)) else {
            continue;
        };
        regions.insert(region.as_str());
        if !refresh.contains(case_key) && marked.insert(case_key.as_str()) {
            dirty.push((case_key.as_str(), region.as_str()));
        }
    }
    for (j, ..) in &group.refusals {
        if let Job::Push { caller, .. } = &jobs[*j] {
            regions.insert(caller.region.as_str());
        }
    }
    let regions: Vec<&str> = regions.into_iter().collect();
    // Phase 3: participants, event counts, read-model and region marks, in
    // one statement on PostgreSQL (one round trip per group instead of four).
    let participants = new_participants(cache, jobs, &group.applied, &mut group.new_participants);
    let counts = event_counts(&group.applied, &group.inserted_counts);
    tx.close_group(&participants, &counts, &dirty, &regions, &group.inserted_counts, now)
        .await?;
    let inserted_us = began.elapsed().as_micros() as u64;
    let touched = dirty.len() + refresh.len();
    crate::storage::read_models::refresh(&mut tx.conn(), &mut cache.folds, &refresh, now).await?;
    let refreshed_us = began.elapsed().as_micros() as u64;
    tx.commit().await?;
    tracing::debug!(
        jobs = jobs.len(),
        rows = pending.len(),
        cases = touched,
        checked_us,
        opened_us,
        pending_us,
        inserted_us,
        refreshed_us,
        committed_us = began.elapsed().as_micros() as u64,
        "group"
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
    g: &mut Group<'j>,
) -> Result<Vec<Pending<'j>>, sqlx::Error> {
    let mut pending = Vec::new();
    // Every audited read of the group, in one statement; what each
    // participant was given, one update per (case, user) at its highest seq.
    let audits: Vec<&AuditEntry> = jobs
        .iter()
        .flat_map(|job| match job {
            Job::Audit { entries, .. } => entries.as_slice(),
            Job::Push { .. } => &[],
        })
        .collect();
    tx.insert_audits(g.now, &audits).await?;
    let mut seen: HashMap<(&str, &str), i64> = HashMap::new();
    for job in jobs {
        if let Job::Audit { seen: marks, .. } = job {
            for s in marks {
                let at = seen.entry((s.case_key.as_str(), s.username.as_str())).or_insert(s.seq);
                *at = (*at).max(s.seq);
            }
        }
    }
    let seen: Vec<(&str, &str, i64)> = seen.into_iter().map(|((c, u), s)| (c, u, s)).collect();
    for chunk in seen.chunks(INSERT_CHUNK * 4) {
        tx.mark_seen(chunk).await?;
    }
    for (j, job) in jobs.iter().enumerate() {
        let (caller, items) = match job {
            Job::Audit { refresh, .. } => {
                g.refresh.extend(refresh.iter().cloned());
                g.results.push(Vec::new());
                continue;
            }
            Job::Push { caller, items, .. } => (caller, items),
        };
        let mut job_results = Vec::with_capacity(items.len());
        for (slot, item) in items.iter().enumerate() {
            let (id, case_id) = item.ids();
            let case_key = case_id.to_string();
            let id_key = id.to_string();
            let region = region_of(cache, g, case_id);
            let own_region = region.as_deref() == Some(caller.region.as_str());
            let result = match item {
                Prepared::Refused {
                    code, reason, words, ..
                } => Some(rejected(id, *code, reason, words.clone())),
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
                        slot,
                        id,
                        case_id,
                        case_key: &case_key,
                        id_key: &id_key,
                    };
                    settle(tx, g, caller, &event, opens.as_ref(), body, region.as_deref()).await?
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

/// The region of a case: from the writer's cache or this group's
/// openings, else as `prefetch_regions` read it (every case of the group
/// the cache did not hold; `None`: not stored).
fn region_of(cache: &Cache, g: &mut Group<'_>, case_id: CaseId) -> Option<String> {
    if let Some(r) = cache.regions.get(&case_id).or_else(|| g.new_regions.get(&case_id)) {
        return Some(r.clone());
    }
    let r = g.looked_up.get(&case_id).cloned().flatten();
    if let Some(r) = &r {
        g.new_regions.insert(case_id, r.clone());
    }
    r
}

/// Before phase 1: the regions of every case of the group the cache does
/// not hold, in one statement; a case per query was most of phase 1 when
/// a group opens hundreds of cases.
async fn prefetch_regions(tx: &mut Tx, cache: &Cache, jobs: &[Job], g: &mut Group<'_>) -> Result<(), sqlx::Error> {
    let mut keys = Vec::new();
    for job in jobs {
        let Job::Push { items, .. } = job else { continue };
        for item in items {
            let case_id = item.ids().1;
            if !cache.regions.contains_key(&case_id) && g.looked_up.insert(case_id, None).is_none() {
                keys.push(case_id.to_string());
            }
        }
    }
    for chunk in keys.chunks(INSERT_CHUNK * 4) {
        for (key, region) in tx.case_regions(chunk).await? {
            if let Ok(id) = key.parse::<uuid::Uuid>() {
                g.looked_up.insert(CaseId(id), Some(region));
            }
        }
    }
    Ok(())
}

/// Before phase 1: the stored bodies of every opening's id, in one
/// statement. An opening off the common path needs them to tell a retry or
/// a conflict from a new case; one lookup per opening was most of a push.
async fn prefetch_openings(tx: &mut Tx, jobs: &[Job], g: &mut Group<'_>) -> Result<(), sqlx::Error> {
    let mut keys = Vec::new();
    for job in jobs {
        let Job::Push { items, .. } = job else { continue };
        for item in items {
            if let Prepared::Candidate { id, opens: Some(_), .. } = item {
                let key = id.to_string();
                if g.known.insert(key.clone(), None).is_none() {
                    keys.push(key);
                }
            }
        }
    }
    if keys.is_empty() {
        return Ok(());
    }
    for chunk in keys.chunks(INSERT_CHUNK * 4) {
        for (id, body) in tx.find_bodies(chunk).await? {
            g.known.insert(id, Some(body));
        }
    }
    Ok(())
}

/// Phase 2a: the cases opened by the group, then their `CaseOpened` events,
/// with multi-row statements and before the common path, so the outcome of
/// every event is the one it had when each opening was stored at once.
/// Each case row is written with the number of the group's events in it
/// (its opening and `pending`): nearly always the count it ends with, so
/// phase 3 updates the row of none of the group's new cases.
async fn insert_openings(tx: &mut Tx, pending: &[Pending<'_>], g: &mut Group<'_>) -> Result<(), sqlx::Error> {
    let openings = std::mem::take(&mut g.openings);
    for o in &openings {
        g.inserted_counts.insert(o.case_key.clone(), 0);
    }
    for p in g.opening_events.iter().chain(pending) {
        if let Some(n) = g.inserted_counts.get_mut(&p.case_key) {
            *n += 1;
        }
    }
    for chunk in openings.chunks(INSERT_CHUNK) {
        let rows: Vec<CaseRow> = chunk
            .iter()
            .map(|o| CaseRow {
                case_key: &o.case_key,
                case: o.case,
                opened_seq: o.seq,
                opened_by: o.opened_by,
                event_count: g.inserted_counts.get(&o.case_key).copied().unwrap_or(0),
            })
            .collect();
        tx.insert_cases(&rows, g.now).await?;
    }
    // Every opening's id was looked up (`prefetch_openings`) and settled
    // as new, each once (`Group::known`): none is stored.
    let events = std::mem::take(&mut g.opening_events);
    insert_pending(tx, &events, g, true).await
}

/// Phase 2: the multi-row inserts. An id not returned was stored before
/// (or twice in this group); its stored bytes decide duplicate or conflict.
/// `all_new`: see `Tx::insert_events`.
async fn insert_pending(
    tx: &mut Tx,
    pending: &[Pending<'_>],
    g: &mut Group<'_>,
    all_new: bool,
) -> Result<(), sqlx::Error> {
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
        let inserted = tx.insert_events(&rows, g.now, all_new).await?;
        let fresh: Vec<bool> = chunk
            .iter()
            .map(|p| inserted.contains(&p.id_key) && claimed.insert(p.id_key.as_str()))
            .collect();
        // The stored bytes of every id not inserted, in one statement: a
        // re-sent batch was one lookup per event.
        let others: Vec<String> = chunk
            .iter()
            .zip(&fresh)
            .filter(|(_, fresh)| !**fresh)
            .map(|(p, _)| p.id_key.clone())
            .collect();
        let stored = if others.is_empty() {
            HashMap::new()
        } else {
            tx.find_bodies(&others).await?
        };
        for (p, fresh) in chunk.iter().zip(fresh) {
            let result = if fresh {
                g.applied.push((p.job, p.case_id, p.case_key.clone(), p.seq));
                PushResult {
                    id: p.id,
                    outcome: PushOutcome::Applied,
                }
            } else {
                let stored = stored.get(&p.id_key).ok_or(sqlx::Error::RowNotFound)?;
                let r = same_or_conflict(p.id, stored, p.body);
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

/// Phase 3: the authors who became participants of the cases they wrote
/// in with this group. `applied` is in seq order within each phase; a
/// participant's joined_seq is a seq of this group either way, which is
/// all the pull cursor needs.
fn new_participants<'a>(
    cache: &Cache,
    jobs: &'a [Job],
    applied: &'a [(usize, CaseId, String, i64)],
    new: &mut HashSet<(CaseId, String)>,
) -> Vec<(&'a str, &'a str, i64)> {
    let mut rows = Vec::new();
    for (j, case_id, case_key, seq) in applied {
        let Job::Push { caller, .. } = &jobs[*j] else { continue };
        let key = (*case_id, caller.username.clone());
        if cache.participants.contains(&key) || new.contains(&key) {
            continue;
        }
        rows.push((case_key.as_str(), caller.username.as_str(), *seq));
        new.insert(key);
    }
    rows
}

/// Phase 3: by how much each case's `event_count` (admission's event cap
/// reads it) must grow: the events the group stored in it, less the count
/// a case opened by this group was inserted with (`insert_openings`; an
/// event of it found stored before makes the difference). Cases with
/// nothing to add are left out: a new case's row already holds its count
/// and its last receipt.
fn event_counts<'a>(
    applied: &'a [(usize, CaseId, String, i64)],
    inserted: &'a HashMap<String, i64>,
) -> Vec<(&'a str, i64)> {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for (_, _, case_key, _) in applied {
        *counts.entry(case_key.as_str()).or_default() += 1;
    }
    for (case_key, n) in inserted {
        *counts.entry(case_key.as_str()).or_default() -= n;
    }
    counts.into_iter().filter(|(_, n)| *n != 0).collect()
}

/// Refusals on a case of the caller's own region are noted (no content) so
/// the shift lead sees that something bounced.
async fn note_refusals(tx: &mut Tx, jobs: &[Job], g: &Group<'_>) -> Result<(), sqlx::Error> {
    for (j, case_key, id_key, code) in &g.refusals {
        let Job::Push { caller, .. } = &jobs[*j] else { continue };
        tx.insert_rejection(case_key, id_key, &caller.username, &enum_str(code), g.now)
            .await?;
    }
    Ok(())
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
