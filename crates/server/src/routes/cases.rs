//! Review for shift leads (`…/{id}/summary`, its PDF export
//! `…/{id}/summary.pdf`; the list and board are `routes::list`) and the
//! list of colleagues' cases a field user can join.

use std::str::FromStr;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use samenop_core::event::visible_events;
use samenop_core::membership::JoinNeed;
use samenop_core::wire::JoinableCase;
use samenop_core::{CaseId, CaseState, Event, Label, Lang, OnSceneSummary, Role};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;
use crate::storage::writer::AuditEntry;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(super::list::list))
        .route("/cases/counts", get(super::list::counts))
        .route("/cases/joinable", get(joinable))
        .route("/cases/{case_id}/summary", get(summary))
        .route("/cases/{case_id}/summary.pdf", get(summary_pdf))
        .route("/board", get(super::board::board))
}

pub(super) fn require_shift_lead(user: &AuthUser) -> Result<(), ApiError> {
    if user.account.role == Role::ShiftLead {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only shift leads review cases"))
    }
}

/// Audits `user` reading each case; callers do this before the data leaves.
pub(super) async fn audit_reads(
    state: &AppState,
    user: &AuthUser,
    action: &'static str,
    case_ids: impl IntoIterator<Item = String>,
) -> Result<(), ApiError> {
    let entries = case_ids
        .into_iter()
        .map(|c| AuditEntry::read(&user.account, action, c))
        .collect();
    state.writer.audit(entries).await?;
    Ok(())
}

fn decode(bodies: &[Vec<u8>]) -> Result<Vec<Event>, ApiError> {
    bodies
        .iter()
        .map(|b| serde_json::from_slice::<Event>(b))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))
}

/// The on-scene summary of one case of the caller's region, audited as
/// `action` before it is returned. Another region's case, an unknown one and
/// a malformed id are all the same 404.
async fn audited_summary(
    state: &AppState,
    user: &AuthUser,
    case_id: &str,
    action: &'static str,
) -> Result<OnSceneSummary, ApiError> {
    require_shift_lead(user)?;
    let case_id = uuid::Uuid::from_str(case_id)
        .map(CaseId)
        .map_err(|_| ApiError::NotFound)?;
    match storage::case_region(&state.db, &case_id).await? {
        Some(region) if region == user.account.region => {}
        _ => return Err(ApiError::NotFound),
    }
    // Each event with the time the server received it, shown beside the
    // device's time (issue 13 §3).
    let events = storage::case_events_received(&state.db, &case_id)
        .await?
        .into_iter()
        .map(|(body, received_ms)| {
            serde_json::from_slice::<samenop_core::Event>(&body)
                .map(|e| samenop_core::Event {
                    received_at: chrono::DateTime::from_timestamp_millis(received_ms),
                    ..e
                })
                .map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Only what the lead's own organisation may see (issue 14 §4; 004
    // l.442, 000 l.353-354): the PDF is built from this summary too.
    let events: Vec<Event> = visible_events(events, user.account.organisation).collect();
    let case = CaseState::fold(&events);
    let mut summary = OnSceneSummary::build(&case, Utc::now());
    // Eergerelateerd geweld: the configured name of the risk analysis's maker.
    if let Some(h) = summary.honour.as_mut() {
        h.expertise_centre = state.settings.egg_expertise_centre.clone();
    }
    audit_reads(state, user, action, [case_id.to_string()]).await?;
    tracing::info!(events = events.len(), action, "summary");
    Ok(summary)
}

/// `GET /api/v1/cases/{id}/summary`: the core's on-scene summary.
pub async fn summary(
    State(state): State<AppState>,
    user: AuthUser,
    Path(case_id): Path<String>,
) -> Result<Json<OnSceneSummary>, ApiError> {
    audited_summary(&state, &user, &case_id, "summary").await.map(Json)
}

/// `GET /api/v1/cases/{id}/summary.pdf`: the same summary as a PDF file,
/// stating who recorded each item and for which organisation.
pub async fn summary_pdf(
    State(state): State<AppState>,
    user: AuthUser,
    Path(case_id): Path<String>,
) -> Result<Response, ApiError> {
    let summary = audited_summary(&state, &user, &case_id, "summary_pdf").await?;
    let requested_by = format!(
        "{} ({})",
        user.account.display_name,
        user.account.organisation.label(Lang::Nl)
    );
    let bytes = crate::pdf::summary_pdf(&summary, &requested_by);
    // The file name holds only the case id (a UUID), nothing from the case.
    let name = summary.case_id.map(|c| c.to_string()).unwrap_or_default();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"samenop-{name}.pdf\""))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    // A case file: never kept by a browser or proxy cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /api/v1/cases/joinable`: colleagues' cases in the caller's region,
/// opened within the join window, that the caller is not part of yet and
/// may join (core's `join_need`); another organisation's opener stays
/// unnamed and the address hint is the street only (issue 13).
pub async fn joinable(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<JoinableCase>>, ApiError> {
    let account = &user.account;
    if !account.role.records_on_scene() {
        return Err(ApiError::Forbidden("only police and Veilig Thuis accounts join cases"));
    }
    let now = Utc::now();
    let policy = state.settings.join;
    let since = (now - policy.window).timestamp_millis();
    let me = samenop_core::Actor {
        user_id: account.username.clone(),
        display_name: account.display_name.clone(),
        organisation: account.organisation,
        role: account.role,
    };
    let mut cases = Vec::new();
    if samenop_core::membership::on_scene(account.organisation) {
        for mut c in storage::joinable_cases(&state.db, &account.region, &account.username, since).await? {
            let case = CaseState::fold(&decode(&storage::case_events(&state.db, &c.case_id).await?)?);
            c.reason_required = match case.join_need(&me, now, policy) {
                Ok(JoinNeed::Open) => None,
                Ok(JoinNeed::ReasonRequired(cause)) => Some(cause),
                Ok(JoinNeed::Member) | Err(_) => continue,
            };
            if c.organisation != account.organisation {
                c.opened_by = None;
            }
            c.address_hint = samenop_core::membership::list_address_hint(&c.address_hint);
            cases.push(c);
        }
    }
    audit_reads(
        &state,
        &user,
        "joinable_list",
        cases.iter().map(|c| c.case_id.to_string()),
    )
    .await?;
    Ok(Json(cases))
}
