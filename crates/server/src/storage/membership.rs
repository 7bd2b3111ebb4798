//! Reads behind need-to-know membership (issue 13): whether a user takes
//! part in a case and how far they have seen it, and who wrote the events
//! a push supersedes. Writes of `seen_seq` go through the writer
//! (`Tx::mark_seen`).

use std::collections::HashMap;

use sqlx::Row;

use super::{Db, Result, fetch_by_keys, on_db};

/// Of the cases among `case_keys`, those `username` takes part in, each
/// with how far they have seen it (`seen_seq`), in one query.
pub async fn participants_seen(db: &Db, case_keys: &[String], username: &str) -> Result<HashMap<String, i64>> {
    if case_keys.is_empty() {
        return Ok(HashMap::new());
    }
    // The username is compared here, not in SQL: beside it PostgreSQL could
    // walk the user's index over every case they ever joined (2.4 ms a push
    // in the shared benchmark); the keys alone leave it the primary key.
    let sql = "SELECT case_id, username, seen_seq FROM participants WHERE case_id {keys}";
    let rows: Result<Vec<(String, String, i64)>> = fetch_by_keys!(db, sql, case_keys, [], |r| Ok((
        r.try_get("case_id")?,
        r.try_get("username")?,
        r.try_get("seen_seq")?
    )));
    Ok(rows?
        .into_iter()
        .filter(|(_, u, _)| u == username)
        .map(|(case, _, seen)| (case, seen))
        .collect())
}

/// A stored event as the supersession check needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRef {
    pub case_id: String,
    pub seq: i64,
    pub author: String,
}

/// Ids per query: well under both databases' bind limits.
const CHUNK: usize = 500;

/// The stored events among `ids`, by id; ids not stored are left out.
pub async fn event_refs(db: &Db, ids: &[String]) -> Result<HashMap<String, StoredRef>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        on_db!(db, pool => {
            let mut q = sqlx::QueryBuilder::new("SELECT id, case_id, seq, author FROM events WHERE id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(id);
            }
            list.push_unseparated(")");
            for r in q.build().fetch_all(pool).await? {
                out.insert(
                    r.try_get::<String, _>("id")?,
                    StoredRef {
                        case_id: r.try_get("case_id")?,
                        seq: r.try_get("seq")?,
                        author: r.try_get("author")?,
                    },
                );
            }
        });
    }
    Ok(out)
}
