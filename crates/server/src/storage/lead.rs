//! A shift lead's reach into the region (issue 14 §4; 004 l.442): the
//! cases with activity in the lead window, an explicit search for older
//! ones, and the cases the lead opened (the only ones the lead's device
//! pulls).

use sqlx::Row;

use super::pull::PulledEvent;
use super::{Db, Result, fetch_rows, now_ms, on_db};

/// Which of the region's cases a list or board covers.
#[derive(Debug, Clone)]
pub enum Reach {
    /// Cases with an event received at or after this time (ms).
    ActiveSince(i64),
    /// Cases whose id is `id`, or starts with it, or whose address hint
    /// holds the text (any age): the lead's explicit search.
    Search { text: String },
}

/// `%`, `_` and `\` taken literally in a LIKE pattern (escape `\`).
fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The LIKE patterns of a search: a case id starting with the text, an
/// address hint holding it (both lower case).
pub fn search_patterns(text: &str) -> (String, String) {
    let lower = text.to_lowercase();
    (
        format!("{}%", like_literal(&lower)),
        format!("%{}%", like_literal(&lower)),
    )
}

/// One stored event of a case: its case, body and when the server received it.
pub type CaseEventRow = (String, Vec<u8>, i64);

/// The events of the region's cases in `reach`, reported in
/// `[from_ms, to_ms)`, grouped by case (ordered by case, then seq).
pub async fn reach_case_events(
    db: &Db,
    region: &str,
    reach: &Reach,
    from_ms: i64,
    to_ms: i64,
) -> Result<Vec<CaseEventRow>> {
    const SELECT: &str = "SELECT e.case_id AS case_id, e.body AS body, e.received_at_ms AS received_at_ms FROM events e \
                          JOIN cases c ON c.case_id = e.case_id \
                          WHERE c.region = $1 AND c.reported_at_ms >= $2 AND c.reported_at_ms < $3 ";
    match reach {
        Reach::ActiveSince(since) => {
            let sql = format!("{SELECT} AND c.last_received_ms >= $4 ORDER BY e.case_id, e.seq");
            on_db!(db, pool => fetch_rows!(pool, &sql, [region, from_ms, to_ms, *since], |r| Ok((
                r.try_get("case_id")?,
                r.try_get("body")?,
                r.try_get("received_at_ms")?
            ))))
        }
        Reach::Search { text } => {
            let (prefix, contains) = search_patterns(text);
            let sql = format!(
                "{SELECT} AND (c.case_id LIKE $4 ESCAPE '\\' OR LOWER(c.address_hint) LIKE $5 ESCAPE '\\') \
                 ORDER BY e.case_id, e.seq"
            );
            on_db!(db, pool => fetch_rows!(pool, &sql, [region, from_ms, to_ms, prefix.clone(), contains.clone()], |r| Ok((
                r.try_get("case_id")?,
                r.try_get("body")?,
                r.try_get("received_at_ms")?
            ))))
        }
    }
}

/// The reads that count as a lead's visit of a case: opening it and reading
/// its summary or PDF (`routes::lead::open`, `routes::cases::summary`). A
/// listing is no visit: the list shows flags, not what happened, and the
/// app lists again after every sync round.
pub const VISIT_ACTIONS: [&str; 3] = ["lead_open", "summary", "summary_pdf"];

/// When `username` last visited each case (audit time, ms), by case id.
pub async fn last_visits(db: &Db, username: &str) -> Result<std::collections::HashMap<String, i64>> {
    let sql = format!(
        "SELECT case_id, MAX(at_ms) AS at_ms FROM audit_log \
         WHERE username = $1 AND case_id IS NOT NULL AND action IN ('{}') GROUP BY case_id",
        VISIT_ACTIONS.join("','")
    );
    let rows: Result<Vec<(String, i64)>> = on_db!(db, pool => fetch_rows!(pool, &sql, [username], |r| Ok((
        r.try_get::<String, _>("case_id")?,
        r.try_get::<i64, _>("at_ms")?
    ))));
    Ok(rows?.into_iter().collect())
}

/// Notes that lead `username` opened `case_key`: from now on their pulls
/// carry its events, its older history first. Opening twice changes nothing.
///
/// `opened_seq` orders that older history after the lead's cursor, so it
/// must lie past every key a cursor can already hold, and every event
/// stored later must lie past it: it is one more than the highest seq
/// handed out (`writer::HIGHEST_SEQ_SQL`, which counts lead views too, so
/// the writer's next seq is higher still). It used to be the highest
/// stored seq, which the cursor could sit on, so the history sorted at or
/// before it and was skipped (issue 18 §5). It is read and written under
/// the writer's lock (PostgreSQL; SQLite runs the one statement under its
/// write lock), so no seq at or below it commits afterwards.
pub async fn open_case(db: &Db, case_key: &str, username: &str) -> Result<()> {
    let sql = format!(
        "INSERT INTO lead_views (case_id, username, opened_seq, opened_at_ms) \
         SELECT $1, $2, ({}) + 1, $3 ON CONFLICT (case_id, username) DO NOTHING",
        super::writer::HIGHEST_SEQ_SQL
    );
    let now = now_ms();
    let _turn = super::write_turn(db).await;
    match db {
        Db::Sqlite(pool) => {
            sqlx::query(&sql)
                .bind(case_key)
                .bind(username)
                .bind(now)
                .execute(pool)
                .await?;
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            super::writer::lock_pg_writer(&mut tx).await?;
            sqlx::query(&sql)
                .bind(case_key)
                .bind(username)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Events of the cases lead `username` opened, within their region, after
/// cursor `(key, seq)` (the same paging as `pull_participant`).
pub async fn pull_lead(
    db: &Db,
    username: &str,
    region: &str,
    after: (i64, i64),
    limit: i64,
) -> Result<Vec<PulledEvent>> {
    super::pull::pull_held(db, super::pull::Holding::LeadView, username, region, after, limit).await
}

/// The region's mark (`region_marks`): how often something the lead's list
/// shows changed there; 0 before the first change.
pub async fn region_mark(db: &Db, region: &str) -> Result<i64> {
    let sql = "SELECT mark FROM region_marks WHERE region = $1";
    let mark: Option<i64> = on_db!(db, pool => sqlx::query_scalar(sql).bind(region).fetch_optional(pool).await?);
    Ok(mark.unwrap_or(0))
}
