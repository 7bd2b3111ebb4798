//! My cases, and a new case in two taps: how the report came in, then start.

use dioxus::prelude::*;
use samenop_core::event::ReportSource;
use samenop_core::steps::Step;
use samenop_core::{CaseStatus, Label};

use crate::components::SyncBadge;
use crate::screens::local;
use crate::{AppCtx, View, platform};

#[component]
pub fn Cases() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let now = chrono::DateTime::from_timestamp_millis(platform::now_ms()).unwrap_or_default();
    let rows = ctx.field.read().cases(now);
    // What this organisation's reports most likely are (core's default).
    let mut source = use_signal(move || {
        let org = ctx.field.peek().session().map(|s| s.account.organisation);
        org.map(ReportSource::default_for).unwrap_or(ReportSource::PoliceReport)
    });
    let mut hint = crate::screens::resume::use_draft("new_case:address_hint".to_string());
    let mut start_error = use_signal(|| None::<String>);
    let name = ctx
        .field
        .read()
        .session()
        .map(|s| s.account.display_name.clone())
        .unwrap_or_default();

    let start = move |_| {
        let mut ctx = ctx;
        let opened = ctx.field.write().open_case(source(), &hint());
        match opened {
            Ok(id) => {
                hint.set(String::new());
                start_error.set(None);
                ctx.go(View::Case(id, Step::FysiekeVeiligheid));
            }
            Err(e) => start_error.set(Some(e.text((ctx.lang)()))),
        }
    };

    rsx! {
        header { class: "bar",
            span { class: "who", "{name}" }
            SyncBadge {}
            button { class: "link", r#type: "button", onclick: move |_| { let mut ctx = ctx; ctx.field.write().lock(); ctx.go(View::Unlock); }, "{t.lock}" }
            crate::screens::signout::SignOutButton {}
        }
        main { class: "screen",
            section { class: "card new-case", aria_label: "{t.new_case}",
                h2 { "{t.new_case}" }
                div { class: "toggle wide", role: "radiogroup",
                    for s in [ReportSource::PoliceReport, ReportSource::VeiligThuisReport, ReportSource::PoliceObservation] {
                        button {
                            r#type: "button",
                            role: "radio",
                            class: if source() == s { "opt on" } else { "opt" },
                            aria_checked: if source() == s { "true" } else { "false" },
                            onclick: move |_| source.set(s),
                            "{s.label(lang)}"
                        }
                    }
                }
                label { "{t.address_hint}"
                    input { maxlength: "{samenop_core::text::AddressHint::MAX}", value: "{hint}", oninput: move |e| hint.set(e.value()) }
                }
                button { class: "primary", r#type: "button", onclick: start, "{t.start_case}" }
                if let Some(err) = start_error() {
                    p { class: "field-error", role: "alert", "data-testid": "start-error", "{err}" }
                }
            }
            crate::components::NotSentList { case_id: None }
            JoinList {}
            h2 { "{t.my_cases}" }
            if rows.is_empty() {
                p { class: "muted", "{t.no_cases}" }
            }
            ul { class: "cases",
                for row in rows {
                    li { key: "{row.case_id}",
                        button {
                            class: "case-row",
                            r#type: "button",
                            onclick: move |_| ctx.go(View::Case(row.case_id, Step::FysiekeVeiligheid)),
                            span { class: "status {status_class(row.status)}", "{row.status.label(lang)}" }
                            span { class: "when", {row.reported_at.map(local).unwrap_or_default()} }
                            span { class: "hint", "{row.address_hint}" }
                            if row.unsynced > 0 {
                                span { class: "unsynced", "{row.unsynced} {t.unsynced}" }
                            }
                        }
                    }
                }
            }
            a { class: "call", href: platform::tel_href(platform::VEILIG_THUIS_NUMBER), "{t.call_vt} ({platform::VEILIG_THUIS_NUMBER})" }
            crate::components::DisplayPrefs {}
        }
    }
}

/// Colleagues' open cases to join (needs a connection; the list is a
/// server read and is audited there).
#[component]
fn JoinList() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let session = ctx.field.read().session().cloned();
    let mut shown = use_signal(|| false);
    let list = use_resource(move || {
        let session = session.clone();
        async move {
            if !shown() {
                return Ok(Vec::new());
            }
            match session {
                Some(s) => samenop_device::sync::joinable(&s.server, &s.token).await,
                None => Ok(Vec::new()),
            }
        }
    });
    // The case waiting for a written reason before joining late, and the
    // reason typed so far. Whether one is needed is core's answer
    // (`JoinableCase::reason_required`), never the screen's.
    let mut asking = use_signal(|| None::<samenop_core::CaseId>);
    let mut reason = crate::screens::resume::use_draft("join:reason".to_string());
    // Why joining was refused, under the case's row (issue 17 §1).
    let join_error = use_signal(|| None::<(samenop_core::CaseId, String)>);
    let join = move |case_id: samenop_core::CaseId, needs_reason: bool| {
        let (mut reason, mut join_error) = (reason, join_error);
        let reason_text = if needs_reason {
            match samenop_core::text::JoinReason::parse(&reason()) {
                Ok(r) => Some(r),
                Err(e) => {
                    let words = samenop_core::Refusal::of_text("join.reason", e).text((ctx.lang)());
                    join_error.set(Some((case_id, words)));
                    return;
                }
            }
        } else {
            None
        };
        match super::actions::send_here(ctx, case_id, samenop_core::Command::JoinCase { reason: reason_text }) {
            Ok(()) => {
                join_error.set(None);
                reason.set(String::new());
                ctx.go(View::Case(case_id, Step::FysiekeVeiligheid));
            }
            Err(words) => join_error.set(Some((case_id, words))),
        }
    };
    rsx! {
        section { class: "card", aria_label: "{t.join_case}",
            if !shown() {
                button { r#type: "button", onclick: move |_| shown.set(true), "{t.join_case}" }
            } else {
                h2 { "{t.join_case}" }
                match &*list.read() {
                    Some(Ok(cases)) if cases.is_empty() => rsx! { p { class: "muted", "—" } },
                    Some(Ok(cases)) => rsx! {
                        for c in cases.clone() {
                            div { key: "{c.case_id}",
                                button {
                                    class: "case-row",
                                    r#type: "button",
                                    onclick: move |_| match c.reason_required {
                                        None => join(c.case_id, false),
                                        Some(_) => asking.set(Some(c.case_id)),
                                    },
                                    span { class: "when", {local(c.reported_at)} }
                                    match &c.opened_by {
                                        Some(name) => rsx! { span { "{name} ({c.organisation.label(lang)})" } },
                                        None => rsx! { span { "{c.organisation.label(lang)}" } },
                                    }
                                    span { class: "hint", "{c.source.label(lang)} · {c.address_hint}" }
                                    if let Some(cause) = c.reason_required {
                                        span { class: "late", "{cause.text(lang)}" }
                                    }
                                }
                                if asking() == Some(c.case_id) {
                                    div { class: "join-reason",
                                        p { class: "muted", "{t.join_reason_needed}" }
                                        label { "{t.join_reason}"
                                            textarea {
                                                maxlength: "{samenop_core::text::JoinReason::MAX}",
                                                value: "{reason}",
                                                oninput: move |e| reason.set(e.value()),
                                            }
                                        }
                                        button { class: "primary", r#type: "button", onclick: move |_| join(c.case_id, true), "{t.join_with_reason}" }
                                    }
                                }
                                if let Some((id, err)) = join_error() && id == c.case_id {
                                    p { class: "field-error", role: "alert", "{err}" }
                                }
                            }
                        }
                    },
                    Some(Err(e)) => rsx! { p { class: "muted", "{e}" } },
                    None => rsx! { p { class: "muted", "{t.syncing}" } },
                }
            }
        }
    }
}

pub fn status_class(status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::Acute => "acute",
        CaseStatus::Contained => "contained",
        CaseStatus::NotAssessed => "not-assessed",
        CaseStatus::NotAcute => "not-acute",
        CaseStatus::HandedOver => "handed-over",
    }
}
