//! When the shift lead's screens ask the server again (issue 18 §3): when
//! the lead's pull cursor moved (the server moves it when the region
//! changed, or the lead's opened cases got events), when the connection
//! came or went, and when what is shown changes with the clock alone (a
//! deadline entering the shift or passing: the server's `valid_until`,
//! core's `board::changes_at`). Not after every quiet pull: an idle lead's
//! phone then asks only its waiting pull, about 2.4 times a minute.

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use samenop_device::sync::SyncStatus;

use crate::AppCtx;
use crate::screens::actions::now;

/// What a lead's screen reads to be asked again: the cursor and whether
/// the server answers, each only when it changed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RegionNews {
    cursor: Option<String>,
    reachable: bool,
}

/// The lead's region news: read it in a `use_resource` to ask again when
/// it changes.
pub(super) fn use_region_news(ctx: AppCtx) -> Memo<RegionNews> {
    use_memo(move || RegionNews {
        cursor: ctx.field.read().local.cursor.clone(),
        reachable: matches!((ctx.sync)(), SyncStatus::Synced | SyncStatus::Syncing),
    })
}

/// Moves `ticks` at `at()` (the first moment the shown answer may change
/// with the clock); a screen reads `ticks` in its `use_resource` to ask
/// again then. A new moment replaces the one waited for.
pub(super) fn use_wake_at(at: Memo<Option<DateTime<Utc>>>, mut ticks: Signal<u64>) {
    // The task is the resource: it lives and restarts with the screen.
    use_resource(move || {
        let at = at();
        async move {
            let Some(at) = at else { return };
            sleep_until(at).await;
            ticks += 1;
        }
    });
}

/// Sleeps until `at` by the device's clock, in steps of at most an hour
/// (a browser timer cannot wait a month, and a phone that slept wakes on
/// time at the next step).
async fn sleep_until(at: DateTime<Utc>) {
    const HOUR_MS: i64 = 3_600_000;
    loop {
        let left = (at - now()).num_milliseconds();
        if left <= 0 {
            return;
        }
        samenop_device::platform::sleep_ms(left.min(HOUR_MS) as u64).await;
    }
}
