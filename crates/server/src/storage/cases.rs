//! Reads of cases and their events for review, the joinable list and the
//! demo seed.

use std::collections::HashSet;

use samenop_core::event::ReportSource;
use samenop_core::wire::JoinableCase;
use samenop_core::{CaseId, Organisation};
use sqlx::Row;

use super::{Db, Result, fetch_rows, from_ms, on_db, parse_case_id, parse_enum};

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

/// Recent cases of the region that `username` is not (yet) part of, as
/// stored: `routes::cases::joinable` trims them to what the caller may see.
pub async fn joinable_cases(db: &Db, region: &str, username: &str, since_ms: i64) -> Result<Vec<JoinableCase>> {
    let sql = "SELECT c.case_id, c.reported_at_ms, c.source, c.opener_name, c.opener_org, \
               c.address_hint FROM cases c \
               WHERE c.region = $1 AND c.created_at_ms >= $2 AND NOT EXISTS \
               (SELECT 1 FROM participants p WHERE p.case_id = c.case_id AND p.username = $3) \
               ORDER BY c.created_at_ms DESC LIMIT 200";
    on_db!(db, pool => fetch_rows!(pool, sql, [region, since_ms, username], |r| {
        let case_id: String = r.try_get("case_id")?;
        let source: String = r.try_get("source")?;
        let org: String = r.try_get("opener_org")?;
        Ok(JoinableCase {
            case_id: parse_case_id(&case_id)?,
            reported_at: from_ms(r.try_get("reported_at_ms")?),
            source: parse_enum::<ReportSource>(&source)?,
            opened_by: Some(r.try_get("opener_name")?),
            organisation: parse_enum::<Organisation>(&org)?,
            address_hint: r.try_get("address_hint")?,
            reason_required: None,
        })
    }))
}

pub async fn case_count(db: &Db) -> Result<i64> {
    on_db!(db, pool => Ok(sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(pool)
        .await?))
}
