//! Pages of the stored rows: the shift lead's list and board, in their
//! orders, after a cursor (`routes::list`).

use samenop_core::Organisation;
use samenop_core::board::BoardItem;
use samenop_core::read_model::CaseProjection;
use sqlx::Row;

use super::board_order;
use crate::storage::lead::Reach;
use crate::storage::{Db, Result, StorageError, enum_str, fetch_rows, on_db};

/// One stored list row.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub case_key: String,
    pub reported_at_ms: i64,
    pub last_visible_ms: i64,
    /// The last event of any organisation (the lead window).
    pub last_received_ms: i64,
    pub projection: CaseProjection,
}

/// Where a list page starts: after the row with this (reported, case id),
/// in list order (newest report first, then case id).
pub type ListAfter = Option<(i64, String)>;

/// Up to `limit` stored rows of the region's cases in `reach`, as `viewer`
/// sees them, reported in `[from_ms, to_ms)`, in list order after `after`.
#[allow(clippy::too_many_arguments)]
pub async fn list_rows(
    db: &Db,
    region: &str,
    viewer: Organisation,
    reach: &Reach,
    (from_ms, to_ms): (i64, i64),
    after: &ListAfter,
    limit: i64,
) -> Result<Vec<CaseRow>> {
    let (after_ms, after_id) = after.clone().unwrap_or((i64::MAX, String::new()));
    let org = enum_str(&viewer);
    let base = "SELECT r.case_id AS case_id, r.reported_at_ms AS reported_at_ms, r.last_visible_ms AS last_visible_ms, \
                r.last_received_ms AS last_received_ms, r.projection AS projection FROM case_rows r JOIN cases c ON c.case_id = r.case_id \
                WHERE r.region = $1 AND r.viewer_org = $2 AND r.reported_at_ms >= $3 AND r.reported_at_ms < $4 \
                AND (r.reported_at_ms < $5 OR (r.reported_at_ms = $5 AND r.case_id > $6))";
    let order = "ORDER BY r.reported_at_ms DESC, r.case_id ASC LIMIT $7";
    let rows: Result<Vec<RowParts>> = match reach {
        Reach::ActiveSince(since) => {
            let sql = format!("{base} AND r.last_received_ms >= $8 {order}");
            on_db!(db, pool => fetch_rows!(pool, &sql, [region, org.clone(), from_ms, to_ms, after_ms, after_id.clone(), limit, *since], row_parts))
        }
        Reach::Search { text } => {
            let (prefix, contains) = crate::storage::lead::search_patterns(text);
            let sql = format!(
                "{base} AND (c.case_id LIKE $8 ESCAPE '\\' OR LOWER(c.address_hint) LIKE $9 ESCAPE '\\') {order}"
            );
            on_db!(db, pool => fetch_rows!(pool, &sql, [region, org.clone(), from_ms, to_ms, after_ms, after_id.clone(), limit, prefix.clone(), contains.clone()], row_parts))
        }
    };
    rows?
        .into_iter()
        .map(|(case_key, reported_at_ms, last_visible_ms, last_received_ms, json)| {
            Ok(CaseRow {
                case_key,
                reported_at_ms,
                last_visible_ms,
                last_received_ms,
                projection: serde_json::from_str(&json).map_err(|e| StorageError::Corrupt(e.to_string()))?,
            })
        })
        .collect()
}

/// (case, reported, last visible, last received, projection JSON).
type RowParts = (String, i64, i64, i64, String);

fn row_parts<R: Row>(r: &R) -> Result<RowParts>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    String: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    i64: for<'a> sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok((
        r.try_get("case_id")?,
        r.try_get("reported_at_ms")?,
        r.try_get("last_visible_ms")?,
        r.try_get("last_received_ms")?,
        r.try_get("projection")?,
    ))
}

/// A board item's place in board order: (no moment, moment ms, case id,
/// measure id).
pub type BoardKey = (i64, i64, String, String);

/// Where a board page starts: after this place, in board order.
pub type BoardAfter = Option<BoardKey>;

/// Up to `limit` board items of the region's cases with an event received
/// since `since_ms`, and every item whose moment to act lies after
/// `since_ms` whatever the case's last activity (a huisverbod's end, a
/// re-assessment owed: a quiet fortnight must not take a coming or fresh
/// moment off the board, 002 l.1095–1106; moments older than the window
/// stay with it, so a region's year does not bury this week's),
/// as `viewer` sees them, in board order after `after`;
/// with a window, only items whose moment lies in `[from_ms, to_ms)`.
/// Each with its case key and its place in the order (for the cursor).
pub async fn board_rows(
    db: &Db,
    region: &str,
    viewer: Organisation,
    since_ms: i64,
    window: Option<(i64, i64)>,
    after: &BoardAfter,
    limit: i64,
) -> Result<Vec<(BoardItem, BoardKey)>> {
    let (a_nd, a_due, a_case, a_measure) = after.clone().unwrap_or((-1, 0, String::new(), String::new()));
    let (from_ms, to_ms, windowed) = match window {
        Some((f, t)) => (f, t, 1_i64),
        None => (i64::MIN, i64::MAX, 0),
    };
    let org = enum_str(&viewer);
    let sql = "SELECT item, no_due, due_ms, case_id, measure_id FROM board_rows \
               WHERE region = $1 AND viewer_org = $2 AND (last_received_ms >= $3 OR (no_due = 0 AND due_ms >= $3)) \
               AND ($4 = 0 OR (no_due = 0 AND due_ms >= $5 AND due_ms < $6)) \
               AND (no_due > $7 OR (no_due = $7 AND (due_ms > $8 OR (due_ms = $8 AND \
               (case_id > $9 OR (case_id = $9 AND measure_id > $10)))))) \
               ORDER BY no_due, due_ms, case_id, measure_id LIMIT $11";
    let rows: Result<Vec<(String, BoardKey)>> = on_db!(db, pool => fetch_rows!(
        pool, sql,
        [region, org.clone(), since_ms, windowed, from_ms, to_ms, a_nd, a_due, a_case.clone(), a_measure.clone(), limit],
        |r| Ok((r.try_get("item")?, (r.try_get("no_due")?, r.try_get("due_ms")?, r.try_get("case_id")?, r.try_get("measure_id")?)))
    ));
    rows?
        .into_iter()
        .map(|(json, key)| {
            let item = serde_json::from_str(&json).map_err(|e| StorageError::Corrupt(e.to_string()))?;
            Ok((item, key))
        })
        .collect()
}

/// Board order as the columns store it, for an item computed in memory.
pub fn board_key(case_key: &str, item: &BoardItem) -> BoardKey {
    let (no_due, due_ms) = board_order(item);
    (no_due, due_ms, case_key.to_string(), item.measure_id.0.to_string())
}
