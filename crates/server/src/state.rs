//! What every handler can reach. Its own module so that routes, auth and
//! the demo seed depend on it without depending on `startup`, which
//! depends on all of them.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;

use crate::auth::password::Hasher;
use crate::storage::Db;
use crate::storage::writer::Writer;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub writer: Writer,
    pub hasher: Hasher,
    pub settings: Arc<Settings>,
}

/// The parts of the configuration handlers need.
#[derive(Debug)]
pub struct Settings {
    pub session_ttl: Duration,
    pub max_body_bytes: usize,
    pub lockout_after: u32,
    pub lockout_for: Duration,
    pub web_dir: Option<std::path::PathBuf>,
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
