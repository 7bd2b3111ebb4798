//! Retention (issue 14 §4): after the period the regional convenant sets
//! (000 l.354; there is no default), a case declared "niet meer acuut" is
//! deleted from the server, and the devices that held it are told to drop
//! it (`PullResponse::purged`). Run periodically by `serve` and once by
//! `samenop-server retention run`.
//!
//! Deleted, not pseudonymised: what a case holds (free texts, addresses,
//! names of those involved) cannot be pseudonymised reliably, and the
//! evaluation figures the toolkit asks for (004 l.430) are counted while
//! the case exists. What stays names no one: the case id (random) and an
//! audit record `retention_purge` with that id and the time. A shift
//! lead's search text (often an address) is cleared after the same period.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use samenop_core::retention::RetentionPeriod;
use samenop_core::{CaseId, CaseState, Event};

use crate::state::Clock;
use crate::storage::{self, Db, StorageError};

#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    #[error("opslag: {0}")]
    Storage(#[from] StorageError),
    #[error("opgeslagen gebeurtenis onleesbaar: {0}")]
    Unreadable(String),
}

/// Deletes every case whose period has passed at `now`; returns how many.
pub async fn run(db: &Db, period: RetentionPeriod, now: DateTime<Utc>) -> Result<usize, RetentionError> {
    // Only cases quiet for the whole period can be due: their declaration
    // is an event too, so nothing newer is folded.
    let before_ms = (now - period.duration()).timestamp_millis() + 1;
    let mut purged = 0;
    for (case_key, last_ms) in storage::retention::quiet_cases(db, before_ms).await? {
        let Ok(id) = uuid::Uuid::from_str(&case_key).map(CaseId) else {
            continue;
        };
        let events = storage::case_events(db, &id)
            .await?
            .iter()
            .map(|b| serde_json::from_slice::<Event>(b))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| RetentionError::Unreadable(e.to_string()))?;
        let case = CaseState::fold(&events);
        let last = DateTime::from_timestamp_millis(last_ms).unwrap_or_default();
        if period.purge_due(&case, last, now)
            && storage::retention::purge_case(db, &case_key, last_ms, now.timestamp_millis()).await?
        {
            purged += 1;
        }
    }
    let searches = storage::retention::forget_search_texts(db, before_ms).await?;
    tracing::info!(purged, searches, days = period.days, "retention run");
    Ok(purged)
}

/// Runs retention every `every` for as long as the server does.
pub fn spawn(db: Db, period: RetentionPeriod, every: Duration, clock: Clock) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every.max(Duration::from_secs(1)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = run(&db, period, clock.now()).await {
                tracing::warn!(error = %e, "retention run failed");
            }
        }
    })
}
