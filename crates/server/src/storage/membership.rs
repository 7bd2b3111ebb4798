//! Reads behind need-to-know membership (issue 13): who wrote the events a
//! push supersedes. Whether the pusher takes part in a case and how far
//! they have seen it is read with the push's other facts
//! (`admission::cases_facts`); writes of `seen_seq` go through the writer
//! (`Tx::mark_seen`).

use std::collections::HashMap;

use sqlx::Row;

use super::{Db, Result, on_db};

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
