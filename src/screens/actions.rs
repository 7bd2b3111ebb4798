//! How screens ask for a change: a `Command` to the device, which asks core.
//! A screen never makes an event; a refusal is shown in the user's words.

use dioxus::prelude::*;
use samenop_core::{Assignment, CaseId, Command};

use crate::{AppCtx, platform};

/// Sends a command to a case; returns whether it was recorded. A refusal
/// is shown on screen, and what was typed stays in the form (callers
/// clear their fields only on `true`).
pub fn send(mut ctx: AppCtx, case_id: CaseId, command: Command) -> bool {
    let result = { ctx.field }.write().send(case_id, command);
    // Tapped on a shared control: its refusal (or the end of it) shows
    // under that control, where the eye is (issue 17 §1).
    let tapped = *ctx.tapped.peek();
    match (result, tapped) {
        (Ok(_), Some(control)) => {
            if ctx.control_error.peek().as_ref().is_some_and(|(c, _)| *c == control) {
                ctx.control_error.set(None);
            }
            true
        }
        (Ok(_), None) => true,
        (Err(e), Some(control)) => {
            ctx.control_error.set(Some((control, e.text((ctx.lang)()))));
            false
        }
        (Err(e), None) => {
            ctx.fail(e.text((ctx.lang)()));
            false
        }
    }
}

/// Sends a command and answers the refusal in the user's words, for a form
/// that shows it next to its fields (not in the banner, which would stay
/// after the person fixed the field and recorded it).
pub fn send_here(ctx: AppCtx, case_id: CaseId, command: Command) -> Result<(), String> {
    let result = { ctx.field }.write().send(case_id, command);
    result.map(|_| ()).map_err(|e| e.text((ctx.lang)()))
}

/// A fresh id for a record made on this device (UUID bytes from the
/// platform's randomness).
pub fn new_record_id() -> uuid::Uuid {
    let mut b = [0u8; 16];
    b[..10].copy_from_slice(&platform::random10());
    b[10..].copy_from_slice(&platform::random10()[..6]);
    uuid::Builder::from_random_bytes(b).into_uuid()
}

/// Sets a field, replacing what this device sees now (a refusal shows).
pub fn set(ctx: AppCtx, case_id: CaseId, assignment: Assignment) {
    send(ctx, case_id, Command::Set(assignment));
}

/// A moment typed in a `datetime-local` field (Amsterdam time): empty is
/// `Some(None)`; `None` when it is not a moment (the caller says so under
/// the field).
pub fn typed_moment(typed: &str) -> Option<Option<chrono::DateTime<chrono::Utc>>> {
    if typed.trim().is_empty() {
        return Some(None);
    }
    samenop_core::summary::parse_local_input(typed).map(Some)
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(platform::now_ms()).unwrap_or_default()
}
