//! The audit log, as admins list it: case reads (written by the writer, in
//! the same commits as everything else) and auth events (written here:
//! login, failure, throttle, logout, disable, password, session revoke).

use chrono::{DateTime, Utc};
use samenop_core::Role;
use serde::Serialize;
use sqlx::Row;

use super::{Db, Result, enum_str, fetch_rows, from_ms, now_ms, on_db, parse_enum};

/// One audited read, as admins list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub username: String,
    /// `None` for a login attempt on a name that is no account.
    pub role: Option<Role>,
    pub action: String,
    pub case_id: Option<String>,
    /// Auth events: where the request came from (none for the CLI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// What a shift lead searched for (`case_search`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Auth events, by the names the audit log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAction {
    Login,
    LoginFailed,
    /// The per-account delay started (audited once, not per refused try).
    LoginThrottled,
    /// An IP went over the login rate (once per run of refusals).
    LoginRateLimited,
    /// Password right, TOTP code missing: the app asks for it.
    OtpRequired,
    /// Password right, but a lead or admin without a second factor.
    SecondFactorMissing,
    Logout,
    AccountDisabled,
    AccountEnabled,
    PasswordSet,
    SessionRevoked,
    /// An admin revoked one device: its sessions end and it wipes itself.
    DeviceRevoked,
    TotpEnrolled,
    /// A token used from another device than the one it was issued to.
    DeviceMismatch,
}

impl AuthAction {
    pub fn name(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::LoginFailed => "login_failed",
            Self::LoginThrottled => "login_throttled",
            Self::LoginRateLimited => "login_rate_limited",
            Self::OtpRequired => "otp_required",
            Self::SecondFactorMissing => "second_factor_missing",
            Self::Logout => "logout",
            Self::AccountDisabled => "account_disabled",
            Self::AccountEnabled => "account_enabled",
            Self::PasswordSet => "password_set",
            Self::SessionRevoked => "session_revoked",
            Self::DeviceRevoked => "device_revoked",
            Self::TotpEnrolled => "totp_enrolled",
            Self::DeviceMismatch => "device_mismatch",
        }
    }
}

/// One auth event: who (the name as typed for unknown names, at most 64
/// characters, so a password typed in the name field is not kept whole),
/// what, from where.
#[derive(Debug, Clone)]
pub struct AuthAudit<'a> {
    pub username: &'a str,
    pub role: Option<Role>,
    pub action: AuthAction,
    pub ip: Option<String>,
    pub device_id: Option<String>,
}

pub async fn insert_auth_audit(db: &Db, a: &AuthAudit<'_>) -> Result<()> {
    let _turn = super::write_turn(db).await;
    let username: String = a.username.chars().filter(|c| !c.is_control()).take(64).collect();
    let role = a.role.as_ref().map(enum_str).unwrap_or_default();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO audit_log (at_ms, username, role, action, case_id, ip, device_id) \
         VALUES ($1, $2, $3, $4, NULL, $5, $6)",
    )
    .bind(now_ms())
    .bind(username)
    .bind(role)
    .bind(a.action.name())
    .bind(a.ip.as_deref())
    .bind(a.device_id.as_deref())
    .execute(pool)
    .await
    .map(drop))?;
    Ok(())
}

/// A shift lead's search beyond the lead window, with what was searched,
/// written before any result leaves (issue 14 §4). The results' reads are
/// audited per case as every list is.
pub async fn insert_search_audit(db: &Db, username: &str, role: Role, text: &str) -> Result<()> {
    let _turn = super::write_turn(db).await;
    on_db!(db, pool => sqlx::query(
        "INSERT INTO audit_log (at_ms, username, role, action, case_id, detail) \
         VALUES ($1, $2, $3, 'case_search', NULL, $4)",
    )
    .bind(now_ms())
    .bind(username)
    .bind(enum_str(&role))
    .bind(text)
    .execute(pool)
    .await
    .map(drop))?;
    Ok(())
}

/// The auth events of `username`, newest first.
pub async fn auth_audit_of(db: &Db, username: &str) -> Result<Vec<AuditRecord>> {
    let sql = "SELECT id, at_ms, username, role, action, case_id, ip, device_id, detail FROM audit_log \
               WHERE username = $1 AND case_id IS NULL AND action <> 'case_search' ORDER BY id DESC";
    on_db!(db, pool => fetch_rows!(pool, sql, [username], record_from_row))
}

fn record_from_row<R: Row>(r: &R) -> Result<AuditRecord>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let role: String = r.try_get("role")?;
    Ok(AuditRecord {
        id: r.try_get("id")?,
        at: from_ms(r.try_get("at_ms")?),
        username: r.try_get("username")?,
        role: if role.is_empty() {
            None
        } else {
            Some(parse_enum::<Role>(&role)?)
        },
        action: r.try_get("action")?,
        case_id: r.try_get("case_id")?,
        ip: r.try_get("ip")?,
        device_id: r.try_get("device_id")?,
        detail: r.try_get("detail")?,
    })
}

/// Newest first; `before` pages back by id. Only the entries of `region`'s
/// accounts (a user reads only their own region's cases), and those of a
/// name no account has (a failed login with an invented name names no one
/// in any region). Regression (security review): an admin of one region
/// read every region's case reads, sign-ins with their addresses and the
/// leads' search texts.
pub async fn list_audit(
    db: &Db,
    region: &str,
    case_id: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditRecord>> {
    let sql = "SELECT a.id, a.at_ms, a.username, a.role, a.action, a.case_id, a.ip, a.device_id, a.detail \
               FROM audit_log a LEFT JOIN users u ON u.username = a.username \
               WHERE ($1 IS NULL OR a.case_id = $1) AND a.id < $2 \
               AND (u.region = $4 OR u.username IS NULL) ORDER BY a.id DESC LIMIT $3";
    // `$1 IS NULL` needs a typed parameter on PostgreSQL.
    let sql_pg = sql.replace("$1 IS NULL", "$1::text IS NULL");
    let before = before.unwrap_or(i64::MAX);
    let query = if db.is_postgres() { sql_pg.as_str() } else { sql };
    on_db!(db, pool => fetch_rows!(pool, query, [case_id, before, limit, region], record_from_row))
}
