//! Wake-ups for waiting pulls (issue 18 §3, `GET /api/v1/events?wait=N`).
//!
//! A waiting pull holds no database connection: it sleeps on a counter
//! that moves when something a pull might carry was committed, then reads
//! its page again. Two sources move it:
//! - this process's writer, right after each commit that stored a push
//!   (and the lead-open and retention paths, which write outside it);
//! - a watcher that, while anyone waits, reads the highest event seq,
//!   purge-notice id and session end once a second, so a commit made by
//!   another server process on the same PostgreSQL (or an account disabled
//!   by the `users` command) is seen within about a second. One cheap
//!   query per second per process, however many pulls wait.
//!
//! Waiting pulls are bounded per user and per process; past the bound a
//! pull answers at once, as it did before `wait` existed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tokio::sync::watch;

use super::{Db, on_db};

/// Waiting pulls one user may hold in this process: a phone, a tablet and
/// a few pulls a dropped connection left behind until their wait ends.
pub const MAX_WAITING_PER_USER: usize = 8;
/// Waiting pulls one process holds: each costs an open connection and a
/// small task, no database connection.
pub const MAX_WAITING: usize = 5_000;
/// How often the watcher looks for commits of other processes.
pub const RECHECK: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct Changes {
    inner: Arc<Inner>,
}

struct Inner {
    /// Moves after each commit a pull might carry.
    tick: watch::Sender<u64>,
    /// True once the server is shutting down: waiting pulls answer now.
    stopping: watch::Sender<bool>,
    /// Waiting pulls per username, and their total.
    waiting: Mutex<(HashMap<String, usize>, usize)>,
}

impl Default for Changes {
    fn default() -> Self {
        Self::new()
    }
}

impl Changes {
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Inner {
                tick: watch::channel(0).0,
                stopping: watch::channel(false).0,
                waiting: Mutex::new((HashMap::new(), 0)),
            }),
        }
    }

    /// Something a pull might carry was committed: waiting pulls look again.
    pub fn notify(&self) {
        self.inner.tick.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// A receiver that sees every `notify` after this call.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.inner.tick.subscribe()
    }

    /// Shutdown began: every waiting pull answers with what it has.
    pub fn stop(&self) {
        self.inner.stopping.send_replace(true);
    }

    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.inner.stopping.subscribe()
    }

    /// Pulls waiting now.
    pub fn waiting(&self) -> usize {
        self.inner.waiting.lock().map(|w| w.1).unwrap_or(0)
    }

    /// A place to wait for `username`, or `None` past the bounds (the pull
    /// then answers at once).
    pub fn enter(&self, username: &str) -> Option<WaitSlot> {
        let mut w = self.inner.waiting.lock().ok()?;
        let (per_user, total) = &mut *w;
        let mine = per_user.entry(username.to_string()).or_default();
        if *mine >= MAX_WAITING_PER_USER || *total >= MAX_WAITING {
            return None;
        }
        *mine += 1;
        *total += 1;
        Some(WaitSlot {
            changes: self.clone(),
            username: username.to_string(),
        })
    }

    /// Starts the watcher for commits of other processes. It ends with the
    /// last `Changes` handle or at shutdown.
    pub fn spawn_watcher(&self, db: Db) {
        let weak: Weak<Inner> = Arc::downgrade(&self.inner);
        let mut stopping = self.stopping();
        tokio::spawn(async move {
            let mut last = None;
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(RECHECK) => {}
                    _ = stopping.changed() => return,
                }
                let Some(inner) = weak.upgrade() else { return };
                let changes = Changes { inner };
                if changes.waiting() == 0 {
                    // Nothing read while no one waits; the first read after
                    // wakes every waiter once, as a commit may have come
                    // between their own read and this one.
                    last = None;
                    continue;
                }
                match marker(&db).await {
                    Ok(now) => {
                        if last != Some(now) {
                            changes.notify();
                        }
                        last = Some(now);
                    }
                    Err(e) => tracing::debug!(error = %e, "change watcher: read failed"),
                }
            }
        });
    }
}

/// What moves when another process commits something a waiting pull must
/// answer for: the highest event seq, the highest purge-notice id, and the
/// last session ended by disabling an account or revoking a device (the
/// `users` command is another process; the phone must learn it at once,
/// issue 16 §2).
async fn marker(db: &Db) -> Result<(i64, i64, i64), sqlx::Error> {
    let sql = "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events), \
               (SELECT COALESCE(MAX(id), 0) FROM purge_notices), \
               (SELECT COALESCE(MAX(ended_at_ms), 0) FROM sessions)";
    on_db!(db, pool => sqlx::query_as::<_, (i64, i64, i64)>(sql).fetch_one(pool).await)
}

/// One waiting pull; leaving frees the place.
pub struct WaitSlot {
    changes: Changes,
    username: String,
}

impl Drop for WaitSlot {
    fn drop(&mut self) {
        if let Ok(mut w) = self.changes.inner.waiting.lock() {
            let (per_user, total) = &mut *w;
            *total = total.saturating_sub(1);
            if let Some(n) = per_user.get_mut(&self.username) {
                *n -= 1;
                if *n == 0 {
                    per_user.remove(&self.username);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_is_bounded_per_user_and_freed_on_leaving() {
        let c = Changes::new();
        let slots: Vec<_> = (0..MAX_WAITING_PER_USER).map(|_| c.enter("a").unwrap()).collect();
        assert!(c.enter("a").is_none(), "one user past the bound");
        assert!(c.enter("b").is_some(), "another user still waits");
        assert_eq!(c.waiting(), MAX_WAITING_PER_USER);
        drop(slots);
        assert_eq!(c.waiting(), 0);
        assert!(c.enter("a").is_some());
    }
}
