//! A shift lead's rows folded on request, for an organisation whose rows
//! the server does not store (`read_models::STORED_VIEWS`): the list and
//! the board read them here instead of from `case_rows`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use samenop_core::event::visible_events;
use samenop_core::read_model::CaseProjection;
use samenop_core::{CaseState, Event, Organisation};

use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;
use crate::storage::lead::Reach;
use crate::storage::read_models::CaseRow;

/// For a lead whose organisation has no stored rows: the region's cases in
/// `reach`, reported in `[from_ms, to_ms)`, folded now as `viewer` may see
/// them (shared items between other organisations left out: issue 14 §4;
/// 004 l.442, 000 l.353-354), in list order.
pub(super) async fn folded_rows(
    state: &AppState,
    region: &str,
    viewer: Organisation,
    reach: &Reach,
    (from_ms, to_ms): (i64, i64),
    now: DateTime<Utc>,
) -> Result<Vec<CaseRow>, ApiError> {
    let rows = storage::lead::reach_case_events(&state.db, region, reach, from_ms, to_ms).await?;
    let mut by_case: BTreeMap<String, Vec<(Vec<u8>, i64)>> = BTreeMap::new();
    for (case_id, body, received_ms) in rows {
        by_case.entry(case_id).or_default().push((body, received_ms));
    }
    let mut out = Vec::with_capacity(by_case.len());
    for (case_key, rows) in by_case {
        let mut events = Vec::with_capacity(rows.len());
        let mut last_visible_ms = i64::MIN;
        let last_received_ms = rows.iter().map(|(_, ms)| *ms).max().unwrap_or(i64::MIN);
        for (body, ms) in rows {
            let e: Event = serde_json::from_slice(&body)
                .map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))?;
            if e.visible_to(viewer) {
                last_visible_ms = last_visible_ms.max(ms);
            }
            events.push(e);
        }
        let events: Vec<Event> = visible_events(events, viewer).collect();
        let projection = CaseProjection::of(&CaseState::fold(&events), now);
        out.push(CaseRow {
            case_key,
            reported_at_ms: projection.reported_at.map_or(i64::MIN, |t| t.timestamp_millis()),
            last_visible_ms,
            last_received_ms,
            projection,
        });
    }
    out.sort_by(|a, b| {
        b.reported_at_ms
            .cmp(&a.reported_at_ms)
            .then_with(|| a.case_key.cmp(&b.case_key))
    });
    Ok(out)
}
