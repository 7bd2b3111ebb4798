//! What admission needs from storage beyond the events a rule folds: when
//! a case opened and how many events it holds (issue 13 §3, §5), and the
//! events with the time the server received them (summary, PDF).

use std::collections::HashMap;

use samenop_core::{CaseId, Hlc};
use sqlx::Row;

use super::{Db, Result, fetch_by_keys, on_db};

/// A stored case as admission sees it, from its row alone: the writer
/// keeps both on the row as it stores the events (migration 0008).
#[derive(Debug)]
pub struct CaseFacts {
    /// The stamp of its `CaseOpened` event.
    pub opened: Hlc,
    pub event_count: i64,
    /// How far the pusher has seen the case (`participants.seen_seq`);
    /// `None`: not a participant.
    pub seen_seq: Option<i64>,
}

/// The cases among `case_keys` stored in `region`, by key, with how far
/// `username` has seen each, in one query (the one read of every push
/// besides the session). A case of another region is left out exactly as
/// an unknown one: no answer may tell them apart.
pub async fn cases_facts(
    db: &Db,
    case_keys: &[String],
    region: &str,
    username: &str,
) -> Result<HashMap<String, CaseFacts>> {
    if case_keys.is_empty() {
        return Ok(HashMap::new());
    }
    // The region is compared here, not in SQL: with `region = $2` beside
    // the keys PostgreSQL (before its statistics caught up with a growing
    // table) walked the region's index and filtered every case of the
    // region, 8 ms a push at 4,000 cases and growing; the keys alone leave
    // it only the primary key (issue 18 §4, found with pg_stat_statements).
    // The participant's row by its whole primary key, once per case (a
    // subquery, not a join: joined, the planner may walk every case the
    // user ever joined through `participants_user`).
    let sql = "SELECT c.case_id, c.region, c.event_count, c.opened_wall_ms, c.opened_counter, \
               (SELECT p.seen_seq FROM participants p WHERE p.case_id = c.case_id AND p.username = $2) AS seen_seq \
               FROM cases c WHERE c.case_id {keys}";
    let rows: Result<Vec<(String, String, CaseFacts)>> = fetch_by_keys!(db, sql, case_keys, [username], |r| Ok((
        r.try_get("case_id")?,
        r.try_get("region")?,
        CaseFacts {
            opened: Hlc::new(
                r.try_get("opened_wall_ms")?,
                u32::try_from(r.try_get::<i64, _>("opened_counter")?).unwrap_or(u32::MAX),
            ),
            event_count: r.try_get("event_count")?,
            seen_seq: r.try_get("seen_seq")?,
        },
    )));
    Ok(rows?
        .into_iter()
        .filter(|(_, r, _)| r == region)
        .map(|(key, _, facts)| (key, facts))
        .collect())
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
