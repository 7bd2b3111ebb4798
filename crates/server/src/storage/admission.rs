//! What admission needs from storage beyond the events a rule folds: when
//! a case opened and how many events it holds (issue 13 §3, §5), and the
//! events with the time the server received them (summary, PDF).

use samenop_core::CaseId;

use super::{Db, Result, on_db};

/// A stored case as admission sees it.
#[derive(Debug)]
pub struct CaseFacts {
    /// The canonical bytes of its `CaseOpened` event.
    pub opened_body: Vec<u8>,
    pub event_count: i64,
}

/// The case `case_id` if it is stored in `region`. A case of another region
/// answers `None`, exactly as an unknown one: no answer may tell them apart.
pub async fn case_facts(db: &Db, case_id: &CaseId, region: &str) -> Result<Option<CaseFacts>> {
    let sql = "SELECT e.body, (SELECT COUNT(*) FROM events n WHERE n.case_id = c.case_id) \
               FROM cases c JOIN events e ON e.seq = c.opened_seq \
               WHERE c.case_id = $1 AND c.region = $2";
    on_db!(db, pool => {
        let row: Option<(Vec<u8>, i64)> = sqlx::query_as(sql)
            .bind(case_id.to_string())
            .bind(region)
            .fetch_optional(pool)
            .await?;
        Ok(row.map(|(opened_body, event_count)| CaseFacts { opened_body, event_count }))
    })
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
