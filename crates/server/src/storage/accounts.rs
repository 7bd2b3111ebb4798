//! Accounts and their sessions: login lookups, the failed-login lockout,
//! bearer-token sessions.

use samenop_core::wire::Account;
use samenop_core::{Organisation, Role};
use sqlx::Row;

use super::{Db, Result, enum_str, fetch_rows, now_ms, on_db, parse_enum};

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
    on_db!(db, pool => fetch_rows!(pool, &sql, [], |r| Ok((
        account_from_row(r)?,
        r.try_get::<i64, _>("disabled")? != 0
    ))))
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
