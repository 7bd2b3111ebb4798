//! Accounts: login lookups, enable/disable, passwords, TOTP enrolment.
//! Sessions are in `sessions.rs`; login throttling is in memory (`auth::throttle`).

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
    /// Base32 TOTP secret when the account uses a second factor.
    pub totp_secret: Option<String>,
    /// The last time step whose code was accepted (each code works once).
    pub totp_last_step: Option<i64>,
}

const USER_COLUMNS: &str =
    "username, display_name, organisation, role, region, password_hash, disabled, totp_secret, totp_last_step";

pub(super) fn account_from_row<R: Row>(row: &R) -> Result<Account>
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
    let _turn = super::write_turn(db).await;
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
    change_account(db, username, AccountChange::Disabled(disabled)).await
}

/// Each account with whether it is disabled and whether it has TOTP.
pub async fn list_users(db: &Db) -> Result<Vec<(Account, bool, bool)>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY region, username");
    on_db!(db, pool => fetch_rows!(pool, &sql, [], |r| Ok((
        account_from_row(r)?,
        r.try_get::<i64, _>("disabled")? != 0,
        r.try_get::<Option<String>, _>("totp_secret")?.is_some()
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
                totp_secret: r.try_get("totp_secret")?,
                totp_last_step: r.try_get("totp_last_step")?,
            })
        })
        .transpose()
    })
}

/// A new password; every session of the account ends (whoever had the old
/// password may hold one of them).
pub async fn set_password(db: &Db, username: &str, password_hash: &str) -> Result<bool> {
    change_account(db, username, AccountChange::Password(password_hash)).await
}

/// A change to an account row that may take its sessions with it.
#[derive(Clone, Copy)]
enum AccountChange<'a> {
    Disabled(bool),
    Password(&'a str),
}

impl AccountChange<'_> {
    /// Enabling an account again leaves nothing to end.
    fn ends_sessions(self) -> bool {
        matches!(self, Self::Disabled(true) | Self::Password(_))
    }
}

/// Applies `change` and ends the sessions it ends in one transaction, so no
/// session outlives it; true when the account exists.
async fn change_account(db: &Db, username: &str, change: AccountChange<'_>) -> Result<bool> {
    let _turn = super::write_turn(db).await;
    let done = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let update = match change {
            AccountChange::Disabled(disabled) => {
                sqlx::query("UPDATE users SET disabled = $1 WHERE username = $2").bind(i64::from(disabled))
            }
            AccountChange::Password(hash) => {
                sqlx::query("UPDATE users SET password_hash = $1 WHERE username = $2").bind(hash)
            }
        };
        let n = update.bind(username).execute(&mut *tx).await?.rows_affected();
        match change {
            // Kept, marked: the phones learn at their next request that the
            // account was disabled, and wipe themselves (issue 16 §2).
            AccountChange::Disabled(true) => {
                sqlx::query(
                    "UPDATE sessions SET ended = 'account_disabled', ended_at_ms = $1 \
                     WHERE username = $2 AND ended IS NULL",
                )
                .bind(super::now_ms())
                .bind(username)
                .execute(&mut *tx)
                .await?;
            }
            _ if change.ends_sessions() => {
                sqlx::query("DELETE FROM sessions WHERE username = $1")
                    .bind(username)
                    .execute(&mut *tx)
                    .await?;
            }
            _ => {}
        }
        tx.commit().await?;
        n
    });
    Ok(done == 1)
}

/// Enrols (`Some`) or removes (`None`) the account's TOTP secret.
pub async fn set_totp(db: &Db, username: &str, secret: Option<&str>) -> Result<bool> {
    let _turn = super::write_turn(db).await;
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE users SET totp_secret = $1, totp_last_step = NULL WHERE username = $2",
    )
    .bind(secret)
    .bind(username)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// Marks TOTP step `step` used, atomically: false when it (or a later one)
/// was used already, so two parallel logins cannot share one code.
pub async fn use_totp_step(db: &Db, username: &str, step: i64) -> Result<bool> {
    let _turn = super::write_turn(db).await;
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE users SET totp_last_step = $1 WHERE username = $2 \
         AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(username)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}
