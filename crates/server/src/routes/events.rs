//! `POST /api/v1/events` (push a batch); the pull of the same path is in
//! `pull`.

use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use samenop_core::event::EventKind;
use samenop_core::wire::Account;
use samenop_core::wire::{PushOutcome, PushRequest, PushResponse, RefusalWords, RejectCode};
use samenop_core::{CaseId, CaseState, Event, EventId, Hlc, Refusal, trusted_time};

use super::StrictJson;
use crate::auth::{AuthUser, ClientIp};
use crate::error::ApiError;
use crate::limits::Limits;
use crate::membership::{Gate, PushRules};
use crate::state::AppState;
use crate::storage::writer::{Caller, NewCase, Prepared};
use crate::storage::{self, Db, enum_str};

pub fn router() -> Router<AppState> {
    Router::new().route("/events", post(push).get(super::pull::pull))
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
    // Where a push's time goes (admission reads vs the writer's commit),
    // on the `push` log line.
    let started = std::time::Instant::now();
    let items = prepare_batch(&state.db, &account, limits, req.events, rules).await?;
    let prepare_us = started.elapsed().as_micros() as u64;
    let caller = Caller {
        username: account.username.clone(),
        region: account.region.clone(),
    };
    let results = state.writer.push(caller, items).await?;
    let write_us = (started.elapsed().as_micros() as u64).saturating_sub(prepare_us);
    crate::membership::audit_late_joins(&state, &account, &late_joins, &results).await?;
    let (mut applied, mut duplicate, mut rejected) = (0usize, 0usize, 0usize);
    for r in &results {
        match r.outcome {
            PushOutcome::Applied => applied += 1,
            PushOutcome::Duplicate => duplicate += 1,
            PushOutcome::Rejected { .. } => rejected += 1,
        }
    }
    tracing::info!(applied, duplicate, rejected, prepare_us, write_us, "push");
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
    /// How far the pusher has seen it; `None`: not a participant.
    seen_seq: Option<i64>,
}

/// The distinct cases of a batch, in first-seen order, with their keys.
fn batch_cases(events: &[Event]) -> (Vec<CaseId>, Vec<String>) {
    let mut seen = HashSet::new();
    let ids: Vec<CaseId> = events.iter().map(|e| e.case_id).filter(|id| seen.insert(*id)).collect();
    let keys = ids.iter().map(ToString::to_string).collect();
    (ids, keys)
}

/// The stored cases of a batch, only those of the caller's region, read in
/// one query: a case of another region is treated exactly as an unknown
/// one, so no answer tells whether it exists (issue 13 §5).
async fn known_cases(
    db: &Db,
    account: &Account,
    ids: &[CaseId],
    keys: &[String],
) -> Result<HashMap<CaseId, Known>, ApiError> {
    let mut facts = storage::cases_facts(db, keys, &account.region, &account.username).await?;
    let mut known = HashMap::with_capacity(ids.len());
    for (id, key) in ids.iter().zip(keys) {
        let k = match facts.remove(key) {
            Some(f) => Known {
                opened: Some(f.opened),
                events: f.event_count,
                seen_seq: f.seen_seq,
            },
            None => Known::default(),
        };
        known.insert(*id, k);
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
    let (ids, keys) = batch_cases(&events);
    let mut known = known_cases(db, account, &ids, &keys).await?;
    // Stored in the caller's region: another region's case counts as not
    // stored, so it answers "unknown case" like one that does not exist.
    let stored: HashSet<CaseId> = known
        .iter()
        .filter(|(_, k)| k.opened.is_some())
        .map(|(id, _)| *id)
        .collect();
    // The stored cases some event's rule needs whole, folded from one read.
    let needs: HashSet<CaseId> = events
        .iter()
        .filter(|e| CaseState::needs_case(&e.kind))
        .map(|e| e.case_id)
        .collect();
    let fold: Vec<String> = ids
        .iter()
        .zip(&keys)
        .filter(|(id, _)| stored.contains(*id) && needs.contains(*id))
        .map(|(_, key)| key.clone())
        .collect();
    let standing = known.iter().map(|(id, k)| (*id, k.seen_seq)).collect();
    let mut gate = Gate::load(db, account, &events, standing, stored, rules).await?;
    let mut bodies = storage::cases_events(db, &fold).await?;
    let mut cases: HashMap<CaseId, CaseState> = HashMap::new();
    // The ids of the events those folds hold: a pushed one among them is a
    // retry (`prepare`).
    let mut held: HashSet<EventId> = HashSet::new();
    for (id, key) in ids.iter().zip(&keys) {
        let Some(stored) = bodies.remove(key) else { continue };
        let stored = stored
            .iter()
            .map(|body| serde_json::from_slice::<Event>(body))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| ApiError::Internal(format!("stored event unreadable: {err}")))?;
        held.extend(stored.iter().map(|e| e.id));
        cases.insert(*id, CaseState::fold(&stored));
    }
    let clock = Clock {
        now_ms: storage::now_ms(),
        tolerance_ms: limits.clock_tolerance_ms(),
        max_case_events: i64::try_from(limits.max_case_events).unwrap_or(i64::MAX),
    };
    events
        .into_iter()
        .map(|e| {
            let retry = held.contains(&e.id);
            let case = cases.entry(e.case_id).or_default();
            let k = known.entry(e.case_id).or_default();
            prepare(account, e, case, k, &clock, &mut gate, retry)
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
/// (`Gate`) and core's admission. `retry`: the stored case this push is
/// judged against already holds an event with this id.
fn prepare(
    account: &Account,
    event: Event,
    case: &mut CaseState,
    known: &mut Known,
    clock: &Clock,
    gate: &mut Gate,
    retry: bool,
) -> Result<Prepared, ApiError> {
    let (id, case_id) = (event.id, event.case_id);
    let refuse = |code, reason: String| Prepared::Refused {
        id,
        case_id,
        code,
        reason,
        words: None,
    };
    // A core rule refused it: its words go along, so the device shows what
    // the app would have said (issue 17 §6); the English line stays for support.
    let refuse_by_core = |code, refusal: Refusal| Prepared::Refused {
        id,
        case_id,
        code,
        reason: refusal.to_string(),
        words: Some(RefusalWords::of(&refusal)),
    };
    // Every text capped and in NFC; what is stored is the tidied event.
    let mut event = match samenop_core::bounds::tidy(event) {
        Ok(e) => e,
        Err(refusal) => return Ok(refuse_by_core(RejectCode::Invalid, refusal)),
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
    // A push sent again after its answer was lost: the event was admitted
    // and stored the first time. Judged again, it would meet a case that
    // already holds it (a retried "maatregel afgesproken" was refused as
    // agreed twice, and the phone listed a stored entry as niet
    // verzonden). It goes to the writer as it is, which answers duplicate,
    // or conflicting content when its bytes differ; nothing new is stored
    // either way, so no rule is passed by.
    if retry {
        event.received_at = None;
        return candidate(event, known);
    }
    if let Err(refusal) = trusted_time::check_event_time(&event, known.opened, clock.now_ms, clock.tolerance_ms) {
        return Ok(refuse_by_core(RejectCode::Invalid, refusal));
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
    // `check_whole_case`: rules on facts some organisations' folds do not
    // hold (the OM contact behind art 9 Wpg information, issue 14).
    let admitted = gate
        .check(&event, case)
        .and_then(|()| case.check_whole_case(&event))
        .and_then(|()| case.admit_and_apply(&event));
    if let Err(refusal) = admitted {
        let code = match refusal {
            Refusal::RoleMayNotRecord
            | Refusal::OrganisationNotOnScene
            | Refusal::JoinReasonRequired(_)
            | Refusal::NotAParticipant
            | Refusal::SupersedesUnseen => RejectCode::Forbidden,
            _ => RejectCode::Invalid,
        };
        return Ok(refuse_by_core(code, refusal));
    }
    gate.admitted(&event);
    event.received_at = None;
    known.events += 1;
    candidate(event, known)
}

/// An event to store, as the writer takes it: the case it opens, if any,
/// and its canonical bytes.
fn candidate(event: Event, known: &mut Known) -> Result<Prepared, ApiError> {
    let (id, case_id) = (event.id, event.case_id);
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
                opened: event.stamp,
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
