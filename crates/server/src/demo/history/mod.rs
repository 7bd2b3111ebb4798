//! Two weeks of invented cases in the demo region: different natures, joint
//! responses (police and Veilig Thuis both writing) and police-only ones,
//! in person or by phone, Veilig Thuis phoned some minutes after the
//! report, useful and missing information, and measures in every state (an
//! arrest waiting for the OvJ, a huisverbod running, a re-assessment
//! overdue, one withdrawn). Each event is written by the demo account whose
//! organisation would record it, through the same checks as a device.
//! Invented streets and people only.

mod cases;
mod script;

use chrono::{DateTime, Duration, Utc};
use samenop_core::CaseId;

use super::accounts;
use crate::state::AppState;
use crate::storage;

/// Case `n` of the history: a fixed id, so a restart finds it again.
pub fn case_id(n: u8) -> CaseId {
    let [a, b, c, d, e, f, g, h, i, _] = *b"samenophs_";
    CaseId::from_parts(1_767_225_600_100 + u64::from(n), [a, b, c, d, e, f, g, h, i, n])
}

/// How many history cases there are.
pub const CASES: u8 = 10;

/// A report moment, in whole milliseconds like event stamps, so "N minutes
/// after the report" counts as exactly N.
fn ago(days: i64, hours: i64) -> DateTime<Utc> {
    let at = Utc::now() - Duration::days(days) - Duration::hours(hours);
    DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at)
}

/// Seeds each history case that is not there yet.
pub async fn seed(state: &AppState) -> Result<(), String> {
    let accounts = accounts();
    let (police, vt) = (&accounts[0], &accounts[1]);
    for (n, write) in (0..CASES).zip(cases::SCRIPTS) {
        let exists = storage::case_region(&state.db, &case_id(n))
            .await
            .map_err(|e| e.to_string())?;
        if exists.is_some() {
            continue;
        }
        write(n, police, vt).store(state).await?;
    }
    Ok(())
}
