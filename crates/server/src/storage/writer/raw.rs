//! The writer's row-by-row statements on SQLite, run directly on the
//! connection of its open transaction.
//!
//! Through sqlx every statement is a hand-off to the connection's worker
//! thread and back, and a multi-row `INSERT` of a new length is parsed
//! and planned again (thousands of parameters); together most of a group
//! commit's time (issue 18 §4, measured with `perf`). Here one prepared
//! single-row statement runs once per row on the calling thread, at
//! SQLite's own speed, inside the same transaction: sqlx locks the
//! connection for us (`lock_handle`) and takes it back after.

use rusqlite::{Connection, params};
use sqlx::SqliteConnection;

use super::tx::{CaseRow, EventRow};

fn to_sqlx(e: rusqlite::Error) -> sqlx::Error {
    sqlx::Error::Protocol(format!("sqlite: {e}"))
}

/// Runs `f` on the transaction's own SQLite connection.
async fn on_connection<R>(
    c: &mut SqliteConnection,
    f: impl FnOnce(&Connection) -> rusqlite::Result<R>,
) -> Result<R, sqlx::Error> {
    let mut locked = c.lock_handle().await?;
    // SAFETY: `lock_handle` gives this task the connection alone (sqlx's
    // worker thread waits until `locked` is dropped). `from_handle` does
    // not own the handle: dropping `conn` finalizes the statements it
    // prepared and leaves the connection, its transaction and its
    // settings as they were. `conn` is dropped before `locked`.
    let conn = unsafe { Connection::from_handle(locked.as_raw_handle().as_ptr()) }.map_err(to_sqlx)?;
    let result = f(&conn).map_err(to_sqlx);
    drop(conn);
    drop(locked);
    result
}

/// Inserts the events, `ON CONFLICT (id) DO NOTHING`; the ids of the rows
/// this call stored (an id stored before, or twice in `rows`, is not).
pub(super) async fn insert_events(
    c: &mut SqliteConnection,
    rows: &[EventRow<'_>],
    now: i64,
) -> Result<Vec<String>, sqlx::Error> {
    on_connection(c, |conn| {
        let mut insert = conn.prepare(
            "INSERT INTO events (seq, id, case_id, author, body, received_at_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
        )?;
        let mut stored = Vec::with_capacity(rows.len());
        for r in rows {
            if insert.execute(params![r.seq, r.id_key, r.case_key, r.author, r.body, now])? == 1 {
                stored.push(r.id_key.to_string());
            }
        }
        Ok(stored)
    })
    .await
}

/// Inserts new cases (their ids are known not to be stored).
pub(super) async fn insert_cases(c: &mut SqliteConnection, rows: &[CaseRow<'_>], now: i64) -> Result<(), sqlx::Error> {
    on_connection(c, |conn| {
        let mut insert = conn.prepare(
            "INSERT INTO cases (case_id, region, opened_seq, created_at_ms, reported_at_ms, source, \
             address_hint, opened_by, opener_name, opener_org, opened_wall_ms, opened_counter, \
             event_count, last_received_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?4)",
        )?;
        for r in rows {
            insert.execute(params![
                r.case_key,
                r.case.region,
                r.opened_seq,
                now,
                r.case.reported_at_ms,
                r.case.source,
                r.case.address_hint,
                r.opened_by,
                r.case.opener_name,
                r.case.opener_org,
                r.case.opened.wall_ms,
                i64::from(r.case.opened.counter),
                r.event_count,
            ])?;
        }
        Ok(())
    })
    .await
}

/// Phase 3 of a group under one lock of the connection (see
/// `Tx::close_group`): new `(case, username, joined_seq)` participants (a
/// pair already stored keeps its row), each case's newly stored events
/// added to its `event_count` with its `last_received_ms` raised to `now`,
/// and `(case, region)` marked as lagging in `read_model_dirty`.
pub(super) async fn close_group(
    c: &mut SqliteConnection,
    participants: &[(&str, &str, i64)],
    counts: &[(&str, i64)],
    lagging: &[(&str, &str)],
    regions: &[&str],
    now: i64,
) -> Result<(), sqlx::Error> {
    on_connection(c, |conn| {
        let mut join = conn.prepare(
            "INSERT INTO participants (case_id, username, joined_seq) VALUES (?1, ?2, ?3) \
             ON CONFLICT (case_id, username) DO NOTHING",
        )?;
        for (case_key, username, seq) in participants {
            join.execute(params![case_key, username, seq])?;
        }
        let mut count = conn.prepare(
            "UPDATE cases SET event_count = event_count + ?2, \
             last_received_ms = MAX(last_received_ms, ?3) WHERE case_id = ?1",
        )?;
        for (case_key, n) in counts {
            count.execute(params![case_key, n, now])?;
        }
        let mut mark = conn.prepare(
            "INSERT INTO read_model_dirty (case_id, region) VALUES (?1, ?2) ON CONFLICT (case_id) DO NOTHING",
        )?;
        for (case_key, region) in lagging {
            mark.execute(params![case_key, region])?;
        }
        let mut raise = conn.prepare(
            "INSERT INTO region_marks (region, mark) VALUES (?1, 1) \
             ON CONFLICT (region) DO UPDATE SET mark = region_marks.mark + 1",
        )?;
        for region in regions {
            raise.execute(params![region])?;
        }
        Ok(())
    })
    .await
}

/// Raises each `(case, username)` participant's `seen_seq` to the seq
/// given, never lowering it (see `Tx::mark_seen`).
pub(super) async fn mark_seen(c: &mut SqliteConnection, rows: &[(&str, &str, i64)]) -> Result<(), sqlx::Error> {
    on_connection(c, |conn| {
        let mut seen = conn
            .prepare("UPDATE participants SET seen_seq = ?3 WHERE case_id = ?1 AND username = ?2 AND seen_seq < ?3")?;
        for (case_key, username, seq) in rows {
            seen.execute(params![case_key, username, seq])?;
        }
        Ok(())
    })
    .await
}

/// `(highest seq handed out, purged cases)`, see `Tx::next_seq`.
pub(super) async fn highest_seq(c: &mut SqliteConnection, sql: &str) -> Result<(i64, i64), sqlx::Error> {
    on_connection(c, |conn| conn.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))).await
}

/// `(key, first column)` of the row `sql` (one `?1` parameter, a primary
/// or unique key: at most one row) returns for each of `keys` found.
pub(super) async fn lookup_each<T: rusqlite::types::FromSql>(
    c: &mut SqliteConnection,
    sql: &str,
    keys: &[String],
) -> Result<Vec<(String, T)>, sqlx::Error> {
    on_connection(c, |conn| {
        let mut select = conn.prepare(sql)?;
        let mut found = Vec::new();
        for key in keys {
            let mut rows = select.query([key])?;
            if let Some(row) = rows.next()? {
                found.push((key.clone(), row.get(0)?));
            }
        }
        Ok(found)
    })
    .await
}
