//! The shift lead's view (role `shift_lead`): the region's cases with
//! their flags, one case's on-scene summary, the measures board and the
//! toolkit's evaluation figures. Everything is computed by `samenop-core`
//! from the region's events this device pulled; every pull of a case is
//! audited by the backend, and the screen says so.

use dioxus::prelude::*;
use samenop_core::board::{board, changes_at};
use samenop_core::summary::local_time_text;
use samenop_core::{CaseId, CaseState, Label};

use super::lead_figures::LeadFigures;
use super::lead_refresh::{use_region_news, use_wake_at};
use super::{CaseScreen, use_case};
use crate::components::SyncBadge;
use crate::i18n;
use crate::screens::actions::now;
use crate::screens::cases::status_class;
use crate::{AppCtx, View, platform};

/// The three tabs of the shift lead's home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadTab {
    Cases,
    Board,
    Figures,
}

/// Every case this device holds (the cases the lead opened), folded once
/// per render: what the lead's views show without a connection.
pub(super) fn states(ctx: &AppCtx) -> Vec<CaseState> {
    let field = ctx.field.read();
    field.local.events.keys().map(|id| field.case(id)).collect()
}

/// Shown instead of the lead's views to anyone else: the backend only gives a
/// shift lead the whole region, and a responder who lands here sees nothing of it.
#[component]
pub fn LeadsOnly() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    rsx! {
        main { class: "screen",
            p { class: "error", role: "alert", {i18n::t(lang, "lead-shift_leads_only")} }
            button { r#type: "button", onclick: move |_| ctx.go(View::Cases), "← {t.back}" }
        }
    }
}

#[component]
pub fn LeadHome(tab: LeadTab) -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let name = ctx
        .field
        .read()
        .session()
        .map(|s| format!("{} · {}", s.account.display_name, s.account.region))
        .unwrap_or_default();
    let tabs = [
        (LeadTab::Cases, i18n::t(lang, "lead-cases")),
        (LeadTab::Board, i18n::t(lang, "lead-measures")),
        (LeadTab::Figures, i18n::t(lang, "lead-figures")),
    ];
    rsx! {
        header { class: "bar",
            span { class: "who", "{name}" }
            SyncBadge {}
            button { class: "link", r#type: "button", onclick: move |_| { let mut ctx = ctx; ctx.field.write().lock(); ctx.go(View::Unlock); }, "{t.lock}" }
            crate::screens::signout::SignOutButton {}
        }
        nav { class: "steps lead-tabs", aria_label: i18n::t(lang, "lead-views"),
            for (which, label) in tabs {
                button {
                    r#type: "button",
                    class: if which == tab { "step on" } else { "step" },
                    aria_current: if which == tab { "page" } else { "false" },
                    onclick: move |_| ctx.go(View::Lead(which)),
                    span { class: "name", "{label}" }
                }
            }
        }
        main { class: "screen wide",
            p { class: "muted audit-note", {i18n::t(lang, "lead-every_read_of_a_case")} }
            match tab {
                LeadTab::Cases => rsx! { super::lead_list::LeadCases {} },
                LeadTab::Board => rsx! { LeadBoard {} },
                LeadTab::Figures => rsx! { LeadFigures {} },
            }
            crate::components::DisplayPrefs {}
        }
    }
}

#[component]
fn LeadBoard() -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let at = now();
    // The server's board over the lead window; without a connection, the
    // cases this device holds.
    let session = ctx.field.read().session().cloned();
    let news = use_region_news(ctx);
    let clock = use_signal(|| 0u64);
    let fetched = use_resource(move || {
        let session = session.clone();
        // Asked again as the list is (`lead_refresh`).
        let _ = (news(), clock());
        async move {
            match session {
                Some(s) => samenop_device::sync::lead_board(&s.server, &s.token).await,
                None => Err(samenop_device::sync::SyncError::Offline),
            }
        }
    });
    let changes_at = use_memo(move || match &*fetched.read() {
        Some(Ok(items)) => changes_at(items, now()),
        _ => None,
    });
    use_wake_at(changes_at, clock);
    let items = match &*fetched.read() {
        Some(Ok(items)) => items.clone(),
        _ => board(&states(&ctx), at),
    };
    rsx! {
        h1 { {i18n::t(lang, "lead-open_measures")} }
        p { class: "muted", {i18n::t(lang, "lead-what_expires_or_needs_re")} }
        if items.is_empty() {
            p { class: "muted", {i18n::t(lang, "lead-no_open_measures")} }
        }
        ol { class: "board", "data-testid": "board",
            for item in items {
                li { key: "{item.measure_id.0}", class: if item.overdue { "card board-item overdue" } else { "card board-item" },
                    h3 { "{item.kind.label(lang)}" }
                    if let Some(status) = item.status {
                        p { class: "muted", "data-testid": "board-status", "{status.label(lang)}" }
                    }
                    if let Some(d) = item.next {
                        p { class: "deadline",
                            if item.overdue { strong { {i18n::t(lang, "lead-overdue")} } }
                            "{d.kind.label(lang)}: {local_time_text(d.due)}"
                        }
                    } else {
                        p { class: "muted", {i18n::t(lang, "lead-no_deadline_agreed")} }
                    }
                    p { "{item.address_hint}" }
                    p { {format!("{}: {} ({})", i18n::t(lang, "lead-owner"), item.owner.person, item.owner.organisation.label(lang))} }
                    if let Some(c) = item.first_contact.clone() {
                        p {
                            {format!("{}: {} ", i18n::t(lang, "lead-call"), c.person)}
                            a { href: platform::tel_href(&c.phone), "{c.phone}" }
                        }
                    }
                    if let Some(c) = item.case_first_contact.clone() {
                        p {
                            {format!("{}: {} ({}) ", i18n::t(lang, "field_key-case_first_contact"), c.person, c.organisation.label(lang))}
                            a { href: platform::tel_href(&c.phone), "{c.phone}" }
                        }
                    }
                    if let Some(id) = item.case_id {
                        button { class: "link", r#type: "button", onclick: move |_| super::lead_list::open_case(ctx, id), {i18n::t(lang, "lead-open_case")} }
                    }
                }
            }
        }
    }
}

/// One case for the shift lead: the on-scene summary as a timeline, what
/// was shared on which legal ground, the criteria with who answered, open
/// questions, conflicts and measures; printable, and as PDF from the backend.
#[component]
pub fn LeadCase(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let t = ctx.texts();
    let s = super::honour::summary(&state, now());
    let session = ctx.field.read().session().cloned();
    // The export asks once: it holds personal data, is logged on the
    // server under the lead's name and watermarked with it (issue 16 §3).
    let mut confirming = use_signal(|| false);
    // Natively: where the file was saved.
    let mut saved = use_signal(|| None::<String>);
    // A failed export is told under its button, where the eye is (issue 17 §1).
    let export = crate::components::use_control();
    let pdf = move |_| {
        confirming.set(false);
        let Some(session) = session.clone() else { return };
        // The token stays in memory and in the Authorization header only.
        spawn(async move {
            match platform::download_pdf(&session.server, &session.token, case_id, lang).await {
                Ok(path) => saved.set(path),
                Err(msg) => export.refuse(msg),
            }
        });
    };
    rsx! {
        header { class: "bar no-print",
            button { class: "link", r#type: "button", onclick: move |_| ctx.go(View::Lead(LeadTab::Cases)), "← {t.back}" }
            span { class: "status {status_class(s.status)}", "data-testid": "case-status", "{s.status.label(lang)}" }
            SyncBadge {}
        }
        main { class: "screen wide", "data-testid": "lead-case",
            h1 { {i18n::t(lang, "summary-on_scene_summary")} }
            p { class: "muted no-print", {i18n::t(lang, "lead-this_read_is_recorded_in")} }
            // Just opened: its events are on their way (the next pull).
            if state.opening.is_none() {
                p { class: "muted", role: "status", "{t.syncing}" }
            }
            div { class: "actions no-print",
                button { r#type: "button", onclick: move |_| platform::print(), "{t.print}" }
                button { r#type: "button", "data-testid": "pdf", onclick: move |_| confirming.set(true), "PDF" }
            }
            {export.message()}
            if confirming() {
                div { class: "confirm no-print", role: "alertdialog", aria_label: "PDF", "data-testid": "pdf-confirm",
                    p { {i18n::t(lang, "lead-pdf_confirm")} }
                    div { class: "confirm-actions",
                        button { r#type: "button", class: "primary", "data-testid": "pdf-confirm-yes", onclick: pdf, {i18n::t(lang, "lead-pdf_confirm_yes")} }
                        button { r#type: "button", "data-testid": "pdf-confirm-no", onclick: move |_| confirming.set(false), {i18n::t(lang, "trace-cancel")} }
                    }
                }
            }
            if let Some(path) = saved() {
                p { class: "muted no-print", role: "status", {samenop_core::catalogue::fill(lang, "lead-pdf_saved", &[("path", &path)])} }
            }
            section { class: "card",
                h2 { {i18n::t(lang, "lead-timeline")} }
                ol { class: "timeline",
                    for e in s.timeline.iter() {
                        li {
                            span { class: "when", "{local_time_text(e.at)}" }
                            span { " {e.kind.text(lang)}" }
                            if let Some(by) = e.by.clone() {
                                span { class: "muted", {format!(" — {by}{}", e.organisation.map(|o| format!(" ({})", o.label(lang))).unwrap_or_default())} }
                            }
                        }
                    }
                }
            }
            super::honour::HonourLeadCard { case_id }
            section { class: "card",
                h2 { {i18n::t(lang, "lead-full_summary")} }
                pre { class: "summary", "data-testid": "summary", {s.render_text(lang)} }
            }
        }
    }
}
