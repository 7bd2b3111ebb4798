//! Step 5, niet meer acuut: exit conditions, who takes over, and the short
//! evaluation questions. Declaring is blocked while the core says so. The
//! veiligheidsbeoordeling is not ticked here: core derives it from the
//! answers and VT's confirmation (004 l.450, l.307); this screen shows it and
//! lets VT confirm (or the police record it was assessed with VT by phone).

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::command::Command;
use samenop_core::handover::{ExitCondition, HandoverItem, ResponseMode};
use samenop_core::text::ShortText;
use samenop_core::{Assignment, CaseId, Label, Organisation, Refusal, Role};

use super::actions::{now, send, set};
use super::{CaseScreen, use_case};
use crate::components::CheckRow;
use crate::i18n::t;

#[component]
pub fn StepHandover(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let handover = state.handover();
    let blockers = handover.blockers(state.triage(now()).status);
    let assessment = state.safety_assessment();
    let role = ctx.field.read().session().map(|s| s.account.role);
    let mut vt_worker = use_signal(String::new);
    let answers_open = assessment.first_open_answer().is_some();
    let confirmed_by = t(lang, "assessment-confirmed_by");
    let set = move |item: HandoverItem| set(ctx, case_id, Assignment::Handover { item });
    let confirm_on_scene = move |_| {
        send(ctx, case_id, Command::ConfirmSafetyAssessment { by_phone_with: None });
    };
    let confirm_by_phone = move |_| {
        let lang = (ctx.lang)();
        // Parsed at the boundary; an empty name is core's refusal to show.
        match ShortText::parse_optional(&vt_worker()) {
            Ok(by_phone_with) => {
                if send(ctx, case_id, Command::ConfirmSafetyAssessment { by_phone_with }) {
                    vt_worker.set(String::new());
                }
            }
            Err(e) => ctx.fail(Refusal::of_text("safety_assessment.by_phone_with", e).text(lang)),
        }
    };
    rsx! {
        h1 { "5. {samenop_core::steps::Step::NietMeerAcuut.label(lang)}" }
        section { class: "card assessment",
            h2 { {t(lang, "assessment-title")} }
            if assessment.is_complete() {
                p { "✓ {ExitCondition::SafetyAssessmentMade.label(lang)}" }
            }
            if let Some(c) = assessment.confirmation.as_ref() {
                p { "{confirmed_by}: {c.text(lang)}" }
            }
            for gap in assessment.missing.iter() {
                p { class: "rule blocking", "⚠ {gap.text(lang)}" }
            }
            if !assessment.is_complete() {
                match role {
                    Some(Role::VeiligThuis) => rsx! {
                        button {
                            class: "primary",
                            r#type: "button",
                            disabled: answers_open,
                            onclick: confirm_on_scene,
                            {t(lang, "assessment-confirm")}
                        }
                    },
                    Some(Role::Police) => rsx! {
                        label { {t(lang, "assessment-vt_worker_name")}
                            input { maxlength: "{ShortText::MAX}", value: "{vt_worker}", oninput: move |e| vt_worker.set(e.value()) }
                        }
                        button {
                            class: "primary",
                            r#type: "button",
                            disabled: answers_open,
                            onclick: confirm_by_phone,
                            {t(lang, "assessment-confirm_by_phone")}
                        }
                    },
                    _ => rsx! { p { {t(lang, "assessment-only_vt_or_police")} } },
                }
            }
        }
        // The veiligheidsbeoordeling is derived above, never ticked.
        for condition in ExitCondition::VARIANTS.iter().copied().filter(|c| *c != ExitCondition::SafetyAssessmentMade) {
            CheckRow {
                key: "{condition:?}",
                label: condition.label(lang).to_string(),
                done: handover.exit_conditions.contains(&condition),
                onchange: move |met| set(HandoverItem::ExitCondition { condition, met }),
            }
        }
        fieldset { class: "question",
            legend { {t(lang, "handover-handed_over_to")} }
            for org in [Organisation::VeiligThuis, Organisation::Police, Organisation::LocalCare, Organisation::Rvdk, Organisation::Reclassering] {
                CheckRow {
                    key: "{org:?}",
                    label: org.label(lang).to_string(),
                    done: handover.handed_over_to.contains(&org),
                    onchange: {
                        let current = handover.handed_over_to.clone();
                        move |on: bool| {
                            let mut organisations: Vec<Organisation> = current.iter().copied().filter(|o| *o != org).collect();
                            if on {
                                organisations.push(org);
                            }
                            set(HandoverItem::HandedOverTo { organisations });
                        }
                    },
                }
            }
        }
        CheckRow {
            label: t(lang, "handover-warm_handover_phoned_before_and").to_string(),
            done: handover.warm_handover,
            onchange: move |done| set(HandoverItem::WarmHandover { done }),
        }
        div { class: "toggle",
            for mode in [ResponseMode::InPerson, ResponseMode::ByPhone] {
                button {
                    r#type: "button",
                    class: if handover.response_mode == Some(mode) { "opt on" } else { "opt" },
                    onclick: move |_| set(HandoverItem::ResponseMode { mode }),
                    "{mode.label(lang)}"
                }
            }
        }
        for b in blockers.iter() {
            p { class: "rule blocking", "⚠ {b.text(lang)}" }
        }
        button {
            class: "primary",
            r#type: "button",
            disabled: !blockers.is_empty() || handover.declared_not_acute,
            onclick: move |_| set(HandoverItem::Declared { not_acute: true }),
            {t(lang, "steps-declare_not_acute")}
        }
    }
}
