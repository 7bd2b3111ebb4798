//! Step 2, motorkapoverleg: what each organisation brings, and each item
//! shared with its legal ground. Art 9 Wpg needs the OM contact first; the
//! core refuses it otherwise and the reason is shown.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::command::Command;
use samenop_core::sharing::{InfoCategory, LegalGround, motorkap_inputs};
use samenop_core::text::{SharedSummary, ShortText};
use samenop_core::{CaseId, Label, Organisation, Refusal};

use super::actions::send;
use super::{CaseScreen, use_case};
use crate::i18n::t;
use crate::platform;

#[component]
pub fn StepMotorkap(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let me = ctx
        .field
        .read()
        .session()
        .map(|s| s.account.organisation)
        .unwrap_or(Organisation::Police);
    let other = if me == Organisation::Police {
        Organisation::VeiligThuis
    } else {
        Organisation::Police
    };
    let mut category = use_signal(|| None::<InfoCategory>);
    let mut ground = use_signal(move || LegalGround::default_for(me, other));
    let mut summary = use_signal(String::new);
    let mut om_officer = use_signal(String::new);

    let share = move |_| {
        let Some(cat) = category() else { return };
        let Some(legal_ground) = ground() else { return };
        let lang = (ctx.lang)();
        // What was typed is parsed here, at the boundary; core decides the rest.
        let parsed = SharedSummary::parse(&summary())
            .map_err(|e| Refusal::of_text("summary", e))
            .and_then(|s| {
                ShortText::parse_optional(&om_officer())
                    .map(|o| (s, o))
                    .map_err(|e| Refusal::of_text("om_contact.om_officer", e))
            });
        let (summary_text, om) = match parsed {
            Ok(p) => p,
            Err(r) => {
                ctx.fail(r.text(lang));
                return;
            }
        };
        let command = Command::ShareInformation {
            record_id: uuid::Uuid::from_bytes({
                let mut b = [0u8; 16];
                b[..10].copy_from_slice(&platform::random10());
                b[10..].copy_from_slice(&platform::random10()[..6]);
                b
            }),
            to: other,
            category: cat,
            legal_ground,
            summary: summary_text,
            om_officer: om,
        };
        if send(ctx, case_id, command) {
            summary.set(String::new());
            category.set(None);
        }
    };

    rsx! {
        h1 { "2. {samenop_core::steps::Step::Motorkapoverleg.label(lang)}" }
        for org in [Organisation::Police, Organisation::VeiligThuis] {
            section { class: "card",
                h2 { "{org.label(lang)}" }
                ul { class: "inputs",
                    for cat in motorkap_inputs(org).iter().copied() {
                        li {
                            button {
                                r#type: "button",
                                class: if category() == Some(cat) { "opt on" } else { "opt" },
                                disabled: org != me,
                                onclick: move |_| {
                                    category.set(Some(cat));
                                    ground.set(LegalGround::default_for(me, other));
                                },
                                "{cat.label(lang)}"
                            }
                        }
                    }
                }
            }
        }
        if let Some(cat) = category() {
            section { class: "card",
                h2 { "{cat.label(lang)} → {other.label(lang)}" }
                label { {t(lang, "motorkap-legal_ground")}
                    select {
                        onchange: move |e| {
                            if let Some(g) = LegalGround::VARIANTS.iter().copied().find(|g| format!("{g:?}") == e.value()) {
                                ground.set(Some(g));
                            }
                        },
                        for g in LegalGround::fitting(me, other) {
                            option { value: "{g:?}", selected: Some(g) == ground(), "{g.label(lang)}" }
                        }
                    }
                }
                label { {t(lang, "motorkap-what_was_shared_short")}
                    input { maxlength: "{SharedSummary::MAX}", value: "{summary}", oninput: move |e| summary.set(e.value()) }
                }
                if cat.is_art9_wpg() {
                    label { {t(lang, "motorkap-om_contact_officer_required_before")}
                        input { maxlength: "{ShortText::MAX}", value: "{om_officer}", oninput: move |e| om_officer.set(e.value()) }
                    }
                }
                button { class: "primary", r#type: "button", onclick: share, {t(lang, "motorkap-record")} }
            }
        }
        h2 { {t(lang, "motorkap-shared")} }
        ul { class: "shared",
            for s in state.shared().iter() {
                li { key: "{s.record.record_id}",
                    "{s.record.from.label(lang)} → {s.record.to.label(lang)}: {s.record.category.label(lang)} — {s.record.summary} "
                    span { class: "ground", "[{s.record.legal_ground.label(lang)}]" }
                }
            }
        }
    }
}
