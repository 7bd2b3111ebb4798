//! The pages of events a device pulls: by participation for field users
//! (a shift lead's, by the cases they opened, is in `lead`).

use samenop_core::CaseId;
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

/// How a user holds a case for pulling: taking part in it (from the event
/// they joined at) or, for a shift lead, having opened it (from then on).
#[derive(Debug, Clone, Copy)]
pub enum Holding {
    Participant,
    LeadView,
}

impl Holding {
    /// The table and the column with the event number the holding began at.
    fn source(self) -> (&'static str, &'static str) {
        match self {
            Self::Participant => ("participants", "joined_seq"),
            Self::LeadView => ("lead_views", "opened_seq"),
        }
    }
}

/// The cases `username` holds (`Holding`): those whose commits a waiting
/// pull of theirs must wake for (`changes::Watch::narrow`).
pub async fn held_cases(db: &Db, holding: Holding, username: &str) -> Result<std::collections::HashSet<CaseId>> {
    let (table, _) = holding.source();
    let sql = format!("SELECT case_id FROM {table} WHERE username = $1");
    let keys: Vec<String> = on_db!(db, pool => sqlx::query_scalar(&sql).bind(username).fetch_all(pool).await)?;
    keys.iter().map(|k| super::parse_case_id(k)).collect()
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
    pull_held(db, Holding::Participant, username, region, after, limit).await
}

/// Events of the cases `username` holds (`Holding`), within their region,
/// after cursor `(key, seq)`. A case held later than its first events sorts
/// them at the moment it was taken up, so a cursor that has passed that
/// moment still gets its older history.
pub async fn pull_held(
    db: &Db,
    holding: Holding,
    username: &str,
    region: &str,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<PulledEvent>> {
    let (table, since) = holding.source();
    let k = format!("CASE WHEN e.seq > h.{since} THEN e.seq ELSE h.{since} END");
    let sql = format!(
        "SELECT {k} AS k, e.seq AS seq, e.case_id AS case_id, e.body AS body, e.received_at_ms AS received_at_ms \
         FROM {table} h \
         JOIN cases c ON c.case_id = h.case_id \
         JOIN events e ON e.case_id = h.case_id \
         WHERE h.username = $1 AND c.region = $2 \
           AND ({k} > $3 OR ({k} = $3 AND e.seq > $4)) \
         ORDER BY k, e.seq LIMIT $5"
    );
    on_db!(db, pool => fetch_rows!(pool, &sql, [username, region, after.0, after.1, limit], pulled_from_row))
}
