//! Retention (issue 14 §4): deleting a case after the convenant's period,
//! and the notices that tell the devices which held it to drop it.

use sqlx::Row;

use super::{Db, Result, fetch_rows, on_db};

/// Cases with no event received since `before_ms`, with their last
/// activity (ms): the only ones a retention run folds.
pub async fn quiet_cases(db: &Db, before_ms: i64) -> Result<Vec<(String, i64)>> {
    // The writer keeps each case's last receipt on its row (migration 0009).
    let sql = "SELECT case_id, last_received_ms AS last_ms FROM cases WHERE last_received_ms < $1";
    on_db!(db, pool => fetch_rows!(pool, sql, [before_ms], |r| Ok((
        r.try_get("case_id")?,
        r.try_get("last_ms")?
    ))))
}

/// Every table with rows of one case, in the order a purge deletes them:
/// the rows that name the case first, the case row last (what the
/// database's checks that a row names a stored case require).
pub const CASE_TABLES: [&str; 8] = [
    "events",
    "participants",
    "lead_views",
    "rejections",
    "case_rows",
    "board_rows",
    "read_model_dirty",
    "cases",
];

/// The statements of `purge_case` on the open transaction `$tx` (written
/// once, compiled for each driver).
macro_rules! purge {
    ($tx:ident, $case_key:expr, $folded_last_ms:expr, $now_ms:expr) => {{
        // The case as the run folded it, or nothing: an event received
        // since (committed between the fold and this transaction, which
        // holds the write turn or the writer's lock) was already answered
        // "applied" to a phone and must not be deleted with it.
        let last: Option<i64> = sqlx::query_scalar("SELECT last_received_ms FROM cases WHERE case_id = $1")
            .bind($case_key)
            .fetch_optional(&mut *$tx)
            .await?;
        if last != Some($folded_last_ms) {
            return Ok(false);
        }
        let max_seq: i64 = sqlx::query_scalar(
            "SELECT MAX(s) FROM (SELECT COALESCE(MAX(seq), 0) AS s FROM events WHERE case_id = $1 \
             UNION ALL SELECT COALESCE(MAX(opened_seq), 0) AS s FROM lead_views WHERE case_id = $1) t",
        )
        .bind($case_key)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "INSERT INTO purge_notices (case_id, username, purged_at_ms) \
             SELECT $1, username, $2 FROM participants WHERE case_id = $1 \
             UNION SELECT $1, username, $2 FROM lead_views WHERE case_id = $1",
        )
        .bind($case_key)
        .bind($now_ms)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("INSERT INTO purged_cases (case_id, max_seq, purged_at_ms) VALUES ($1, $2, $3)")
            .bind($case_key)
            .bind(max_seq)
            .bind($now_ms)
            .execute(&mut *$tx)
            .await?;
        // The region's shift leads list again (`region_marks`).
        sqlx::query(
            "INSERT INTO region_marks (region, mark) SELECT region, 1 FROM cases WHERE case_id = $1 \
             ON CONFLICT (region) DO UPDATE SET mark = region_marks.mark + 1",
        )
        .bind($case_key)
        .execute(&mut *$tx)
        .await?;
        for table in CASE_TABLES {
            sqlx::query(&format!("DELETE FROM {table} WHERE case_id = $1"))
                .bind($case_key)
                .execute(&mut *$tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO audit_log (at_ms, username, role, action, case_id) \
             VALUES ($1, 'retention', '', 'retention_purge', $2)",
        )
        .bind($now_ms)
        .bind($case_key)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Deletes every row that holds the case's content or who took part
/// (events, the case row with its address hint and opener, participants,
/// lead views, refused pushes) in one transaction, and leaves: the case
/// id with the highest seq or lead-view `opened_seq` it held (so no seq is
/// handed out twice, and a lead's next `opened_seq` lies past any cursor
/// key it gave), a notice for each participant and lead who held it, and
/// an audit record naming only the case id. The audit log's earlier reads
/// stay: they say who read which case id, not what it held.
///
/// On PostgreSQL the purge takes the writer's lock (`writer::PG_WRITER_LOCK`)
/// first: it moves the seq floor that every process's group commit reads,
/// and no event of the case commits in between.
///
/// Only when the case's last receipt is still `folded_last_ms`, the one the
/// retention run decided on; `false` when the case moved since (or is
/// gone) and nothing was deleted. Regression (security review): an event
/// accepted between the run's fold and the purge was deleted with the case.
pub async fn purge_case(db: &Db, case_key: &str, folded_last_ms: i64, now_ms: i64) -> Result<bool> {
    let _turn = super::write_turn(db).await;
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            purge!(tx, case_key, folded_last_ms, now_ms);
            tx.commit().await?;
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            super::writer::lock_pg_writer(&mut tx).await?;
            purge!(tx, case_key, folded_last_ms, now_ms);
            tx.commit().await?;
        }
    }
    Ok(true)
}

/// Purge notices for `username` after notice id `after` (the third part
/// of the pull cursor), oldest first.
pub async fn purge_notices(db: &Db, username: &str, after: i64, limit: i64) -> Result<Vec<(i64, String)>> {
    let sql = "SELECT id, case_id FROM purge_notices WHERE username = $1 AND id > $2 ORDER BY id LIMIT $3";
    on_db!(db, pool => fetch_rows!(pool, sql, [username, after, limit], |r| Ok((
        r.try_get("id")?,
        r.try_get("case_id")?
    ))))
}

/// Clears what shift leads searched for (often a street address) from
/// search audits older than `before_ms`: the entry (who searched, when)
/// stays, the text goes with the cases it could name. Regression (security
/// review): retention deleted the cases but kept every search text.
pub async fn forget_search_texts(db: &Db, before_ms: i64) -> Result<u64> {
    let _turn = super::write_turn(db).await;
    on_db!(db, pool => Ok(sqlx::query(
        "UPDATE audit_log SET detail = NULL \
         WHERE action = 'case_search' AND at_ms < $1 AND detail IS NOT NULL",
    )
    .bind(before_ms)
    .execute(pool)
    .await?
    .rows_affected()))
}
