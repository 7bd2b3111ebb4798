//! The inactivity lock keeps its time whatever the sync engine is doing:
//! waiting out a back-off, or waiting for a server that took the request
//! and never answers. Regressions of a security review; all offline.

mod common;

use samenop_device::engine::{Host, LOCK_AFTER_MS, SyncEngine};
use samenop_device::field::Field;
use samenop_device::sync::{self, SyncError, SyncStatus};

/// A phone nobody touched for longer than the lock's time.
struct Untouched {
    field: Field,
    locked: bool,
}

impl Host for Untouched {
    fn read<R>(&self, f: impl FnOnce(&Field) -> R) -> R {
        f(&self.field)
    }
    fn write<R>(&mut self, f: impl FnOnce(&mut Field) -> R) -> R {
        f(&mut self.field)
    }
    fn set_status(&mut self, _: SyncStatus) {}
    fn report(&mut self, error: &dyn std::fmt::Display) {
        panic!("unexpected error shown: {error}");
    }
    fn last_touch_ms(&self) -> i64 {
        samenop_device::platform::now_ms() - LOCK_AFTER_MS - 1_000
    }
    fn locked(&mut self) {
        self.locked = true;
    }
}

#[tokio::test]
async fn an_untouched_phone_locks_while_the_engine_waits_out_a_back_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut phone = Untouched {
        field: common::signed_in(&dir),
        locked: false,
    };
    assert!(phone.field.is_unlocked());
    // A back-off of a minute after failed rounds; the lock does not wait for it.
    let mut engine = SyncEngine::new();
    tokio::time::timeout(std::time::Duration::from_secs(5), async {
        while phone.field.is_unlocked() {
            engine.wait(&mut phone, 200).await;
        }
    })
    .await
    .expect("locked within a tick or two, not after the back-off");
    assert!(phone.locked, "the app is asked for the PIN");
}

/// A server that takes the connection and never answers: the request gives
/// up after its time (here on tokio's paused clock), so the round ends and
/// the lock can follow.
#[tokio::test(start_paused = true)]
async fn a_request_to_a_server_that_never_answers_gives_up() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let started = tokio::time::Instant::now();
    let answer = tokio::time::timeout(std::time::Duration::from_secs(600), sync::pull(&url, "token", None))
        .await
        .expect("the request gives up by itself");
    assert!(matches!(answer, Err(SyncError::Offline)), "{answer:?}");
    let waited = started.elapsed().as_secs();
    assert!(
        (sync::REQUEST_TIMEOUT_SECS..=3 * sync::REQUEST_TIMEOUT_SECS).contains(&waited),
        "gave up after {waited} s (paused clock)"
    );
    drop(listener);
}
