//! `samenop-server users add|disable|list`: account administration from
//! the command line. The password is read from stdin, never from argv
//! (argv is visible to every user of the machine).

use std::io::BufRead;

use samenop_core::VariantArray;
use samenop_core::wire::Account;
use samenop_core::{Organisation, Role};

use crate::auth::password;
use crate::config::DatabaseConfig;
use crate::storage::{self, Db, enum_str, parse_enum};

pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub organisation: String,
    pub role: String,
    pub region: String,
}

const MIN_PASSWORD: usize = 10;

async fn open(db: &DatabaseConfig) -> Result<Db, String> {
    if let DatabaseConfig::Sqlite { path } = db
        && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
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
    let hash = password::hash(&pw)?;
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

pub async fn disable(db: &DatabaseConfig, username: &str) -> Result<String, String> {
    let db = open(db).await?;
    let done = storage::set_disabled(&db, username, true)
        .await
        .map_err(|e| e.to_string())?;
    db.close().await;
    if done {
        Ok(format!("disabled {username}; its sessions have ended"))
    } else {
        Err(format!("no user {username}"))
    }
}

pub async fn list(db: &DatabaseConfig) -> Result<String, String> {
    let db = open(db).await?;
    let users = storage::list_users(&db).await.map_err(|e| e.to_string())?;
    db.close().await;
    let mut out = format!(
        "{:<20} {:<14} {:<14} {:<16} {}\n",
        "username", "role", "organisation", "region", "status"
    );
    for (a, disabled) in users {
        out.push_str(&format!(
            "{:<20} {:<14} {:<14} {:<16} {}\n",
            a.username,
            enum_str(&a.role),
            enum_str(&a.organisation),
            a.region,
            if disabled { "disabled" } else { "active" }
        ));
    }
    Ok(out)
}
