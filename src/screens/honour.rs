//! Eergerelateerd geweld (EGG) on screen: the flag and its suggestion (step
//! 1 and 2), who threatens (step 2), the warnings on every screen of an EGG
//! case, and the steps with who/when and the opvang decision (step 4). All
//! rules are core's `samenop_core::honour`; this renders them.

use dioxus::prelude::*;
use samenop_core::honour::{HonourPrompt, OpvangDecision, OpvangFacility, OpvangRegion};
use samenop_core::text::ShortText;
use samenop_core::{Answer, Assignment, CaseId, Command, Label, VariantArray};

use super::actions::{send, set};
use super::{CaseScreen, use_case};
use crate::components::{AnswerToggle, CheckRow, ChoiceToggle, use_control};
use crate::i18n::t;
use crate::screens::local;

/// The name of who makes the specialist risk analysis: an app setting read
/// at build time (`SAMENOP_EGG_EXPERTISE_CENTRE`), else core's default
/// description (000 l.340, `DEFAULT_EXPERTISE_CENTRE`).
pub fn expertise_centre() -> &'static str {
    option_env!("SAMENOP_EGG_EXPERTISE_CENTRE").unwrap_or(samenop_core::honour::DEFAULT_EXPERTISE_CENTRE)
}

/// The on-scene summary at `at` with the configured expertise centre.
pub fn summary(state: &samenop_core::CaseState, at: chrono::DateTime<chrono::Utc>) -> samenop_core::OnSceneSummary {
    let mut summary = samenop_core::OnSceneSummary::build(state, at);
    if let Some(h) = summary.honour.as_mut() {
        h.expertise_centre = expertise_centre().to_string();
    }
    summary
}

/// The shift lead's view of the EGG steps: which are open (with who does
/// them when) and which are done, by whom and when.
#[component]
pub fn HonourLeadCard(case_id: CaseId) -> Element {
    let CaseScreen { lang, state, .. } = use_case(case_id);
    let Some(h) = state.honour_summary() else {
        return rsx! {};
    };
    let centre = expertise_centre();
    let open = h.open().count();
    rsx! {
        section { class: "card honour-steps", "data-testid": "lead-honour",
            h2 { {t(lang, "honour-prompts")} }
            p { class: "rule blocking", {samenop_core::catalogue::fill(lang, "honour-open", &[("count", &open)])} }
            ul {
                for line in h.prompts.iter().cloned() {
                    li { key: "{line.prompt:?}", class: if line.done { "done" } else { "open" },
                        match (line.by.as_ref(), line.at) {
                            (Some(by), Some(at)) => rsx! { "✓ {line.prompt.label(lang)} — {by.display_name}, {local(at)}" },
                            _ => rsx! { "· {line.prompt.label(lang)} — {line.prompt.who_when(lang, centre)}" },
                        }
                    }
                }
            }
            if let Some(d) = h.opvang {
                p { "{samenop_core::FieldKey::OpvangDecision.label(lang)}: {d.text(lang)}" }
            }
        }
    }
}

/// The EGG flag, with core's suggestion while it is not set (A7 "ja").
#[component]
pub fn HonourFlag(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let signals = state.honour_signals();
    let words = signals.iter().map(|s| s.label(lang)).collect::<Vec<_>>().join("; ");
    rsx! {
        if !signals.is_empty() {
            p { class: "rule blocking", role: "status", "data-testid": "honour-suggestion",
                {samenop_core::catalogue::fill(lang, "honour-suggested", &[("signals", &words)])}
            }
        }
        div { class: "checklist", "data-testid": "honour-flag",
            CheckRow {
                label: t(lang, "honour-flag").to_string(),
                done: state.is_honour_based(),
                trace: (case_id, samenop_core::FieldKey::HonourBased),
                onchange: move |honour_based| set(ctx, case_id, Assignment::HonourBased { honour_based }),
            }
        }
    }
}

/// The warnings every screen of an EGG case shows (000 l.400, l.411, l.434,
/// l.610, l.618; 002 l.358-365).
#[component]
pub fn HonourWarnings(case_id: CaseId) -> Element {
    let CaseScreen { lang, state, .. } = use_case(case_id);
    let warnings = state.honour_warnings();
    if warnings.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card honour-warnings", role: "note", "data-testid": "honour-warnings",
            h2 { {t(lang, "honour-warnings")} }
            ul {
                for w in warnings {
                    li { "{w.label(lang)}" }
                }
            }
        }
    }
}

/// Who in the network threatens: typed text stays when core refuses it, the
/// refusal shows next to the field.
#[component]
pub fn NetworkThreat(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let recorded = state.network_threat();
    let mut typed = use_signal(|| recorded.clone());
    let mut refusal = use_signal(|| None::<String>);
    let who_label = t(lang, "honour-who_threatens");
    let save = move |_| {
        let command = Command::Set(Assignment::NetworkThreat {
            who: typed().trim().to_string(),
        });
        let result = { ctx.field }.write().send(case_id, command);
        refusal.set(result.err().map(|r| r.text((ctx.lang)())));
    };
    rsx! {
        fieldset { class: "question", "data-testid": "network-threat",
            label { "{who_label}"
                input {
                    value: "{typed}",
                    maxlength: "{ShortText::MAX}",
                    oninput: move |e| typed.set(e.value()),
                }
            }
            if let Some(r) = refusal() {
                p { class: "rule broken", role: "alert", "{r}" }
            }
            button { r#type: "button", onclick: save, {t(lang, "honour-save")} }
        }
    }
}

/// The EGG steps, each with who does it when (open) or who ticked it when
/// (done), and the opvang decision.
#[component]
pub fn HonourSteps(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let decision = state.opvang_decision();
    let mut region = use_signal(|| decision.map(|d| d.region));
    let mut facility = use_signal(|| decision.map(|d| d.facility));
    // The decision's refusal shows under its button (issue 17 §1).
    let recorder = use_control();
    if !state.is_honour_based() {
        return rsx! {};
    }
    let prompts = state.honour_prompts();
    let centre = expertise_centre();
    let choose = t(lang, "honour-opvang_choose");
    let record = move |_| {
        if let (Some(region), Some(facility)) = (region(), facility()) {
            let decision = Some(OpvangDecision { region, facility });
            recorder.run(|| send(ctx, case_id, Command::Set(Assignment::OpvangDecision { decision })));
        }
    };
    rsx! {
        section { class: "card honour-steps", "data-testid": "honour-steps",
            h2 { {t(lang, "honour-prompts")} }
            for kind in state.network_held_measures() {
                p { class: "rule broken", role: "alert", "data-testid": "network-held",
                    {samenop_core::catalogue::fill(lang, "honour-network_held", &[("measure", &kind.label(lang))])}
                }
            }
            AnswerToggle {
                label: samenop_core::FieldKey::VictimIsMinor.label(lang).to_string(),
                value: state.victim_is_minor(),
                trace: (case_id, samenop_core::FieldKey::VictimIsMinor),
                onchange: move |answer: Answer| set(ctx, case_id, Assignment::VictimIsMinor { answer }),
            }
            for line in prompts.iter().filter(|p| p.prompt != HonourPrompt::OpvangDecision).cloned() {
                div { class: if line.done { "prompt" } else { "prompt required" }, key: "{line.prompt:?}",
                    CheckRow {
                        label: line.prompt.label(lang).to_string(),
                        done: line.done,
                        at: line.by.as_ref().zip(line.at).map(|(by, at)| {
                            samenop_core::catalogue::fill(lang, "honour-done_by", &[("who", &by.display_name), ("at", &local(at))])
                        }),
                        trace: (case_id, samenop_core::FieldKey::HonourPrompt(line.prompt)),
                        onchange: move |done| set(ctx, case_id, Assignment::HonourPrompt { prompt: line.prompt, done }),
                    }
                    if !line.done {
                        p { class: "help", "{line.prompt.who_when(lang, centre)}" }
                    }
                }
            }
            fieldset { class: "question", "data-testid": "opvang-decision",
                legend { "{HonourPrompt::OpvangDecision.label(lang)}" }
                p { class: "help", "{HonourPrompt::OpvangDecision.who_when(lang, centre)}" }
                if let Some(d) = decision {
                    p { class: "rule", "data-testid": "opvang-recorded", "✓ {d.text(lang)}" }
                }
                ChoiceToggle {
                    label: choose.to_string(),
                    variant: "two",
                    options: OpvangRegion::VARIANTS.iter().map(|r| r.label(lang).to_string()).collect::<Vec<_>>(),
                    selected: OpvangRegion::VARIANTS.iter().position(|r| region() == Some(*r)),
                    onchange: move |i: usize| region.set(OpvangRegion::VARIANTS.get(i).copied()),
                }
                ChoiceToggle {
                    label: choose.to_string(),
                    variant: "two",
                    options: OpvangFacility::VARIANTS.iter().map(|f| f.label(lang).to_string()).collect::<Vec<_>>(),
                    selected: OpvangFacility::VARIANTS.iter().position(|f| facility() == Some(*f)),
                    onchange: move |i: usize| facility.set(OpvangFacility::VARIANTS.get(i).copied()),
                }
                button {
                    r#type: "button",
                    class: "primary",
                    disabled: region().is_none() || facility().is_none(),
                    onclick: record,
                    {t(lang, "honour-opvang_record")}
                }
                {recorder.message()}
            }
        }
    }
}
