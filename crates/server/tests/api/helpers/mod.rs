//! The test server on a fresh database (SQLite, or PostgreSQL when
//! `SAMENOP_TEST_DATABASE_URL` is set), and SQL straight on its pool.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::Utc;
use samenop_core::{CaseId, DeviceId};
use samenop_server::auth::password::{self, Hasher};
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::{Application, storage};
use sqlx::Connection;

/// Runs `$sql` with `$bind`s straight on the server's database, either
/// pool (the crate's `on_db!` is not exported to its tests): the rows it
/// changed, or the database's error.
macro_rules! run_sql {
    ($db:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        match $db {
            samenop_server::storage::Db::Sqlite(pool) => {
                sqlx::query($sql)$(.bind($bind))*.execute(pool).await.map(|r| r.rows_affected())
            }
            samenop_server::storage::Db::Postgres(pool) => {
                sqlx::query($sql)$(.bind($bind))*.execute(pool).await.map(|r| r.rows_affected())
            }
        }
    };
}
pub(crate) use run_sql;

/// The one integer `$sql` with `$bind`s answers, on either pool.
macro_rules! scalar_sql {
    ($db:expr, $sql:expr $(, $bind:expr)* $(,)?) => {
        match $db {
            samenop_server::storage::Db::Sqlite(pool) => {
                sqlx::query_scalar::<_, i64>($sql)$(.bind($bind))*.fetch_one(pool).await
            }
            samenop_server::storage::Db::Postgres(pool) => {
                sqlx::query_scalar::<_, i64>($sql)$(.bind($bind))*.fetch_one(pool).await
            }
        }
    };
}
pub(crate) use scalar_sql;

mod events;
mod requests;

pub use events::*;

pub const PASSWORD: &str = "test-wachtwoord-123";
pub const REGION: &str = "Testregio";
pub const OTHER_REGION: &str = "Andereregio";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: storage::Db,
    /// The server's password hasher (its verification count), when the
    /// test started the server.
    pub hasher: Option<Hasher>,
    /// Where the test server keeps its data (for the `users` commands).
    pub database: Option<DatabaseConfig>,
    /// The device each token pushes from (tokens are bound to one device).
    devices: Mutex<HashMap<String, DeviceId>>,
    _dir: Option<tempfile::TempDir>,
}

/// The argon2 hash of `PASSWORD`, made once per test binary.
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash(PASSWORD).unwrap())
}

/// A fresh database: a SQLite file in `dir`, or a new PostgreSQL database.
pub async fn fresh_database(dir: &std::path::Path) -> DatabaseConfig {
    match std::env::var("SAMENOP_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let name = format!("t_{}", uuid::Uuid::now_v7().simple());
            let mut conn = sqlx::PgConnection::connect(&url)
                .await
                .expect("connect to SAMENOP_TEST_DATABASE_URL");
            static SWEPT: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
            SWEPT.get_or_init(|| drop_old_test_databases(&mut conn)).await;
            sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (base, _) = url.rsplit_once('/').expect("URL with a database path");
            DatabaseConfig::Postgres {
                url: format!("{base}/{name}"),
            }
        }
        _ => DatabaseConfig::Sqlite {
            path: dir.join("samenop.db"),
        },
    }
}

/// Drops the test databases of earlier runs, once per test binary: each
/// test makes one (about 8 MB) and none is dropped when it ends, so a
/// cluster that outlived many runs held 955 of them (8 GB) and helped
/// fill the disk a CI run needed. Only databases older than an hour go
/// (their UUIDv7 name carries the time): a run in progress keeps its own.
async fn drop_old_test_databases(conn: &mut sqlx::PgConnection) {
    let names: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_default();
    let hour_ago_ms = u64::try_from(Utc::now().timestamp_millis() - 3_600_000).unwrap_or(0);
    for name in names {
        let Some(made_ms) = name
            .strip_prefix("t_")
            .and_then(|hex| uuid::Uuid::try_parse(hex).ok())
            .and_then(|id| id.get_timestamp())
            .map(|ts| ts.to_unix().0 * 1000 + u64::from(ts.to_unix().1 / 1_000_000))
        else {
            continue;
        };
        if made_ms < hour_ago_ms {
            // In use (another run's), or gone already: left as it is.
            let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name}"))
                .execute(&mut *conn)
                .await;
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        samenop_server::telemetry::init(samenop_server::telemetry::LogFormat::Compact);
    }
    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), database.clone());
    // The seeded lead and admin have no TOTP; the tests that need the
    // second factor switch it back on (`login_hardening`).
    config.require_second_factor = false;
    tweak(&mut config);
    let app = Application::build(config).await.expect("build app");
    let app = TestApp {
        _dir: Some(dir),
        database: Some(database),
        ..serve(app)
    };
    app.seed_users().await;
    app
}

/// A fresh app with one case opened by `agent.a`; also agent.a's token.
pub async fn spawn_app_with_case() -> (TestApp, String, CaseId) {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    (app, police, case_id)
}

/// Serves `app` until the test ends.
pub fn serve(app: Application) -> TestApp {
    let mut test_app = TestApp::attach(app.base_url(), app.db());
    test_app.hasher = Some(app.hasher());
    tokio::spawn(app.run_until(std::future::pending()));
    test_app
}

/// Serves `app` until `Stop::now`, so a test can start it again on the
/// same database.
pub fn serve_until_stopped(app: Application) -> (TestApp, Stop) {
    let test_app = TestApp::attach(app.base_url(), app.db());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    (test_app, Stop { stop, server })
}

pub struct Stop {
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Stop {
    /// A graceful stop, which must end in time and cleanly.
    pub async fn now(self) {
        self.stop.send(()).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(30), self.server)
            .await
            .expect("stops in time")
            .unwrap()
            .unwrap();
    }
}
