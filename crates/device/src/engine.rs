//! The sync engine: pushes the outbox in batches and pulls colleagues'
//! events with the cursor whenever the backend is reachable, with back-off
//! after failures and a quick cadence while entries move; locks the field
//! after inactivity. It knows no UI: the app gives it a [`Host`] that holds
//! the field and shows what the engine reports.

use std::fmt::Display;

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
    /// When the user last touched the app, in `platform::now_ms` time.
    fn last_touch_ms(&self) -> i64;
    /// The engine locked the field after inactivity: ask for the PIN.
    fn locked(&mut self);
}

/// The engine's memory between rounds.
#[derive(Debug, Clone)]
pub struct SyncEngine {
    /// Failed rounds in a row.
    failures: u32,
    /// When an entry last moved either way.
    last_activity: i64,
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
        }
    }

    /// Failed rounds in a row.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Runs for as long as the app does: round, wait, round …
    pub async fn run<H: Host>(mut self, mut host: H) {
        loop {
            let wait = self.round(&mut host).await;
            self.wait(&host, wait).await;
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
            Err(e) => {
                if e == SyncError::Unauthorized {
                    host.report(&e);
                }
                host.set_status(SyncStatus::after(&e));
                self.failures += 1;
                sync::backoff_ms(self.failures)
            }
        }
    }

    /// Waits up to `ms` in short ticks, so a new entry is pushed at once and
    /// the network coming back is used at once, not after the full back-off.
    pub async fn wait<H: Host>(&mut self, host: &H, ms: u64) {
        let pending_before = host.read(|f| f.local.outbox.len());
        let mut waited = 0;
        while waited < ms {
            platform::sleep_ms(TICK_MS).await;
            waited += TICK_MS;
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
/// Does nothing while the field is locked or signed out.
pub async fn sync_once<H: Host>(host: &mut H) -> Result<usize, SyncError> {
    if platform::known_offline() {
        return Err(SyncError::Offline);
    }
    let Some((session, pending, cursor)) = host.read(|field| {
        let session = field.session().cloned()?;
        field
            .is_unlocked()
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
            host.report(&e);
        }
    }
    let mut since = cursor;
    loop {
        let pull = sync::pull(&session.server, &session.token, since.as_deref()).await?;
        moved += pull.events.len();
        if let Err(e) = host.write(|f| f.absorb_pull(&pull)) {
            host.report(&e);
        }
        since = Some(pull.next_cursor.clone());
        if !pull.more {
            break;
        }
    }
    let done = host.read(|f| f.local.outbox.is_empty());
    host.set_status(if done { SyncStatus::Synced } else { SyncStatus::Syncing });
    Ok(moved)
}
