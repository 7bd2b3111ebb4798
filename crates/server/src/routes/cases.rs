//! Review for shift leads (`GET /api/v1/cases`, `…/{id}/summary`) and the
//! list of colleagues' cases a field user can join.

use std::collections::BTreeMap;
use std::str::FromStr;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::Uri;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use samenop_core::wire::{CaseFlags, CaseListItem, JoinableCase};
use samenop_core::{Answer, CaseId, CaseState, CaseStatus, Event, OnSceneSummary, Role};
use serde::Deserialize;

use super::parse_query;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::startup::AppState;
use crate::storage::writer::AuditEntry;
use crate::storage::{self, enum_str};

fn require_shift_lead(user: &AuthUser) -> Result<(), ApiError> {
    if user.account.role == Role::ShiftLead {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only shift leads review cases"))
    }
}

fn audit(user: &AuthUser, action: &'static str, case_id: &str) -> AuditEntry {
    AuditEntry {
        username: user.account.username.clone(),
        role: enum_str(&user.account.role),
        action,
        case_id: Some(case_id.to_string()),
    }
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
    let rows = storage::region_case_events(&state.db, region, from_ms, to_ms).await?;
    let rejected = storage::cases_with_rejections(&state.db, region).await?;
    let mut by_case: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for (case_id, body) in rows {
        by_case.entry(case_id).or_default().push(body);
    }
    let now = Utc::now();
    let mut items = Vec::with_capacity(by_case.len());
    for (case_key, bodies) in &by_case {
        let events = decode(bodies)?;
        let case = CaseState::fold(&events);
        let status = case.status(now);
        if q.status.is_some_and(|s| s != status) {
            continue;
        }
        let Some(case_id) = case.case_id else { continue };
        let soon = now + Duration::hours(24);
        let flags = CaseFlags {
            // Unknown counts: "onbekend" must never look safer than "ja".
            children_present: case.children_present() != Answer::No,
            conflicts: !case.conflicts().is_empty(),
            rejected_events: rejected.contains(case_key),
            measures_due: case
                .measures()
                .iter()
                .filter(|m| m.is_open())
                .any(|m| m.deadlines().iter().any(|d| d.due <= soon)),
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
    state
        .writer
        .audit(
            items
                .iter()
                .map(|i| audit(&user, "case_list", &i.case_id.to_string()))
                .collect(),
        )
        .await?;
    tracing::info!(cases = items.len(), "case list");
    Ok(Json(items))
}

/// `GET /api/v1/cases/{id}/summary`: the core's on-scene summary.
pub async fn summary(
    State(state): State<AppState>,
    user: AuthUser,
    Path(case_id): Path<String>,
) -> Result<Json<OnSceneSummary>, ApiError> {
    require_shift_lead(&user)?;
    // A malformed id is as unknown as another region's case.
    let case_id = uuid::Uuid::from_str(&case_id)
        .map(CaseId)
        .map_err(|_| ApiError::NotFound)?;
    match storage::case_region(&state.db, &case_id).await? {
        Some(region) if region == user.account.region => {}
        _ => return Err(ApiError::NotFound),
    }
    let events = decode(&storage::case_events(&state.db, &case_id).await?)?;
    let case = CaseState::fold(&events);
    let summary = OnSceneSummary::build(&case, Utc::now());
    state
        .writer
        .audit(vec![audit(&user, "summary", &case_id.to_string())])
        .await?;
    tracing::info!(events = events.len(), "summary");
    Ok(Json(summary))
}

/// `GET /api/v1/cases/joinable`: colleagues' cases of the last 24 hours in
/// the caller's region that the caller is not part of yet.
pub async fn joinable(State(state): State<AppState>, user: AuthUser) -> Result<Json<Vec<JoinableCase>>, ApiError> {
    if !user.account.role.records_on_scene() {
        return Err(ApiError::Forbidden("only police and Veilig Thuis accounts join cases"));
    }
    let since = (Utc::now() - Duration::hours(24)).timestamp_millis();
    let cases = storage::joinable_cases(&state.db, &user.account.region, &user.account.username, since).await?;
    state
        .writer
        .audit(
            cases
                .iter()
                .map(|c| audit(&user, "joinable_list", &c.case_id.to_string()))
                .collect(),
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
