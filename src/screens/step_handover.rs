//! Step 5, niet meer acuut: exit conditions, who takes over, and the short
//! evaluation questions. Declaring is blocked while the core says so.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::handover::{ExitCondition, HandoverItem, ResponseMode};
use samenop_core::{Assignment, CaseId, Label, Organisation};

use super::actions::{now, set};
use crate::AppCtx;
use crate::components::CheckRow;
use crate::i18n::t;

#[component]
pub fn StepHandover(case_id: CaseId) -> Element {
    let ctx = use_context::<AppCtx>();
    let lang = (ctx.lang)();
    let state = ctx.field.read().case(&case_id);
    let handover = state.handover();
    let blockers = handover.blockers(state.triage(now()).status);
    let set = move |item: HandoverItem| set(ctx, case_id, Assignment::Handover { item });
    rsx! {
        h1 { "5. {samenop_core::steps::Step::NietMeerAcuut.label(lang)}" }
        for condition in ExitCondition::VARIANTS.iter().copied() {
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
            {t(lang, "step-niet_meer_acuut")}
        }
    }
}
