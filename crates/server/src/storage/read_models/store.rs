//! The statements of a refresh, each over all of a group's cases at once
//! (issue 18 §4): a group touches up to hundreds of cases, and a few
//! statements per case were the main cost of an ingest.

use std::collections::HashMap;

use samenop_core::Event;

use super::{Conn, corrupt};

/// A case's stored events: (seq, event, received ms), in seq order.
pub(super) type Events = Vec<(i64, Event, i64)>;

/// The cases' keys as one bind: a JSON array for SQLite's `json_each`, a
/// text array for PostgreSQL's `ANY`.
fn json_keys(keys: &[String]) -> Result<String, sqlx::Error> {
    serde_json::to_string(keys).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// The region and report time of each of `keys` that exists.
pub(super) async fn cases(conn: &mut Conn<'_>, keys: &[String]) -> Result<HashMap<String, (String, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT case_id, region, reported_at_ms FROM cases WHERE case_id ";
    let rows: Vec<(String, String, i64)> = match conn {
        Conn::Sqlite(c) => {
            sqlx::query_as(&format!("{SQL}IN (SELECT value FROM json_each($1))"))
                .bind(json_keys(keys)?)
                .fetch_all(&mut **c)
                .await?
        }
        Conn::Postgres(c) => {
            sqlx::query_as(&format!("{SQL}= ANY($1)"))
                .bind(keys)
                .fetch_all(&mut **c)
                .await?
        }
    };
    Ok(rows.into_iter().map(|(k, region, ms)| (k, (region, ms))).collect())
}

/// The events of `keys` after `after_seq`, per case.
pub(super) async fn events(
    conn: &mut Conn<'_>,
    keys: &[String],
    after_seq: i64,
) -> Result<HashMap<String, Events>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    const SQL: &str = "SELECT case_id, seq, body, received_at_ms FROM events WHERE seq > $2 AND case_id ";
    const ORDER: &str = " ORDER BY case_id, seq";
    let rows: Vec<(String, i64, Vec<u8>, i64)> = match conn {
        Conn::Sqlite(c) => {
            sqlx::query_as(&format!("{SQL}IN (SELECT value FROM json_each($1)){ORDER}"))
                .bind(json_keys(keys)?)
                .bind(after_seq)
                .fetch_all(&mut **c)
                .await?
        }
        Conn::Postgres(c) => {
            sqlx::query_as(&format!("{SQL}= ANY($1){ORDER}"))
                .bind(keys)
                .bind(after_seq)
                .fetch_all(&mut **c)
                .await?
        }
    };
    let mut out: HashMap<String, Events> = HashMap::new();
    for (key, seq, body, ms) in rows {
        let event = serde_json::from_slice::<Event>(&body).map_err(corrupt)?;
        out.entry(key).or_default().push((seq, event, ms));
    }
    Ok(out)
}

/// Deletes the rows of `keys` from `table` (`board_rows`: written again
/// whole; `read_model_dirty`: the marks of cases just recomputed, or gone).
pub(super) async fn delete_cases(conn: &mut Conn<'_>, table: &str, keys: &[String]) -> Result<(), sqlx::Error> {
    let sql = format!("DELETE FROM {table} WHERE case_id ");
    match conn {
        Conn::Sqlite(c) => {
            sqlx::query(&format!("{sql}IN (SELECT value FROM json_each($1))"))
                .bind(json_keys(keys)?)
                .execute(&mut **c)
                .await?;
        }
        Conn::Postgres(c) => {
            sqlx::query(&format!("{sql}= ANY($1)"))
                .bind(keys)
                .execute(&mut **c)
                .await?;
        }
    }
    Ok(())
}

/// A `case_rows` row, encoded.
pub(super) struct CaseRowOut {
    pub case_key: String,
    pub org: String,
    pub region: String,
    pub reported_at_ms: i64,
    pub last_received_ms: i64,
    pub last_visible_ms: i64,
    pub status: String,
    pub valid_until_ms: Option<i64>,
    pub projection: String,
    /// `evaluation::case_figures`, JSON.
    pub figures: String,
}

/// A `board_rows` row, encoded.
pub(super) struct BoardRowOut {
    pub case_key: String,
    pub org: String,
    pub measure_key: String,
    pub region: String,
    pub last_received_ms: i64,
    pub no_due: i64,
    pub due_ms: i64,
    pub item: String,
}

/// Rows per INSERT: 10 binds each at most, well under both databases'
/// limits (SQLite 32766, PostgreSQL 65535).
const INSERT_CHUNK: usize = 500;

/// Upserts case rows, one multi-row statement per chunk.
pub(super) async fn upsert_case_rows(conn: &mut Conn<'_>, rows: &[CaseRowOut]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(INSERT_CHUNK) {
        on_conn!(conn, c => {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO case_rows (case_id, viewer_org, region, reported_at_ms, last_received_ms, \
                 last_visible_ms, status, valid_until_ms, projection, figures) ",
            );
            insert.push_values(chunk, |mut b, r| {
                b.push_bind(r.case_key.as_str())
                    .push_bind(r.org.as_str())
                    .push_bind(r.region.as_str())
                    .push_bind(r.reported_at_ms)
                    .push_bind(r.last_received_ms)
                    .push_bind(r.last_visible_ms)
                    .push_bind(r.status.as_str())
                    .push_bind(r.valid_until_ms)
                    .push_bind(r.projection.as_str())
                    .push_bind(r.figures.as_str());
            });
            insert.push(
                " ON CONFLICT (case_id, viewer_org) DO UPDATE SET region = excluded.region, \
                 reported_at_ms = excluded.reported_at_ms, last_received_ms = excluded.last_received_ms, \
                 last_visible_ms = excluded.last_visible_ms, status = excluded.status, \
                 valid_until_ms = excluded.valid_until_ms, projection = excluded.projection, \
                 figures = excluded.figures",
            );
            insert.build().execute(&mut **c).await.map(drop)?
        });
    }
    Ok(())
}

/// Inserts board rows, one multi-row statement per chunk.
pub(super) async fn insert_board_rows(conn: &mut Conn<'_>, rows: &[BoardRowOut]) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(INSERT_CHUNK) {
        on_conn!(conn, c => {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO board_rows (case_id, viewer_org, measure_id, region, last_received_ms, no_due, due_ms, item) ",
            );
            insert.push_values(chunk, |mut b, r| {
                b.push_bind(r.case_key.as_str())
                    .push_bind(r.org.as_str())
                    .push_bind(r.measure_key.as_str())
                    .push_bind(r.region.as_str())
                    .push_bind(r.last_received_ms)
                    .push_bind(r.no_due)
                    .push_bind(r.due_ms)
                    .push_bind(r.item.as_str());
            });
            insert.build().execute(&mut **c).await.map(drop)?
        });
    }
    Ok(())
}
