//! What a shift lead's device asks besides the list and board
//! (`routes::cases`): opening a case, after which its pulls carry that
//! case's events (and only the cases the lead opened: issue 14 §4, 004
//! l.442), and the region's weekly figures.

use std::str::FromStr;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use samenop_core::evaluation::{WeekFigures, weekly};
use samenop_core::event::visible_events;
use samenop_core::{CaseId, CaseState, Event};

use super::cases::{audit_reads, require_shift_lead};
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;
use crate::storage::lead::Reach;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases/{case_id}/open", post(open))
        .route("/figures", get(figures))
}

/// `POST /api/v1/cases/{id}/open`: the lead opens a case of their region
/// (from the list or a search); audited as `lead_open`. Another region's
/// case, an unknown one and a malformed id are all the same 404.
pub async fn open(
    State(state): State<AppState>,
    user: AuthUser,
    Path(case_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    require_shift_lead(&user)?;
    let case_id = uuid::Uuid::from_str(&case_id)
        .map(CaseId)
        .map_err(|_| ApiError::NotFound)?;
    match storage::case_region(&state.db, &case_id).await? {
        Some(region) if region == user.account.region => {}
        _ => return Err(ApiError::NotFound),
    }
    audit_reads(&state, &user, "lead_open", [case_id.to_string()]).await?;
    storage::lead::open_case(&state.db, &case_id.to_string(), &user.account.username).await?;
    // The lead's own waiting pull now has the case's history to carry.
    state.changes.notify_region(&user.account.region);
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/figures`: the toolkit's weekly figures (004 l.430) over the
/// region's cases as the lead's organisation sees them. Counts only: no
/// case leaves, so no case read is audited. Police and VT leads read the
/// stored parts (issue 18 §1); another organisation's lead gets a fold.
pub async fn figures(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<WeekFigures>>, ApiError> {
    require_shift_lead(&user)?;
    let org = user.account.organisation;
    if storage::read_models::stored_view(org) {
        // Lagging rows of the region first: the figures include every event.
        super::list::refresh_stale(&state, &user.account.region, state.settings.clock.now()).await?;
        return Ok(Json(
            storage::read_models::figures(&state.db, &user.account.region, org).await?,
        ));
    }
    let rows = storage::lead::reach_case_events(
        &state.db,
        &user.account.region,
        &Reach::ActiveSince(i64::MIN),
        i64::MIN,
        i64::MAX,
    )
    .await?;
    let mut cases: Vec<CaseState> = Vec::new();
    let mut current: Option<(String, Vec<Event>)> = None;
    for (case_id, body, _) in rows {
        let event: Event =
            serde_json::from_slice(&body).map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))?;
        match &mut current {
            Some((id, events)) if *id == case_id => events.push(event),
            _ => {
                if let Some((_, events)) = current.take() {
                    cases.push(fold_visible(events, &user));
                }
                current = Some((case_id, vec![event]));
            }
        }
    }
    if let Some((_, events)) = current {
        cases.push(fold_visible(events, &user));
    }
    Ok(Json(weekly(&cases)))
}

fn fold_visible(events: Vec<Event>, user: &AuthUser) -> CaseState {
    let events: Vec<Event> = visible_events(events, user.account.organisation).collect();
    CaseState::fold(&events)
}
