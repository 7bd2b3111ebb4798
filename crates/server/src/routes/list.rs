//! The shift lead's case list (`GET /api/v1/cases`; the measures board is
//! in `board.rs`), read from the stored read models
//! (`storage::read_models`, issue 18 §1), a page at a time: `limit` and
//! the opaque `cursor` of the `X-Next-Cursor` response header. Without
//! `limit` the whole list comes back, as before paging. A lead of an
//! organisation without stored rows gets the same answer folded on request.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use samenop_core::shift::ListFilter;
use samenop_core::wire::{CaseFlags, CaseListItem, ListCounts};
use samenop_core::{CaseStatus, Organisation};
use serde::Deserialize;

use super::cases::{audit_reads, require_shift_lead};
use super::folded::folded_rows;
use super::paging::{MAX_LIMIT, list_cursor, page_limit, parse_list_cursor, with_cursor};
use super::parse_query;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;
use crate::storage::lead::Reach;
use crate::storage::read_models::{self, CaseRow, ListAfter, stored_view};

/// Stored rows read per round while filters drop some.
const CHUNK: i64 = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    /// Local (Europe/Amsterdam) day the case was reported, `YYYY-MM-DD`.
    day: Option<String>,
    status: Option<CaseStatus>,
    /// A case id (or its start) or part of an address hint: the region's
    /// cases of any age, outside the lead window; audited with the text.
    search: Option<String>,
    /// Filter chips, comma-separated (core `shift::ListChip` names, e.g.
    /// `acute,due_this_shift`): any chosen status, every chosen need.
    filter: Option<String>,
    /// Reported at or after this moment (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Reported before this moment (RFC 3339).
    to: Option<DateTime<Utc>>,
    /// Rows per page (1–500); without it, every row.
    limit: Option<u32>,
    /// `X-Next-Cursor` of the previous page.
    cursor: Option<String>,
}

/// UTC bounds of a local day, `[start, end)`.
pub(super) fn day_bounds(day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = Amsterdam.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).earliest()?;
    let next = day.succ_opt()?;
    let end = Amsterdam.from_local_datetime(&next.and_hms_opt(0, 0, 0)?).earliest()?;
    Some((start.with_timezone(&Utc), end.with_timezone(&Utc)))
}

/// The lead window: cases with an event received in the last
/// `--lead-window-days` (by the server's clock).
pub(super) fn lead_window(state: &AppState) -> Reach {
    let since = samenop_core::retention::lead_window_start(state.settings.clock.now(), state.settings.lead_window_days);
    Reach::ActiveSince(since.timestamp_millis())
}

/// Stored rows whose projection went stale with time are recomputed (by
/// the writer, from their events) before a page is read.
pub(super) async fn refresh_stale(state: &AppState, region: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
    let stale: Vec<String> = read_models::stale_cases(&state.db, region, now.timestamp_millis())
        .await?
        .into_iter()
        .collect();
    if !stale.is_empty() {
        tracing::debug!(cases = stale.len(), "stale read models");
    }
    // A chunk per commit: after a large import the first read finds
    // thousands of lagging cases, and one commit for all of them would
    // hold every one of their events in memory at once.
    for chunk in stale.chunks(read_models::CATCH_UP_CHUNK as usize) {
        state.writer.refresh_read_models(chunk.to_vec()).await?;
    }
    Ok(())
}

/// Reported in `[from, to)` and on the local `day` (`YYYY-MM-DD`), in
/// milliseconds; unbounded where not given.
fn report_window(
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    day: Option<&str>,
) -> Result<(i64, i64), ApiError> {
    let mut window = (
        from.map_or(i64::MIN, |t| t.timestamp_millis()),
        to.map_or(i64::MAX, |t| t.timestamp_millis()),
    );
    if let Some(d) = day {
        let day = NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| ApiError::BadRequest("`day` must be YYYY-MM-DD".into()))?;
        let (from, to) = day_bounds(day).ok_or_else(|| ApiError::BadRequest("`day` is out of range".into()))?;
        window = (
            window.0.max(from.timestamp_millis()),
            window.1.min(to.timestamp_millis()),
        );
    }
    Ok(window)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountsQuery {
    day: Option<String>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
}

/// `GET /api/v1/cases/counts?day=&from=&to=`: the list's chip counts over
/// every case of the lead window (the same rows and flags the list shows,
/// counted by core's `ListFilter::counts`), so the app can page the list
/// and still count every case (issue 18 §2). Counts only: no case leaves,
/// so no case read is audited (as `GET /api/v1/figures`).
pub async fn counts(State(state): State<AppState>, user: AuthUser, uri: Uri) -> Result<Json<ListCounts>, ApiError> {
    require_shift_lead(&user)?;
    let q: CountsQuery = parse_query(&uri)?;
    let window = report_window(q.from, q.to, q.day.as_deref())?;
    let region = &user.account.region;
    let everything = ListFilter::default();
    let reach = lead_window(&state);
    let row = RowContext::load(&state, &user.account, None, &everything, &reach).await?;
    let scope = Scope {
        region,
        org: user.account.organisation,
        reach: &reach,
        window,
    };
    let mut listed: Vec<(CaseStatus, CaseFlags)> = Vec::new();
    let mut valid_until: Option<DateTime<Utc>> = None;
    each_row(&state, &scope, None, i64::from(MAX_LIMIT), Utc::now(), |r| {
        if let Some(item) = row.item(&r) {
            listed.push((item.status, item.flags));
            valid_until = valid_until.into_iter().chain(item.valid_until).min();
        }
        true
    })
    .await?;
    Ok(Json(ListCounts {
        listed: listed.len(),
        chips: ListFilter::counts(listed.iter().map(|(s, f)| (*s, f))),
        valid_until,
    }))
}

/// `GET /api/v1/cases?day=&status=&search=&filter=&from=&to=&limit=&cursor=`:
/// the region's cases with activity in the lead window, newest report
/// first; with `search`, the cases of any age that match it (issue 14 §4;
/// 004 l.442). Each row says what is due this shift and whether events
/// arrived since this lead's last visit (`storage::lead::VISIT_ACTIONS`;
/// never visited counts as changed) (issue 17 §7). The cases of the page
/// are audited as read.
pub async fn list(State(state): State<AppState>, user: AuthUser, uri: Uri) -> Result<Response, ApiError> {
    require_shift_lead(&user)?;
    let q: ListQuery = parse_query(&uri)?;
    let filter = ListFilter::parse(q.filter.as_deref().unwrap_or_default())
        .map_err(|name| ApiError::BadRequest(format!("unknown `filter` chip: {name}")))?;
    let limit = page_limit(q.limit)?;
    let after = parse_list_cursor(q.cursor.as_deref())?;
    let window = report_window(q.from, q.to, q.day.as_deref())?;
    let region = &user.account.region;
    let org = user.account.organisation;
    let reach = match q.search.as_deref() {
        Some(raw) => {
            let text = samenop_core::retention::search_text(raw).ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "`search` needs at least {} characters",
                    samenop_core::retention::MIN_SEARCH_CHARS
                ))
            })?;
            // What was searched is audited before anything is looked up.
            storage::audit::insert_search_audit(&state.db, &user.account.username, user.account.role, &text).await?;
            Reach::Search { text }
        }
        None => lead_window(&state),
    };
    let now = Utc::now();
    // Read before this list is audited (a listing is no visit anyway).
    let row = RowContext::load(&state, &user.account, q.status, &filter, &reach).await?;
    let want = limit.map_or(usize::MAX, |l| l + 1);
    let mut items: Vec<(CaseListItem, (i64, String))> = Vec::new();
    let chunk = CHUNK.max(want.min(MAX_LIMIT as usize + 1) as i64);
    let scope = Scope {
        region,
        org,
        reach: &reach,
        window,
    };
    each_row(&state, &scope, after, chunk, now, |r| {
        if let Some(item) = row.item(&r) {
            items.push((item, (r.reported_at_ms, r.case_key)));
        }
        items.len() < want
    })
    .await?;
    let next = match limit {
        Some(l) if items.len() > l => {
            items.truncate(l);
            items.last().map(|(_, key)| list_cursor(key))
        }
        _ => None,
    };
    let items: Vec<CaseListItem> = items.into_iter().map(|(i, _)| i).collect();
    audit_reads(&state, &user, "case_list", items.iter().map(|i| i.case_id.to_string())).await?;
    tracing::info!(cases = items.len(), "case list");
    with_cursor(items, next)
}

/// Which cases a list or its counts go over.
struct Scope<'a> {
    region: &'a str,
    org: Organisation,
    reach: &'a Reach,
    /// Reported in `[from, to)`, milliseconds.
    window: (i64, i64),
}

/// Hands the rows of `scope` in list order, from past `after` on, to
/// `take` until it answers `false`: the stored read models (brought up to
/// date first) read `chunk` at a time, or for an organisation without
/// stored rows a fold on request.
async fn each_row(
    state: &AppState,
    scope: &Scope<'_>,
    after: ListAfter,
    chunk: i64,
    now: DateTime<Utc>,
    mut take: impl FnMut(CaseRow) -> bool,
) -> Result<(), ApiError> {
    if stored_view(scope.org) {
        refresh_stale(state, scope.region, now).await?;
        let mut cursor = after;
        loop {
            let rows = read_models::list_rows(
                &state.db,
                scope.region,
                scope.org,
                scope.reach,
                scope.window,
                &cursor,
                chunk,
            )
            .await?;
            let exhausted = (rows.len() as i64) < chunk;
            for r in rows {
                cursor = Some((r.reported_at_ms, r.case_key.clone()));
                if !take(r) {
                    return Ok(());
                }
            }
            if exhausted {
                return Ok(());
            }
        }
    }
    for r in folded_rows(state, scope.region, scope.org, scope.reach, scope.window, now).await? {
        let past_cursor =
            |(ms, id): &(i64, String)| r.reported_at_ms < *ms || (r.reported_at_ms == *ms && r.case_key > *id);
        if after.as_ref().is_some_and(|a| !past_cursor(a)) {
            continue;
        }
        if !take(r) {
            break;
        }
    }
    Ok(())
}

/// What turns a stored row into a list row for this lead.
struct RowContext<'a> {
    region: &'a str,
    status: Option<CaseStatus>,
    filter: &'a ListFilter,
    /// Cases an event of the region bounced on.
    rejected: HashSet<String>,
    /// When this lead last visited each case (`storage::lead::VISIT_ACTIONS`).
    visits: HashMap<String, i64>,
    /// The lead window's days; `None` for a search (any age).
    window_days: Option<u32>,
}

impl<'a> RowContext<'a> {
    /// The lead's context for the rows of the list and of its counts.
    async fn load(
        state: &AppState,
        account: &'a samenop_core::wire::Account,
        status: Option<CaseStatus>,
        filter: &'a ListFilter,
        reach: &Reach,
    ) -> Result<Self, ApiError> {
        Ok(Self {
            region: &account.region,
            status,
            filter,
            window_days: matches!(reach, Reach::ActiveSince(_)).then_some(state.settings.lead_window_days),
            rejected: storage::cases_with_rejections(&state.db, &account.region).await?,
            visits: storage::lead::last_visits(&state.db, &account.username).await?,
        })
    }

    /// The list row, or `None` when the filters leave it out.
    fn item(&self, r: &CaseRow) -> Option<CaseListItem> {
        let p = &r.projection;
        if self.status.is_some_and(|s| s != p.status) {
            return None;
        }
        let case_id = p.case_id?;
        // The same flags the shift lead's app shows (core), plus what only the server knows.
        let mut flags = CaseFlags::of(&p.lead, self.rejected.contains(&r.case_key));
        let visit = self.visits.get(&r.case_key).copied();
        flags.changed_since_visit = visit.is_none_or(|at| r.last_visible_ms > at);
        if !self.filter.matches(p.status, &flags) {
            return None;
        }
        Some(CaseListItem {
            case_id,
            region: self.region.to_string(),
            reported_at: p.reported_at,
            status: p.status,
            on_scene: p.on_scene.clone(),
            flags,
            event_count: p.event_count,
            address_hint: p.address_hint.clone(),
            due_this_shift: p.due_this_shift.clone(),
            last_visit: visit.and_then(DateTime::from_timestamp_millis),
            valid_until: self.valid_until(r),
        })
    }

    /// When the row may read differently with no new event: its projection
    /// stops holding, or the case leaves the lead window (its last event
    /// older than the window: it is no longer listed).
    fn valid_until(&self, r: &CaseRow) -> Option<DateTime<Utc>> {
        let leaves = self.window_days.and_then(|days| {
            let last = DateTime::from_timestamp_millis(r.last_received_ms)?;
            Some(samenop_core::retention::lead_window_end(last, days))
        });
        r.projection.valid_until.into_iter().chain(leaves).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summer_day_in_amsterdam_starts_at_22_utc() {
        let (from, to) = day_bounds(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()).unwrap();
        assert_eq!(from.to_rfc3339(), "2026-06-30T22:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-07-01T22:00:00+00:00");
    }
}
