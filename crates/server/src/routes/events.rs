//! `POST /api/v1/events` (push a batch) and `GET /api/v1/events` (pull).

use std::collections::{BTreeSet, HashMap, HashSet};

use axum::extract::State;
use axum::http::Uri;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use samenop_core::event::EventKind;
use samenop_core::wire::Account;
use samenop_core::wire::{PullResponse, PushOutcome, PushRequest, PushResponse, RejectCode};
use samenop_core::{CaseId, CaseState, Event, Hlc, Refusal, Role, trusted_time};
use serde::Deserialize;

use super::{StrictJson, parse_query};
use crate::auth::{AuthUser, ClientIp};
use crate::error::ApiError;
use crate::limits::Limits;
use crate::membership::{Gate, PushRules};
use crate::state::AppState;
use crate::storage::writer::{AuditEntry, Caller, NewCase, Prepared, Seen};
use crate::storage::{self, Db, enum_str};

pub fn router() -> Router<AppState> {
    Router::new().route("/events", post(push).get(pull))
}

pub async fn push(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: AuthUser,
    StrictJson(req): StrictJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    user.check_device(&state.db, req.device_id, ip).await?;
    let account = user.account;
    let rules = PushRules::at(state.settings.join, chrono::Utc::now());
    let late_joins = crate::membership::late_join_ids(&req.events);
    let limits = &state.settings.limits;
    if let Err(wait) = state
        .settings
        .push_rate
        .take(&account.username, std::time::Instant::now())
    {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
        });
    }
    if req.events.len() > limits.max_push_events {
        return Err(ApiError::Unprocessable(format!(
            "at most {} events per push",
            limits.max_push_events
        )));
    }
    let items = prepare_batch(&state.db, &account, limits, req.events, rules).await?;
    let caller = Caller {
        username: account.username.clone(),
        region: account.region.clone(),
    };
    let results = state.writer.push(caller, items).await?;
    crate::membership::audit_late_joins(&state, &account, &late_joins, &results).await?;
    let (mut applied, mut duplicate, mut rejected) = (0usize, 0usize, 0usize);
    for r in &results {
        match r.outcome {
            PushOutcome::Applied => applied += 1,
            PushOutcome::Duplicate => duplicate += 1,
            PushOutcome::Rejected { .. } => rejected += 1,
        }
    }
    tracing::info!(applied, duplicate, rejected, "push");
    Ok(Json(PushResponse {
        results,
        server_time: Some(Utc::now()),
    }))
}

/// What admission knows of a case besides its fold: when it opened and how
/// many events it holds, counting those admitted earlier in the batch.
#[derive(Debug, Default)]
struct Known {
    opened: Option<Hlc>,
    events: i64,
}

/// The stored cases of a batch, only those of the caller's region: a case
/// of another region is treated exactly as an unknown one, so no answer
/// tells whether it exists (issue 13 §5).
async fn known_cases(db: &Db, account: &Account, events: &[Event]) -> Result<HashMap<CaseId, Known>, ApiError> {
    let mut known = HashMap::new();
    for e in events {
        if known.contains_key(&e.case_id) {
            continue;
        }
        let facts = storage::case_facts(db, &e.case_id, &account.region).await?;
        let k = match facts {
            Some(f) => Known {
                opened: Some(
                    serde_json::from_slice::<Event>(&f.opened_body)
                        .map_err(|err| ApiError::Internal(format!("stored event unreadable: {err}")))?
                        .stamp,
                ),
                events: f.event_count,
            },
            None => Known::default(),
        };
        known.insert(e.case_id, k);
    }
    Ok(known)
}

/// Admits a pushed batch with core's rules (`CaseState::admit`, the same
/// function the devices' fold uses). A case is folded from storage only
/// when one of its events depends on what the case holds (core says which);
/// events admitted earlier in the batch count for the later ones.
pub(crate) async fn prepare_batch(
    db: &Db,
    account: &Account,
    limits: &Limits,
    events: Vec<Event>,
    rules: PushRules,
) -> Result<Vec<Prepared>, ApiError> {
    let mut known = known_cases(db, account, &events).await?;
    // Stored in the caller's region: another region's case counts as not
    // stored, so it answers "unknown case" like one that does not exist.
    let stored: HashSet<CaseId> = known
        .iter()
        .filter(|(_, k)| k.opened.is_some())
        .map(|(id, _)| *id)
        .collect();
    let mut gate = Gate::load(db, account, &events, stored, rules).await?;
    let mut cases: HashMap<CaseId, CaseState> = HashMap::new();
    for e in &events {
        let stored = known.get(&e.case_id).is_some_and(|k| k.opened.is_some());
        if stored && CaseState::needs_case(&e.kind) && !cases.contains_key(&e.case_id) {
            let stored = storage::case_events(db, &e.case_id)
                .await?
                .iter()
                .map(|body| serde_json::from_slice::<Event>(body))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|err| ApiError::Internal(format!("stored event unreadable: {err}")))?;
            cases.insert(e.case_id, CaseState::fold(&stored));
        }
    }
    let clock = Clock {
        now_ms: storage::now_ms(),
        tolerance_ms: limits.clock_tolerance_ms(),
        max_case_events: i64::try_from(limits.max_case_events).unwrap_or(i64::MAX),
    };
    events
        .into_iter()
        .map(|e| {
            let case = cases.entry(e.case_id).or_default();
            let k = known.entry(e.case_id).or_default();
            prepare(account, e, case, k, &clock, &mut gate)
        })
        .collect()
}

/// The server's clock and the case cap, for one batch.
struct Clock {
    now_ms: i64,
    tolerance_ms: i64,
    max_case_events: i64,
}

/// Bounds (issue 13 §5), the author, the time (§3), then membership
/// (`Gate`) and core's admission.
fn prepare(
    account: &Account,
    event: Event,
    case: &mut CaseState,
    known: &mut Known,
    clock: &Clock,
    gate: &mut Gate,
) -> Result<Prepared, ApiError> {
    let (id, case_id) = (event.id, event.case_id);
    let refuse = |code, reason: String| Prepared::Refused {
        id,
        case_id,
        code,
        reason,
    };
    // Every text capped and in NFC; what is stored is the tidied event.
    let mut event = match samenop_core::bounds::tidy(event) {
        Ok(e) => e,
        Err(refusal) => return Ok(refuse(RejectCode::Invalid, refusal.to_string())),
    };
    // The name is the session's, whatever the client sent: overwritten, not
    // refused, so an honest device that wrote offline under a name the
    // admin has since changed does not lose its records; a retry is
    // overwritten the same way and stays a duplicate. (An oversize name
    // was refused by the bounds above, naming the field.)
    event.author.display_name.clone_from(&account.display_name);
    let a = &event.author;
    if a.user_id != account.username || a.organisation != account.organisation || a.role != account.role {
        return Ok(refuse(
            RejectCode::AuthorMismatch,
            "the event's author (user_id, organisation, role) must be the logged-in account".into(),
        ));
    }
    if let Err(refusal) = trusted_time::check_event_time(&event, known.opened, clock.now_ms, clock.tolerance_ms) {
        return Ok(refuse(RejectCode::Invalid, refusal.to_string()));
    }
    if known.events >= clock.max_case_events {
        return Ok(refuse(
            RejectCode::Invalid,
            format!("a case holds at most {} events", clock.max_case_events),
        ));
    }
    // Admitted at the time the server vouches for: its own clock is the
    // receipt (a pushed `received_at` is the device's word and is dropped).
    event.received_at = chrono::DateTime::from_timestamp_millis(clock.now_ms);
    // Admitted events count for the later ones of the same push.
    if let Err(refusal) = gate.check(&event, case).and_then(|()| case.admit_and_apply(&event)) {
        let code = match refusal {
            Refusal::RoleMayNotRecord
            | Refusal::OrganisationNotOnScene
            | Refusal::JoinReasonRequired(_)
            | Refusal::NotAParticipant
            | Refusal::SupersedesUnseen => RejectCode::Forbidden,
            _ => RejectCode::Invalid,
        };
        return Ok(refuse(code, refusal.to_string()));
    }
    gate.admitted(&event);
    event.received_at = None;
    known.events += 1;
    let opens = match &event.kind {
        EventKind::CaseOpened {
            reported_at,
            source,
            address_hint,
            region,
        } => {
            known.opened.get_or_insert(event.stamp);
            Some(NewCase {
                region: region.clone(),
                reported_at_ms: reported_at.timestamp_millis(),
                source: enum_str(source),
                address_hint: address_hint.clone(),
                opener_name: event.author.display_name.clone(),
                opener_org: enum_str(&event.author.organisation),
            })
        }
        _ => None,
    };
    // The canonical bytes: what a retry must match exactly.
    let body = serde_json::to_vec(&event).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Prepared::Candidate {
        id,
        case_id,
        opens,
        body,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PullQuery {
    since: Option<String>,
    limit: Option<i64>,
}

const DEFAULT_PAGE: i64 = 500;
const MAX_PAGE: i64 = 2000;

/// Cursor `"<key>.<seq>"`; opaque to devices. Empty or absent: the start.
fn parse_cursor(s: Option<&str>) -> Result<(i64, i64), ApiError> {
    let bad = || ApiError::BadRequest("`since` must be a cursor returned by this server".into());
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok((0, 0)),
        Some(s) => {
            let (k, q) = s.split_once('.').ok_or_else(bad)?;
            let k: i64 = k.parse().map_err(|_| bad())?;
            let q: i64 = q.parse().map_err(|_| bad())?;
            if k < 0 || q < 0 {
                return Err(bad());
            }
            Ok((k, q))
        }
    }
}

pub async fn pull(State(state): State<AppState>, user: AuthUser, uri: Uri) -> Result<Json<PullResponse>, ApiError> {
    let q: PullQuery = parse_query(&uri)?;
    let after = parse_cursor(q.since.as_deref())?;
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "`limit` must be between 1 and {MAX_PAGE}"
        )));
    }
    let account = &user.account;
    // One row more than asked tells whether more wait.
    let mut rows = match account.role {
        Role::Police | Role::VeiligThuis => {
            storage::pull_participant(&state.db, &account.username, &account.region, after, limit + 1).await?
        }
        Role::ShiftLead => storage::pull_region(&state.db, &account.region, after.0.max(after.1), limit + 1).await?,
        // Admins manage accounts and read the audit log, not case files.
        Role::Admin => Vec::new(),
    };
    let mut more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    // Each party sees only what it needs (issue 14 §4; 004 l.442, 000
    // l.353-354): a shared item only reaches the sender's and the
    // receiver's organisation (core's `Event::visible_to`). A hidden row is
    // still passed over: the cursor moves past it, so it is neither sent
    // later nor does it stop the page.
    let mut page = rows
        .into_iter()
        .map(|r| {
            serde_json::from_slice::<Event>(&r.body)
                .map(|e| {
                    let shown = e.visible_to(account.organisation);
                    (r, shown.then_some(e))
                })
                .map_err(|e| ApiError::Internal(format!("stored event unreadable: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Bytes per page, of what is sent: at least one row, so the cursor
    // always moves.
    let max_bytes = state.settings.limits.max_pull_bytes;
    let mut bytes = 0usize;
    if let Some(cut) = page.iter().position(|(r, e)| {
        if e.is_some() {
            bytes += r.body.len();
        }
        bytes > max_bytes
    }) {
        page.truncate(cut.max(1));
        more = true;
    }
    let next = page.last().map(|(r, _)| (r.key, r.seq)).unwrap_or(after);
    let cases: BTreeSet<&str> = page
        .iter()
        .filter(|(_, e)| e.is_some())
        .map(|(r, _)| r.case_id.as_str())
        .collect();
    // What each case's participant was given, for the seen check on push
    // (a hidden row counts as passed: it can never be superseded).
    let mut seen: HashMap<&str, i64> = HashMap::new();
    if account.role.records_on_scene() {
        for (r, _) in &page {
            let s = seen.entry(r.case_id.as_str()).or_default();
            *s = (*s).max(r.seq);
        }
    }
    let seen = seen
        .into_iter()
        .map(|(case_key, seq)| Seen {
            case_key: case_key.to_string(),
            username: account.username.clone(),
            seq,
        })
        .collect();
    // Audited before the data leaves: no audit, no data.
    state
        .writer
        .audit_and_mark_seen(
            cases
                .iter()
                .map(|c| AuditEntry::read(account, "pull", (*c).to_string()))
                .collect(),
            seen,
        )
        .await?;
    let case_count = cases.len();
    let (events, received_at): (Vec<Event>, Vec<_>) = page
        .into_iter()
        .filter_map(|(r, e)| {
            e.map(|e| {
                (
                    e,
                    chrono::DateTime::from_timestamp_millis(r.received_at_ms).unwrap_or_default(),
                )
            })
        })
        .unzip();
    tracing::info!(events = events.len(), cases = case_count, more, "pull");
    Ok(Json(PullResponse {
        events,
        next_cursor: format!("{}.{}", next.0, next.1),
        more,
        received_at,
        server_time: Some(Utc::now()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        assert_eq!(parse_cursor(None).unwrap(), (0, 0));
        assert_eq!(parse_cursor(Some("")).unwrap(), (0, 0));
        assert_eq!(parse_cursor(Some("12.7")).unwrap(), (12, 7));
        assert!(parse_cursor(Some("12")).is_err());
        assert!(parse_cursor(Some("a.b")).is_err());
        assert!(parse_cursor(Some("-1.0")).is_err());
    }
}
