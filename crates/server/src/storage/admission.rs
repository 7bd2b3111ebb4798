//! What admission needs from storage beyond the events a rule folds: when
//! a case opened and how many events it holds (issue 13 §3, §5), and the
//! events with the time the server received them (summary, PDF).

use std::collections::HashMap;

use samenop_core::CaseId;
use sqlx::Row;

use super::{Db, Result, fetch_by_keys, on_db};

/// A stored case as admission sees it.
#[derive(Debug)]
pub struct CaseFacts {
    /// The canonical bytes of its `CaseOpened` event.
    pub opened_body: Vec<u8>,
    pub event_count: i64,
}

/// The cases among `case_keys` stored in `region`, by key, in one query.
/// A case of another region is left out exactly as an unknown one: no
/// answer may tell them apart.
pub async fn cases_facts(db: &Db, case_keys: &[String], region: &str) -> Result<HashMap<String, CaseFacts>> {
    if case_keys.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = "SELECT c.case_id, e.body, (SELECT COUNT(*) FROM events n WHERE n.case_id = c.case_id) AS event_count \
               FROM cases c JOIN events e ON e.seq = c.opened_seq \
               WHERE c.case_id {keys} AND c.region = $2";
    let rows: Result<Vec<(String, CaseFacts)>> = fetch_by_keys!(db, sql, case_keys, [region], |r| Ok((
        r.try_get("case_id")?,
        CaseFacts {
            opened_body: r.try_get("body")?,
            event_count: r.try_get("event_count")?,
        },
    )));
    Ok(rows?.into_iter().collect())
}

/// The stored events of the cases among `case_keys`, each case's in commit
/// order, in one query (the fold of the cases a push's rules need).
pub async fn cases_events(db: &Db, case_keys: &[String]) -> Result<HashMap<String, Vec<Vec<u8>>>> {
    let mut out: HashMap<String, Vec<Vec<u8>>> = HashMap::new();
    if case_keys.is_empty() {
        return Ok(out);
    }
    let sql = "SELECT case_id, body FROM events WHERE case_id {keys} ORDER BY seq";
    let rows: Result<Vec<(String, Vec<u8>)>> = fetch_by_keys!(db, sql, case_keys, [], |r| Ok((
        r.try_get("case_id")?,
        r.try_get("body")?
    )));
    for (case_key, body) in rows? {
        out.entry(case_key).or_default().push(body);
    }
    Ok(out)
}

/// The events of a case in commit order, each with the time the server
/// received it (milliseconds).
pub async fn case_events_received(db: &Db, case_id: &CaseId) -> Result<Vec<(Vec<u8>, i64)>> {
    on_db!(db, pool => Ok(sqlx::query_as(
        "SELECT body, received_at_ms FROM events WHERE case_id = $1 ORDER BY seq",
    )
    .bind(case_id.to_string())
    .fetch_all(pool)
    .await?))
}
