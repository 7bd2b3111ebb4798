//! The single event writer: group commit.
//!
//! Every event write (and every audit entry) goes through one task. It takes
//! all jobs waiting in its queue, applies them in ONE transaction (one fsync
//! on SQLite with synchronous=FULL), then answers each caller. Durable
//! commits stay cheap under load, and `seq` is assigned in commit order, so
//! a puller's cursor can never skip a row that commits later with a smaller
//! seq (which happens with concurrent transactions and sequences).

mod commit;
mod tx;

use std::collections::{HashMap, HashSet};

use samenop_core::wire::{Account, PushResult, RejectCode};
use samenop_core::{CaseId, EventId};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use super::{Db, StorageError, enum_str};
use commit::commit;

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
        reply: oneshot::Sender<Result<(), StorageError>>,
    },
}

impl Job {
    fn size(&self) -> usize {
        match self {
            Job::Push { items, .. } => items.len(),
            Job::Audit { entries, seen, .. } => entries.len() + seen.len(),
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
        self.ask(|reply| Job::Audit { entries, seen, reply }).await
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
