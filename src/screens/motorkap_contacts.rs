//! Step 2, motorkapoverleg: the police's contact with the OM (004 l.113)
//! and the partners consulted (004 l.27), each recorded as it happens.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::command::Command;
use samenop_core::sharing::consultation::ConsultTopic;
use samenop_core::text::{SharedSummary, ShortText};
use samenop_core::{CaseId, Label, Refusal};

use super::actions::{new_record_id, send_here};
use super::{CaseScreen, use_case};
use crate::i18n::t;

/// "Contact met OM": officer, may it be shared (ja/nee), what. Only the
/// police record it and see it (with the OM).
#[component]
pub fn OmContacts(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let mut officer = use_signal(String::new);
    let mut may_share = use_signal(|| None::<bool>);
    let mut decision = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);

    let record = move |_| {
        let lang = (ctx.lang)();
        let parsed = ShortText::parse(&officer())
            .map_err(|e| Refusal::of_text("om_contact.om_officer", e))
            .and_then(|o| {
                SharedSummary::parse(&decision())
                    .map(|d| (o, d))
                    .map_err(|e| Refusal::of_text("om_contact.decision", e))
            });
        let (officer_text, decision_text) = match parsed {
            Ok(p) => p,
            Err(r) => return error.set(Some(r.text(lang))),
        };
        let Some(yes) = may_share() else {
            return error.set(Some(t(lang, "motorkap-om_may_share").to_string()));
        };
        let command = Command::RecordOmContact {
            contact_id: new_record_id(),
            contacted_at: None,
            officer: officer_text,
            may_share: yes,
            decision: decision_text,
        };
        match send_here(ctx, case_id, command) {
            Ok(()) => {
                officer.set(String::new());
                decision.set(String::new());
                may_share.set(None);
                error.set(None);
            }
            Err(text) => error.set(Some(text)),
        }
    };

    rsx! {
        section { class: "card om-contacts",
            h2 { {t(lang, "motorkap-om_contacts")} }
            ul { class: "shared",
                for c in state.om_contacts().iter() {
                    li { key: "{c.contact.contact_id}", "{c.contact.line(lang)}" }
                }
            }
            label { {t(lang, "motorkap-om_officer")}
                input { "data-field": "om_officer", maxlength: "{ShortText::MAX}", value: "{officer}", oninput: move |e| officer.set(e.value()) }
            }
            p { {t(lang, "motorkap-om_may_share")} }
            div { class: "toggle two", role: "radiogroup", aria_label: t(lang, "motorkap-om_may_share"),
                for (yes, key) in [(true, "motorkap-om_yes"), (false, "motorkap-om_no")] {
                    button {
                        r#type: "button",
                        role: "radio",
                        aria_checked: "{may_share() == Some(yes)}",
                        class: if may_share() == Some(yes) { "opt on" } else { "opt" },
                        onclick: move |_| may_share.set(Some(yes)),
                        {t(lang, key)}
                    }
                }
            }
            label { {t(lang, "motorkap-om_decision")}
                input { "data-field": "om_decision", maxlength: "{SharedSummary::MAX}", value: "{decision}", oninput: move |e| decision.set(e.value()) }
            }
            if let Some(message) = error() {
                p { class: "rule broken", role: "alert", "{message}" }
            }
            button { r#type: "button", onclick: record, {t(lang, "motorkap-om_record")} }
        }
    }
}

/// "Overleg met partners": on what, with whom, the advice.
#[component]
pub fn Consultations(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let mut topic = use_signal(|| ConsultTopic::ChildProtection);
    let mut with = use_signal(|| None::<samenop_core::Organisation>);
    let mut advice = use_signal(String::new);
    let mut error = use_signal(|| None::<String>);
    let partners = topic().partners();
    let partner = with().filter(|w| partners.contains(w)).unwrap_or(partners[0]);

    let record = move |_| {
        let lang = (ctx.lang)();
        let advice_text = match SharedSummary::parse(&advice()) {
            Ok(a) => a,
            Err(e) => return error.set(Some(Refusal::of_text("consultation.advice", e).text(lang))),
        };
        let command = Command::RecordConsultation {
            consultation_id: new_record_id(),
            with: partner,
            topic: topic(),
            consulted_at: None,
            advice: advice_text,
        };
        match send_here(ctx, case_id, command) {
            Ok(()) => {
                advice.set(String::new());
                error.set(None);
            }
            Err(text) => error.set(Some(text)),
        }
    };

    rsx! {
        section { class: "card consultations",
            h2 { {t(lang, "motorkap-consultations")} }
            ul { class: "shared",
                for c in state.consultations().iter() {
                    li { key: "{c.consultation.consultation_id}", "{c.consultation.line(lang)}" }
                }
            }
            label { {t(lang, "motorkap-consult_topic")}
                select {
                    "data-field": "consult_topic",
                    onchange: move |e| {
                        if let Some(x) = ConsultTopic::VARIANTS.iter().copied().find(|x| format!("{x:?}") == e.value()) {
                            topic.set(x);
                        }
                    },
                    for x in ConsultTopic::VARIANTS.iter().copied() {
                        option { value: "{x:?}", selected: x == topic(), "{x.label(lang)}" }
                    }
                }
            }
            label { {t(lang, "motorkap-consult_with")}
                select {
                    "data-field": "consult_with",
                    onchange: move |e| with.set(partners.iter().copied().find(|o| format!("{o:?}") == e.value())),
                    for o in partners.iter().copied() {
                        option { value: "{o:?}", selected: o == partner, "{o.label(lang)}" }
                    }
                }
            }
            label { {t(lang, "motorkap-consult_advice")}
                input { "data-field": "consult_advice", maxlength: "{SharedSummary::MAX}", value: "{advice}", oninput: move |e| advice.set(e.value()) }
            }
            if let Some(message) = error() {
                p { class: "rule broken", role: "alert", "{message}" }
            }
            button { r#type: "button", onclick: record, {t(lang, "motorkap-consult_record")} }
        }
    }
}
