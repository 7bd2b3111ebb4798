//! The single event writer: group commit.
//!
//! Every event write (and every audit entry) goes through one task. It takes
//! all jobs waiting in its queue, applies them in ONE transaction (one fsync
//! on SQLite with synchronous=FULL), then answers each caller. Durable
//! commits stay cheap under load, and `seq` is assigned in commit order, so
//! a puller's cursor can never skip a row that commits later with a smaller
//! seq (which happens with concurrent transactions and sequences).

use std::collections::{HashMap, HashSet};

use samenop_core::wire::{PushOutcome, PushResult, RejectCode};
use samenop_core::{CaseId, EventId};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::{Db, StorageError, now_ms, on_db};

/// Most events applied in one transaction; beyond this the next group waits.
const MAX_GROUP_EVENTS: usize = 20_000;
/// Caches are dropped past this size; they only save lookups.
const MAX_CACHE: usize = 100_000;
/// PostgreSQL advisory lock: one writer at a time even across processes.
const PG_WRITER_LOCK: i64 = 0x0053_414d_454e_4f50;

/// Who pushes.
#[derive(Debug, Clone)]
pub struct Caller {
    pub username: String,
    pub region: String,
}

/// What a `CaseOpened` event creates.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub region: String,
    pub reported_at_ms: i64,
    pub source: String,
    pub address_hint: String,
    pub opener_name: String,
    pub opener_org: String,
}

/// An event after the checks that need no storage (done by the handler, off
/// the writer task).
#[derive(Debug)]
pub enum Prepared {
    /// Refused already (role, author, validation).
    Refused {
        id: EventId,
        case_id: CaseId,
        code: RejectCode,
        reason: String,
    },
    /// To store: `body` is the canonical JSON of the event.
    Candidate {
        id: EventId,
        case_id: CaseId,
        opens: Option<NewCase>,
        body: Vec<u8>,
    },
}

/// An audited read.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub username: String,
    pub role: String,
    pub action: &'static str,
    pub case_id: Option<String>,
}

enum Job {
    Push {
        caller: Caller,
        items: Vec<Prepared>,
        reply: oneshot::Sender<Result<Vec<PushResult>, StorageError>>,
    },
    Audit {
        entries: Vec<AuditEntry>,
        reply: oneshot::Sender<Result<(), StorageError>>,
    },
}

impl Job {
    fn size(&self) -> usize {
        match self {
            Job::Push { items, .. } => items.len(),
            Job::Audit { entries, .. } => entries.len(),
        }
    }
}

#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task. It ends when every `Writer` clone is dropped
    /// and the queue is drained, so in-flight batches finish on shutdown.
    pub fn spawn(db: Db) -> (Self, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(1024);
        let handle = tokio::spawn(run(db, rx));
        (Self { tx }, handle)
    }

    pub async fn push(&self, caller: Caller, items: Vec<Prepared>) -> Result<Vec<PushResult>, StorageError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job::Push { caller, items, reply })
            .await
            .map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
    }

    pub async fn audit(&self, entries: Vec<AuditEntry>) -> Result<(), StorageError> {
        if entries.is_empty() {
            return Ok(());
        }
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Job::Audit { entries, reply })
            .await
            .map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
    }
}

#[derive(Default)]
struct Cache {
    /// case id → region, for cases known to be committed.
    regions: HashMap<CaseId, String>,
    /// (case, username) pairs known to be committed participants.
    participants: HashSet<(CaseId, String)>,
}

enum Output {
    Push(Vec<PushResult>),
    Audit,
}

async fn run(db: Db, mut rx: mpsc::Receiver<Job>) {
    let mut cache = Cache::default();
    while let Some(first) = rx.recv().await {
        let mut size = first.size();
        let mut jobs = vec![first];
        while size < MAX_GROUP_EVENTS {
            match rx.try_recv() {
                Ok(job) => {
                    size += job.size();
                    jobs.push(job);
                }
                Err(_) => break,
            }
        }
        if cache.regions.len() > MAX_CACHE || cache.participants.len() > MAX_CACHE {
            cache = Cache::default();
        }
        let started = std::time::Instant::now();
        let (outputs, jobs) = match commit(&db, &mut cache, jobs).await {
            Ok(done) => (Some(done.0), done.1),
            Err((e, jobs)) => {
                // The cache may hold rows of the rolled-back transaction.
                cache = Cache::default();
                tracing::error!(error = %e, "group commit failed");
                (None, jobs)
            }
        };
        tracing::debug!(
            jobs = jobs.len(),
            events = size,
            ms = started.elapsed().as_millis() as u64,
            "group committed"
        );
        match outputs {
            Some(outputs) => {
                for (job, output) in jobs.into_iter().zip(outputs) {
                    match (job, output) {
                        (Job::Push { reply, .. }, Output::Push(results)) => {
                            let _ = reply.send(Ok(results));
                        }
                        (Job::Audit { reply, .. }, Output::Audit) => {
                            let _ = reply.send(Ok(()));
                        }
                        _ => {}
                    }
                }
            }
            None => {
                for job in jobs {
                    match job {
                        Job::Push { reply, .. } => {
                            let _ = reply.send(Err(StorageError::WriterGone));
                        }
                        Job::Audit { reply, .. } => {
                            let _ = reply.send(Err(StorageError::WriterGone));
                        }
                    }
                }
            }
        }
    }
    tracing::info!("event writer stopped");
}

type CommitResult = Result<(Vec<Output>, Vec<Job>), (sqlx::Error, Vec<Job>)>;

async fn commit(db: &Db, cache: &mut Cache, jobs: Vec<Job>) -> CommitResult {
    match commit_inner(db, cache, &jobs).await {
        Ok(outputs) => Ok((outputs, jobs)),
        Err(e) => Err((e, jobs)),
    }
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

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bind
/// parameter limits (6 per row).
const INSERT_CHUNK: usize = 500;

/// An event that passed every check and waits for the multi-row insert.
struct Pending<'a> {
    job: usize,
    slot: usize,
    id: EventId,
    id_key: String,
    case_id: CaseId,
    case_key: String,
    seq: i64,
    body: &'a [u8],
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
    let is_pg = db.is_postgres();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        if is_pg {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(PG_WRITER_LOCK)
                .execute(&mut *tx)
                .await?;
        }
        let mut next_seq: i64 =
            sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(seq), 0) FROM events")
                .fetch_one(&mut *tx)
                .await?
                + 1;
        // Rows first cached in this transaction; merged into `cache` only
        // after the commit succeeds.
        let mut new_regions: HashMap<CaseId, String> = HashMap::new();
        let mut new_participants: HashSet<(CaseId, String)> = HashSet::new();
        let mut results: Vec<Vec<Option<PushResult>>> = Vec::with_capacity(jobs.len());
        let mut pending: Vec<Pending> = Vec::new();
        // (job, case, seq) of each applied event, in seq order per phase.
        let mut applied: Vec<(usize, CaseId, String, i64)> = Vec::new();
        // (job, case, event id, code) of refusals to note for the shift lead.
        let mut refusals: Vec<(usize, String, String, RejectCode)> = Vec::new();

        // Phase 1.
        for (j, job) in jobs.iter().enumerate() {
            let (caller, items) = match job {
                Job::Audit { entries, .. } => {
                    for a in entries {
                        sqlx::query(
                            "INSERT INTO audit_log (at_ms, username, role, action, case_id) \
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(now)
                        .bind(&a.username)
                        .bind(&a.role)
                        .bind(a.action)
                        .bind(a.case_id.as_deref())
                        .execute(&mut *tx)
                        .await?;
                    }
                    results.push(Vec::new());
                    continue;
                }
                Job::Push { caller, items, .. } => (caller, items),
            };
            let mut job_results = Vec::with_capacity(items.len());
            for (slot, item) in items.iter().enumerate() {
                let (id, case_id) = match item {
                    Prepared::Refused { id, case_id, .. }
                    | Prepared::Candidate { id, case_id, .. } => (*id, *case_id),
                };
                let case_key = case_id.to_string();
                let id_key = id.to_string();
                let region: Option<String> =
                    match cache.regions.get(&case_id).or_else(|| new_regions.get(&case_id)) {
                        Some(r) => Some(r.clone()),
                        None => {
                            let r: Option<String> =
                                sqlx::query_scalar("SELECT region FROM cases WHERE case_id = $1")
                                    .bind(&case_key)
                                    .fetch_optional(&mut *tx)
                                    .await?;
                            if let Some(r) = &r {
                                new_regions.insert(case_id, r.clone());
                            }
                            r
                        }
                    };
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
                            seq: next_seq,
                            body: body.as_slice(),
                        });
                        next_seq += 1;
                        None
                    }
                    Prepared::Candidate { opens, body, .. } => {
                        // A stored event with this id settles it: a retry or a conflict.
                        let existing: Option<Vec<u8>> =
                            sqlx::query_scalar("SELECT body FROM events WHERE id = $1")
                                .bind(&id_key)
                                .fetch_optional(&mut *tx)
                                .await?;
                        Some(match (existing, opens, &region) {
                            (Some(stored), _, _) => same_or_conflict(id, &stored, body),
                            (None, Some(_), Some(r)) if *r != caller.region => rejected(
                                id,
                                RejectCode::Forbidden,
                                "the case belongs to another region",
                            ),
                            (None, Some(_), Some(_)) => rejected(
                                id,
                                RejectCode::Invalid,
                                "the case was already opened by another event",
                            ),
                            (None, Some(c), None) if c.region != caller.region => rejected(
                                id,
                                RejectCode::Forbidden,
                                "a case can only be opened in your own region",
                            ),
                            (None, Some(c), None) => {
                                sqlx::query(
                                    "INSERT INTO cases (case_id, region, opened_seq, created_at_ms, \
                                     reported_at_ms, source, address_hint, opened_by, opener_name, \
                                     opener_org) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                )
                                .bind(&case_key)
                                .bind(&c.region)
                                .bind(next_seq)
                                .bind(now)
                                .bind(c.reported_at_ms)
                                .bind(&c.source)
                                .bind(&c.address_hint)
                                .bind(&caller.username)
                                .bind(&c.opener_name)
                                .bind(&c.opener_org)
                                .execute(&mut *tx)
                                .await?;
                                new_regions.insert(case_id, c.region.clone());
                                sqlx::query(
                                    "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) \
                                     VALUES ($1, $2, $3, $4, $5, $6)",
                                )
                                .bind(next_seq)
                                .bind(&id_key)
                                .bind(&case_key)
                                .bind(&caller.username)
                                .bind(body.as_slice())
                                .bind(now)
                                .execute(&mut *tx)
                                .await?;
                                applied.push((j, case_id, case_key.clone(), next_seq));
                                next_seq += 1;
                                PushResult { id, outcome: PushOutcome::Applied }
                            }
                            (None, None, None) => rejected(
                                id,
                                RejectCode::UnknownCase,
                                "the case is not on the server; push its CaseOpened event first",
                            ),
                            (None, None, Some(_)) => rejected(
                                id,
                                RejectCode::Forbidden,
                                "the case belongs to another region",
                            ),
                        })
                    }
                };
                if let Some(PushResult { outcome: PushOutcome::Rejected { code, .. }, .. }) = &result
                    && own_region
                {
                    refusals.push((j, case_key, id_key, *code));
                }
                job_results.push(result);
            }
            results.push(job_results);
        }

        // Phase 2.
        let mut claimed: HashSet<&str> = HashSet::new();
        for chunk in pending.chunks(INSERT_CHUNK) {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) ",
            );
            insert.push_values(chunk, |mut row, p| {
                let author = match &jobs[p.job] {
                    Job::Push { caller, .. } => caller.username.as_str(),
                    Job::Audit { .. } => "",
                };
                row.push_bind(p.seq)
                    .push_bind(p.id_key.as_str())
                    .push_bind(p.case_key.as_str())
                    .push_bind(author)
                    .push_bind(p.body)
                    .push_bind(now);
            });
            insert.push(" ON CONFLICT (id) DO NOTHING RETURNING id");
            let inserted: HashSet<String> = insert
                .build_query_scalar::<String>()
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .collect();
            for p in chunk {
                let result = if inserted.contains(&p.id_key) && claimed.insert(p.id_key.as_str()) {
                    applied.push((p.job, p.case_id, p.case_key.clone(), p.seq));
                    PushResult { id: p.id, outcome: PushOutcome::Applied }
                } else {
                    let stored: Vec<u8> =
                        sqlx::query_scalar("SELECT body FROM events WHERE id = $1")
                            .bind(&p.id_key)
                            .fetch_one(&mut *tx)
                            .await?;
                    let r = same_or_conflict(p.id, &stored, p.body);
                    if let PushOutcome::Rejected { code, .. } = &r.outcome {
                        refusals.push((p.job, p.case_key.clone(), p.id_key.clone(), *code));
                    }
                    r
                };
                results[p.job][p.slot] = Some(result);
            }
        }

        // Phase 3. Applied events are visited in seq order within each
        // phase; a participant's joined_seq is a seq of this group either
        // way, which is all the pull cursor needs.
        applied.sort_by_key(|a| a.3);
        for (j, case_id, case_key, seq) in &applied {
            let Job::Push { caller, .. } = &jobs[*j] else { continue };
            let key = (*case_id, caller.username.clone());
            if cache.participants.contains(&key) || new_participants.contains(&key) {
                continue;
            }
            sqlx::query(
                "INSERT INTO participants (case_id, username, joined_seq) \
                 VALUES ($1, $2, $3) ON CONFLICT (case_id, username) DO NOTHING",
            )
            .bind(case_key)
            .bind(&caller.username)
            .bind(seq)
            .execute(&mut *tx)
            .await?;
            new_participants.insert(key);
        }
        // Refusals on a case of the caller's own region are noted (no
        // content) so the shift lead sees that something bounced.
        for (j, case_key, id_key, code) in &refusals {
            let Job::Push { caller, .. } = &jobs[*j] else { continue };
            sqlx::query(
                "INSERT INTO rejections (case_id, event_id, username, code, at_ms) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(case_key)
            .bind(id_key)
            .bind(&caller.username)
            .bind(super::enum_str(code))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let committing = std::time::Instant::now();
        tx.commit().await?;
        tracing::debug!(
            commit_us = committing.elapsed().as_micros() as u64,
            rows = pending.len(),
            "fsync"
        );
        cache.regions.extend(new_regions);
        cache.participants.extend(new_participants);
        Ok(jobs
            .iter()
            .zip(results)
            .map(|(job, rs)| match job {
                Job::Audit { .. } => Output::Audit,
                Job::Push { .. } => Output::Push(rs.into_iter().flatten().collect()),
            })
            .collect())
    })
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
