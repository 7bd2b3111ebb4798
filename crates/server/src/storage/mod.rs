//! Storage through sqlx runtime queries, for SQLite (the embedded default)
//! and PostgreSQL. The same SQL text runs on both (`$n` placeholders, ANSI
//! types); only the migrations differ per backend. All event writes go
//! through the single group-commit writer in `writer.rs`.

pub mod migrate;
pub mod writer;

use std::collections::HashSet;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use samenop_core::event::ReportSource;
use samenop_core::wire::{Account, JoinableCase};
use samenop_core::{CaseId, Organisation, Role};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::config::DatabaseConfig;

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
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    // Checkpoints run in `checkpointer`, off the writer's
                    // commit path (an automatic one would stall a group).
                    .pragma("wal_autocheckpoint", "0");
                let pool = SqlitePoolOptions::new()
                    .max_connections(4)
                    .connect_with(options)
                    .await?;
                Ok(Self::Sqlite(pool))
            }
            DatabaseConfig::Postgres { url } => {
                let pool = PgPoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?;
                Ok(Self::Postgres(pool))
            }
        }
    }

    /// SQLite only: copies the WAL into the database file every second
    /// (PASSIVE: never blocks the writer). Ends with the pool.
    pub fn spawn_checkpointer(&self) -> Option<tokio::task::JoinHandle<()>> {
        let Self::Sqlite(pool) = self else {
            return None;
        };
        let pool = pool.clone();
        Some(tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            while !pool.is_closed() {
                tick.tick().await;
                if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
                    if pool.is_closed() {
                        break;
                    }
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        }))
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

// ---------------------------------------------------------------- users

/// An account with what login needs to know.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub account: Account,
    pub password_hash: String,
    pub disabled: bool,
    pub locked_until_ms: Option<i64>,
}

const USER_COLUMNS: &str =
    "username, display_name, organisation, role, region, password_hash, disabled, locked_until_ms";

fn account_from_row<R: Row>(row: &R) -> Result<Account>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let organisation: String = row.try_get("organisation")?;
    let role: String = row.try_get("role")?;
    Ok(Account {
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        organisation: parse_enum::<Organisation>(&organisation)?,
        role: parse_enum::<Role>(&role)?,
        region: row.try_get("region")?,
    })
}

pub async fn insert_user(db: &Db, account: &Account, password_hash: &str) -> Result<bool> {
    let sql = "INSERT INTO users (username, display_name, organisation, role, region, \
               password_hash, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) \
               ON CONFLICT (username) DO NOTHING";
    let done = on_db!(db, pool => sqlx::query(sql)
        .bind(&account.username)
        .bind(&account.display_name)
        .bind(enum_str(&account.organisation))
        .bind(enum_str(&account.role))
        .bind(&account.region)
        .bind(password_hash)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
    Ok(done == 1)
}

/// Disabling also ends every session of the account.
pub async fn set_disabled(db: &Db, username: &str, disabled: bool) -> Result<bool> {
    let flag: i64 = disabled.into();
    let done = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let n = sqlx::query("UPDATE users SET disabled = $1 WHERE username = $2")
            .bind(flag)
            .bind(username)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE username = $1")
                .bind(username)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        n
    });
    Ok(done == 1)
}

pub async fn list_users(db: &Db) -> Result<Vec<(Account, bool)>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY region, username");
    on_db!(db, pool => {
        let rows = sqlx::query(&sql).fetch_all(pool).await?;
        rows.iter()
            .map(|r| Ok((account_from_row(r)?, r.try_get::<i64, _>("disabled")? != 0)))
            .collect()
    })
}

pub async fn user_for_login(db: &Db, username: &str) -> Result<Option<UserRecord>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
    on_db!(db, pool => {
        let row = sqlx::query(&sql).bind(username).fetch_optional(pool).await?;
        row.map(|r| {
            Ok(UserRecord {
                account: account_from_row(&r)?,
                password_hash: r.try_get("password_hash")?,
                disabled: r.try_get::<i64, _>("disabled")? != 0,
                locked_until_ms: r.try_get("locked_until_ms")?,
            })
        })
        .transpose()
    })
}

/// Counts a failed login; after `lock_after` in a row the account is
/// locked until `now + lock_ms`. Returns the lock end when it locks.
pub async fn record_failed_login(db: &Db, username: &str, lock_after: u32, lock_ms: i64) -> Result<Option<i64>> {
    let until = now_ms() + lock_ms;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let failed: Option<i64> = sqlx::query_scalar(
            "UPDATE users SET failed_logins = failed_logins + 1 WHERE username = $1 \
             RETURNING failed_logins",
        )
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?;
        let locked = match failed {
            Some(n) if n >= i64::from(lock_after) => {
                sqlx::query(
                    "UPDATE users SET failed_logins = 0, locked_until_ms = $1 WHERE username = $2",
                )
                .bind(until)
                .bind(username)
                .execute(&mut *tx)
                .await?;
                Some(until)
            }
            _ => None,
        };
        tx.commit().await?;
        Ok(locked)
    })
}

pub async fn record_login_success(db: &Db, username: &str) -> Result<()> {
    on_db!(db, pool => sqlx::query(
        "UPDATE users SET failed_logins = 0, locked_until_ms = NULL WHERE username = $1",
    )
    .bind(username)
    .execute(pool)
    .await
    .map(drop))?;
    Ok(())
}

// ---------------------------------------------------------------- sessions

pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    username: &str,
    device_id: Option<String>,
    expires_at_ms: i64,
) -> Result<()> {
    let now = now_ms();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        // Housekeeping: expired sessions are useless; drop them as we go.
        sqlx::query("DELETE FROM sessions WHERE expires_at_ms < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, username, device_id, created_at_ms, expires_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(username)
        .bind(device_id)
        .bind(now)
        .bind(expires_at_ms)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })?;
    Ok(())
}

/// The account behind a live token: unexpired, account not disabled.
pub async fn session_account(db: &Db, token_hash: &str) -> Result<Option<Account>> {
    let sql = "SELECT u.username, u.display_name, u.organisation, u.role, u.region \
               FROM sessions s JOIN users u ON u.username = s.username \
               WHERE s.token_hash = $1 AND s.expires_at_ms > $2 AND u.disabled = 0";
    on_db!(db, pool => {
        let row = sqlx::query(sql)
            .bind(token_hash)
            .bind(now_ms())
            .fetch_optional(pool)
            .await?;
        row.map(|r| account_from_row(&r)).transpose()
    })
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<()> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(drop))?;
    Ok(())
}

// ---------------------------------------------------------------- pull

/// One event in a pull page. `key` orders the page: the event's own seq,
/// or for a case the caller joined later, the seq at which they joined,
/// so the older history of a newly joined case comes after the cursor.
#[derive(Debug)]
pub struct PulledEvent {
    pub key: i64,
    pub seq: i64,
    pub case_id: String,
    pub body: Vec<u8>,
}

fn pulled_from_row<R: Row>(r: &R) -> Result<PulledEvent>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Vec<u8>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(PulledEvent {
        key: r.try_get("k")?,
        seq: r.try_get("seq")?,
        case_id: r.try_get("case_id")?,
        body: r.try_get("body")?,
    })
}

/// Events of the cases `username` takes part in, within their region,
/// after cursor `(key, seq)`.
pub async fn pull_participant(
    db: &Db,
    username: &str,
    region: &str,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<PulledEvent>> {
    const K: &str = "CASE WHEN e.seq > p.joined_seq THEN e.seq ELSE p.joined_seq END";
    let sql = format!(
        "SELECT {K} AS k, e.seq AS seq, e.case_id AS case_id, e.body AS body \
         FROM participants p \
         JOIN cases c ON c.case_id = p.case_id \
         JOIN events e ON e.case_id = p.case_id \
         WHERE p.username = $1 AND c.region = $2 \
           AND ({K} > $3 OR ({K} = $3 AND e.seq > $4)) \
         ORDER BY k, e.seq LIMIT $5"
    );
    on_db!(db, pool => {
        let rows = sqlx::query(&sql)
            .bind(username)
            .bind(region)
            .bind(after.0)
            .bind(after.1)
            .bind(limit)
            .fetch_all(pool)
            .await?;
        rows.iter().map(pulled_from_row).collect()
    })
}

/// Every event of a region after `seq` (shift leads).
pub async fn pull_region(db: &Db, region: &str, after: i64, limit: i64) -> Result<Vec<PulledEvent>> {
    let sql = "SELECT e.seq AS k, e.seq AS seq, e.case_id AS case_id, e.body AS body \
               FROM events e JOIN cases c ON c.case_id = e.case_id \
               WHERE c.region = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3";
    on_db!(db, pool => {
        let rows = sqlx::query(sql)
            .bind(region)
            .bind(after)
            .bind(limit)
            .fetch_all(pool)
            .await?;
        rows.iter().map(pulled_from_row).collect()
    })
}

// ---------------------------------------------------------------- cases

pub async fn case_region(db: &Db, case_id: &CaseId) -> Result<Option<String>> {
    on_db!(db, pool => Ok(sqlx::query_scalar("SELECT region FROM cases WHERE case_id = $1")
        .bind(case_id.to_string())
        .fetch_optional(pool)
        .await?))
}

pub async fn case_events(db: &Db, case_id: &CaseId) -> Result<Vec<Vec<u8>>> {
    on_db!(db, pool => Ok(sqlx::query_scalar(
        "SELECT body FROM events WHERE case_id = $1 ORDER BY seq",
    )
    .bind(case_id.to_string())
    .fetch_all(pool)
    .await?))
}

/// The events of a region's cases reported in `[from_ms, to_ms)`, grouped
/// by case (ordered by case, then seq).
pub async fn region_case_events(db: &Db, region: &str, from_ms: i64, to_ms: i64) -> Result<Vec<(String, Vec<u8>)>> {
    let sql = "SELECT e.case_id AS case_id, e.body AS body FROM events e \
               JOIN cases c ON c.case_id = e.case_id \
               WHERE c.region = $1 AND c.reported_at_ms >= $2 AND c.reported_at_ms < $3 \
               ORDER BY e.case_id, e.seq";
    on_db!(db, pool => {
        let rows = sqlx::query(sql)
            .bind(region)
            .bind(from_ms)
            .bind(to_ms)
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("case_id")?, r.try_get("body")?)))
            .collect()
    })
}

/// Cases of a region with at least one refused push.
pub async fn cases_with_rejections(db: &Db, region: &str) -> Result<HashSet<String>> {
    let sql = "SELECT DISTINCT r.case_id FROM rejections r \
               JOIN cases c ON c.case_id = r.case_id WHERE c.region = $1";
    let ids: Vec<String> = on_db!(db, pool => sqlx::query_scalar(sql)
        .bind(region)
        .fetch_all(pool)
        .await?);
    Ok(ids.into_iter().collect())
}

/// Recent cases of the region that `username` is not (yet) part of.
pub async fn joinable_cases(db: &Db, region: &str, username: &str, since_ms: i64) -> Result<Vec<JoinableCase>> {
    let sql = "SELECT c.case_id, c.reported_at_ms, c.source, c.opener_name, c.opener_org, \
               c.address_hint FROM cases c \
               WHERE c.region = $1 AND c.created_at_ms >= $2 AND NOT EXISTS \
               (SELECT 1 FROM participants p WHERE p.case_id = c.case_id AND p.username = $3) \
               ORDER BY c.created_at_ms DESC LIMIT 200";
    on_db!(db, pool => {
        let rows = sqlx::query(sql)
            .bind(region)
            .bind(since_ms)
            .bind(username)
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|r| {
                let case_id: String = r.try_get("case_id")?;
                let source: String = r.try_get("source")?;
                let org: String = r.try_get("opener_org")?;
                Ok(JoinableCase {
                    case_id: parse_case_id(&case_id)?,
                    reported_at: from_ms(r.try_get("reported_at_ms")?),
                    source: parse_enum::<ReportSource>(&source)?,
                    opened_by: r.try_get("opener_name")?,
                    organisation: parse_enum::<Organisation>(&org)?,
                    address_hint: r.try_get("address_hint")?,
                })
            })
            .collect()
    })
}

pub async fn case_count(db: &Db) -> Result<i64> {
    on_db!(db, pool => Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(pool)
        .await?))
}

// ---------------------------------------------------------------- audit

/// One audited read, as admins list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub username: String,
    pub role: Role,
    pub action: String,
    pub case_id: Option<String>,
}

/// Newest first; `before` pages back by id.
pub async fn list_audit(db: &Db, case_id: Option<&str>, before: Option<i64>, limit: i64) -> Result<Vec<AuditRecord>> {
    let sql = "SELECT id, at_ms, username, role, action, case_id FROM audit_log \
               WHERE ($1 IS NULL OR case_id = $1) AND id < $2 ORDER BY id DESC LIMIT $3";
    // `$1 IS NULL` needs a typed parameter on PostgreSQL.
    let sql_pg = sql.replace("$1 IS NULL", "$1::text IS NULL");
    let before = before.unwrap_or(i64::MAX);
    on_db!(db, pool => {
        let query = if db.is_postgres() { sql_pg.as_str() } else { sql };
        let rows = sqlx::query(query)
            .bind(case_id)
            .bind(before)
            .bind(limit)
            .fetch_all(pool)
            .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                Ok(AuditRecord {
                    id: r.try_get("id")?,
                    at: from_ms(r.try_get("at_ms")?),
                    username: r.try_get("username")?,
                    role: parse_enum::<Role>(&role)?,
                    action: r.try_get("action")?,
                    case_id: r.try_get("case_id")?,
                })
            })
            .collect()
    })
}
