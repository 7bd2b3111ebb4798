//! The pages of events a device pulls: by participation for field users,
//! by region for shift leads.

use sqlx::Row;

use super::{Db, Result, fetch_rows, on_db};

/// One event in a pull page. `key` orders the page: the event's own seq,
/// or for a case the caller joined later, the seq at which they joined,
/// so the older history of a newly joined case comes after the cursor.
#[derive(Debug)]
pub struct PulledEvent {
    pub key: i64,
    pub seq: i64,
    pub case_id: String,
    pub body: Vec<u8>,
    /// When the server received it (ms): the time it vouches for.
    pub received_at_ms: i64,
}

fn pulled_from_row<R: Row>(r: &R) -> Result<PulledEvent>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Vec<u8>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(PulledEvent {
        key: r.try_get("k")?,
        seq: r.try_get("seq")?,
        case_id: r.try_get("case_id")?,
        body: r.try_get("body")?,
        received_at_ms: r.try_get("received_at_ms")?,
    })
}

/// Events of the cases `username` takes part in, within their region,
/// after cursor `(key, seq)`.
pub async fn pull_participant(
    db: &Db,
    username: &str,
    region: &str,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<PulledEvent>> {
    const K: &str = "CASE WHEN e.seq > p.joined_seq THEN e.seq ELSE p.joined_seq END";
    let sql = format!(
        "SELECT {K} AS k, e.seq AS seq, e.case_id AS case_id, e.body AS body, e.received_at_ms AS received_at_ms \
         FROM participants p \
         JOIN cases c ON c.case_id = p.case_id \
         JOIN events e ON e.case_id = p.case_id \
         WHERE p.username = $1 AND c.region = $2 \
           AND ({K} > $3 OR ({K} = $3 AND e.seq > $4)) \
         ORDER BY k, e.seq LIMIT $5"
    );
    on_db!(db, pool => fetch_rows!(pool, &sql, [username, region, after.0, after.1, limit], pulled_from_row))
}

/// Every event of a region after `seq` (shift leads).
pub async fn pull_region(db: &Db, region: &str, after: i64, limit: i64) -> Result<Vec<PulledEvent>> {
    let sql = "SELECT e.seq AS k, e.seq AS seq, e.case_id AS case_id, e.body AS body, \
               e.received_at_ms AS received_at_ms FROM events e JOIN cases c ON c.case_id = e.case_id \
               WHERE c.region = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3";
    on_db!(db, pool => fetch_rows!(pool, sql, [region, after, limit], pulled_from_row))
}
