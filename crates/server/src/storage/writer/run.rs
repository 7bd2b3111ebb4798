//! The writer's loop: it takes every job waiting in its queue as one group,
//! commits it (`commit`), wakes the pulls waiting on what it stored and
//! answers each caller; idle, it brings lagging read models up to date.

use std::collections::{HashMap, HashSet};

use samenop_core::CaseId;
use samenop_core::wire::PushResult;
use tokio::sync::{mpsc, oneshot};

use super::commit::commit;
use super::{Job, MAX_CACHE, MAX_GROUP_EVENTS};
use crate::storage::changes::{Changes, Touched};
use crate::storage::{Db, StorageError};

#[derive(Default)]
pub(super) struct Cache {
    /// Cases purged so far (`purged_cases` only grows): when another count
    /// is read, some case the maps may hold is gone, so they are dropped.
    pub(super) purged: i64,
    /// case id → region, for cases known to be committed.
    pub(super) regions: HashMap<CaseId, String>,
    /// (case, username) pairs known to be committed participants.
    pub(super) participants: HashSet<(CaseId, String)>,
    /// Folds of recently written cases, for their read models.
    pub(super) folds: crate::storage::read_models::FoldCache,
}

pub(super) enum Output {
    Push(Vec<PushResult>),
    Audit,
}

/// How long the writer has nothing to do before it brings lagging read
/// models up to date (marked in each group's `Tx::close_group`).
const CATCH_UP_AFTER: std::time::Duration = std::time::Duration::from_millis(250);

/// Recomputes lagging read models a chunk per commit while no job waits;
/// `true` when some may be left (a job arrived, or a commit failed).
async fn catch_up(db: &Db, cache: &mut Cache, rx: &mpsc::Receiver<Job>) -> bool {
    while rx.is_empty() {
        let keys = match crate::storage::read_models::dirty_cases(db).await {
            Ok(keys) => keys,
            Err(e) => {
                tracing::error!(error = %e, "reading lagging read models failed");
                return false;
            }
        };
        if keys.is_empty() {
            return false;
        }
        let n = keys.len();
        let (reply, _) = oneshot::channel();
        let job = Job::Audit {
            entries: Vec::new(),
            seen: Vec::new(),
            refresh: keys,
            reply,
        };
        if let Err((e, _)) = commit(db, cache, vec![job]).await {
            *cache = Cache::default();
            tracing::error!(error = %e, "catching up read models failed");
            return true;
        }
        tracing::debug!(cases = n, "read models caught up");
    }
    true
}

/// The writer on a pool of its own (`Writer::spawn`), closed once the
/// queue is drained, before the server's shutdown checkpoint.
pub(super) async fn run_on_own(own: Db, rx: mpsc::Receiver<Job>, changes: Changes) {
    run(own.clone(), rx, changes).await;
    own.close().await;
}

async fn run(db: Db, mut rx: mpsc::Receiver<Job>, changes: Changes) {
    let mut cache = Cache::default();
    // Marks left by a stop or by another instance are looked at once idle.
    let mut lagging = true;
    loop {
        let first = if lagging {
            match tokio::time::timeout(CATCH_UP_AFTER, rx.recv()).await {
                Ok(Some(job)) => job,
                Ok(None) => break,
                Err(_) => {
                    lagging = catch_up(&db, &mut cache, &rx).await;
                    continue;
                }
            }
        } else {
            match rx.recv().await {
                Some(job) => job,
                None => break,
            }
        };
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
            cache = Cache {
                purged: cache.purged,
                ..Cache::default()
            };
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
                // Before the replies: a pusher's colleague may already be
                // waiting for this commit (audit-only groups carry nothing
                // a pull would show).
                // Events land only in their pusher's region (`settle`):
                // per region the cases pushed in and who pushed (a case a
                // refused event named is a harmless extra wake).
                let mut touched: HashMap<String, Touched> = HashMap::new();
                for job in &jobs {
                    let Job::Push { caller, items, .. } = job else { continue };
                    let t = touched.entry(caller.region.clone()).or_default();
                    t.users.insert(caller.username.clone());
                    t.cases.extend(items.iter().map(|i| i.ids().1));
                }
                if !touched.is_empty() {
                    changes.notify_touched(touched);
                    lagging = true;
                }
                // What the jobs carried (every event's parsed and canonical
                // form) is freed on another task: freeing it here, item by
                // item, held the next group up by 11-17 ms per 10,000 events
                // at 100 devices (stop 33 note), with the writer the bound.
                let mut spent = Vec::with_capacity(jobs.len());
                for (job, output) in jobs.into_iter().zip(outputs) {
                    match (job, output) {
                        (Job::Push { reply, items, .. }, Output::Push(results)) => {
                            let _ = reply.send(Ok(results));
                            spent.push(items);
                        }
                        (Job::Audit { reply, .. }, Output::Audit) => {
                            let _ = reply.send(Ok(()));
                        }
                        _ => {}
                    }
                }
                tokio::spawn(async move { drop(spent) });
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
