//! One group commit: every job of the group in one transaction, in three
//! phases (see `commit_inner`).

use std::collections::{BTreeSet, HashMap, HashSet};

use samenop_core::CaseId;
use samenop_core::wire::{PushOutcome, PushResult};

use super::group::{Group, Pending, rejected};
use super::inserts::{INSERT_CHUNK, insert_openings, insert_pending};
use super::prefetch::{prefetch_openings, prefetch_regions, region_of};
use super::settle::{Checked, settle};
use super::tx::Tx;
use super::{AuditEntry, Cache, Job, Output, Prepared};
use crate::storage::{Db, enum_str, now_ms};

pub(super) type CommitResult = Result<(Vec<Output>, Vec<Job>), (sqlx::Error, Vec<Job>)>;

pub(super) async fn commit(db: &Db, cache: &mut Cache, jobs: Vec<Job>) -> CommitResult {
    // SQLite: one turn per group (`storage::SQLITE_WRITE_TURN`).
    let _turn = crate::storage::write_turn(db).await;
    match commit_inner(db, cache, &jobs).await {
        Ok(outputs) => Ok((outputs, jobs)),
        Err(e) => Err((e, jobs)),
    }
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
        // Its fold too: kept, it held the purged content in memory, and a
        // crafted opening with the same id grew on it, bringing that
        // content back to the lead's list (regression, security review).
        cache.folds.clear();
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
