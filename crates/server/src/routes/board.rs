//! The shift lead's measures board (`GET /api/v1/board`), read from the
//! stored read models a page at a time, like the case list (`list.rs`,
//! whose paging and window helpers it shares).

use std::collections::BTreeSet;

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use chrono::{DateTime, Utc};
use samenop_core::board::BoardItem;
use serde::Deserialize;

use super::cases::{audit_reads, require_shift_lead};
use super::folded::folded_rows;
use super::list::{lead_window, refresh_stale};
use super::paging::{decode_cursor, encode_cursor, page_limit, with_cursor};
use super::parse_query;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::lead::Reach;
use crate::storage::read_models::{self, BoardAfter, stored_view};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoardQuery {
    /// Only measures whose next moment lies at or after this (RFC 3339).
    from: Option<DateTime<Utc>>,
    /// Only measures whose next moment lies before this (RFC 3339).
    to: Option<DateTime<Utc>>,
    limit: Option<u32>,
    cursor: Option<String>,
}

fn board_cursor(after: &(i64, i64, String, String)) -> String {
    encode_cursor(&format!("b|{}|{}|{}|{}", after.0, after.1, after.2, after.3))
}

fn parse_board_cursor(cursor: Option<&str>) -> Result<BoardAfter, ApiError> {
    let Some(c) = cursor else { return Ok(None) };
    let bad = || ApiError::BadRequest("`cursor` is not one of this board".into());
    match decode_cursor(c)?.as_slice() {
        [tag, nd, due, case, measure] if tag == "b" => Ok(Some((
            nd.parse().map_err(|_| bad())?,
            due.parse().map_err(|_| bad())?,
            case.clone(),
            measure.clone(),
        ))),
        _ => Err(bad()),
    }
}

/// `GET /api/v1/board?from=&to=&limit=&cursor=`: the open measures of the
/// caller's region's cases in the lead window, most urgent first (core's
/// `board`); with `from`/`to`, only those whose next moment lies in that
/// window. Every case with a measure on the page counts as read and is
/// audited before the page is returned.
pub async fn board(State(state): State<AppState>, user: AuthUser, uri: Uri) -> Result<Response, ApiError> {
    require_shift_lead(&user)?;
    let q: BoardQuery = parse_query(&uri)?;
    let limit = page_limit(q.limit)?;
    let after = parse_board_cursor(q.cursor.as_deref())?;
    let window = (q.from.is_some() || q.to.is_some()).then(|| {
        (
            q.from.map_or(i64::MIN, |t| t.timestamp_millis()),
            q.to.map_or(i64::MAX, |t| t.timestamp_millis()),
        )
    });
    let region = &user.account.region;
    let org = user.account.organisation;
    let Reach::ActiveSince(since) = lead_window(&state) else {
        return Err(ApiError::Internal("lead window".into()));
    };
    let now = Utc::now();
    let want = limit.map_or(i64::MAX, |l| l as i64 + 1);
    let mut items: Vec<(BoardItem, (i64, i64, String, String))> = if stored_view(org) {
        refresh_stale(&state, region, now).await?;
        read_models::board_rows(&state.db, region, org, since, window, &after, want).await?
    } else {
        let cases = folded_rows(
            &state,
            region,
            org,
            &Reach::ActiveSince(since),
            (i64::MIN, i64::MAX),
            now,
        )
        .await?;
        let mut all: Vec<(BoardItem, (i64, i64, String, String))> = cases
            .iter()
            .flat_map(|c| {
                c.projection
                    .board
                    .iter()
                    .map(|i| (i.clone(), read_models::board_key(&c.case_key, i)))
            })
            .filter(|(_, key)| window.is_none_or(|(f, t)| key.0 == 0 && key.1 >= f && key.1 < t))
            .filter(|(_, key)| after.as_ref().is_none_or(|a| key > a))
            .collect();
        all.sort_by(|a, b| a.1.cmp(&b.1));
        all.truncate(usize::try_from(want).unwrap_or(usize::MAX));
        all
    };
    for (item, _) in &mut items {
        item.overdue = item.next.as_ref().is_some_and(|d| d.due < now);
    }
    let next = match limit {
        Some(l) if items.len() > l => {
            items.truncate(l);
            items.last().map(|(_, key)| board_cursor(key))
        }
        _ => None,
    };
    let items: Vec<BoardItem> = items.into_iter().map(|(i, _)| i).collect();
    let read: BTreeSet<String> = items.iter().filter_map(|i| i.case_id).map(|c| c.to_string()).collect();
    audit_reads(&state, &user, "board", read.iter().cloned()).await?;
    tracing::info!(measures = items.len(), cases = read.len(), "board");
    with_cursor(items, next)
}

#[cfg(test)]
mod tests {
    use super::super::paging::{list_cursor, parse_list_cursor};
    use super::*;

    #[test]
    fn board_cursors_round_trip_and_are_no_list_cursors() {
        let b = (0, 5, "a".to_string(), "b".to_string());
        assert_eq!(parse_board_cursor(Some(&board_cursor(&b))).unwrap(), Some(b.clone()));
        assert!(parse_list_cursor(Some(&board_cursor(&b))).is_err());
        let key = (1, "c".to_string());
        assert!(parse_board_cursor(Some(&list_cursor(&key))).is_err());
    }
}
