//! SQLite only: keeps the WAL file bounded (issue 18 §6).
//!
//! Automatic checkpoints are off (`wal_autocheckpoint=0`): one would run
//! inside a group commit and stall it. Instead this task, every second (or
//! every `idle` if shorter):
//! - runs a PASSIVE checkpoint: copies what it can into the database file,
//!   never waits for anyone, never shrinks the file;
//! - when no commit happened for `idle` (the WAL's frame count did not
//!   move), runs a TRUNCATE checkpoint, which empties the WAL file. It
//!   waits for the writer and readers with a short busy timeout
//!   (`TRUNCATE_BUSY_MS`): TRUNCATE holds new writers off while it waits,
//!   so a push arriving then is not stalled for long; a busy try is
//!   retried on the next tick. It is not run under load, where it would
//!   add that wait to the push latency.
//!
//! Under load the WAL is bounded by `journal_size_limit`: once a PASSIVE
//! run has copied every frame, SQLite starts the WAL over at the next
//! commit and cuts the file back to the limit. synchronous=FULL is
//! untouched: a checkpoint moves committed pages, it does not change when
//! a commit is durable.
//!
//! The bound: after `idle` without commits the `-wal` file is 0 bytes;
//! under steady load it is cut back to `JOURNAL_SIZE_LIMIT` whenever the
//! readers let a checkpoint finish (a reader holding an old snapshot, like
//! a long region fold, pins the frames after it until it ends).

use std::time::{Duration, Instant};

use sqlx::SqlitePool;

use super::Db;

/// After this long without a commit, the WAL is emptied.
pub const DEFAULT_WAL_IDLE: Duration = Duration::from_secs(5);
/// The WAL's size limit (bytes) after a reset: 64 MiB.
pub const JOURNAL_SIZE_LIMIT: i64 = 64 * 1024 * 1024;
/// How long a TRUNCATE checkpoint waits for the writer and readers.
const TRUNCATE_BUSY_MS: u32 = 200;
/// The busy timeout the pool's connections normally use (`Db::connect`).
pub(super) const NORMAL_BUSY_MS: u32 = 10_000;

/// Starts the checkpoint task for a SQLite database; ends with the pool.
pub fn spawn(db: &Db, idle: Duration) -> Option<tokio::task::JoinHandle<()>> {
    let Db::Sqlite(pool) = db else {
        return None;
    };
    let pool = pool.clone();
    Some(tokio::spawn(async move {
        let period = idle.min(Duration::from_secs(1)).max(Duration::from_millis(10));
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The WAL's frame count at the last change, and when it changed.
        let mut last: Option<(i64, Instant)> = None;
        while !pool.is_closed() {
            tick.tick().await;
            match once(&pool, idle, &mut last).await {
                Ok(()) => {}
                Err(_) if pool.is_closed() => break,
                Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
            }
        }
    }))
}

/// One tick: PASSIVE, then TRUNCATE when idle.
async fn once(pool: &SqlitePool, idle: Duration, last: &mut Option<(i64, Instant)>) -> Result<(), sqlx::Error> {
    let (_busy, log, _copied): (i64, i64, i64) =
        sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(pool).await?;
    let now = Instant::now();
    let since = match *last {
        Some((frames, at)) if frames == log => at,
        _ => {
            *last = Some((log, now));
            now
        }
    };
    if log <= 0 || now.duration_since(since) < idle {
        return Ok(());
    }
    let mut conn = pool.acquire().await?;
    sqlx::query(&format!("PRAGMA busy_timeout = {TRUNCATE_BUSY_MS}"))
        .execute(&mut *conn)
        .await?;
    let truncated: Result<(i64, i64, i64), sqlx::Error> = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut *conn)
        .await;
    sqlx::query(&format!("PRAGMA busy_timeout = {NORMAL_BUSY_MS}"))
        .execute(&mut *conn)
        .await?;
    let (busy, after, _) = truncated?;
    tracing::debug!(busy, frames = log, after, "WAL truncate checkpoint");
    if busy == 0 {
        *last = Some((after, Instant::now()));
    }
    Ok(())
}
