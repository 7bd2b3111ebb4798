//! `GET /api/v1/events` (pull): the events the caller may see after a
//! cursor, and the cases retention deleted that the caller held.

use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use chrono::Utc;
use samenop_core::wire::PullResponse;
use samenop_core::{CaseId, Event, Role};
use serde::Deserialize;

use super::parse_query;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage;
use crate::storage::writer::{AuditEntry, Seen};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PullQuery {
    since: Option<String>,
    limit: Option<i64>,
    /// Seconds to wait for news when there is none (0 or absent: answer
    /// at once, as before; at most `MAX_WAIT_SECS`).
    wait: Option<u64>,
}

const DEFAULT_PAGE: i64 = 500;
const MAX_PAGE: i64 = 2000;

/// Cursor `"<key>.<seq>"`, `"<key>.<seq>.<notice>"` (the last purge
/// notice sent, issue 14 §4; a cursor of before it starts at notice 0) or,
/// for a shift lead, `"<key>.<seq>.<notice>.<region mark>"` (the region's
/// `region_marks` entry when the page was read, issue 18 §3; 0 before it);
/// opaque to devices. Empty or absent: the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Cursor {
    key: i64,
    seq: i64,
    notice: i64,
    region: i64,
}

fn parse_cursor(s: Option<&str>) -> Result<Cursor, ApiError> {
    let bad = || ApiError::BadRequest("`since` must be a cursor returned by this server".into());
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(Cursor::default());
    };
    let parts = s
        .split('.')
        .map(|p| p.parse::<i64>().ok().filter(|n| *n >= 0))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(bad)?;
    match parts[..] {
        [key, seq] => Ok(Cursor {
            key,
            seq,
            ..Cursor::default()
        }),
        [key, seq, notice] => Ok(Cursor {
            key,
            seq,
            notice,
            region: 0,
        }),
        [key, seq, notice, region] => Ok(Cursor {
            key,
            seq,
            notice,
            region,
        }),
        _ => Err(bad()),
    }
}

/// Purge notices per pull: more wait for the next page.
const NOTICES_PER_PAGE: i64 = 500;

/// Longest `wait` a pull may ask for, in seconds: under the idle timeout
/// of common proxies and load balancers (30–60 s), so a quiet wait is not
/// cut off on the way.
pub const MAX_WAIT_SECS: u64 = 25;

/// A shift lead's waiting pull answers a change of its region (its list
/// changed, not its own cases) no sooner than this after it began: a burst
/// of commits in the region becomes one answer, so the lead's phone asks
/// for its list at most about once a second while the region is busy, and
/// at once when it was quiet.
pub const REGION_SPACING: Duration = Duration::from_secs(1);

/// One page as read, before the audit: rows with the event when the caller
/// may see it, whether more wait, the purge notices, and for a shift lead
/// the region's mark.
struct Page {
    rows: Vec<(storage::pull::PulledEvent, Option<Event>)>,
    more: bool,
    notices: Vec<(i64, String)>,
    region_mark: Option<i64>,
}

impl Page {
    /// Something the caller may see: a waiting pull answers with it.
    fn has_news(&self) -> bool {
        self.more || !self.notices.is_empty() || self.rows.iter().any(|(_, e)| e.is_some())
    }

    /// The lead's region changed since the page of `cursor`.
    fn region_moved(&self, cursor: Cursor) -> bool {
        self.region_mark.is_some_and(|m| m != cursor.region)
    }
}

pub async fn pull(State(state): State<AppState>, user: AuthUser, uri: Uri) -> Result<Json<PullResponse>, ApiError> {
    let q: PullQuery = parse_query(&uri)?;
    let cursor = parse_cursor(q.since.as_deref())?;
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "`limit` must be between 1 and {MAX_PAGE}"
        )));
    }
    let wait = q.wait.unwrap_or(0);
    if wait > MAX_WAIT_SECS {
        return Err(ApiError::BadRequest(format!(
            "`wait` must be between 0 and {MAX_WAIT_SECS} (seconds)"
        )));
    }
    let page = if wait == 0 {
        read_page(&state, &user, cursor, limit).await?
    } else {
        wait_for_page(&state, &user, cursor, limit, Duration::from_secs(wait)).await?
    };
    answer(&state, &user, cursor, page).await
}

/// Reads pages until one has news for the caller, `wait` passes, or the
/// server shuts down; between reads it holds no database connection.
/// Past the bound on waiting pulls it answers at once (`Changes::enter`).
async fn wait_for_page(
    state: &AppState,
    user: &AuthUser,
    cursor: Cursor,
    limit: i64,
    wait: Duration,
) -> Result<Page, ApiError> {
    let Some(_slot) = state.changes.enter(&user.account.username) else {
        return read_page(state, user, cursor, limit).await;
    };
    let started = tokio::time::Instant::now();
    let deadline = started + wait;
    // Subscribed before the first read: a commit after it wakes us.
    let mut changed = state.changes.subscribe(&user.account.region);
    let mut stopping = state.changes.stopping();
    let mut woken = false;
    loop {
        changed.mark_seen();
        if woken {
            // The account may have been disabled or the device revoked
            // meanwhile: the phone learns it now, not at its next request.
            still_signed_in(state, user).await?;
        }
        woken = true;
        let page = read_page(state, user, cursor, limit).await?;
        let now = tokio::time::Instant::now();
        if page.has_news() || *stopping.borrow() || now >= deadline {
            return Ok(page);
        }
        if page.region_moved(cursor) {
            let calm = (started + REGION_SPACING).min(deadline);
            if now >= calm {
                return Ok(page);
            }
            // Read again at `calm`: what the region holds by then, in one answer.
            tokio::select! {
                _ = tokio::time::sleep_until(calm) => {}
                _ = stopping.changed() => {}
            }
            continue;
        }
        // Read after the mark: what it holds now, or later through a push
        // of its own (which wakes it) or a lead's opening (its region).
        if let Some(holding) = holding(user.account.role) {
            let held = storage::pull::held_cases(&state.db, holding, &user.account.username).await?;
            changed.narrow(&user.account.username, held);
        }
        tokio::select! {
            woke = changed.changed() => if woke.is_err() { return Ok(page) },
            _ = stopping.changed() => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

/// How a role holds the cases whose commits wake its waiting pull;
/// `None`: every commit of its region wakes it (each wake reads the page
/// again). Police and VT: the cases they take part in. A shift lead: the
/// whole region, since its pull answers when the region's mark moved
/// (`Page::region_moved`), whichever case a commit wrote in.
fn holding(role: Role) -> Option<storage::pull::Holding> {
    match role {
        Role::Police | Role::VeiligThuis => Some(storage::pull::Holding::Participant),
        Role::ShiftLead | Role::Admin => None,
    }
}

/// The caller's token still holds, checked as the extractor does.
async fn still_signed_in(state: &AppState, user: &AuthUser) -> Result<(), ApiError> {
    let idle = state.settings.session_idle.as_millis() as i64;
    match storage::session_account(&state.db, &user.token_hash, idle).await? {
        storage::TokenState::Live(_) => Ok(()),
        storage::TokenState::Ended(storage::Ended::AccountDisabled) => Err(ApiError::AccountDisabled),
        storage::TokenState::Ended(storage::Ended::DeviceRevoked) => Err(ApiError::DeviceRevoked),
        storage::TokenState::Gone => Err(ApiError::Unauthorized(
            "the token is unknown or has expired: log in again",
        )),
    }
}

/// The caller's page after `cursor`: only reads, no audit.
async fn read_page(state: &AppState, user: &AuthUser, cursor: Cursor, limit: i64) -> Result<Page, ApiError> {
    let after = (cursor.key, cursor.seq);
    let account = &user.account;
    // One row more than asked tells whether more wait.
    let mut rows = match account.role {
        Role::Police | Role::VeiligThuis => {
            storage::pull_participant(&state.db, &account.username, &account.region, after, limit + 1).await?
        }
        // Only the cases the lead opened, not the region's history (issue
        // 14 §4; 004 l.442): the list and board come from `routes::cases`.
        Role::ShiftLead => {
            storage::lead::pull_lead(&state.db, &account.username, &account.region, after, limit + 1).await?
        }
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
    // Cases retention deleted that this account held: the device drops them.
    let mut notices =
        storage::retention::purge_notices(&state.db, &account.username, cursor.notice, NOTICES_PER_PAGE + 1).await?;
    more |= notices.len() as i64 > NOTICES_PER_PAGE;
    notices.truncate(NOTICES_PER_PAGE as usize);
    // A lead's list changes with the region, not only with the cases the
    // lead opened: the mark goes into the cursor, so the lead's phone lists
    // again exactly when it moved (issue 18 §3).
    let region_mark = match account.role {
        Role::ShiftLead => Some(storage::lead::region_mark(&state.db, &account.region).await?),
        _ => None,
    };
    Ok(Page {
        rows: page,
        more,
        notices,
        region_mark,
    })
}

/// Audits what leaves, marks what each participant was given, and answers.
async fn answer(state: &AppState, user: &AuthUser, cursor: Cursor, page: Page) -> Result<Json<PullResponse>, ApiError> {
    let account = &user.account;
    let Page {
        rows: page,
        more,
        notices,
        region_mark,
    } = page;
    let next = page
        .last()
        .map(|(r, _)| (r.key, r.seq))
        .unwrap_or((cursor.key, cursor.seq));
    let notice = notices.last().map_or(cursor.notice, |(id, _)| *id);
    let purged = notices
        .iter()
        .filter_map(|(_, c)| uuid::Uuid::from_str(c).ok().map(CaseId))
        .collect();
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
        // The two-part form while no notice was ever sent, as before.
        next_cursor: match region_mark {
            Some(mark) => format!("{}.{}.{notice}.{mark}", next.0, next.1),
            None if notice == 0 => format!("{}.{}", next.0, next.1),
            None => format!("{}.{}.{notice}", next.0, next.1),
        },
        purged,
        more,
        received_at,
        server_time: Some(Utc::now()),
        max_offline_hours: Some(state.settings.max_offline_hours),
        device_keep_hours: Some(state.settings.device_keep.hours),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let c = |key, seq, notice, region| Cursor {
            key,
            seq,
            notice,
            region,
        };
        assert_eq!(parse_cursor(None).unwrap(), c(0, 0, 0, 0));
        assert_eq!(parse_cursor(Some("")).unwrap(), c(0, 0, 0, 0));
        assert_eq!(parse_cursor(Some("12.7")).unwrap(), c(12, 7, 0, 0));
        assert_eq!(parse_cursor(Some("12.7.3")).unwrap(), c(12, 7, 3, 0));
        assert_eq!(parse_cursor(Some("12.7.3.9")).unwrap(), c(12, 7, 3, 9));
        assert!(parse_cursor(Some("12")).is_err());
        assert!(parse_cursor(Some("1.2.3.4.5")).is_err());
        assert!(parse_cursor(Some("a.b")).is_err());
        assert!(parse_cursor(Some("-1.0")).is_err());
    }
}
