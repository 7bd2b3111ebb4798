//! `POST /api/v1/sessions` (log in) and `DELETE /api/v1/sessions` (log out).
//!
//! Login order: the throttle takes an attempt slot (IP rate, global rate,
//! per-account delay — atomically, before any password is verified), then
//! the password, then the TOTP code for enrolled accounts. Unknown,
//! disabled and wrong-password answers are one 401; throttled answers are
//! one 429 with Retry-After, whether or not the name is an account.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use samenop_core::Role;
use samenop_core::wire::{SessionRequest, SessionResponse};

use super::StrictJson;
use crate::auth::throttle::{Refused, Slot};
use crate::auth::{AuthUser, ClientIp, new_token, totp};
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{self, AuthAction, AuthAudit, now_ms};

pub fn router() -> Router<AppState> {
    Router::new().route("/sessions", post(login).delete(logout))
}

const BAD_LOGIN: ApiError = ApiError::Unauthorized("unknown username or wrong password");

/// A connection without a peer address (only in-process tests of the
/// router) shares one throttle key.
const NO_IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED);

pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    StrictJson(req): StrictJson<SessionRequest>,
) -> Result<Json<SessionResponse>, ApiError> {
    let device = req.device_id.map(|d| d.to_string());
    let audit = |username: &str, role: Option<Role>, action| {
        let db = state.db.clone();
        let entry_user = username.to_string();
        let ip = ip.map(|i| i.to_string());
        let device_id = device.clone();
        async move {
            storage::insert_auth_audit(
                &db,
                &AuthAudit {
                    username: &entry_user,
                    role,
                    action,
                    ip,
                    device_id,
                },
            )
            .await
        }
    };
    let slot = match state.login_guard.take(&req.username, ip.unwrap_or(NO_IP), now_ms()) {
        Ok(slot) => slot,
        Err(refused) => {
            if let Refused::Ip { first: true, .. } = refused {
                audit("", None, AuthAction::LoginRateLimited).await?;
            }
            tracing::info!(?refused, "login throttled");
            return Err(ApiError::TooManyAttempts {
                retry_after_secs: refused.retry_after_secs(),
            });
        }
    };
    let user = storage::user_for_login(&state.db, &req.username)
        .await?
        .filter(|u| !u.disabled);
    // Unknown and disabled names cost the same hash as a real one, so
    // timing tells nothing either.
    let verified = state
        .hasher
        .verify(user.as_ref().map(|u| u.password_hash.clone()), req.password)
        .await;
    let role = user.as_ref().map(|u| u.account.role);
    // A wrong password or a wrong code: counted, audited (the delay once,
    // when it starts), and answered alike.
    let audit = &audit;
    let username = req.username.as_str();
    let wrong_guess = |slot: Slot| {
        let started_delay = slot.failed();
        async move {
            audit(username, role, AuthAction::LoginFailed).await?;
            if started_delay {
                audit(username, role, AuthAction::LoginThrottled).await?;
            }
            Err::<Json<SessionResponse>, ApiError>(BAD_LOGIN)
        }
    };
    let Some(user) = user.filter(|_| verified) else {
        return wrong_guess(slot).await;
    };
    let sees_widely = matches!(user.account.role, Role::ShiftLead | Role::Admin);
    if sees_widely && user.totp_secret.is_none() && state.settings.require_second_factor {
        // Not a guess either; an admin must enrol the factor first.
        slot.refund();
        audit(&req.username, role, AuthAction::SecondFactorMissing).await?;
        return Err(ApiError::SecondFactorNotEnrolled);
    }
    if let Some(secret) = &user.totp_secret {
        let Some(code) = req.otp.as_deref().filter(|c| !c.trim().is_empty()) else {
            // Not a guess: the password was right. The app asks for the code.
            slot.refund();
            audit(&req.username, role, AuthAction::OtpRequired).await?;
            return Err(ApiError::OtpRequired);
        };
        let step = totp::check(secret, code, Utc::now().timestamp(), user.totp_last_step);
        let fresh = match step {
            Some(step) => storage::use_totp_step(&state.db, &user.account.username, step).await?,
            None => false,
        };
        if !fresh {
            return wrong_guess(slot).await;
        }
    }
    slot.succeeded();
    let (token, hash) = new_token();
    let expires_at =
        Utc::now() + chrono::Duration::from_std(state.settings.session_ttl).unwrap_or(chrono::Duration::hours(12));
    storage::insert_session(
        &state.db,
        &hash,
        &user.account.username,
        device.clone(),
        expires_at.timestamp_millis(),
    )
    .await?;
    audit(&user.account.username, role, AuthAction::Login).await?;
    Ok(Json(SessionResponse {
        token,
        expires_at,
        account: user.account,
        max_offline_hours: state.settings.max_offline_hours,
    }))
}

pub async fn logout(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    storage::delete_session(&state.db, &user.token_hash).await?;
    storage::insert_auth_audit(
        &state.db,
        &AuthAudit {
            username: &user.account.username,
            role: Some(user.account.role),
            action: AuthAction::Logout,
            ip: ip.map(|i| i.to_string()),
            device_id: user.device_id.clone(),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
