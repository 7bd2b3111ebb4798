//! Small shared widgets: the three-way answer toggle, checklist rows, the
//! sync badge. Large touch targets and a label on every control.

use dioxus::prelude::*;
use samenop_core::{Answer, CaseId, Label};

use crate::AppCtx;
use samenop_device::sync::SyncStatus;

/// Ja / Nee / Onbekend as three large buttons; the chosen one is pressed.
#[component]
pub fn AnswerToggle(label: String, value: Answer, onchange: EventHandler<Answer>, help: Option<String>) -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let options = [(Answer::Yes, t.yes), (Answer::No, t.no), (Answer::Unknown, t.unknown)];
    rsx! {
        fieldset { class: "question",
            legend { "{label}" }
            if let Some(help) = help {
                p { class: "help", "{help}" }
            }
            div { class: "toggle", role: "radiogroup", aria_label: "{label}",
                for (answer, text) in options {
                    button {
                        r#type: "button",
                        role: "radio",
                        class: if value == answer { "opt on {answer:?}" } else { "opt" },
                        aria_checked: if value == answer { "true" } else { "false" },
                        aria_label: "{label}: {text}",
                        onclick: move |_| onchange.call(answer),
                        "{text}"
                    }
                }
            }
        }
    }
}

/// A checklist row: a big checkbox with its label and, when done, the time.
#[component]
pub fn CheckRow(label: String, done: bool, at: Option<String>, onchange: EventHandler<bool>) -> Element {
    rsx! {
        label { class: if done { "check done" } else { "check" },
            input {
                r#type: "checkbox",
                checked: done,
                aria_label: "{label}",
                onchange: move |e| onchange.call(e.checked()),
            }
            span { class: "check-label", "{label}" }
            if let Some(at) = at {
                span { class: "check-at", "{at}" }
            }
        }
    }
}

/// "Klok wijkt af": this device's clock differs from the server's by more
/// than a couple of minutes (the device compares, `Field::clock_skew`);
/// past five minutes the server refuses what it records (issue 13 §3).
#[component]
pub fn ClockBanner() -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let Some(skew) = ctx.field.read().clock_skew() else {
        return rsx! {};
    };
    // A positive skew: the server is ahead, so this device runs behind.
    let direction = samenop_core::catalogue::text(
        lang,
        if skew > 0 {
            "app-clock_behind"
        } else {
            "app-clock_ahead"
        },
    );
    let minutes = (skew.unsigned_abs() + 30_000) / 60_000;
    let message = samenop_core::catalogue::fill(
        lang,
        "app-clock_skewed",
        &[("minutes", &minutes), ("direction", &direction)],
    );
    rsx! {
        div { class: "error clock-skew", role: "alert", "data-testid": "clock-skew", "{message}" }
    }
}

/// Offline / syncing / synced / unreadable answer, and how many events wait.
#[component]
pub fn SyncBadge() -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let pending = ctx.field.read().local.outbox.len();
    let not_sent = ctx.field.read().local.not_sent.len();
    let (class, text) = match (ctx.sync)() {
        SyncStatus::Offline => ("badge offline", t.offline),
        SyncStatus::Syncing => ("badge syncing", t.syncing),
        SyncStatus::Synced => ("badge synced", t.synced),
        SyncStatus::Unreadable => ("badge unreadable", t.unreadable),
    };
    rsx! {
        span { class: "{class}", role: "status", aria_live: "polite", "data-testid": "sync-badge",
            "{text}"
            if pending > 0 {
                " · {pending} {t.pending}"
            }
            if not_sent > 0 {
                " · {not_sent} {t.not_sent}"
            }
        }
    }
}

/// "Niet verzonden": what the server refused, with its reason, so nobody
/// believes it reached colleagues. `case_id` narrows it to one case.
#[component]
pub fn NotSentList(case_id: Option<CaseId>) -> Element {
    let ctx = use_context::<AppCtx>();
    let t = ctx.texts();
    let lang = (ctx.lang)();
    let items: Vec<(String, String, String)> = ctx
        .field
        .read()
        .local
        .not_sent
        .iter()
        .filter(|n| case_id.is_none_or(|c| n.event.case_id == c))
        .map(|n| {
            (
                n.event.id.to_string(),
                n.event.kind.describe(lang),
                n.code.label(lang).to_string(),
            )
        })
        .collect();
    rsx! {
        if !items.is_empty() {
            section { class: "card not-sent", role: "alert", aria_label: "{t.not_sent}", "data-testid": "not-sent",
                h2 { "{t.not_sent} ({items.len()})" }
                p { class: "muted", "{t.not_sent_help}" }
                ul {
                    for (id, what, reason) in items {
                        li { key: "{id}",
                            span { class: "what", "{what}" }
                            span { class: "reason", "{t.reason}: {reason}" }
                        }
                    }
                }
            }
        }
    }
}

/// Label of a core term in the current language.
pub fn term<L: Label>(ctx: &AppCtx, item: &L) -> String {
    item.label((ctx.lang)()).to_string()
}
