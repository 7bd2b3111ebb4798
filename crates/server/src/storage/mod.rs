//! Storage through sqlx runtime queries, for SQLite (the embedded default)
//! and PostgreSQL. The same SQL text runs on both (`$n` placeholders, ANSI
//! types); only the migrations differ per backend. All event writes go
//! through the single group-commit writer in `writer.rs`.

pub mod accounts;
pub mod admission;
pub mod audit;
pub mod cases;
pub mod changes;
pub mod checkpoint;
pub mod files;
pub mod lead;
pub mod membership;
pub mod migrate;
pub mod pull;
pub mod read_models;
pub mod retention;
pub mod sessions;
pub mod writer;

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use samenop_core::CaseId;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::config::DatabaseConfig;

// Callers name storage functions by what they do, not by where they live.
pub use accounts::{
    UserRecord, insert_user, list_users, set_disabled, set_password, set_totp, use_totp_step, user_for_login,
};
pub use admission::{CaseFacts, case_events_received, cases_events, cases_facts};
pub use audit::{AuditRecord, AuthAction, AuthAudit, auth_audit_of, insert_auth_audit, list_audit};
pub use cases::{case_count, case_events, case_region, cases_with_rejections, joinable_cases};
pub use pull::{PulledEvent, pull_participant};
pub use sessions::{
    Ended, LiveSession, SessionInfo, TokenState, bind_session_device, delete_session, insert_session, list_sessions,
    revoke_device, revoke_sessions, session_account,
};

/// Every SQLite write of this process waits its turn here, in arrival
/// order (tokio's `Mutex` is fair): the event writer once per group
/// commit (`writer::commit`), the other writes (a login, a session's
/// touch or device binding, an account change, a lead opening a case, a
/// purge, an audit entry written beside the writer) once each.
/// SQLite itself lets one connection write at a time and has no queue: a
/// connection that finds the lock taken sleeps in the busy handler (1, 2,
/// 5 … 100 ms) and tries again, and under a push burst, where one group
/// commit follows the other within microseconds, a session's one-row
/// update lost that race again and again: a phone's first push, which
/// binds its session, took 0.1-0.5 s where the others took 40 ms (issue
/// 18, peer benchmark: in 3 of 16 runs; with the turn the slowest push of
/// 16 runs took 78 ms). With the turn SQLite's lock only
/// meets other processes (the `users` command). PostgreSQL needs none: row
/// locks queue, and `writer::PG_WRITER_LOCK` orders what depends on seqs.
/// One per process, not per database: a process serves one database (the
/// tests' several servers in one process only take turns).
static SQLITE_WRITE_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Waits for this process's turn to write to SQLite (`SQLITE_WRITE_TURN`);
/// the turn lasts as long as the guard. `None` on PostgreSQL. Hold it
/// around the write only: a holder that waited for the event writer, or
/// for another write taking a turn, would wait forever.
pub(crate) async fn write_turn(db: &Db) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    match db {
        Db::Sqlite(_) => Some(SQLITE_WRITE_TURN.lock().await),
        Db::Postgres(_) => None,
    }
}

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code against whichever pool is configured: each arm is
/// compiled for its own driver, so the SQL and binds are written once.
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::storage::Db::Sqlite($pool) => $body,
            $crate::storage::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_db;

/// Inside an `on_db!` arm: runs `$sql` with `$bind`s in order and maps
/// every row with `$from_row` (`|row| -> Result<T>`), collecting into a
/// `Result<Vec<T>>`.
macro_rules! fetch_rows {
    ($pool:expr, $sql:expr, [$($bind:expr),* $(,)?], $from_row:expr) => {{
        let rows = sqlx::query($sql)$(.bind($bind))*.fetch_all($pool).await?;
        rows.iter().map($from_row).collect()
    }};
}
pub(crate) use fetch_rows;

/// Like `fetch_rows!`, for a query over a list of text keys bound as one
/// value: `$sql` writes `{keys}` right after the column (`WHERE case_id
/// {keys}`) and `$1` is the list, the other binds follow from `$2`. On
/// PostgreSQL that is `= ANY($1)` over a text array, on SQLite `IN (SELECT
/// value FROM json_each($1))` over a JSON array: one statement text
/// whatever the list's length (prepared once per connection) and no bind
/// limit, so a push's cases are read in one round trip.
macro_rules! fetch_by_keys {
    ($db:expr, $sql:expr, $keys:expr, [$($bind:expr),* $(,)?], $from_row:expr) => {{
        let keys: &[String] = $keys;
        match $db {
            $crate::storage::Db::Sqlite(pool) => {
                let sql = $sql.replace("{keys}", "IN (SELECT value FROM json_each($1))");
                let list = serde_json::to_string(keys)
                    .map_err(|e| $crate::storage::StorageError::Corrupt(e.to_string()))?;
                $crate::storage::fetch_rows!(pool, &sql, [list, $($bind),*], $from_row)
            }
            $crate::storage::Db::Postgres(pool) => {
                let sql = $sql.replace("{keys}", "= ANY($1)");
                $crate::storage::fetch_rows!(pool, &sql, [keys, $($bind),*], $from_row)
            }
        }
    }};
}
pub(crate) use fetch_by_keys;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// The writer task has stopped (shutdown) or its commit failed.
    #[error("event writer unavailable")]
    WriterGone,
    /// A stored value could not be read back; never expected.
    #[error("stored data unreadable: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// How long a PostgreSQL connection may sit idle in the pool and still be
/// handed out without a ping first (see `Db::connect`).
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

impl Db {
    pub async fn connect(config: &DatabaseConfig) -> Result<Self> {
        match config {
            DatabaseConfig::Sqlite { path } => {
                // WAL + synchronous=FULL: a commit is on disk before it is
                // acknowledged, so an applied event survives power loss.
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_millis(u64::from(checkpoint::NORMAL_BUSY_MS)))
                    .foreign_keys(true)
                    // Checkpoints run in `checkpoint`, off the writer's
                    // commit path (an automatic one would stall a group).
                    .pragma("wal_autocheckpoint", "0")
                    // A WAL that was reset is cut back to this on the next
                    // commit (the bound under load; `checkpoint`).
                    .pragma("journal_size_limit", checkpoint::JOURNAL_SIZE_LIMIT.to_string());
                // No ping before each use: an embedded file has no other
                // end to hang up, and sqlx's ping is one more hand-off to
                // the connection's thread per statement (thread wake-ups
                // were a tenth of a push burst's CPU, `perf`).
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await?;
                Ok(Self::Sqlite(pool))
            }
            DatabaseConfig::Postgres { url } => {
                // Every statement planned for its values: a prepared
                // statement's generic plan, fixed while a table was small,
                // kept a sequential scan of `cases` for the push's key
                // lookup (`= ANY($1)`) as the table grew, 4-30 ms a push
                // and growing until an autovacuum analyze replaced it
                // (auto_explain, issue 18 §4). A young database (a new
                // deployment, a bench) is exactly where that bites.
                let options = PgConnectOptions::from_str(url)?.options([("plan_cache_mode", "force_custom_plan")]);
                let pool = pg_pool_options(8).connect_with(options).await?;
                Ok(Self::Postgres(pool))
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }

    pub async fn ping(&self) -> Result<()> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))?;
        Ok(())
    }
}

/// The page cache of the event writer's own SQLite connection, in KiB
/// (SQLite's default is 2 MiB): a group commit touches index pages all
/// over the tables it writes, and every page not cached is read back from
/// the operating system within the group.
const SQLITE_WRITER_CACHE_KIB: i64 = 8 * 1024;

/// The event writer's own SQLite connection (`writer::Writer::spawn`),
/// made from the server pool's options with a larger page cache, never
/// closed for idleness and never handed to anyone else. A connection's
/// page cache is dropped whenever another connection committed since it
/// last read, so the writer taking whichever of the pool's connections
/// was free found a cold cache nearly every group and read the pages it
/// writes back from the operating system (issue 18: a group's lookups and
/// checks 30 % faster on its own connection; 4 % more events per second at
/// 20 devices, 16 interleaved benchmark pairs). 8 MiB rather than more: a
/// region's year of data then still reads its first pages in under
/// 100 MiB (`examples/region_year`, 87 MiB).
pub(crate) fn sqlite_writer_pool(options: &SqliteConnectOptions) -> SqlitePool {
    SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .test_before_acquire(false)
        .connect_lazy_with(
            options
                .clone()
                .pragma("cache_size", (-SQLITE_WRITER_CACHE_KIB).to_string()),
        )
}

/// The event writer's own PostgreSQL pool (`writer::Writer::spawn`), made
/// on the writer's thread with the server pool's connect options, so its
/// connection's replies wake the writer there and not behind the request
/// handlers on the server's workers.
pub(crate) fn pg_writer_pool(options: &PgConnectOptions) -> PgPool {
    pg_pool_options(2).connect_lazy_with(options.clone())
}

/// A PostgreSQL pool of at most `max` connections. sqlx pings every
/// connection it hands out: a round trip before every statement a handler
/// runs and before every group commit. Only a connection idle for a while
/// may have lost its server (a restart, a proxy's timeout); one used
/// within `PING_AFTER_IDLE` is trusted, and a broken one is dropped and
/// replaced as with sqlx's own ping.
fn pg_pool_options(max: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(10))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > PING_AFTER_IDLE {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

/// A snake_case enum as its wire name ("veilig_thuis").
pub fn enum_str<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub fn parse_enum<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| StorageError::Corrupt(format!("unknown enum value {s:?}")))
}

pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn parse_case_id(s: &str) -> Result<CaseId> {
    uuid::Uuid::from_str(s)
        .map(CaseId)
        .map_err(|_| StorageError::Corrupt("case id".into()))
}
