//! Read models (issue 18 §1): one row per case and shift-lead organisation
//! (`case_rows`) and one per board item (`board_rows`), holding core's
//! `read_model::CaseProjection`. The writer rewrites the rows of every case
//! a group touched inside the group's transaction (`refresh`), so a list or
//! board is a read of stored rows, never a fold of the region.

use std::collections::{BTreeSet, HashMap};

use chrono::DateTime;
use samenop_core::board::BoardItem;
use samenop_core::evaluation::{WeekFigures, case_figures};
use samenop_core::read_model::CaseProjection;
use samenop_core::{CaseState, Event, Organisation};
use sqlx::{PgConnection, Row, SqliteConnection};

mod pages;

pub use pages::{BoardAfter, BoardKey, CaseRow, ListAfter, board_key, board_rows, list_rows};

use super::{Db, Result, enum_str, fetch_rows, on_db};

/// The organisations whose view of each case is stored. A shift lead of
/// another organisation gets a list folded on request
/// (`routes::cases`), as before the read models.
pub const STORED_VIEWS: [Organisation; 2] = [Organisation::Police, Organisation::VeiligThuis];

pub fn stored_view(org: Organisation) -> bool {
    STORED_VIEWS.contains(&org)
}

/// The connection of an open transaction, whichever database.
pub enum Conn<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            Conn::Sqlite($c) => $body,
            Conn::Postgres($c) => $body,
        }
    };
}

mod store;
mod upkeep;

pub use upkeep::{
    CATCH_UP_CHUNK, all_cases, backfill, delete_orphans, dirty_cases, needs_backfill, reindex, stale_cases,
};

fn corrupt(e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("stored event unreadable: {e}").into())
}

/// The writer's folds of the cases it wrote in lately, one per stored
/// view, so a group folds only its new events (`CaseState::extended`). It
/// lives in the writer's cache, which is dropped when a commit fails.
#[derive(Default)]
pub struct FoldCache {
    cases: HashMap<String, CachedFold>,
}

/// Cases whose folds are kept, so the next refresh of a case folds only
/// its new events; past it one fold is dropped at random (a `HashMap`'s
/// order), not the whole cache. Small: since pushes only mark cases as
/// lagging, refreshes come a chunk at a time (`CATCH_UP_CHUNK`), and a fold
/// of a busy case holds every event: 1,024 of them took the server past
/// 300 MiB after a region's year was imported, 256 to 119 MiB.
const MAX_FOLDS: usize = 64;

struct CachedFold {
    last_seq: i64,
    last_received_ms: i64,
    /// Per stored view (`STORED_VIEWS` order).
    last_visible_ms: [i64; 2],
    states: Views,
}

/// The folds of the stored views: one while every event is visible to
/// every stored view (most cases), else one each.
enum Views {
    Same(Box<CaseState>),
    PerView(Box<[CaseState; 2]>),
}

impl FoldCache {
    /// Drops a case's fold: its next refresh folds every event again.
    pub fn forget(&mut self, case_key: &str) {
        self.cases.remove(case_key);
    }

    /// Drops every fold: after a purge, a purged case's fold must not stay
    /// in memory, nor grow on under an opening that reuses its id.
    pub fn clear(&mut self) {
        self.cases.clear();
    }
}

/// Recomputes and stores the rows of `case_keys` as of `now_ms`: core folds
/// each case's events as each stored organisation may see them (only the
/// new ones onto a cached fold when they order after it). Runs in the
/// caller's transaction (the writer's group), a few statements for all the
/// cases together (`store`).
pub async fn refresh(
    conn: &mut Conn<'_>,
    cache: &mut FoldCache,
    case_keys: &BTreeSet<String>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    if case_keys.is_empty() {
        return Ok(());
    }
    let now = DateTime::from_timestamp_millis(now_ms).unwrap_or_default();
    let keys: Vec<String> = case_keys.iter().cloned().collect();
    // Up to date from here on (a case that no longer exists too).
    store::delete_cases(conn, "read_model_dirty", &keys).await?;
    let cases = store::cases(conn, &keys).await?;
    let keys: Vec<String> = keys.into_iter().filter(|k| cases.contains_key(k)).collect();
    let mut cached = HashMap::new();
    let mut uncached = Vec::new();
    for key in case_keys {
        match cache.cases.remove(key) {
            Some(fold) if cases.contains_key(key) => {
                cached.insert(key.clone(), fold);
            }
            Some(_) => {}
            None if cases.contains_key(key) => uncached.push(key.clone()),
            None => {}
        }
    }
    let mut folds = HashMap::with_capacity(keys.len());
    for (key, all) in store::events(conn, &uncached, 0).await? {
        folds.insert(key, fold_all(&all));
    }
    // Cached cases: their events after the oldest of their folds, each
    // then cut to those after its own fold.
    let cached_keys: Vec<String> = cached.keys().cloned().collect();
    let after = cached.values().map(|c| c.last_seq).min().unwrap_or(0);
    let mut new = store::events(conn, &cached_keys, after).await?;
    let mut refold = Vec::new();
    for (key, fold) in cached {
        let last_seq = fold.last_seq;
        let mut events = new.remove(&key).unwrap_or_default();
        events.retain(|(seq, _, _)| *seq > last_seq);
        match extend(fold, &events) {
            Some(f) => {
                folds.insert(key, f);
            }
            None => refold.push(key),
        }
    }
    for (key, all) in store::events(conn, &refold, 0).await? {
        folds.insert(key, fold_all(&all));
    }
    store::delete_cases(conn, "board_rows", &keys).await?;
    let mut case_rows = Vec::with_capacity(keys.len() * STORED_VIEWS.len());
    let mut board = Vec::new();
    for key in &keys {
        // A case without events (never expected) folds as nothing, as before.
        let fold = folds.remove(key).unwrap_or_else(|| fold_all(&[]));
        let (region, reported_at_ms) = &cases[key];
        let views = match &fold.states {
            Views::Same(s) => {
                let v = View::of(s, now);
                [v.clone(), v]
            }
            Views::PerView(states) => [View::of(&states[0], now), View::of(&states[1], now)],
        };
        for (i, (org, view)) in STORED_VIEWS.into_iter().zip(views).enumerate() {
            let row = StoredRow {
                org,
                region,
                reported_at_ms: *reported_at_ms,
                last_received_ms: fold.last_received_ms,
                last_visible_ms: fold.last_visible_ms[i],
                projection: &view.projection,
                figures: &view.figures,
            };
            encode_rows(key, &row, &mut case_rows, &mut board)?;
        }
        if cache.cases.len() >= MAX_FOLDS
            && let Some(evicted) = cache.cases.keys().next().cloned()
        {
            cache.cases.remove(&evicted);
        }
        cache.cases.insert(key.clone(), fold);
    }
    store::upsert_case_rows(conn, &case_rows).await?;
    store::insert_board_rows(conn, &board).await
}

/// `cached` with `new` events folded in, or `None` when one of them orders
/// before what it folded.
fn extend(cached: CachedFold, new: &[(i64, Event, i64)]) -> Option<CachedFold> {
    let mut out = cached;
    let all_visible = new
        .iter()
        .all(|(_, e, _)| STORED_VIEWS.iter().all(|o| e.visible_to(*o)));
    out.states = match out.states {
        Views::Same(s) if all_visible => Views::Same(Box::new(s.extended(new.iter().map(|(_, e, _)| e))?)),
        Views::Same(s) => Views::PerView(Box::new([(*s).clone(), *s])),
        per_view => per_view,
    };
    if let Views::PerView(states) = &mut out.states {
        for (i, org) in STORED_VIEWS.iter().enumerate() {
            let visible = new.iter().filter(|(_, e, _)| e.visible_to(*org)).map(|(_, e, _)| e);
            states[i] = states[i].extended(visible)?;
        }
    }
    for (i, org) in STORED_VIEWS.iter().enumerate() {
        let visible = new.iter().filter(|(_, e, _)| e.visible_to(*org));
        out.last_visible_ms[i] = visible.map(|(_, _, ms)| *ms).fold(out.last_visible_ms[i], i64::max);
    }
    out.last_seq = new.iter().map(|r| r.0).fold(out.last_seq, i64::max);
    out.last_received_ms = new.iter().map(|r| r.2).fold(out.last_received_ms, i64::max);
    Some(out)
}

/// Every event folded again, per stored view.
fn fold_all(all: &[(i64, Event, i64)]) -> CachedFold {
    let events: Vec<&Event> = all.iter().map(|(_, e, _)| e).collect();
    // Most cases hold nothing one organisation may not see: one fold then.
    let everything_visible = events.iter().all(|e| STORED_VIEWS.iter().all(|o| e.visible_to(*o)));
    let fold_for = |org: Organisation| {
        let visible: Vec<&Event> = samenop_core::event::visible_events(events.iter().copied(), org).collect();
        CaseState::fold(visible)
    };
    let states = if everything_visible {
        Views::Same(Box::new(CaseState::fold(events.iter().copied())))
    } else {
        Views::PerView(Box::new(STORED_VIEWS.map(fold_for)))
    };
    let last_visible = |org: Organisation| {
        all.iter()
            .filter(|(_, e, _)| e.visible_to(org))
            .map(|r| r.2)
            .max()
            .unwrap_or(i64::MIN)
    };
    CachedFold {
        last_seq: all.iter().map(|r| r.0).max().unwrap_or(0),
        last_received_ms: all.iter().map(|r| r.2).max().unwrap_or(i64::MIN),
        last_visible_ms: STORED_VIEWS.map(last_visible),
        states,
    }
}

/// What one stored view keeps of a case's fold.
#[derive(Clone)]
struct View {
    projection: CaseProjection,
    figures: Option<WeekFigures>,
}

impl View {
    fn of(state: &CaseState, now: DateTime<chrono::Utc>) -> Self {
        Self {
            projection: CaseProjection::of(state, now),
            figures: case_figures(state),
        }
    }
}

struct StoredRow<'a> {
    figures: &'a Option<WeekFigures>,
    org: Organisation,
    region: &'a str,
    reported_at_ms: i64,
    last_received_ms: i64,
    last_visible_ms: i64,
    projection: &'a CaseProjection,
}

/// Board order as columns: with a moment first, by it (`board::board`).
pub(super) fn board_order(item: &BoardItem) -> (i64, i64) {
    match &item.next {
        Some(d) => (0, d.due.timestamp_millis()),
        None => (1, 0),
    }
}

/// A case's rows for one stored view, encoded for `store`.
fn encode_rows(
    case_key: &str,
    row: &StoredRow<'_>,
    case_rows: &mut Vec<store::CaseRowOut>,
    board: &mut Vec<store::BoardRowOut>,
) -> Result<(), sqlx::Error> {
    let p = row.projection;
    let json = serde_json::to_string(p).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let org = enum_str(&row.org);
    for item in &p.board {
        let (no_due, due_ms) = board_order(item);
        board.push(store::BoardRowOut {
            case_key: case_key.to_string(),
            org: org.clone(),
            measure_key: item.measure_id.0.to_string(),
            region: row.region.to_string(),
            last_received_ms: row.last_received_ms,
            no_due,
            due_ms,
            item: serde_json::to_string(item).map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
        });
    }
    case_rows.push(store::CaseRowOut {
        case_key: case_key.to_string(),
        org,
        region: row.region.to_string(),
        reported_at_ms: row.reported_at_ms,
        last_received_ms: row.last_received_ms,
        last_visible_ms: row.last_visible_ms,
        status: enum_str(&p.status),
        // Floored: a reader recomputes at most a millisecond early, never late.
        valid_until_ms: p.valid_until.map(|v| v.timestamp_millis()),
        projection: json,
        figures: serde_json::to_string(row.figures).map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
    });
    Ok(())
}

/// The weekly figures of the region as `org` sees it: the stored parts of
/// its cases summed (`evaluation::sum_weeks`), no fold. Rows a purge or a
/// reindex has not reached yet are skipped, never guessed.
pub async fn figures(db: &Db, region: &str, org: Organisation) -> Result<Vec<WeekFigures>> {
    let sql = "SELECT figures FROM case_rows WHERE region = $1 AND viewer_org = $2 AND figures IS NOT NULL \
               ORDER BY case_id";
    let org = enum_str(&org);
    let parts: Result<Vec<String>> =
        on_db!(db, pool => fetch_rows!(pool, sql, [region, org.as_str()], |r| Ok(r.try_get::<String, _>("figures")?)));
    let mut decoded = Vec::new();
    for json in parts? {
        if let Some(part) = serde_json::from_str::<Option<WeekFigures>>(&json).map_err(corrupt)? {
            decoded.push(part);
        }
    }
    Ok(samenop_core::evaluation::sum_weeks(decoded))
}
