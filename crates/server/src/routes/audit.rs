//! `GET /api/v1/audit`: the case-read log, and `GET /api/v1/audit/writes`:
//! who wrote what in one case, with the device's time beside the time the
//! server received it (issue 13 §3). Admins only.

use axum::extract::State;
use axum::http::Uri;
use axum::routing::get;
use axum::{Json, Router};
use samenop_core::Role;
use serde::Deserialize;

use super::parse_query;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::writer::AuditEntry;
use crate::storage::{self, AuditRecord};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/audit", get(list))
        .route("/audit/writes", get(writes))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditQuery {
    case_id: Option<uuid::Uuid>,
    /// Page back: entries with an id below this.
    before: Option<i64>,
    limit: Option<i64>,
}

pub async fn list(State(state): State<AppState>, user: AuthUser, uri: Uri) -> Result<Json<Vec<AuditRecord>>, ApiError> {
    if user.account.role != Role::Admin {
        return Err(ApiError::Forbidden("only admins read the audit log"));
    }
    let q: AuditQuery = parse_query(&uri)?;
    let limit = q.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::BadRequest("`limit` must be between 1 and 1000".into()));
    }
    let case_id = q.case_id.map(|c| c.to_string());
    let rows = storage::list_audit(&state.db, &user.account.region, case_id.as_deref(), q.before, limit).await?;
    Ok(Json(rows))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WritesQuery {
    case_id: uuid::Uuid,
}

/// One stored event as the audit shows it: never its content, only who
/// wrote which kind of entry, when the device says and when the server
/// received it.
#[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct WriteRecord {
    pub event_id: String,
    pub username: String,
    pub organisation: samenop_core::Organisation,
    pub kind: String,
    /// The device's clock (its hybrid logical stamp).
    pub device_time: Option<chrono::DateTime<chrono::Utc>>,
    /// The server's clock when it accepted the event.
    pub received_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn writes(
    State(state): State<AppState>,
    user: AuthUser,
    uri: Uri,
) -> Result<Json<Vec<WriteRecord>>, ApiError> {
    if user.account.role != Role::Admin {
        return Err(ApiError::Forbidden("only admins read the audit log"));
    }
    let q: WritesQuery = parse_query(&uri)?;
    let case_id = samenop_core::CaseId(q.case_id);
    // Another region's case reads as one that does not exist, as on every
    // other case route (regression, security review).
    match storage::case_region(&state.db, &case_id).await? {
        Some(region) if region == user.account.region => {}
        _ => return Err(ApiError::NotFound),
    }
    let rows = storage::case_events_received(&state.db, &case_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (body, received_ms) in rows {
        let event: samenop_core::Event =
            serde_json::from_slice(&body).map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))?;
        // The kind of an entry another organisation may not see is itself
        // what it may not see (an OM contact, a consultation): the admin
        // reads their own organisation's view, as a pull would give it
        // (`Event::visible_to`; regression, security review).
        if !event.visible_to(user.account.organisation) {
            continue;
        }
        let kind = serde_json::to_value(&event.kind)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
            .unwrap_or_default();
        out.push(WriteRecord {
            event_id: event.id.to_string(),
            username: event.author.user_id,
            organisation: event.author.organisation,
            kind,
            device_time: chrono::DateTime::from_timestamp_millis(event.stamp.wall_ms),
            received_at: chrono::DateTime::from_timestamp_millis(received_ms),
        });
    }
    // Reading who wrote in a case is itself a read of that case.
    state
        .writer
        .audit(vec![AuditEntry::read(
            &user.account,
            "audit_writes",
            case_id.to_string(),
        )])
        .await?;
    Ok(Json(out))
}
