//! The sync client: sign in, push the outbox, pull what colleagues wrote.
//! The server's answer decides; the app never guesses an outcome.

use samenop_core::DeviceId;
use samenop_core::Event;
use samenop_core::Lang;
use samenop_core::catalogue::text;
use samenop_core::wire::{
    ApiError, JoinableCase, PullResponse, PushRequest, PushResponse, SessionRequest, SessionResponse,
};

mod lead;
pub use lead::{lead_board, lead_cases, lead_cases_page, lead_counts, lead_figures, lead_open};

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
    /// The account was disabled or this device revoked (a 401 with its own
    /// code): the vault is wiped at this contact (issue 16 §2).
    Revoked(Revocation),
    /// The server answered, but its body is not what the protocol says:
    /// a proxy's page, a captive portal, a half-deployed server. Not the
    /// same as no connection: retrying soon will not fix it by itself.
    Unreadable,
    /// The server did not prove who it is (untrusted certificate, wrong
    /// pin): nothing was sent. Natively only; the browser's TLS failures
    /// read as `Offline` (issue 16 §3).
    Untrusted,
}

/// Why the server ended this device's access for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    AccountDisabled,
    DeviceRevoked,
}

impl Revocation {
    /// The server's error code for it (`{"error": "account_disabled"}`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "account_disabled" => Some(Self::AccountDisabled),
            "device_revoked" => Some(Self::DeviceRevoked),
            _ => None,
        }
    }
}

impl SyncError {
    /// The catalogue key of this error; `None` for the server's own reason.
    fn key(&self) -> Option<&'static str> {
        match self {
            Self::Refused(_) => None,
            Self::Offline => Some("error-offline"),
            Self::Unauthorized => Some("error-session_expired"),
            Self::BadLogin => Some("error-wrong_credentials"),
            Self::OtpRequired => Some("error-otp_required"),
            Self::SecondFactorNotEnrolled => Some("error-second_factor_not_enrolled"),
            Self::Unreadable => Some("app-unreadable"),
            Self::Untrusted => Some("error-server_untrusted"),
            Self::Revoked(Revocation::AccountDisabled) => Some("error-account_disabled"),
            Self::Revoked(Revocation::DeviceRevoked) => Some("error-device_revoked"),
        }
    }

    /// What the person reads, in their language only (issue 17 §6).
    pub fn text(&self, lang: Lang) -> String {
        match (self, self.key()) {
            (_, Some(key)) => text(lang, key).to_string(),
            (Self::Refused(reason), None) => reason.clone(),
            (_, None) => String::new(),
        }
    }
}

/// The English line, for logs; people read `SyncError::text`.
impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
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
            | SyncError::Untrusted
            | SyncError::Unauthorized
            | SyncError::BadLogin
            | SyncError::OtpRequired
            | SyncError::SecondFactorNotEnrolled
            | SyncError::Revoked(_)
            | SyncError::Refused(_) => SyncStatus::Offline,
        }
    }
}

/// The longest a request may go unanswered before it counts as lost
/// (a waiting pull: this on top of its wait). Without it a server or
/// middlebox that took the connection and never answered held the round
/// forever, and with it the inactivity lock (regression, security review).
pub const REQUEST_TIMEOUT_SECS: u64 = 60;

fn bounded(req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    req.timeout(std::time::Duration::from_secs(REQUEST_TIMEOUT_SECS))
}

/// The client with the configured trust (`platform::http_client`); a trust
/// configuration that cannot be used refuses rather than trusting less.
fn client() -> Result<reqwest::Client, SyncError> {
    crate::platform::http_client().map_err(|e| {
        tracing::warn!(error = %e, "sync: the TLS trust configuration is unusable");
        SyncError::Refused(e)
    })
}

/// `server` + `path`, after the HTTPS-only rule (`server_url`), asked again
/// here as defence in depth: a vault or build with an `http://` address to
/// another machine never sends a token over it.
fn endpoint(server: &str, path: &str) -> Result<String, SyncError> {
    match crate::server_url::check_server_url(server) {
        Ok(base) => Ok(format!("{base}{path}")),
        Err(e) => {
            tracing::warn!(error = %e, "sync: refused server address");
            // Both languages: this backstop has no language at hand.
            Err(SyncError::Refused(format!(
                "{} / {}",
                e.text(Lang::Nl),
                e.text(Lang::En)
            )))
        }
    }
}

/// A request that got no answer: no connection, or a server that did not
/// prove who it is.
pub(crate) fn transport(error: reqwest::Error) -> SyncError {
    if crate::platform::is_trust_failure(&error) {
        tracing::warn!(error = %error, "sync: the server did not prove its identity");
        SyncError::Untrusted
    } else {
        SyncError::Offline
    }
}

async fn answer<T: serde::de::DeserializeOwned>(
    resp: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, SyncError> {
    let resp = resp.map_err(transport)?;
    let status = resp.status();
    if status == reqwest::StatusCode::UNAUTHORIZED {
        // A disabled account or a revoked device has its own code; any
        // other 401 (expired, logged out, unreadable) is a sign-in again.
        let code = resp.json::<ApiError>().await.map(|e| e.error).unwrap_or_default();
        return Err(Revocation::from_code(&code).map_or(SyncError::Unauthorized, SyncError::Revoked));
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
        // Where and what kind, never serde's message: it quotes the value
        // it met, which may be a case's text (security review).
        tracing::warn!(
            path = %path,
            status = %status,
            bytes = body.len(),
            kind = ?e.classify(),
            line = e.line(),
            column = e.column(),
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
    let resp = bounded(client()?.post(endpoint(server, "/api/v1/sessions")?))
        .json(&body)
        .send()
        .await
        .map_err(transport)?;
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

/// Ends this device's session on the server (sign-out). A revoked or
/// expired token has nothing left to end: that counts as done.
pub async fn logout(server: &str, token: &str) -> Result<(), SyncError> {
    let resp = bounded(client()?.delete(endpoint(server, "/api/v1/sessions")?))
        .bearer_auth(token)
        .send()
        .await;
    match resp {
        Ok(r) if r.status().is_success() || r.status() == reqwest::StatusCode::UNAUTHORIZED => Ok(()),
        other => answer::<serde_json::Value>(other).await.map(drop),
    }
}

/// Sends `req`, and once more at once when the connection failed before a
/// whole answer came (none, reset, cut off): on a patchy mobile network one
/// lost request then costs no back-off. Only for sync's pushes and pulls,
/// which may be sent twice: the server answers a pushed event it holds as a
/// duplicate, and a pull only reads. A refusal, an unreadable answer or a
/// server that does not prove who it is is not sent again.
async fn answer_again_if_lost<T: serde::de::DeserializeOwned>(req: reqwest::RequestBuilder) -> Result<T, SyncError> {
    let again = req.try_clone();
    match (answer(req.send().await).await, again) {
        (Err(SyncError::Offline), Some(again)) => answer(again.send().await).await,
        (first, _) => first,
    }
}

pub async fn push(
    server: &str,
    token: &str,
    device_id: DeviceId,
    events: Vec<Event>,
) -> Result<PushResponse, SyncError> {
    let body = PushRequest { device_id, events };
    answer_again_if_lost(
        bounded(client()?.post(endpoint(server, "/api/v1/events")?))
            .bearer_auth(token)
            .json(&body),
    )
    .await
}

pub async fn pull(server: &str, token: &str, since: Option<&str>) -> Result<PullResponse, SyncError> {
    pull_waiting(server, token, since, 0).await
}

/// A pull that, when nothing new is there, waits up to `wait_secs` on the
/// server for a colleague's entry (long poll, issue 18 §3; 0: at once).
pub async fn pull_waiting(
    server: &str,
    token: &str,
    since: Option<&str>,
    wait_secs: u64,
) -> Result<PullResponse, SyncError> {
    let mut req = signed_get(server, token, "/api/v1/events")?;
    if let Some(since) = since {
        req = req.query(&[("since", since)]);
    }
    if wait_secs > 0 {
        req = req
            .query(&[("wait", wait_secs)])
            .timeout(std::time::Duration::from_secs(wait_secs + REQUEST_TIMEOUT_SECS));
    }
    answer_again_if_lost(req).await
}

/// Seconds a quiet device's pull waits on the server (the server's cap):
/// about 2.4 requests a minute when nothing happens.
pub const LISTEN_SECS: u64 = 25;

/// An empty answer to a waiting pull that came sooner than this was not a
/// wait (a server past its bound of waiting pulls, or shutting down): the
/// device then waits like a poll before it asks again.
pub const EARLY_ANSWER_MS: i64 = 1_000;

/// A GET of `path` on `server` with the session's bearer token.
fn signed_get(server: &str, token: &str, path: &str) -> Result<reqwest::RequestBuilder, SyncError> {
    Ok(bounded(client()?.get(endpoint(server, path)?)).bearer_auth(token))
}

/// Colleagues' cases of the last 24 hours in the user's region, to join.
pub async fn joinable(server: &str, token: &str) -> Result<Vec<JoinableCase>, SyncError> {
    answer(signed_get(server, token, "/api/v1/cases/joinable")?.send().await).await
}

/// The longest back-off after `failures` failed rounds in a row: 0.5 s,
/// 1 s, 2 s … capped at 15 s, so a restarted backend is found again within
/// 15 s.
pub fn backoff_ms(failures: u32) -> u64 {
    (500u64 << failures.saturating_sub(1).min(5)).min(15_000)
}

/// The back-off the engine waits: between half of `backoff_ms` and all of
/// it, by `random` (any `u32`). Phones that lost the backend at the same
/// moment (a restart, an outage of a region's network) then do not all
/// ask again at the same instants, round after round; and one phone is not
/// held in step with a pattern of failures on the way.
pub fn jittered_backoff_ms(failures: u32, random: u32) -> u64 {
    let half = backoff_ms(failures) / 2;
    half + half * u64::from(random) / u64::from(u32::MAX)
}

/// Wait before the next round after a good one when the engine polls
/// instead of keeping a pull waiting (the field locked, a server without
/// waiting pulls or past its bound of them): short while entries are
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
    fn only_the_two_revocation_codes_are_revocations() {
        assert_eq!(
            Revocation::from_code("account_disabled"),
            Some(Revocation::AccountDisabled)
        );
        assert_eq!(Revocation::from_code("device_revoked"), Some(Revocation::DeviceRevoked));
        assert_eq!(Revocation::from_code("unauthorized"), None);
        assert_eq!(Revocation::from_code(""), None);
    }

    #[test]
    fn back_off_grows_from_half_a_second_to_fifteen_seconds() {
        let waits: Vec<u64> = (1..=8).map(backoff_ms).collect();
        assert_eq!(waits, [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000]);
    }

    #[test]
    fn a_jittered_back_off_stays_between_half_and_all_of_the_longest() {
        for failures in 1..=8 {
            let longest = backoff_ms(failures);
            assert_eq!(jittered_backoff_ms(failures, 0), longest / 2);
            assert_eq!(jittered_backoff_ms(failures, u32::MAX), longest);
            let middle = jittered_backoff_ms(failures, u32::MAX / 2);
            assert!(longest / 2 < middle && middle < longest, "{failures}: {middle}");
        }
    }

    #[test]
    fn rounds_follow_quickly_while_entries_move_and_slowly_when_quiet() {
        assert_eq!(next_round_ms(0), 300);
        assert_eq!(next_round_ms(ACTIVE_WINDOW_MS - 1), 300);
        assert_eq!(next_round_ms(ACTIVE_WINDOW_MS), 2_000);
    }
}
