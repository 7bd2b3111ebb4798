//! Bearer-token sessions: issued at login, bound to one device, ended by
//! logout, expiry, idle time, a new password, disabling or a revoke.

use chrono::{DateTime, Utc};
use samenop_core::wire::Account;
use sqlx::Row;

use super::accounts::account_from_row;
use super::{Db, Result, fetch_rows, from_ms, now_ms, on_db};

/// Last use is written at most this often (not on every request).
const TOUCH_EVERY_MS: i64 = 60_000;

/// The caller behind a live token.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub account: Account,
    /// The device the token was issued to (or first pushed from).
    pub device_id: Option<String>,
}

/// Why a token no longer works, when the server still knows it was ended
/// on purpose (not just expired): the device wipes itself on either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    AccountDisabled,
    DeviceRevoked,
}

impl Ended {
    /// The marker in `sessions.ended`; also the API's error code.
    pub fn code(self) -> &'static str {
        match self {
            Self::AccountDisabled => "account_disabled",
            Self::DeviceRevoked => "device_revoked",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        [Self::AccountDisabled, Self::DeviceRevoked]
            .into_iter()
            .find(|e| e.code() == code)
    }
}

/// What a bearer token stands for.
#[derive(Debug, Clone)]
pub enum TokenState {
    Live(LiveSession),
    /// Ended by an admin; the device must wipe.
    Ended(Ended),
    /// Unknown, expired, idle or logged out: sign in again.
    Gone,
}

/// How long past its expiry an ended session is kept so that a device
/// which was offline meanwhile still learns why at its next contact.
const KEEP_ENDED_MS: i64 = 30 * 24 * 3600 * 1000;

/// A session as `users sessions` lists it.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub device_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    username: &str,
    device_id: Option<String>,
    expires_at_ms: i64,
) -> Result<()> {
    let now = now_ms();
    let _turn = super::write_turn(db).await;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        // Housekeeping: expired sessions are useless; drop them as we go.
        // Ended ones stay a while to tell their device why.
        sqlx::query(
            "DELETE FROM sessions WHERE expires_at_ms < $1 AND (ended IS NULL OR expires_at_ms < $2)",
        )
            .bind(now)
            .bind(now - KEEP_ENDED_MS)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, username, device_id, created_at_ms, expires_at_ms, last_used_ms) \
             VALUES ($1, $2, $3, $4, $5, $4)",
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

/// The account behind a live token: unexpired, used within `idle_ms`,
/// account not disabled, not ended. Counts this as a use. A token of a
/// disabled account or a revoked device says so (`TokenState::Ended`).
pub async fn session_account(db: &Db, token_hash: &str, idle_ms: i64) -> Result<TokenState> {
    let now = now_ms();
    let sql = "SELECT u.username, u.display_name, u.organisation, u.role, u.region, u.disabled, s.device_id, \
               s.last_used_ms, s.created_at_ms, s.expires_at_ms, s.ended \
               FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = $1";
    let found = on_db!(db, pool => {
        let row = sqlx::query(sql).bind(token_hash).fetch_optional(pool).await?;
        row.map(|r| -> Result<_> {
            let ended: Option<String> = r.try_get("ended")?;
            let ended = match ended.as_deref() {
                Some(code) => Some(Ended::parse(code).unwrap_or(Ended::DeviceRevoked)),
                None if r.try_get::<i64, _>("disabled")? != 0 => Some(Ended::AccountDisabled),
                None => None,
            };
            let created: i64 = r.try_get("created_at_ms")?;
            Ok((
                LiveSession {
                    account: account_from_row(&r)?,
                    device_id: r.try_get("device_id")?,
                },
                r.try_get::<Option<i64>, _>("last_used_ms")?.unwrap_or(created),
                r.try_get::<i64, _>("expires_at_ms")?,
                ended,
            ))
        })
        .transpose()?
    });
    let Some((session, last_used, expires_at, ended)) = found else {
        return Ok(TokenState::Gone);
    };
    if let Some(ended) = ended {
        return Ok(TokenState::Ended(ended));
    }
    if expires_at <= now || last_used <= now - idle_ms {
        return Ok(TokenState::Gone);
    }
    if now - last_used >= TOUCH_EVERY_MS {
        let _turn = super::write_turn(db).await;
        on_db!(db, pool => sqlx::query("UPDATE sessions SET last_used_ms = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(pool)
            .await
            .map(drop))?;
    }
    Ok(TokenState::Live(session))
}

/// Binds a session that was issued without a device id to `device_id`
/// (its first push). False when it is bound to another device already.
pub async fn bind_session_device(db: &Db, token_hash: &str, device_id: &str) -> Result<bool> {
    // Read first: a session's pushes that were in flight before its
    // binding committed each find it bound and write nothing.
    if let Some(bound) = session_device(db, token_hash).await? {
        return Ok(bound == device_id);
    }
    let bound_now = {
        let _turn = super::write_turn(db).await;
        on_db!(db, pool => {
            sqlx::query("UPDATE sessions SET device_id = $1 WHERE token_hash = $2 AND device_id IS NULL")
                .bind(device_id)
                .bind(token_hash)
                .execute(pool)
                .await?
                .rows_affected()
        })
    };
    // This update bound it; else another push bound it first (to this
    // device or another), or the session is gone: read which.
    Ok(bound_now == 1 || session_device(db, token_hash).await?.as_deref() == Some(device_id))
}

/// The device a session is bound to, if any.
async fn session_device(db: &Db, token_hash: &str) -> Result<Option<String>> {
    let bound: Option<Option<String>> = on_db!(db, pool => {
        sqlx::query_scalar("SELECT device_id FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(pool)
            .await?
    });
    Ok(bound.flatten())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<()> {
    let _turn = super::write_turn(db).await;
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(drop))?;
    Ok(())
}

/// The live sessions of `username`, newest first.
pub async fn list_sessions(db: &Db, username: &str) -> Result<Vec<SessionInfo>> {
    let sql = "SELECT device_id, created_at_ms, COALESCE(last_used_ms, created_at_ms) AS last_used_ms, \
               expires_at_ms FROM sessions WHERE username = $1 AND expires_at_ms > $2 AND ended IS NULL \
               ORDER BY created_at_ms DESC";
    on_db!(db, pool => fetch_rows!(pool, sql, [username, now_ms()], |r| Ok(SessionInfo {
        device_id: r.try_get("device_id")?,
        created_at: from_ms(r.try_get("created_at_ms")?),
        last_used: from_ms(r.try_get("last_used_ms")?),
        expires_at: from_ms(r.try_get("expires_at_ms")?),
    })))
}

/// Ends the sessions of `username` on `device_id`, or all of them when
/// `None`; returns how many ended.
pub async fn revoke_sessions(db: &Db, username: &str, device_id: Option<&str>) -> Result<u64> {
    let _turn = super::write_turn(db).await;
    let n = match device_id {
        Some(device) => on_db!(db, pool => sqlx::query(
            "DELETE FROM sessions WHERE username = $1 AND device_id = $2",
        )
        .bind(username)
        .bind(device)
        .execute(pool)
        .await?
        .rows_affected()),
        None => on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE username = $1")
            .bind(username)
            .execute(pool)
            .await?
            .rows_affected()),
    };
    Ok(n)
}

/// Ends every session of `username` on `device_id` for good: the device
/// learns at its next request that it was revoked (`Ended::DeviceRevoked`)
/// and wipes itself. Returns how many sessions ended.
pub async fn revoke_device(db: &Db, username: &str, device_id: &str) -> Result<u64> {
    let _turn = super::write_turn(db).await;
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE sessions SET ended = $1, ended_at_ms = $2 WHERE username = $3 AND device_id = $4 AND ended IS NULL",
    )
    .bind(Ended::DeviceRevoked.code())
    .bind(now_ms())
    .bind(username)
    .bind(device_id)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(n)
}
