//! Keeping the read models up to date: which cases lag their events, the
//! idle writer's catch-up chunks, and the rebuild from events (`reindex`,
//! and the `backfill` of a database from before the read models).

use std::collections::BTreeSet;

use sqlx::Row;

use samenop_core::read_model::RULES_VERSION;

use super::super::{Db, Result, fetch_rows, on_db};

/// The region's cases whose stored rows may not hold at `now_ms`: marked
/// as lagging their events, or past their `valid_until`.
pub async fn stale_cases(db: &Db, region: &str, now_ms: i64) -> Result<BTreeSet<String>> {
    let sql = "SELECT case_id FROM case_rows WHERE region = $1 AND valid_until_ms <= $2 \
               UNION SELECT case_id FROM read_model_dirty WHERE region = $1";
    let ids: Result<Vec<String>> =
        on_db!(db, pool => fetch_rows!(pool, sql, [region, now_ms], |r| Ok(r.try_get::<String, _>("case_id")?)));
    Ok(ids?.into_iter().collect())
}

/// Cases per catch-up commit (idle writer, or a reader's lagging cases):
/// small, so a push that arrives meanwhile waits at most one such commit
/// and one commit's events fit in memory whatever the cases' size.
pub const CATCH_UP_CHUNK: i64 = 100;

/// Up to `CATCH_UP_CHUNK` cases marked as lagging, any region.
pub async fn dirty_cases(db: &Db) -> Result<Vec<String>> {
    let sql = "SELECT case_id FROM read_model_dirty ORDER BY case_id LIMIT $1";
    let ids: Result<Vec<String>> =
        on_db!(db, pool => fetch_rows!(pool, sql, [CATCH_UP_CHUNK], |r| Ok(r.try_get::<String, _>("case_id")?)));
    ids
}

/// Every case key, for a reindex.
pub async fn all_cases(db: &Db) -> Result<Vec<String>> {
    on_db!(db, pool => Ok(sqlx::query_scalar("SELECT case_id FROM cases ORDER BY case_id")
        .fetch_all(pool)
        .await?))
}

/// Whether no case has stored rows yet while cases exist (a database from
/// before the read models), a row lacks its figures (from before
/// migration 0007), or the rows were computed under other rules than this
/// server's (`RULES_VERSION`).
pub async fn needs_backfill(db: &Db) -> Result<bool> {
    let sql = "SELECT ((SELECT COUNT(*) FROM cases) > 0 AND NOT EXISTS (SELECT 1 FROM case_rows)) \
               OR EXISTS (SELECT 1 FROM case_rows WHERE figures IS NULL) \
               OR NOT EXISTS (SELECT 1 FROM read_model_rules WHERE version = $1)";
    let missing: bool = on_db!(db, pool => sqlx::query_scalar(sql).bind(RULES_VERSION).fetch_one(pool).await?);
    Ok(missing)
}

/// Notes that every stored row now follows this server's rules.
async fn note_rules(db: &Db) -> Result<()> {
    let sql = "INSERT INTO read_model_rules (id, version) VALUES (1, $1) \
               ON CONFLICT (id) DO UPDATE SET version = excluded.version";
    on_db!(db, pool => sqlx::query(sql).bind(RULES_VERSION).execute(pool).await.map(drop))?;
    Ok(())
}

/// Rows of cases that no longer exist (none unless a purge raced a reindex).
pub async fn delete_orphans(db: &Db) -> Result<()> {
    let _turn = super::super::write_turn(db).await;
    for table in ["case_rows", "board_rows"] {
        let sql = format!("DELETE FROM {table} WHERE case_id NOT IN (SELECT case_id FROM cases)");
        on_db!(db, pool => sqlx::query(&sql).execute(pool).await.map(drop))?;
    }
    Ok(())
}

/// Cases per writer job of a reindex: one commit each, so pushes keep
/// flowing between them on a running server.
const REINDEX_CHUNK: usize = 100;

/// Recomputes the read models of every case from its events, through the
/// writer (its transaction and, on PostgreSQL, its lock); returns how many
/// cases. Rows are overwritten in place, so lists stay whole meanwhile.
pub async fn reindex(db: &Db, writer: &super::super::writer::Writer) -> Result<usize> {
    let cases = all_cases(db).await?;
    for chunk in cases.chunks(REINDEX_CHUNK) {
        writer.refresh_read_models(chunk.to_vec()).await?;
    }
    delete_orphans(db).await?;
    note_rules(db).await?;
    Ok(cases.len())
}

/// On start: a database from before the read models (cases, no rows) is
/// indexed before the server answers, so no list is ever empty by mistake.
pub async fn backfill(db: &Db, writer: &super::super::writer::Writer) -> Result<()> {
    if needs_backfill(db).await? {
        let started = std::time::Instant::now();
        let n = reindex(db, writer).await?;
        tracing::info!(
            cases = n,
            ms = started.elapsed().as_millis() as u64,
            "read models backfilled"
        );
    }
    Ok(())
}
