//! One module per screen.

pub mod actions;
pub mod case;
pub mod cases;
pub mod handover_items;
pub mod honour;
pub mod lead;
mod lead_figures;
pub mod lead_list;
pub mod lead_refresh;
pub mod lead_shift;
pub mod login;
pub mod measure_card;
pub mod motorkap_contacts;
pub mod pin;
pub mod reauth;
pub mod resume;
pub mod rule_editor;
pub mod signout;
pub mod step_handover;
pub mod step_measures;
pub mod step_motorkap;
pub mod step_onderzoek;
pub mod step_safety;
pub mod step_triage;
pub mod summary;
pub mod trace;

/// A UTC moment as read on scene (Europe/Amsterdam).
pub fn local(at: chrono::DateTime<chrono::Utc>) -> String {
    samenop_core::summary::local_time_text(at)
}

/// What every case screen opens with: the app, the reader's language and
/// the case as folded now. Reading them here subscribes the calling
/// screen, so it re-renders when the language or the case changes.
pub struct CaseScreen {
    pub ctx: crate::AppCtx,
    pub lang: samenop_core::Lang,
    pub state: samenop_core::CaseState,
}

/// The opening of a case screen (a hook: call it first, unconditionally).
pub fn use_case(case_id: samenop_core::CaseId) -> CaseScreen {
    use dioxus::prelude::*;
    let ctx = use_context::<crate::AppCtx>();
    let lang = (ctx.lang)();
    let state = ctx.field.read().case(&case_id);
    CaseScreen { ctx, lang, state }
}
