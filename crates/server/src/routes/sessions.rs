//! `POST /api/v1/sessions` (log in) and `DELETE /api/v1/sessions` (log out).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use samenop_core::wire::{SessionRequest, SessionResponse};

use super::StrictJson;
use crate::auth::{AuthUser, new_token};
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{self, now_ms};

pub fn router() -> Router<AppState> {
    Router::new().route("/sessions", post(login).delete(logout))
}

const BAD_LOGIN: ApiError = ApiError::Unauthorized("unknown username or wrong password");

pub async fn login(
    State(state): State<AppState>,
    StrictJson(req): StrictJson<SessionRequest>,
) -> Result<Json<SessionResponse>, ApiError> {
    let settings = &state.settings;
    let user = storage::user_for_login(&state.db, &req.username).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        // Same work as for a real account, so timing tells nothing.
        state.hasher.verify(None, req.password).await;
        return Err(BAD_LOGIN);
    };
    let now = now_ms();
    if let Some(until) = user.locked_until_ms.filter(|u| *u > now) {
        return Err(ApiError::AccountLocked {
            retry_after_secs: (until - now + 999) / 1000,
        });
    }
    if !state
        .hasher
        .verify(Some(user.password_hash.clone()), req.password)
        .await
    {
        let locked = storage::record_failed_login(
            &state.db,
            &user.account.username,
            settings.lockout_after,
            settings.lockout_for.as_millis() as i64,
        )
        .await?;
        tracing::info!(locked = locked.is_some(), "login failed");
        return Err(BAD_LOGIN);
    }
    storage::record_login_success(&state.db, &user.account.username).await?;
    let (token, hash) = new_token();
    let expires_at =
        Utc::now() + chrono::Duration::from_std(settings.session_ttl).unwrap_or(chrono::Duration::hours(12));
    storage::insert_session(
        &state.db,
        &hash,
        &user.account.username,
        req.device_id.map(|d| d.to_string()),
        expires_at.timestamp_millis(),
    )
    .await?;
    Ok(Json(SessionResponse {
        token,
        expires_at,
        account: user.account,
    }))
}

pub async fn logout(State(state): State<AppState>, user: AuthUser) -> Result<StatusCode, ApiError> {
    storage::delete_session(&state.db, &user.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}
