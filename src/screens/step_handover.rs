//! Step 5, niet meer acuut: exit conditions, who takes over, the handover
//! items and the evaluation questions (`handover_items`). Declaring is blocked while the core says so. The
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
use crate::components::{CheckRow, ChoiceToggle, use_control};
use crate::i18n::t;

const MODES: [ResponseMode; 2] = [ResponseMode::InPerson, ResponseMode::ByPhone];

#[component]
pub fn StepHandover(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let handover = state.handover();
    let blockers = handover.blockers(&state.triage(now()));
    let prompts = handover.prompts(&state.organisations());
    let assessment = state.safety_assessment();
    let role = ctx.field.read().session().map(|s| s.account.role);
    let mut vt_worker = use_signal(String::new);
    let answers_open = assessment.first_open_answer().is_some();
    let confirmed_by = t(lang, "assessment-confirmed_by");
    let set = move |item: HandoverItem| set(ctx, case_id, Assignment::Handover { item });
    // The confirmation's refusal shows under its button (issue 17 §1).
    let confirm = use_control();
    let confirm_on_scene = move |_| {
        confirm.run(|| send(ctx, case_id, Command::ConfirmSafetyAssessment { by_phone_with: None }));
    };
    let confirm_by_phone = move |_| {
        let lang = (ctx.lang)();
        // Parsed at the boundary; an empty name is core's refusal to show.
        match ShortText::parse_optional(&vt_worker()) {
            Ok(by_phone_with) => {
                if confirm.run(|| send(ctx, case_id, Command::ConfirmSafetyAssessment { by_phone_with })) {
                    vt_worker.set(String::new());
                }
            }
            Err(e) => confirm.refuse(Refusal::of_text("safety_assessment.by_phone_with", e).text(lang)),
        }
    };
    // Step 5 runs to several screens: where it stands, one tap from the
    // button at the bottom (UX review, stop 36: the action was far from the thumb).
    let jump = if handover.declared_not_acute {
        None
    } else if blockers.is_empty() {
        Some(t(lang, "handover-jump_ready").to_string())
    } else {
        Some(samenop_core::catalogue::fill(
            lang,
            "handover-jump_blocked",
            &[("count", &blockers.len())],
        ))
    };
    rsx! {
        h1 { "5. {samenop_core::steps::Step::NietMeerAcuut.label(lang)}" }
        if let Some(jump) = jump {
            button {
                r#type: "button",
                class: "jump",
                "data-testid": "jump-to-declaration",
                onclick: move |_| crate::platform::scroll_to("declaration"),
                "{jump} ↓"
            }
        }
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
                {confirm.message()}
            }
        }
        // The veiligheidsbeoordeling is derived above, never ticked.
        for condition in ExitCondition::VARIANTS.iter().copied().filter(|c| *c != ExitCondition::SafetyAssessmentMade) {
            CheckRow {
                key: "{condition:?}",
                label: condition.label(lang).to_string(),
                done: handover.exit_conditions.contains(&condition),
                trace: (case_id, samenop_core::FieldKey::Handover(samenop_core::event::HandoverKey::ExitCondition(condition))),
                onchange: move |met| set(HandoverItem::ExitCondition { condition, met }),
            }
        }
        fieldset { class: "question",
            legend { {t(lang, "handover-handed_over_to")} }
            // GI and SHN added to the partners the case can go to (004 l.377; SHN: 002 l.1409).
            for org in [Organisation::VeiligThuis, Organisation::Police, Organisation::LocalCare, Organisation::Rvdk, Organisation::Reclassering, Organisation::Gi, Organisation::Shn] {
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
            trace: (case_id, samenop_core::FieldKey::Handover(samenop_core::event::HandoverKey::WarmHandover)),
            onchange: move |done| set(HandoverItem::WarmHandover { done }),
        }
        // Phrased as the question it asks (issue 17 §6).
        p { class: "question-label", "data-testid": "response-mode-question", {t(lang, "handover-response_mode_question")} }
        ChoiceToggle {
            label: t(lang, "handover-response_mode_question").to_string(),
            variant: "two",
            options: MODES.iter().map(|m| m.label(lang).to_string()).collect::<Vec<_>>(),
            selected: MODES.iter().position(|m| handover.response_mode == Some(*m)),
            trace: (case_id, samenop_core::FieldKey::Handover(samenop_core::event::HandoverKey::ResponseMode)),
            onchange: move |i: usize| set(HandoverItem::ResponseMode { mode: MODES[i] }),
        }
        super::handover_items::HandoverItems { case_id }
        super::handover_items::StructuralSection { case_id }
        super::handover_items::AddedValue { case_id }
        if !prompts.is_empty() {
            section { class: "prompts", "data-testid": "handover-prompts",
                h2 { {t(lang, "handover-prompts")} }
                for p in prompts.iter() {
                    p { class: "help", "• {p.text(lang)}" }
                }
            }
        }
        // What still blocks, under its own heading right above the button: without
        // one it read as part of "blokkeert niet" above it (UX review, stop 36).
        if blockers.is_empty() {
            span { id: "declaration" }
        } else {
            section { class: "blockers", id: "declaration", "data-testid": "handover-blockers",
                h2 { {samenop_core::catalogue::fill(lang, "handover-blockers", &[("count", &blockers.len())])} }
                for b in blockers.iter() {
                    p { class: "rule blocking", "⚠ {b.text(lang)}" }
                }
            }
        }
        // Declaring ends the acute phase for everyone: asked once (issue 17 §2).
        super::trace::ConfirmButton {
            class: "primary",
            testid: "declare-not-acute",
            label: t(lang, "steps-declare_not_acute").to_string(),
            question: t(lang, "trace-confirm_not_acute").to_string(),
            disabled: !blockers.is_empty() || handover.declared_not_acute,
            onconfirm: move |_| set(HandoverItem::Declared { not_acute: true }),
        }
    }
}
