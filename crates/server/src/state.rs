//! What every handler can reach. Its own module so that routes, auth and
//! the demo seed depend on it without depending on `startup`, which
//! depends on all of them.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;

use crate::auth::IdleTimeout;
use crate::auth::password::Hasher;
use crate::auth::throttle::LoginGuard;
use crate::storage::Db;
use crate::storage::changes::Changes;
use crate::storage::writer::Writer;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub writer: Writer,
    /// Wakes pulls that wait for news (`GET /api/v1/events?wait=`).
    pub changes: Changes,
    pub hasher: Hasher,
    pub login_guard: LoginGuard,
    pub settings: Arc<Settings>,
}

/// The parts of the configuration handlers need.
#[derive(Debug)]
pub struct Settings {
    pub session_ttl: Duration,
    pub max_body_bytes: usize,
    pub session_idle: Duration,
    /// Hours a phone may go without a sync (`Config::max_offline_hours`).
    pub max_offline_hours: u32,
    /// How long a field phone keeps a handed-over case (`Config::device_keep`).
    pub device_keep: samenop_core::retention::DeviceKeep,
    /// Shift leads and admins need TOTP enrolled (`Config::require_second_factor`).
    pub require_second_factor: bool,
    /// TLS is on (HSTS is sent).
    pub tls: bool,
    pub web_dir: Option<std::path::PathBuf>,
    /// Who may join a case without a reason, and until when.
    pub join: samenop_core::membership::JoinPolicy,
    pub limits: crate::limits::Limits,
    /// Pushes per account (`limits.push_burst`, `push_per_second`).
    pub push_rate: crate::limits::RateLimiter,
    /// Who makes the EGG risk analysis, as summaries name it (`Config`).
    pub egg_expertise_centre: String,
    /// Days of activity a shift lead's list and board cover.
    pub lead_window_days: u32,
    /// The clock of the lead window and retention.
    pub clock: Clock,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: crate::auth::TrustedProxies,
}

/// The clock the lead window and retention read: the real one, or for
/// tests one that runs `offset` ahead, so a period can pass in a test.
/// Event admission keeps the real clock (`trusted_time`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    pub offset: chrono::Duration,
}

impl Clock {
    pub fn now(self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + self.offset
    }
}

/// Lets the bearer-token extractor reach the database without naming
/// `AppState` (so `auth` does not depend back on this module).
impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for crate::auth::TrustedProxies {
    fn from_ref(state: &AppState) -> Self {
        state.settings.trusted_proxies.clone()
    }
}

impl FromRef<AppState> for IdleTimeout {
    fn from_ref(state: &AppState) -> Self {
        IdleTimeout(state.settings.session_idle)
    }
}
