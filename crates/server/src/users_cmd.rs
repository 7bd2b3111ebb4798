//! `samenop-server users add|disable|enable|set-password|sessions|revoke|
//! revoke-device|totp-enroll|list`: account administration from the command line. A
//! password is read from stdin, never from argv (argv is visible to every
//! user of the machine). Every change is written to the audit log.

use std::io::BufRead;

use samenop_core::VariantArray;
use samenop_core::wire::Account;
use samenop_core::{Organisation, Role};

use crate::auth::{password, totp};
use crate::config::DatabaseConfig;
use crate::storage::{self, AuthAction, AuthAudit, Db, enum_str, parse_enum};

pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub organisation: String,
    pub role: String,
    pub region: String,
}

const MIN_PASSWORD: usize = 10;

async fn open(db: &DatabaseConfig) -> Result<Db, String> {
    if let DatabaseConfig::Sqlite { path } = db {
        storage::files::prepare_sqlite_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let db = Db::connect(db).await.map_err(|e| e.to_string())?;
    storage::migrate::run(&db).await.map_err(|e| e.to_string())?;
    Ok(db)
}

pub async fn add(db: &DatabaseConfig, user: NewUser) -> Result<String, String> {
    let organisation: Organisation = parse_enum(&user.organisation).map_err(|_| {
        format!(
            "unknown organisation {:?}; one of: {}",
            user.organisation,
            Organisation::VARIANTS
                .iter()
                .map(enum_str)
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let role: Role = parse_enum(&user.role).map_err(|_| {
        format!(
            "unknown role {:?}; one of: police, veilig_thuis, shift_lead, admin",
            user.role
        )
    })?;
    if user.username.trim().is_empty() || user.region.trim().is_empty() {
        return Err("username and region must not be empty".into());
    }
    if !role.fits(organisation) {
        // The organisations named come from core's rule, not a second list.
        let fitting: Vec<String> = Organisation::VARIANTS
            .iter()
            .filter(|o| role.fits(**o))
            .map(enum_str)
            .collect();
        return Err(format!(
            "a {} account belongs to {}",
            enum_str(&role),
            fitting.join(" or ")
        ));
    }
    let hash = password_from_stdin()?;
    let account = Account {
        username: user.username.trim().to_string(),
        display_name: user.display_name,
        organisation,
        role,
        region: user.region.trim().to_string(),
    };
    let db = open(db).await?;
    let added = storage::insert_user(&db, &account, &hash)
        .await
        .map_err(|e| e.to_string())?;
    db.close().await;
    if added {
        Ok(format!("added {}", account.username))
    } else {
        Err(format!("user {} already exists", account.username))
    }
}

/// The first line of stdin, checked and hashed.
fn password_from_stdin() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from stdin: {e}"))?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if pw.chars().count() < MIN_PASSWORD {
        return Err(format!(
            "the password (first line of stdin) must have at least {MIN_PASSWORD} characters"
        ));
    }
    password::hash(&pw)
}

/// The account `username`, or an error naming it.
async fn existing(db: &Db, username: &str) -> Result<Account, String> {
    storage::user_for_login(db, username)
        .await
        .map_err(|e| e.to_string())?
        .map(|u| u.account)
        .ok_or_else(|| format!("no user {username}"))
}

/// Writes an auth event done from the command line (no IP).
async fn audit(db: &Db, account: &Account, action: AuthAction, device_id: Option<&str>) -> Result<(), String> {
    storage::insert_auth_audit(
        db,
        &AuthAudit {
            username: &account.username,
            role: Some(account.role),
            action,
            ip: None,
            device_id: device_id.map(str::to_string),
        },
    )
    .await
    .map_err(|e| e.to_string())
}

/// The shape of every change to an existing account: open the database,
/// find the account, make `change`, audit it as `action` (naming `device`
/// where the change is about one) and close; returns what `change` did.
async fn audited_change<T>(
    db: &DatabaseConfig,
    username: &str,
    action: AuthAction,
    device: Option<&str>,
    change: impl AsyncFnOnce(&Db) -> storage::Result<T>,
) -> Result<T, String> {
    let db = open(db).await?;
    let account = existing(&db, username).await?;
    let done = change(&db).await.map_err(|e| e.to_string())?;
    audit(&db, &account, action, device).await?;
    db.close().await;
    Ok(done)
}

pub async fn disable(db: &DatabaseConfig, username: &str) -> Result<String, String> {
    set_disabled(db, username, true).await
}

pub async fn enable(db: &DatabaseConfig, username: &str) -> Result<String, String> {
    set_disabled(db, username, false).await
}

async fn set_disabled(db: &DatabaseConfig, username: &str, disabled: bool) -> Result<String, String> {
    let action = if disabled {
        AuthAction::AccountDisabled
    } else {
        AuthAction::AccountEnabled
    };
    audited_change(db, username, action, None, async |db| {
        storage::set_disabled(db, username, disabled).await
    })
    .await?;
    Ok(if disabled {
        format!("disabled {username}; its sessions have ended")
    } else {
        format!("enabled {username}")
    })
}

/// A new password from stdin; every session of the account ends.
pub async fn set_password(db: &DatabaseConfig, username: &str) -> Result<String, String> {
    let hash = password_from_stdin()?;
    audited_change(db, username, AuthAction::PasswordSet, None, async |db| {
        storage::set_password(db, username, &hash).await
    })
    .await?;
    Ok(format!("new password for {username}; its sessions have ended"))
}

/// The live sessions of `username`: device, created, last used, expires.
pub async fn sessions(db: &DatabaseConfig, username: &str) -> Result<String, String> {
    let db = open(db).await?;
    existing(&db, username).await?;
    let sessions = storage::list_sessions(&db, username).await.map_err(|e| e.to_string())?;
    db.close().await;
    let mut out = format!(
        "{:<38} {:<20} {:<20} {}\n",
        "device", "created (UTC)", "last used (UTC)", "expires (UTC)"
    );
    let t = |d: chrono::DateTime<chrono::Utc>| d.format("%Y-%m-%d %H:%M:%S").to_string();
    for s in sessions {
        out.push_str(&format!(
            "{:<38} {:<20} {:<20} {}\n",
            s.device_id.as_deref().unwrap_or("(none yet)"),
            t(s.created_at),
            t(s.last_used),
            t(s.expires_at)
        ));
    }
    Ok(out)
}

/// Ends the sessions of `username` on `device` (all when `None`).
pub async fn revoke(db: &DatabaseConfig, username: &str, device: Option<&str>) -> Result<String, String> {
    let n = audited_change(db, username, AuthAction::SessionRevoked, device, async |db| {
        storage::revoke_sessions(db, username, device).await
    })
    .await?;
    Ok(format!("ended {n} session(s) of {username}"))
}

/// Revokes one device of `username` (a lost or stolen phone): its sessions
/// end, and at its next request it is told so and wipes its vault. Other
/// devices of the account keep working.
pub async fn revoke_device(db: &DatabaseConfig, username: &str, device: &str) -> Result<String, String> {
    let n = audited_change(db, username, AuthAction::DeviceRevoked, Some(device), async |db| {
        storage::revoke_device(db, username, device).await
    })
    .await?;
    Ok(format!(
        "revoked device {device} of {username}: {n} session(s) ended; it wipes itself at its next contact"
    ))
}

/// Enrols `username` for TOTP and prints the secret and `otpauth://` URL
/// (shown once; enrolling again replaces the secret).
pub async fn totp_enroll(db: &DatabaseConfig, username: &str) -> Result<String, String> {
    let secret = totp::new_secret();
    audited_change(db, username, AuthAction::TotpEnrolled, None, async |db| {
        storage::set_totp(db, username, Some(&secret)).await
    })
    .await?;
    Ok(format!(
        "TOTP enrolled for {username}; add it to the authenticator app (shown once):\nsecret: {secret}\nurl:    {}",
        totp::otpauth_url(&secret, username)
    ))
}

pub async fn list(db: &DatabaseConfig) -> Result<String, String> {
    let db = open(db).await?;
    let users = storage::list_users(&db).await.map_err(|e| e.to_string())?;
    db.close().await;
    let mut out = format!(
        "{:<20} {:<14} {:<14} {:<16} {:<9} {}\n",
        "username", "role", "organisation", "region", "status", "totp"
    );
    for (a, disabled, totp) in users {
        // Shift leads and admins see every case of the region: they should
        // have a second factor.
        let needs_totp = matches!(a.role, Role::ShiftLead | Role::Admin);
        out.push_str(&format!(
            "{:<20} {:<14} {:<14} {:<16} {:<9} {}\n",
            a.username,
            enum_str(&a.role),
            enum_str(&a.organisation),
            a.region,
            if disabled { "disabled" } else { "active" },
            match (totp, needs_totp) {
                (true, _) => "yes",
                (false, true) => "MISSING",
                (false, false) => "no",
            }
        ));
    }
    Ok(out)
}
