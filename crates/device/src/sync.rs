//! The sync client: sign in, push the outbox, pull what colleagues wrote.
//! The server's answer decides; the app never guesses an outcome.

use samenop_core::DeviceId;
use samenop_core::Event;
use samenop_core::Lang;
use samenop_core::catalogue::text;
use samenop_core::wire::{
    ApiError, JoinableCase, PullResponse, PushRequest, PushResponse, SessionRequest, SessionResponse,
};

/// Events per push request.
pub const BATCH: usize = 100;

/// Shown in both languages (`Display`): the error also reaches logs and
/// places where no language was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    Offline,
    Unauthorized,
    /// The server's own reason.
    Refused(String),
    /// Unknown username or wrong password (or code).
    BadLogin,
    /// The password was right; the account also needs its TOTP code.
    OtpRequired,
    /// A shift lead or admin without a second factor enrolled.
    SecondFactorNotEnrolled,
    /// The server answered, but its body is not what the protocol says:
    /// a proxy's page, a captive portal, a half-deployed server. Not the
    /// same as no connection: retrying soon will not fix it by itself.
    Unreadable,
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let key = match self {
            Self::Refused(reason) => return f.write_str(reason),
            Self::Offline => "error-offline",
            Self::Unauthorized => "error-session_expired",
            Self::BadLogin => "error-bad_login",
            Self::OtpRequired => "error-otp_required",
            Self::SecondFactorNotEnrolled => "error-second_factor_not_enrolled",
            Self::Unreadable => "app-unreadable",
        };
        write!(f, "{} / {}", text(Lang::Nl, key), text(Lang::En, key))
    }
}

impl std::error::Error for SyncError {}

/// What the sync badge shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncStatus {
    #[default]
    Offline,
    Syncing,
    Synced,
    /// The last round got an answer it could not read (`SyncError::Unreadable`).
    Unreadable,
}

impl SyncStatus {
    /// What the badge shows after a failed round.
    pub fn after(error: &SyncError) -> Self {
        match error {
            SyncError::Unreadable => SyncStatus::Unreadable,
            SyncError::Offline
            | SyncError::Unauthorized
            | SyncError::BadLogin
            | SyncError::OtpRequired
            | SyncError::SecondFactorNotEnrolled
            | SyncError::Refused(_) => SyncStatus::Offline,
        }
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn answer<T: serde::de::DeserializeOwned>(
    resp: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, SyncError> {
    let resp = resp.map_err(|_| SyncError::Offline)?;
    let status = resp.status();
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(SyncError::Unauthorized);
    }
    if !status.is_success() {
        let message = resp
            .json::<ApiError>()
            .await
            .map(|e| e.message)
            .unwrap_or_else(|_| status.to_string());
        return Err(SyncError::Refused(message));
    }
    let path = resp.url().path().to_string();
    // A body cut off on the way is a lost connection; a whole body that does
    // not parse is an unreadable answer.
    let body = resp.bytes().await.map_err(|_| SyncError::Offline)?;
    serde_json::from_slice::<T>(&body).map_err(|e| {
        tracing::warn!(
            path = %path,
            status = %status,
            bytes = body.len(),
            error = %e,
            "sync: the server's answer is unreadable"
        );
        SyncError::Unreadable
    })
}

/// Signs in; the token is bound to `device_id`. `otp` is the TOTP code,
/// for accounts that have one (`SyncError::OtpRequired` asks for it).
pub async fn login(
    server: &str,
    username: &str,
    password: &str,
    otp: Option<&str>,
    device_id: DeviceId,
) -> Result<SessionResponse, SyncError> {
    let body = SessionRequest {
        username: username.into(),
        password: password.into(),
        device_id: Some(device_id),
        otp: otp.map(str::to_string),
    };
    let resp = client()
        .post(format!("{server}/api/v1/sessions"))
        .json(&body)
        .send()
        .await
        .map_err(|_| SyncError::Offline)?;
    if resp.status() == reqwest::StatusCode::UNAUTHORIZED {
        // At login a 401 is a refusal to explain, not an expired session.
        let error = resp.json::<ApiError>().await.map_err(|_| SyncError::Unreadable)?;
        return Err(if error.error == "otp_required" {
            SyncError::OtpRequired
        } else {
            SyncError::BadLogin
        });
    }
    if resp.status() == reqwest::StatusCode::FORBIDDEN {
        let error = resp.json::<ApiError>().await.map_err(|_| SyncError::Unreadable)?;
        return Err(if error.error == "second_factor_not_enrolled" {
            SyncError::SecondFactorNotEnrolled
        } else {
            SyncError::Refused(error.message)
        });
    }
    answer(Ok(resp)).await
}

pub async fn push(
    server: &str,
    token: &str,
    device_id: DeviceId,
    events: Vec<Event>,
) -> Result<PushResponse, SyncError> {
    let body = PushRequest { device_id, events };
    answer(
        client()
            .post(format!("{server}/api/v1/events"))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await,
    )
    .await
}

pub async fn pull(server: &str, token: &str, since: Option<&str>) -> Result<PullResponse, SyncError> {
    let mut req = client().get(format!("{server}/api/v1/events")).bearer_auth(token);
    if let Some(since) = since {
        req = req.query(&[("since", since)]);
    }
    answer(req.send().await).await
}

/// Colleagues' cases of the last 24 hours in the user's region, to join.
pub async fn joinable(server: &str, token: &str) -> Result<Vec<JoinableCase>, SyncError> {
    answer(
        client()
            .get(format!("{server}/api/v1/cases/joinable"))
            .bearer_auth(token)
            .send()
            .await,
    )
    .await
}

/// Back-off after `failures` failed rounds in a row: 0.5 s, 1 s, 2 s …
/// capped at 15 s, so a restarted backend is found again within 15 s.
pub fn backoff_ms(failures: u32) -> u64 {
    (500u64 << failures.saturating_sub(1).min(5)).min(15_000)
}

/// Wait before the next round after a good one: short while entries are
/// moving (colleagues at the same door see each other within a second),
/// longer when nothing has moved for a while (battery).
pub fn next_round_ms(ms_since_activity: i64) -> u64 {
    if ms_since_activity < ACTIVE_WINDOW_MS {
        300
    } else {
        2_000
    }
}

/// How long after the last entry moved the sync stays on the short cadence.
pub const ACTIVE_WINDOW_MS: i64 = 15_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_grows_from_half_a_second_to_fifteen_seconds() {
        let waits: Vec<u64> = (1..=8).map(backoff_ms).collect();
        assert_eq!(waits, [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    }

    #[test]
    fn rounds_follow_quickly_while_entries_move_and_slowly_when_quiet() {
        assert_eq!(next_round_ms(0), 300);
        assert_eq!(next_round_ms(ACTIVE_WINDOW_MS - 1), 300);
        assert_eq!(next_round_ms(ACTIVE_WINDOW_MS), 2_000);
    }
}
