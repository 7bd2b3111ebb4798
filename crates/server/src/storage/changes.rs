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
//! A commit of pushes wakes only the pulls of the regions it wrote in (a
//! pusher writes only in their own region), and there only those that
//! hold one of the cases it wrote in, or whose user pushed in it (their
//! other device may have joined a case): a region's other phones keep
//! sleeping instead of each reading a page with nothing for them. A
//! waiter that missed a commit (two came before it looked) wakes anyway.
//! A lead opening a case wakes its region; the watcher and shutdown wake
//! everyone.
//!
//! Waiting pulls are bounded per user and per process; past the bound a
//! pull answers at once, as it did before `wait` existed.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use samenop_core::CaseId;

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

/// What one commit wrote in a region: the cases and who pushed. Cases as
/// ids, not keys: the writer names them after every commit (its serial
/// path), a waiter parses its held keys once per wait round.
#[derive(Debug, Clone, Default)]
pub struct Touched {
    pub cases: HashSet<CaseId>,
    pub users: HashSet<String>,
}

/// How often something was committed: for everyone, and per region with
/// what the region's last commit touched. Counters only grow, so a waiter
/// that compares its region's count with the one it last saw never misses
/// a commit, however many coalesce.
#[derive(Debug, Clone, Default)]
pub struct Ticks {
    all: u64,
    regions: Arc<HashMap<String, RegionTick>>,
}

/// A region's commit count, and what its last commit touched (`None`:
/// anything of the region).
type RegionTick = (u64, Option<Arc<Touched>>);

impl Ticks {
    fn mark(&self, region: &str) -> (u64, u64) {
        (self.all, self.regions.get(region).map_or(0, |r| r.0))
    }
}

/// A waiting pull's view of the ticks: wakes for everyone's commits and
/// for its region's, narrowed to what it holds (`Watch::narrow`).
pub struct Watch {
    rx: watch::Receiver<Ticks>,
    region: String,
    seen: (u64, u64),
    /// The waiter's user and the cases it holds; `None`: every commit of
    /// the region wakes it.
    holds: Option<(String, HashSet<CaseId>)>,
}

impl Watch {
    /// From now on only later commits count.
    pub fn mark_seen(&mut self) {
        self.seen = self.rx.borrow_and_update().mark(&self.region);
    }

    /// Only commits in `cases`, or pushed by `username`, wake it from now
    /// on (besides everyone's and any it may have missed).
    pub fn narrow(&mut self, username: &str, cases: HashSet<CaseId>) {
        self.holds = Some((username.to_string(), cases));
    }

    /// Resolves at the next commit for everyone, or of this region that
    /// concerns the waiter; an error when the sender is gone.
    pub async fn changed(&mut self) -> Result<(), watch::error::RecvError> {
        loop {
            self.rx.changed().await?;
            let ticks = self.rx.borrow_and_update().clone();
            let now = ticks.mark(&self.region);
            if now == self.seen {
                continue;
            }
            let one_of_ours = now.0 == self.seen.0 && now.1 == self.seen.1.wrapping_add(1);
            let passes_by = match (&self.holds, ticks.regions.get(&self.region)) {
                (Some((user, cases)), Some((_, Some(touched)))) if one_of_ours => {
                    !touched.users.contains(user) && touched.cases.is_disjoint(cases)
                }
                _ => false,
            };
            self.seen = now;
            if !passes_by {
                return Ok(());
            }
        }
    }
}

struct Inner {
    /// Moves after each commit a pull might carry.
    tick: watch::Sender<Ticks>,
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
                tick: watch::channel(Ticks::default()).0,
                stopping: watch::channel(false).0,
                waiting: Mutex::new((HashMap::new(), 0)),
            }),
        }
    }

    /// Something any pull might carry was committed: every waiting pull
    /// looks again.
    pub fn notify(&self) {
        self.inner.tick.send_modify(|t| t.all = t.all.wrapping_add(1));
    }

    /// Something changed in `region` for any of its pulls (a lead took up
    /// a case): every waiting pull of the region looks again.
    pub fn notify_region(&self, region: &str) {
        self.tick_regions([(region.to_string(), None)]);
    }

    /// Events were committed: per region, the cases and pushers; the
    /// region's waiting pulls that hold one of them look again.
    pub fn notify_touched(&self, touched: HashMap<String, Touched>) {
        self.tick_regions(touched.into_iter().map(|(r, t)| (r, Some(Arc::new(t)))));
    }

    fn tick_regions(&self, regions: impl IntoIterator<Item = (String, Option<Arc<Touched>>)>) {
        self.inner.tick.send_modify(|t| {
            let map = Arc::make_mut(&mut t.regions);
            for (region, touched) in regions {
                let entry = map.entry(region).or_default();
                *entry = (entry.0.wrapping_add(1), touched);
            }
        });
    }

    /// A watch that sees every later `notify`, and every later commit of
    /// `region` (narrowed with `Watch::narrow`).
    pub fn subscribe(&self, region: &str) -> Watch {
        let rx = self.inner.tick.subscribe();
        let seen = rx.borrow().mark(region);
        Watch {
            rx,
            region: region.to_string(),
            seen,
            holds: None,
        }
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
/// answer for: the highest event seq, the highest purge-notice id, the
/// last session ended by disabling an account or revoking a device (the
/// `users` command is another process; the phone must learn it at once,
/// issue 16 §2), and the sum of the regions' marks (a refusal noted there
/// changes a shift lead's list without a new event; one row per region).
async fn marker(db: &Db) -> Result<(i64, i64, i64, i64), sqlx::Error> {
    let sql = "SELECT (SELECT COALESCE(MAX(seq), 0) FROM events), \
               (SELECT COALESCE(MAX(id), 0) FROM purge_notices), \
               (SELECT COALESCE(MAX(ended_at_ms), 0) FROM sessions), \
               (SELECT CAST(COALESCE(SUM(mark), 0) AS BIGINT) FROM region_marks)";
    on_db!(db, pool => sqlx::query_as::<_, (i64, i64, i64, i64)>(sql).fetch_one(pool).await)
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

    fn touched(region: &str, cases: &[CaseId], users: &[&str]) -> HashMap<String, Touched> {
        let t = Touched {
            cases: cases.iter().copied().collect(),
            users: users.iter().map(|u| u.to_string()).collect(),
        };
        HashMap::from([(region.to_string(), t)])
    }

    #[tokio::test]
    async fn a_commit_wakes_the_pulls_of_its_region_and_a_notify_wakes_all() {
        let c = Changes::new();
        let mut north = c.subscribe("Noord");
        let mut south = c.subscribe("Zuid");
        let soon = Duration::from_millis(50);
        c.notify_region("Zuid");
        assert!(
            tokio::time::timeout(soon, north.changed()).await.is_err(),
            "another region's commit woke it"
        );
        assert!(tokio::time::timeout(soon, south.changed()).await.is_ok());
        // Two commits that coalesce, the second elsewhere: the first still wakes.
        c.notify_region("Noord");
        c.notify_region("Zuid");
        assert!(
            tokio::time::timeout(soon, north.changed()).await.is_ok(),
            "a coalesced commit was lost"
        );
        c.notify();
        assert!(tokio::time::timeout(soon, north.changed()).await.is_ok());
        assert!(tokio::time::timeout(soon, south.changed()).await.is_ok());
        // Seen means seen: nothing new, no wake.
        north.mark_seen();
        assert!(tokio::time::timeout(soon, north.changed()).await.is_err());
    }

    /// Issue 18 §3: within its region a commit wakes only the pulls that
    /// hold one of its cases or whose user pushed it; one that may have
    /// missed a commit, and everyone at a `notify`, still wake.
    #[tokio::test]
    async fn a_commit_wakes_only_the_pulls_that_hold_its_cases() {
        let c = Changes::new();
        let soon = Duration::from_millis(50);
        let [one, two, three, nine] = [(); 4].map(|_| CaseId::generate());
        let mut a = c.subscribe("Noord");
        a.narrow("agent.a", HashSet::from([one]));
        a.mark_seen();
        c.notify_touched(touched("Noord", &[two], &["vt.b"]));
        assert!(
            tokio::time::timeout(soon, a.changed()).await.is_err(),
            "a commit in a case agent.a does not hold woke it"
        );
        c.notify_touched(touched("Noord", &[two, one], &["vt.b"]));
        assert!(tokio::time::timeout(soon, a.changed()).await.is_ok(), "its case");
        // Its own push from another device (which may have joined a case).
        c.notify_touched(touched("Noord", &[nine], &["agent.a"]));
        assert!(tokio::time::timeout(soon, a.changed()).await.is_ok(), "its user");
        // Two commits before it looked: the first is not known any more.
        c.notify_touched(touched("Noord", &[one], &["vt.b"]));
        c.notify_touched(touched("Noord", &[three], &["vt.b"]));
        assert!(tokio::time::timeout(soon, a.changed()).await.is_ok(), "a missed commit");
        // A lead taking up a case, and everyone's notify.
        c.notify_region("Noord");
        assert!(tokio::time::timeout(soon, a.changed()).await.is_ok(), "the region");
        c.notify();
        assert!(tokio::time::timeout(soon, a.changed()).await.is_ok(), "everyone");
        // Another region's commit in the same case key: not woken.
        c.notify_touched(touched("Zuid", &[one], &["agent.a"]));
        assert!(tokio::time::timeout(soon, a.changed()).await.is_err());
    }

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
