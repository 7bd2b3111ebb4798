//! Issue 17 §2–3 on screen: a destructive tap asks once (`ConfirmButton`),
//! and changes by others leave a trace (`FieldTrace`, `ChangesByOthers`).
//! Core says what changed (`CaseState::history`, `changed_by_other`,
//! `resolutions`); these render it.

use dioxus::prelude::*;
use samenop_core::case::FieldChange;
use samenop_core::catalogue::fill;
use samenop_core::{CaseId, FieldKey, Label, Lang};

use super::{CaseScreen, local, use_case};
use crate::i18n::t;

/// A button whose action has a consequence: the first tap asks "Weet je
/// het zeker? …" naming it, the second (on "Ja, zeker") does it.
#[component]
pub fn ConfirmButton(
    label: String,
    question: String,
    #[props(default)] class: String,
    #[props(default)] disabled: bool,
    #[props(default)] testid: String,
    /// What a screen reader says for a label that is only a sign ("✕").
    #[props(default)]
    aria_label: Option<String>,
    onconfirm: EventHandler<()>,
) -> Element {
    let ctx = use_context::<crate::AppCtx>();
    let lang = (ctx.lang)();
    let mut asking = use_signal(|| false);
    // Core's refusal of the confirmed action shows here (issue 17 §1).
    let control = crate::components::use_control();
    if asking() {
        return rsx! {
            div { class: "confirm", role: "alertdialog", aria_label: "{question}", "data-testid": "confirm",
                p { "{question}" }
                div { class: "confirm-actions",
                    button {
                        r#type: "button",
                        class: "danger",
                        "data-testid": "confirm-yes",
                        onclick: move |_| {
                            asking.set(false);
                            control.run(|| onconfirm.call(()));
                        },
                        {t(lang, "trace-confirm")}
                    }
                    button { r#type: "button", "data-testid": "confirm-no", onclick: move |_| asking.set(false), {t(lang, "trace-cancel")} }
                }
            }
        };
    }
    rsx! {
        button {
            r#type: "button",
            class: "{class}",
            disabled,
            aria_label,
            "data-testid": if testid.is_empty() { None } else { Some(testid.clone()) },
            onclick: move |_| asking.set(true),
            "{label}"
        }
        {control.message()}
    }
}

/// "Gewijzigd door VT-medewerker (Veilig Thuis): ja → nee, 02:14".
pub fn change_text(change: &FieldChange, lang: Lang) -> Option<String> {
    let from = change.from_other_organisation()?;
    Some(fill(
        lang,
        "trace-changed_by_other",
        &[
            ("who", &change.author.display_name),
            ("org", &change.author.organisation.label(lang)),
            ("from", &from.value.value_text(lang)),
            ("to", &change.value.value_text(lang)),
            ("at", &local(change.at)),
        ],
    ))
}

/// Under a field: the marker when another organisation changed its
/// answer, and its short history (who set what when), opened with a tap.
#[component]
pub fn FieldTrace(case_id: CaseId, field: FieldKey) -> Element {
    let CaseScreen { lang, state, .. } = use_case(case_id);
    let history = state.history(&field);
    // Every field is traced, so only a changed one carries a history: a
    // value set once is not worth a line under every answer at 02:00.
    if history.len() < 2 {
        return rsx! {};
    }
    let marker = state.changed_by_other(&field).and_then(|c| change_text(&c, lang));
    rsx! {
        div { class: "field-trace",
            if let Some(m) = marker {
                p { class: "changed-by-other", role: "status", "data-testid": "changed-by-other", "⚑ {m}" }
            }
            details { class: "history", "data-testid": "field-history",
                summary { "{t(lang, \"trace-history\")} ({history.len()})" }
                ol {
                    for c in history.iter().rev() {
                        li { class: if c.current { "current" } else { "replaced" },
                            {fill(lang, "trace-history_line", &[
                                ("at", &local(c.at)),
                                ("who", &c.author.display_name),
                                ("org", &c.author.organisation.label(lang)),
                                ("value", &c.value.value_text(lang)),
                            ])}
                        }
                    }
                }
            }
        }
    }
}

/// Every field whose answer another organisation changed, on every screen
/// of the case, so nobody's answer changes unseen (issue 17 §3).
#[component]
pub fn ChangesByOthers(case_id: CaseId) -> Element {
    let CaseScreen { lang, state, .. } = use_case(case_id);
    let changes: Vec<String> = state
        .changes_by_others()
        .into_iter()
        .filter_map(|(key, c)| change_text(&c, lang).map(|text| format!("{}: {text}", key.label(lang))))
        .collect();
    if changes.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card changes-by-others", "data-testid": "changes-by-others",
            h2 { {t(lang, "trace-changes_by_others")} }
            for line in changes {
                p { "⚑ {line}" }
            }
        }
    }
}
