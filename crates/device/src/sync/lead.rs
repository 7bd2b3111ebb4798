//! A shift lead's reads: the list (whole or a page at a time), its counts,
//! the measures board and figures, and opening a case.

use samenop_core::CaseId;
use samenop_core::board::BoardItem;
use samenop_core::evaluation::WeekFigures;
use samenop_core::wire::{CaseListItem, ListCounts};

use super::{SyncError, answer, bounded, client, endpoint, signed_get};

/// A shift lead's list: the region's cases with activity in the lead
/// window, or with `search`, the cases of any age that match it (the
/// server audits the search and every case it lists).
pub async fn lead_cases(server: &str, token: &str, search: Option<&str>) -> Result<Vec<CaseListItem>, SyncError> {
    let mut req = signed_get(server, token, "/api/v1/cases")?;
    if let Some(text) = search {
        req = req.query(&[("search", text)]);
    }
    answer(req.send().await).await
}

/// One page of a shift lead's list (the lead window, no search): up to
/// `limit` rows past `cursor` that fit the chips of `filter`, and the
/// cursor of the next page when there is one.
pub async fn lead_cases_page(
    server: &str,
    token: &str,
    filter: &str,
    limit: u32,
    cursor: Option<&str>,
) -> Result<(Vec<CaseListItem>, Option<String>), SyncError> {
    let mut query = vec![("limit", limit.to_string())];
    if !filter.is_empty() {
        query.push(("filter", filter.to_string()));
    }
    if let Some(c) = cursor {
        query.push(("cursor", c.to_string()));
    }
    let resp = signed_get(server, token, "/api/v1/cases")?.query(&query).send().await;
    let next = resp
        .as_ref()
        .ok()
        .and_then(|r| r.headers().get("x-next-cursor"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    Ok((answer(resp).await?, next))
}

/// How many cases a shift lead's list holds and how many each chip alone
/// would show, over the whole lead window (counts only).
pub async fn lead_counts(server: &str, token: &str) -> Result<ListCounts, SyncError> {
    answer(signed_get(server, token, "/api/v1/cases/counts")?.send().await).await
}

/// A shift lead's measures board over the lead window.
pub async fn lead_board(server: &str, token: &str) -> Result<Vec<BoardItem>, SyncError> {
    answer(signed_get(server, token, "/api/v1/board")?.send().await).await
}

/// The region's weekly figures (counts only).
pub async fn lead_figures(server: &str, token: &str) -> Result<Vec<WeekFigures>, SyncError> {
    answer(signed_get(server, token, "/api/v1/figures")?.send().await).await
}

/// A shift lead opens a case: from now on this device's pulls carry it
/// (and only the cases the lead opened).
pub async fn lead_open(server: &str, token: &str, case_id: CaseId) -> Result<(), SyncError> {
    let resp = bounded(client()?.post(endpoint(server, &format!("/api/v1/cases/{case_id}/open"))?))
        .bearer_auth(token)
        .send()
        .await;
    match resp {
        Ok(r) if r.status().is_success() => Ok(()),
        other => answer::<serde_json::Value>(other).await.map(drop),
    }
}
