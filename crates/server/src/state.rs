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
use crate::storage::writer::Writer;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub writer: Writer,
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
}

/// Lets the bearer-token extractor reach the database without naming
/// `AppState` (so `auth` does not depend back on this module).
impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for IdleTimeout {
    fn from_ref(state: &AppState) -> Self {
        IdleTimeout(state.settings.session_idle)
    }
}
