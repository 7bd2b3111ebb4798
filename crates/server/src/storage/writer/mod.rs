//! The single event writer: group commit.
//!
//! Every event write (and every audit entry) goes through one task. It takes
//! all jobs waiting in its queue, applies them in ONE transaction (one fsync
//! on SQLite with synchronous=FULL), then answers each caller. Durable
//! commits stay cheap under load, and `seq` is assigned in commit order, so
//! a puller's cursor can never skip a row that commits later with a smaller
//! seq (which happens with concurrent transactions and sequences).
//! Several processes on one PostgreSQL database: see `PG_WRITER_LOCK`.

mod closing;
mod commit;
mod group;
mod inserts;
mod prefetch;
mod raw;
mod run;
mod settle;
mod tx;

use samenop_core::wire::{Account, PushResult, RejectCode};
use samenop_core::{CaseId, EventId};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::changes::Changes;
use super::{Db, StorageError, enum_str};
use run::{Cache, Output, run_on_own};

/// PostgreSQL advisory lock ("SAMENOP") that every transaction which hands
/// out or depends on `seq` takes first and holds until it commits: each
/// group commit (`Tx::begin`), a lead opening a case (`lead::open_case`),
/// a retention purge. With N server processes on one database (README,
/// "Several instances") each has its own writer task, and without it two
/// groups could read the same `MAX(seq)`, or (with a sequence) commit seq
/// 11 after a puller had read 12 and moved its cursor past 11 for good.
/// Under the lock seqs are handed out and committed in one order across
/// all processes, so every committed seq is below every uncommitted one
/// and a cursor never skips. Chosen over a per-case lock plus a "visible
/// up to" horizon: one lock, no new table, and the group commit already
/// batches every queued push of its process into one transaction, so the
/// lock is taken once per group, not per request. The database's own
/// checks that events and participants name stored cases take it too
/// (migration 0011, by its number: keep them equal).
pub(crate) const PG_WRITER_LOCK: i64 = 0x0053_414d_454e_4f50;

/// The highest seq handed out: to a stored event, to a purged case's
/// events or lead views (`purged_cases.max_seq`), or as a lead view's
/// `opened_seq`. Both the writer's next seq and a new `opened_seq` are one
/// more, read under `PG_WRITER_LOCK`, so a key a pull cursor holds is
/// never handed out again below it.
pub(crate) const HIGHEST_SEQ_SQL: &str = "SELECT MAX(s) FROM (\
     SELECT COALESCE(MAX(seq), 0) AS s FROM events \
     UNION ALL SELECT COALESCE(MAX(max_seq), 0) AS s FROM purged_cases \
     UNION ALL SELECT COALESCE(MAX(opened_seq), 0) AS s FROM lead_views) t";

/// Takes `PG_WRITER_LOCK` for the transaction open on `conn`.
pub(crate) async fn lock_pg_writer(conn: &mut sqlx::PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(PG_WRITER_LOCK)
        .execute(conn)
        .await
        .map(drop)
}

/// Most events applied in one transaction; beyond this the next group waits.
const MAX_GROUP_EVENTS: usize = 20_000;
/// Caches are dropped past this size; they only save lookups.
const MAX_CACHE: usize = 100_000;

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
    /// The opening event's stamp (kept on the case row for admission).
    pub opened: samenop_core::Hlc,
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
        /// Core's words when a core rule refused it (`RefusalWords`).
        words: Option<samenop_core::wire::RefusalWords>,
    },
    /// To store: `body` is the canonical JSON of the event.
    Candidate {
        id: EventId,
        case_id: CaseId,
        opens: Option<NewCase>,
        body: Vec<u8>,
    },
}

impl Prepared {
    /// The event's id and the case it names, refused or not.
    pub fn ids(&self) -> (EventId, CaseId) {
        match self {
            Prepared::Refused { id, case_id, .. } | Prepared::Candidate { id, case_id, .. } => (*id, *case_id),
        }
    }
}

/// An audited read.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub username: String,
    pub role: String,
    pub action: &'static str,
    pub case_id: Option<String>,
}

impl AuditEntry {
    /// `account` read case `case_id` (`action` names the route).
    pub fn read(account: &Account, action: &'static str, case_id: String) -> Self {
        Self {
            username: account.username.clone(),
            role: enum_str(&account.role),
            action,
            case_id: Some(case_id),
        }
    }
}

/// How far a participant was given a case in a pull: every event of
/// `case_key` up to `seq` (a pull serves each case in seq order).
#[derive(Debug, Clone)]
pub struct Seen {
    pub case_key: String,
    pub username: String,
    pub seq: i64,
}

enum Job {
    Push {
        caller: Caller,
        items: Vec<Prepared>,
        reply: oneshot::Sender<Result<Vec<PushResult>, StorageError>>,
    },
    Audit {
        entries: Vec<AuditEntry>,
        seen: Vec<Seen>,
        /// Cases whose read models to recompute (`storage::read_models`).
        refresh: Vec<String>,
        reply: oneshot::Sender<Result<(), StorageError>>,
    },
}

impl Job {
    fn size(&self) -> usize {
        match self {
            Job::Push { items, .. } => items.len(),
            Job::Audit {
                entries, seen, refresh, ..
            } => entries.len() + seen.len() + refresh.len(),
        }
    }
}

#[derive(Clone)]
pub struct Writer {
    tx: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer. It ends when every `Writer` clone is dropped and
    /// the queue is drained, so in-flight batches finish on shutdown.
    /// After each commit that stored a push, `changes` wakes waiting pulls.
    ///
    /// On PostgreSQL the writer runs on a thread of its own, with its own
    /// single-thread runtime and connection (`storage::pg_writer_pool`). On the
    /// server's workers it waited behind the request handlers at every
    /// statement of a group: when a hundred pushes arrived at once, a group
    /// of one batch took 40-57 ms instead of a few (its ~8 round trips
    /// each queued behind handlers parsing and checking batches), and the
    /// next wave piled up behind it. A thread of its own is woken by the
    /// operating system as soon as its statement's answer is in. SQLite's
    /// statements already run on threads of their own (sqlx's); there a
    /// writer thread measured no better (within ±5 % either way over 56
    /// interleaved benchmark pairs), so its writer stays a task, on a
    /// connection of its own too (`storage::sqlite_writer_pool`: a warm
    /// page cache from group to group).
    pub fn spawn(db: Db, changes: Changes) -> (Self, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(1024);
        let pool = match &db {
            Db::Postgres(pool) => pool,
            Db::Sqlite(pool) => {
                let own = Db::Sqlite(super::sqlite_writer_pool(&pool.connect_options()));
                return (Self { tx }, tokio::spawn(run_on_own(own, rx, changes)));
            }
        };
        let options = pool.connect_options();
        let handle = tokio::task::spawn_blocking(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(e) => {
                    // Every push then answers that the writer is gone.
                    tracing::error!(error = %e, "the event writer's runtime did not start");
                    return;
                }
            };
            runtime.block_on(run_on_own(Db::Postgres(super::pg_writer_pool(&options)), rx, changes));
        });
        (Self { tx }, handle)
    }

    pub async fn push(&self, caller: Caller, items: Vec<Prepared>) -> Result<Vec<PushResult>, StorageError> {
        self.ask(|reply| Job::Push { caller, items, reply }).await
    }

    pub async fn audit(&self, entries: Vec<AuditEntry>) -> Result<(), StorageError> {
        self.audit_and_mark_seen(entries, Vec::new()).await
    }

    /// Audits reads and records what each participant was given, in one
    /// commit before the data leaves (issue 13: a participant supersedes
    /// only what they have seen).
    pub async fn audit_and_mark_seen(&self, entries: Vec<AuditEntry>, seen: Vec<Seen>) -> Result<(), StorageError> {
        if entries.is_empty() && seen.is_empty() {
            return Ok(());
        }
        self.ask(|reply| Job::Audit {
            entries,
            seen,
            refresh: Vec::new(),
            reply,
        })
        .await
    }

    /// Recomputes the read models of `case_keys` in one commit: those whose
    /// projection went stale with time, or every case for a reindex.
    pub async fn refresh_read_models(&self, case_keys: Vec<String>) -> Result<(), StorageError> {
        if case_keys.is_empty() {
            return Ok(());
        }
        self.ask(|reply| Job::Audit {
            entries: Vec::new(),
            seen: Vec::new(),
            refresh: case_keys,
            reply,
        })
        .await
    }

    /// Queues the job `job` makes around its reply channel and waits for
    /// the answer; a closed queue or a dropped reply means the writer is gone.
    async fn ask<T>(
        &self,
        job: impl FnOnce(oneshot::Sender<Result<T, StorageError>>) -> Job,
    ) -> Result<T, StorageError> {
        let (reply, answer) = oneshot::channel();
        self.tx.send(job(reply)).await.map_err(|_| StorageError::WriterGone)?;
        answer.await.map_err(|_| StorageError::WriterGone)?
    }
}
