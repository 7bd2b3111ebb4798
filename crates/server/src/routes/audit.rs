//! `GET /api/v1/audit`: the case-read log, for admins only.

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
use crate::storage::{self, AuditRecord};

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(list))
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
    let rows = storage::list_audit(&state.db, case_id.as_deref(), q.before, limit).await?;
    Ok(Json(rows))
}
