//! Review for shift leads (`GET /api/v1/cases`, `…/{id}/summary`, its PDF
//! export `…/{id}/summary.pdf`, the measures board `GET /api/v1/board`) and
//! the list of colleagues' cases a field user can join.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use samenop_core::board::BoardItem;
use samenop_core::event::visible_events;
use samenop_core::membership::JoinNeed;
use samenop_core::wire::{CaseFlags, CaseListItem, JoinableCase};
use samenop_core::{CaseId, CaseState, CaseStatus, Event, Label, Lang, OnSceneSummary, Organisation, Role};
use serde::Deserialize;

use super::parse_query;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;
use crate::storage::writer::AuditEntry;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list))
        .route("/cases/joinable", get(joinable))
        .route("/cases/{case_id}/summary", get(summary))
        .route("/cases/{case_id}/summary.pdf", get(summary_pdf))
        .route("/board", get(board))
}

fn require_shift_lead(user: &AuthUser) -> Result<(), ApiError> {
    if user.account.role == Role::ShiftLead {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only shift leads review cases"))
    }
}

/// Audits `user` reading each case; callers do this before the data leaves.
async fn audit_reads(
    state: &AppState,
    user: &AuthUser,
    action: &'static str,
    case_ids: impl IntoIterator<Item = String>,
) -> Result<(), ApiError> {
    let entries = case_ids
        .into_iter()
        .map(|c| AuditEntry::read(&user.account, action, c))
        .collect();
    state.writer.audit(entries).await?;
    Ok(())
}

fn decode(bodies: &[Vec<u8>]) -> Result<Vec<Event>, ApiError> {
    bodies
        .iter()
        .map(|b| serde_json::from_slice::<Event>(b))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    /// Local (Europe/Amsterdam) day the case was reported, `YYYY-MM-DD`.
    day: Option<String>,
    status: Option<CaseStatus>,
}

/// UTC bounds of a local day, `[start, end)`.
fn day_bounds(day: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = Amsterdam.from_local_datetime(&day.and_hms_opt(0, 0, 0)?).earliest()?;
    let next = day.succ_opt()?;
    let end = Amsterdam.from_local_datetime(&next.and_hms_opt(0, 0, 0)?).earliest()?;
    Some((start.with_timezone(&Utc), end.with_timezone(&Utc)))
}

/// `GET /api/v1/cases?day=&status=`: the region's cases, newest first.
pub async fn list(
    State(state): State<AppState>,
    user: AuthUser,
    uri: Uri,
) -> Result<Json<Vec<CaseListItem>>, ApiError> {
    require_shift_lead(&user)?;
    let q: ListQuery = parse_query(&uri)?;
    let (from_ms, to_ms) = match q.day.as_deref() {
        None => (i64::MIN, i64::MAX),
        Some(d) => {
            let day = NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::BadRequest("`day` must be YYYY-MM-DD".into()))?;
            let (from, to) = day_bounds(day).ok_or_else(|| ApiError::BadRequest("`day` is out of range".into()))?;
            (from.timestamp_millis(), to.timestamp_millis())
        }
    };
    let region = &user.account.region;
    let cases = region_cases(&state, region, user.account.organisation, from_ms, to_ms).await?;
    let rejected = storage::cases_with_rejections(&state.db, region).await?;
    let now = Utc::now();
    let mut items = Vec::with_capacity(cases.len());
    for (case_key, case) in &cases {
        let status = case.status(now);
        if q.status.is_some_and(|s| s != status) {
            continue;
        }
        let Some(case_id) = case.case_id else { continue };
        // The same flags the shift lead's app shows (core), plus what only the server knows.
        let lead = samenop_core::board::LeadFlags::of(case, now);
        let flags = CaseFlags {
            children_present: lead.children_present,
            conflicts: lead.conflicts,
            rejected_events: rejected.contains(case_key),
            measures_due: lead.measures_due,
            acute_past_24_hours: lead.acute_past_24_hours,
        };
        items.push(CaseListItem {
            case_id,
            region: region.clone(),
            reported_at: case.opening.as_ref().map(|o| o.reported_at),
            status,
            on_scene: case
                .participants()
                .iter()
                .map(|p| (p.actor.display_name.clone(), p.actor.organisation))
                .collect(),
            flags,
            event_count: case.event_count,
        });
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.reported_at));
    audit_reads(&state, &user, "case_list", items.iter().map(|i| i.case_id.to_string())).await?;
    tracing::info!(cases = items.len(), "case list");
    Ok(Json(items))
}

/// The region's cases reported in `[from_ms, to_ms)`, folded, by stored id,
/// as `viewer`'s organisation may see them: shared items between other
/// organisations are left out (issue 14 §4; 004 l.442, 000 l.353-354).
async fn region_cases(
    state: &AppState,
    region: &str,
    viewer: Organisation,
    from_ms: i64,
    to_ms: i64,
) -> Result<Vec<(String, CaseState)>, ApiError> {
    let rows = storage::region_case_events(&state.db, region, from_ms, to_ms).await?;
    let mut by_case: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for (case_id, body) in rows {
        by_case.entry(case_id).or_default().push(body);
    }
    by_case
        .into_iter()
        .map(|(case_id, bodies)| {
            let events: Vec<Event> = visible_events(decode(&bodies)?, viewer).collect();
            Ok((case_id, CaseState::fold(&events)))
        })
        .collect()
}

/// The on-scene summary of one case of the caller's region, audited as
/// `action` before it is returned. Another region's case, an unknown one and
/// a malformed id are all the same 404.
async fn audited_summary(
    state: &AppState,
    user: &AuthUser,
    case_id: &str,
    action: &'static str,
) -> Result<OnSceneSummary, ApiError> {
    require_shift_lead(user)?;
    let case_id = uuid::Uuid::from_str(case_id)
        .map(CaseId)
        .map_err(|_| ApiError::NotFound)?;
    match storage::case_region(&state.db, &case_id).await? {
        Some(region) if region == user.account.region => {}
        _ => return Err(ApiError::NotFound),
    }
    // Each event with the time the server received it, shown beside the
    // device's time (issue 13 §3).
    let events = storage::case_events_received(&state.db, &case_id)
        .await?
        .into_iter()
        .map(|(body, received_ms)| {
            serde_json::from_slice::<samenop_core::Event>(&body)
                .map(|e| samenop_core::Event {
                    received_at: chrono::DateTime::from_timestamp_millis(received_ms),
                    ..e
                })
                .map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Only what the lead's own organisation may see (issue 14 §4; 004
    // l.442, 000 l.353-354): the PDF is built from this summary too.
    let events: Vec<Event> = visible_events(events, user.account.organisation).collect();
    let case = CaseState::fold(&events);
    let summary = OnSceneSummary::build(&case, Utc::now());
    audit_reads(state, user, action, [case_id.to_string()]).await?;
    tracing::info!(events = events.len(), action, "summary");
    Ok(summary)
}

/// `GET /api/v1/cases/{id}/summary`: the core's on-scene summary.
pub async fn summary(
    State(state): State<AppState>,
    user: AuthUser,
    Path(case_id): Path<String>,
) -> Result<Json<OnSceneSummary>, ApiError> {
    audited_summary(&state, &user, &case_id, "summary").await.map(Json)
}

/// `GET /api/v1/cases/{id}/summary.pdf`: the same summary as a PDF file,
/// stating who recorded each item and for which organisation.
pub async fn summary_pdf(
    State(state): State<AppState>,
    user: AuthUser,
    Path(case_id): Path<String>,
) -> Result<Response, ApiError> {
    let summary = audited_summary(&state, &user, &case_id, "summary_pdf").await?;
    let requested_by = format!(
        "{} ({})",
        user.account.display_name,
        user.account.organisation.label(Lang::Nl)
    );
    let bytes = crate::pdf::summary_pdf(&summary, &requested_by);
    // The file name holds only the case id (a UUID), nothing from the case.
    let name = summary.case_id.map(|c| c.to_string()).unwrap_or_default();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"samenop-{name}.pdf\""))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    // A case file: never kept by a browser or proxy cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `GET /api/v1/board`: the open measures of the caller's region, most
/// urgent first (core's `board`). Every case with a measure on it counts as
/// read and is audited before the board is returned.
pub async fn board(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<BoardItem>>, ApiError> {
    require_shift_lead(&user)?;
    let cases = region_cases(
        &state,
        &user.account.region,
        user.account.organisation,
        i64::MIN,
        i64::MAX,
    )
    .await?;
    let items = samenop_core::board::board(cases.iter().map(|(_, c)| c), Utc::now());
    let read: BTreeSet<String> = items.iter().filter_map(|i| i.case_id).map(|c| c.to_string()).collect();
    audit_reads(&state, &user, "board", read.iter().cloned()).await?;
    tracing::info!(measures = items.len(), cases = read.len(), "board");
    Ok(Json(items))
}

/// `GET /api/v1/cases/joinable`: colleagues' cases in the caller's region,
/// opened within the join window, that the caller is not part of yet and
/// may join (core's `join_need`); another organisation's opener stays
/// unnamed and the address hint is the street only (issue 13).
pub async fn joinable(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<JoinableCase>>, ApiError> {
    let account = &user.account;
    if !account.role.records_on_scene() {
        return Err(ApiError::Forbidden("only police and Veilig Thuis accounts join cases"));
    }
    let now = Utc::now();
    let policy = state.settings.join;
    let since = (now - policy.window).timestamp_millis();
    let me = samenop_core::Actor {
        user_id: account.username.clone(),
        display_name: account.display_name.clone(),
        organisation: account.organisation,
        role: account.role,
    };
    let mut cases = Vec::new();
    if samenop_core::membership::on_scene(account.organisation) {
        for mut c in storage::joinable_cases(&state.db, &account.region, &account.username, since).await? {
            let case = CaseState::fold(&decode(&storage::case_events(&state.db, &c.case_id).await?)?);
            c.reason_required = match case.join_need(&me, now, policy) {
                Ok(JoinNeed::Open) => None,
                Ok(JoinNeed::ReasonRequired(cause)) => Some(cause),
                Ok(JoinNeed::Member) | Err(_) => continue,
            };
            if c.organisation != account.organisation {
                c.opened_by = None;
            }
            c.address_hint = samenop_core::membership::list_address_hint(&c.address_hint);
            cases.push(c);
        }
    }
    audit_reads(
        &state,
        &user,
        "joinable_list",
        cases.iter().map(|c| c.case_id.to_string()),
    )
    .await?;
    Ok(Json(cases))
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
