//! Server configuration: what `serve` was asked to do, checked once at start.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::auth::throttle::LoginLimits;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseConfig {
    /// Embedded SQLite file (the default: works with no configuration).
    Sqlite { path: PathBuf },
    /// PostgreSQL for production, e.g. `postgres://user@host/db`.
    Postgres { url: String },
}

impl DatabaseConfig {
    /// `--database-url` wins; otherwise a SQLite file in the data directory.
    pub fn from_args(data_dir: &std::path::Path, database_url: Option<&str>) -> Self {
        match database_url {
            Some(url) if url.starts_with("sqlite:") => Self::Sqlite {
                path: PathBuf::from(url.trim_start_matches("sqlite://").trim_start_matches("sqlite:")),
            },
            Some(url) => Self::Postgres { url: url.to_string() },
            None => Self::Sqlite {
                path: data_dir.join("samenop.db"),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsConfig {
    pub cert_pem: PathBuf,
    pub key_pem: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub database: DatabaseConfig,
    pub tls: Option<TlsConfig>,
    /// How long a bearer token lives: one shift plus margin.
    pub session_ttl: Duration,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
    /// A session unused this long ends, even within `session_ttl`.
    pub session_idle: Duration,
    /// Hours a phone may go without a successful sync before its vault
    /// refuses to open (sent to the device at sign-in).
    pub max_offline_hours: u32,
    /// How long a field phone keeps a handed-over, fully sent case
    /// (`retention::DeviceKeep`; sent with every pull). Default 0.
    pub device_keep: samenop_core::retention::DeviceKeep,
    /// Reverse proxies (load balancers) whose `X-Forwarded-For` names the
    /// client; none by default.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Login throttling: per IP, global, per account (`auth::throttle`).
    pub login: LoginLimits,
    /// Shift leads and admins see a whole region or every account: they
    /// sign in only with a second factor (TOTP) enrolled. Off only for the
    /// demo's synthetic accounts (`demo`) or by an explicit flag.
    pub require_second_factor: bool,
    /// Seed the demo region, users and case.
    pub demo: bool,
    /// With `demo`: also a busy demo case of this many events (0: none),
    /// to measure how the app copes with a long case.
    pub demo_busy_events: usize,
    /// The web build of the field app, served at `/` when set.
    pub web_dir: Option<PathBuf>,
    /// How long after a case opened a colleague joins without a written
    /// reason (core's `JoinPolicy`; default 24 h, 002 l.2470).
    pub join_window: Duration,
    /// Caps on pushes, pulls, cases and event times (`limits`).
    pub limits: crate::limits::Limits,
    /// Who makes the specialist risk analysis in eergerelateerd-geweld
    /// cases, as summaries name it (core's `honour::DEFAULT_EXPERTISE_CENTRE`
    /// unless set: the seeds name the unit MEP, 000 l.340).
    pub egg_expertise_centre: String,
    /// Days of activity a shift lead's list and board cover without a
    /// search (core's `retention::DEFAULT_LEAD_WINDOW_DAYS`).
    pub lead_window_days: u32,
    /// The retention period the regional convenant sets: none, and no
    /// case is ever deleted, until it is configured (000 l.354).
    pub retention: Option<samenop_core::retention::RetentionPeriod>,
    /// How often `serve` runs retention.
    pub retention_every: Duration,
    /// SQLite: after this long without a commit the WAL is checkpointed
    /// and truncated to zero bytes (`storage::checkpoint`).
    pub wal_idle: Duration,
    /// Tests only: how far the clock of the lead window and retention runs
    /// ahead of the real one.
    pub clock_offset: chrono::Duration,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error(
        "refusing to listen on {0} without TLS: plain HTTP is only allowed on a loopback address; \
         pass --tls-cert and --tls-key (or SAMENOP_TLS_CERT/SAMENOP_TLS_KEY), or listen on 127.0.0.1"
    )]
    PlainHttpOffLoopback(SocketAddr),
    #[error("--tls-cert and --tls-key must be given together")]
    TlsHalfConfigured,
}

impl Config {
    /// Defaults that work with no configuration: loopback, SQLite file.
    pub fn new(listen: SocketAddr, database: DatabaseConfig) -> Self {
        Self {
            listen,
            database,
            tls: None,
            session_ttl: Duration::from_secs(12 * 3600),
            max_body_bytes: 2 * 1024 * 1024,
            // An officer on scene may not touch the phone for an hour, and
            // the app may sit suspended through a long scene and the drive
            // back; four hours covers that, and a token found on a phone
            // left behind at the end of a shift is dead before the next.
            session_idle: Duration::from_secs(4 * 3600),
            max_offline_hours: samenop_core::wire::DEFAULT_MAX_OFFLINE_HOURS,
            device_keep: samenop_core::retention::DeviceKeep::default(),
            trusted_proxies: Vec::new(),
            login: LoginLimits::default(),
            require_second_factor: true,
            demo: false,
            demo_busy_events: 0,
            web_dir: None,
            join_window: Duration::from_secs(samenop_core::membership::DEFAULT_JOIN_WINDOW_HOURS as u64 * 3600),
            limits: crate::limits::Limits::default(),
            egg_expertise_centre: samenop_core::honour::DEFAULT_EXPERTISE_CENTRE.to_string(),
            lead_window_days: samenop_core::retention::DEFAULT_LEAD_WINDOW_DAYS,
            retention: None,
            retention_every: Duration::from_secs(3600),
            wal_idle: crate::storage::checkpoint::DEFAULT_WAL_IDLE,
            clock_offset: chrono::Duration::zero(),
        }
    }

    pub fn with_tls(mut self, cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<Self, ConfigError> {
        self.tls = match (cert, key) {
            (Some(cert_pem), Some(key_pem)) => Some(TlsConfig { cert_pem, key_pem }),
            (None, None) => None,
            _ => return Err(ConfigError::TlsHalfConfigured),
        };
        Ok(self)
    }

    /// Personal data never crosses a network in the clear.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.tls.is_none() && !self.listen.ip().is_loopback() {
            return Err(ConfigError::PlainHttpOffLoopback(self.listen));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_on_a_public_address_is_refused() {
        let c = Config::new(
            "0.0.0.0:8080".parse().unwrap(),
            DatabaseConfig::from_args(std::path::Path::new("x"), None),
        );
        assert_eq!(
            c.check(),
            Err(ConfigError::PlainHttpOffLoopback("0.0.0.0:8080".parse().unwrap()))
        );
    }

    #[test]
    fn plain_http_on_loopback_is_fine() {
        let c = Config::new(
            "127.0.0.1:8080".parse().unwrap(),
            DatabaseConfig::from_args(std::path::Path::new("x"), None),
        );
        assert_eq!(c.check(), Ok(()));
    }
}
