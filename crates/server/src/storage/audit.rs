//! The audit log of case reads, as admins list it (entries are written by
//! the writer, in the same commits as everything else).

use chrono::{DateTime, Utc};
use samenop_core::Role;
use serde::Serialize;
use sqlx::Row;

use super::{Db, Result, fetch_rows, from_ms, on_db, parse_enum};

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
    let query = if db.is_postgres() { sql_pg.as_str() } else { sql };
    on_db!(db, pool => fetch_rows!(pool, query, [case_id, before, limit], |r| {
        let role: String = r.try_get("role")?;
        Ok(AuditRecord {
            id: r.try_get("id")?,
            at: from_ms(r.try_get("at_ms")?),
            username: r.try_get("username")?,
            role: parse_enum::<Role>(&role)?,
            action: r.try_get("action")?,
            case_id: r.try_get("case_id")?,
        })
    }))
}
