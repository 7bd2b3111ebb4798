//! How screens ask for a change: a `Command` to the device, which asks core.
//! A screen never makes an event; a refusal is shown in the user's words.

use dioxus::prelude::*;
use samenop_core::{Assignment, CaseId, Command};

use crate::{AppCtx, platform};

/// Sends a command to a case; returns whether it was recorded. A refusal
/// is shown on screen, and what was typed stays in the form (callers
/// clear their fields only on `true`).
pub fn send(ctx: AppCtx, case_id: CaseId, command: Command) -> bool {
    let result = { ctx.field }.write().send(case_id, command);
    match result {
        Ok(_) => true,
        Err(e) => {
            ctx.fail(e.text((ctx.lang)()));
            false
        }
    }
}

/// Sets a field, replacing what this device sees now (a refusal shows).
pub fn set(ctx: AppCtx, case_id: CaseId, assignment: Assignment) {
    send(ctx, case_id, Command::Set(assignment));
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(platform::now_ms()).unwrap_or_default()
}
