//! The sync engine: pushes the outbox in batches and pulls colleagues'
//! events with the cursor whenever the backend is reachable, with back-off
//! after failures; while nothing is left to send, its pull waits on the
//! server for a colleague's entry (long poll, issue 18 §3), broken off at
//! once by a new local entry; locks the field after inactivity. It knows no
//! UI: the app gives it a [`Host`] that holds the field and shows what the
//! engine reports.

use std::fmt::Display;
use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use samenop_core::wire::PullResponse;

use crate::field::Field;
use crate::platform;
use crate::sync::{self, SyncError, SyncStatus};

/// Milliseconds without a touch before the field locks itself.
pub const LOCK_AFTER_MS: i64 = 5 * 60 * 1000;

/// How often the engine looks for new entries while it waits.
pub const TICK_MS: u64 = 100;

/// What the engine needs from the app around it. The Dioxus app implements
/// it with its signals; tests implement it with plain values.
pub trait Host {
    /// Reads the field (the engine is no view: reading subscribes to nothing).
    fn read<R>(&self, f: impl FnOnce(&Field) -> R) -> R;
    /// Changes the field; whatever shows it updates.
    fn write<R>(&mut self, f: impl FnOnce(&mut Field) -> R) -> R;
    /// What the sync badge shows.
    fn set_status(&mut self, status: SyncStatus);
    /// An error the user must see: an expired session, a failing store.
    fn report(&mut self, error: &dyn Display);
    /// An error in the reader's words: `words` says it in a language. The
    /// app overrides this to show its chosen language only (issue 17 §6).
    fn report_words(&mut self, words: &dyn Fn(samenop_core::Lang) -> String) {
        self.report(&words(samenop_core::Lang::Nl));
    }
    /// When the user last touched the app, in `platform::now_ms` time.
    fn last_touch_ms(&self) -> i64;
    /// The engine locked the field after inactivity: ask for the PIN.
    fn locked(&mut self);
    /// The server said the account was disabled or this device revoked,
    /// and the vault is wiped: show the sign-in screen and say why. The
    /// default shows the reason where errors go.
    fn wiped(&mut self, why: &SyncError) {
        self.report_words(&|lang| why.text(lang));
    }
}

/// The engine's memory between rounds.
#[derive(Debug, Clone)]
pub struct SyncEngine {
    /// Failed rounds in a row.
    failures: u32,
    /// When an entry last moved either way.
    last_activity: i64,
    /// The server takes waiting pulls (false after it refused `wait`: a
    /// server from before them; the engine then polls as it used to).
    listening: bool,
}

impl Default for SyncEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl SyncEngine {
    pub fn new() -> Self {
        Self {
            failures: 0,
            last_activity: i64::MIN / 2,
            listening: true,
        }
    }

    /// Failed rounds in a row.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Runs for as long as the app does: a round (push, then pull), then
    /// waiting pulls while nothing is left to send, or a wait (back-off,
    /// locked), then a round again …
    pub async fn run<H: Host>(mut self, mut host: H) {
        loop {
            let wait = self.round(&mut host).await;
            if let Some(wait) = self.listen(&mut host, wait).await {
                self.wait(&mut host, wait).await;
            }
        }
    }

    /// After a good round: pulls that wait up to `sync::LISTEN_SECS` on the
    /// server for news, one after the other, so a quiet device asks about
    /// 2.4 times a minute and a colleague's entry arrives as soon as the
    /// server has it. A new local entry (or the network, a lock, a sign-out,
    /// a nudge) breaks the waiting pull off: it is dropped, which aborts the
    /// request (on the web: its fetch), and the round that follows pushes at
    /// once, so no push ever waits behind a pull. Returns `None` for a round
    /// now, or how long to wait first (`poll_ms` when it cannot listen: then
    /// the engine polls as before).
    pub async fn listen<H: Host>(&mut self, host: &mut H, poll_ms: u64) -> Option<u64> {
        let mut first = true;
        loop {
            if !self.listening || self.failures > 0 || platform::known_offline() {
                return Some(poll_ms);
            }
            let ready = host.read(|f| {
                let session = f.session().cloned()?;
                (f.is_unlocked() && !f.sync_overdue())
                    .then(|| (session, f.local.cursor.clone(), f.local.pending().is_empty()))
            });
            let (session, cursor) = match ready {
                Some((session, cursor, true)) => (session, cursor),
                // An entry came in with the last answer: push it now.
                Some((_, _, false)) if !first => return None,
                _ => return Some(poll_ms),
            };
            first = false;
            let outbox = host.read(|f| f.local.outbox.len());
            let started = platform::now_ms();
            let pull = sync::pull_waiting(&session.server, &session.token, cursor.as_deref(), sync::LISTEN_SECS);
            let heard = match race(pull, self.interrupted(host, outbox, cursor.clone())).await {
                Either::Right(()) => return None,
                Either::Left(heard) => heard,
            };
            let pull = match heard {
                Ok(pull) => pull,
                Err(SyncError::Refused(reason)) => {
                    tracing::info!(%reason, "sync: the server refused a waiting pull; polling instead");
                    self.listening = false;
                    return None;
                }
                Err(e) => return Some(self.failed(host, e)),
            };
            let moved = absorb(host, &pull);
            after_pull(host, pull.max_offline_hours, pull.device_keep_hours);
            let now = platform::now_ms();
            if moved > 0 {
                self.last_activity = now;
            }
            // A moved cursor with no events is news too: a shift lead's
            // region changed (its list asks again), issue 18 §3.
            let quiet = pull.events.is_empty()
                && pull.purged.is_empty()
                && !pull.more
                && cursor.as_deref() == Some(pull.next_cursor.as_str());
            if quiet && now - started < sync::EARLY_ANSWER_MS {
                return Some(sync::next_round_ms(now - self.last_activity));
            }
        }
    }

    /// Returns when a waiting pull must give way: a new local entry, the
    /// network gone or back, a nudge, the inactivity lock, a sign-out, or a
    /// pull made elsewhere (the cursor moved).
    async fn interrupted<H: Host>(&self, host: &mut H, outbox: usize, cursor: Option<String>) {
        loop {
            platform::sleep_ms(TICK_MS).await;
            if platform::take_online_signal() || platform::known_offline() {
                return;
            }
            if self.lock_if_idle(host, platform::now_ms()) {
                return;
            }
            if host.read(|f| {
                f.local.outbox.len() != outbox || !f.is_unlocked() || f.session().is_none() || f.local.cursor != cursor
            }) {
                return;
            }
        }
    }

    /// Locks the field when it has not been touched for `LOCK_AFTER_MS`;
    /// true when it did.
    pub fn lock_if_idle<H: Host>(&self, host: &mut H, now_ms: i64) -> bool {
        if host.read(Field::is_unlocked) && now_ms - host.last_touch_ms() > LOCK_AFTER_MS {
            host.write(Field::lock);
            host.locked();
            return true;
        }
        false
    }

    /// One round: the inactivity lock, then push and pull. Sets the status
    /// and returns how long to wait before the next round.
    pub async fn round<H: Host>(&mut self, host: &mut H) -> u64 {
        self.lock_if_idle(host, platform::now_ms());
        match sync_once(host).await {
            Ok(moved) => {
                self.failures = 0;
                let now = platform::now_ms();
                if moved > 0 {
                    self.last_activity = now;
                }
                sync::next_round_ms(now - self.last_activity)
            }
            Err(e) => self.failed(host, e),
        }
    }

    /// After a failed round or waiting pull: says so, and returns the
    /// back-off before the next round.
    fn failed<H: Host>(&mut self, host: &mut H, error: SyncError) -> u64 {
        match error {
            SyncError::Revoked(_) => {
                // At this contact, not just a banner (issue 16 §2).
                if let Err(e) = host.write(Field::wipe) {
                    host.report_words(&|lang| e.text(lang));
                }
                host.wiped(&error);
            }
            // Not a network to wait for: the person must know (issue 16 §3).
            SyncError::Unauthorized | SyncError::Untrusted => host.report_words(&|lang| error.text(lang)),
            _ => {}
        }
        host.set_status(SyncStatus::after(&error));
        self.failures += 1;
        sync::jittered_backoff_ms(self.failures, platform::random_u32())
    }

    /// Waits up to `ms` in short ticks, so a new entry is pushed at once and
    /// the network coming back is used at once, not after the full back-off.
    /// The inactivity lock keeps its time meanwhile: a back-off after failed
    /// rounds held it off for as long (regression, security review).
    pub async fn wait<H: Host>(&mut self, host: &mut H, ms: u64) {
        let pending_before = host.read(|f| f.local.outbox.len());
        let mut waited = 0;
        while waited < ms {
            platform::sleep_ms(TICK_MS).await;
            waited += TICK_MS;
            self.lock_if_idle(host, platform::now_ms());
            if platform::take_online_signal() {
                self.failures = 0;
                return;
            }
            let new_entry = host.read(|f| f.local.outbox.len()) > pending_before;
            if new_entry && (self.failures == 0 || !platform::known_offline()) {
                return;
            }
        }
    }
}

/// One push-and-pull round; returns how many entries moved either way.
/// Does nothing while the field is locked or signed out. Past its no-sync
/// limit it only asks whether the token was revoked (so a disabled or
/// revoked phone still wipes at its next contact) and moves nothing: only
/// a sign-in again lifts the limit (`Field::renew_session`).
pub async fn sync_once<H: Host>(host: &mut H) -> Result<usize, SyncError> {
    if platform::known_offline() {
        return Err(SyncError::Offline);
    }
    if let Some(session) = host.read(|f| {
        (f.is_unlocked() && f.sync_overdue())
            .then(|| f.session().cloned())
            .flatten()
    }) {
        return match sync::joinable(&session.server, &session.token).await {
            Err(e @ SyncError::Revoked(_)) => Err(e),
            _ => Ok(0),
        };
    }
    let Some((session, pending, cursor)) = host.read(|field| {
        let session = field.session().cloned()?;
        (field.is_unlocked() && !field.sync_overdue())
            .then(|| (session, field.local.pending(), field.local.cursor.clone()))
    }) else {
        return Ok(0);
    };
    if !pending.is_empty() {
        host.set_status(SyncStatus::Syncing);
    }
    let mut moved = pending.len();
    for batch in pending.chunks(sync::BATCH) {
        let answer = sync::push(&session.server, &session.token, session.device_id, batch.to_vec()).await?;
        host.write(|f| f.note_server_time(answer.server_time));
        if let Err(e) = host.write(|f| f.absorb_outcomes(&answer.results)) {
            host.report_words(&|lang| e.text(lang));
        }
    }
    let mut since = cursor;
    let (mut limit, mut keep) = (None, None);
    loop {
        let pull = sync::pull(&session.server, &session.token, since.as_deref()).await?;
        limit = pull.max_offline_hours.or(limit);
        keep = pull.device_keep_hours.or(keep);
        moved += absorb(host, &pull);
        since = Some(pull.next_cursor.clone());
        if !pull.more {
            break;
        }
    }
    after_pull(host, limit, keep);
    Ok(moved)
}

/// Takes in a pulled page; returns how many events it brought.
fn absorb<H: Host>(host: &mut H, pull: &PullResponse) -> usize {
    if let Err(e) = host.write(|f| f.absorb_pull(pull)) {
        host.report_words(&|lang| e.text(lang));
    }
    pull.events.len()
}

/// After the outbox went out and the pull came in: restarts the no-sync
/// limit (with the server's settings), drops cases handed over whose keep
/// period passed, and sets the badge.
fn after_pull<H: Host>(host: &mut H, limit: Option<u32>, keep_hours: Option<u32>) {
    // Pushed and pulled: the no-sync limit starts again (issue 16 §2).
    if let Err(e) = host.write(|f| f.note_synced(platform::now_ms(), limit, keep_hours)) {
        host.report_words(&|lang| e.text(lang));
    }
    // Handed over and all sent: the case leaves this phone (issue 14 §4).
    let now = chrono::DateTime::from_timestamp_millis(platform::now_ms()).unwrap_or_default();
    if let Err(e) = host.write(|f| f.drop_handed_over(now)) {
        host.report_words(&|lang| e.text(lang));
    }
    let done = host.read(|f| f.local.outbox.is_empty());
    host.set_status(if done { SyncStatus::Synced } else { SyncStatus::Syncing });
}

enum Either<A, B> {
    Left(A),
    Right(B),
}

/// Whichever of `a` and `b` finishes first; the other is dropped. A small
/// `select` without a runtime, so it runs alike on the web and natively.
async fn race<A: Future, B: Future>(a: A, b: B) -> Either<A::Output, B::Output> {
    let mut a = pin!(a);
    let mut b = pin!(b);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(x) = a.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(x));
        }
        if let Poll::Ready(y) = b.as_mut().poll(cx) {
            return Poll::Ready(Either::Right(y));
        }
        Poll::Pending
    })
    .await
}
