//! Paging of the shift lead's lists (case list, measures board): a page's
//! `limit`, and the opaque cursor of the next page, sent back in the
//! `X-Next-Cursor` response header (issue 18 §1).

use axum::Json;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::storage::read_models::ListAfter;

/// The response header that carries the cursor of the next page; absent
/// on the last page.
pub const NEXT_CURSOR: &str = "x-next-cursor";
/// Most rows a page may ask for.
pub const MAX_LIMIT: u32 = 500;

/// A page's `limit`: none (every row) or 1 to `MAX_LIMIT`.
pub(super) fn page_limit(limit: Option<u32>) -> Result<Option<usize>, ApiError> {
    match limit {
        None => Ok(None),
        Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(Some(l as usize)),
        Some(_) => Err(ApiError::BadRequest(format!("`limit` must be 1 to {MAX_LIMIT}"))),
    }
}

/// A cursor is opaque to callers: hex of the last row's place in the order.
pub(super) fn encode_cursor(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

pub(super) fn decode_cursor(cursor: &str) -> Result<Vec<String>, ApiError> {
    let bad = || ApiError::BadRequest("`cursor` is not one this server gave".into());
    if !cursor.len().is_multiple_of(2) || cursor.len() > 512 {
        return Err(bad());
    }
    let bytes = (0..cursor.len())
        .step_by(2)
        .map(|i| cursor.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    Ok(text.split('|').map(str::to_string).collect())
}

pub(super) fn list_cursor(after: &(i64, String)) -> String {
    encode_cursor(&format!("l|{}|{}", after.0, after.1))
}

pub(super) fn parse_list_cursor(cursor: Option<&str>) -> Result<ListAfter, ApiError> {
    let Some(c) = cursor else { return Ok(None) };
    match decode_cursor(c)?.as_slice() {
        [tag, ms, case] if tag == "l" => Ok(Some((
            ms.parse()
                .map_err(|_| ApiError::BadRequest("`cursor` is not one this server gave".into()))?,
            case.clone(),
        ))),
        _ => Err(ApiError::BadRequest("`cursor` is not one of this list".into())),
    }
}

pub(super) fn with_cursor<T: serde::Serialize>(items: Vec<T>, next: Option<String>) -> Result<Response, ApiError> {
    let mut response = Json(items).into_response();
    if let Some(next) = next {
        let value = HeaderValue::from_str(&next).map_err(|e| ApiError::Internal(e.to_string()))?;
        response.headers_mut().insert(NEXT_CURSOR, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_other_text() {
        let key = (1_780_000_000_000, "0190d8a0-0000-7000-8000-000000000001".to_string());
        assert_eq!(parse_list_cursor(Some(&list_cursor(&key))).unwrap(), Some(key));
        assert!(parse_list_cursor(Some("zz")).is_err());
    }
}
