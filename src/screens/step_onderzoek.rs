//! Step 3, (gezamenlijk) onderzoek (004 l.31, l.189–207, l.275–283): who
//! does which investigative act and in what order, the facts and the home,
//! the joint interview and rights, consultation and results; and, when
//! children are present or it is not known, core's children prompts
//! (`CaseState::child_prompts`). "Verdachte minderjarig" switches the measure
//! roles (002 l.1214–1217, l.1258–1260).

use dioxus::prelude::*;
use samenop_core::steps::{InvestigationPoint, Step};
use samenop_core::{Answer, Assignment, CaseId, Label};

use super::actions::set;
use super::{CaseScreen, use_case};
use crate::AppCtx;
use crate::components::{AnswerToggle, CheckRow};
use crate::i18n::t;

#[component]
pub fn StepOnderzoek(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let notes: Vec<(InvestigationPoint, bool, String)> = state.investigation();
    let note = move |point: InvestigationPoint| {
        notes
            .iter()
            .find(|(p, _, _)| *p == point)
            .map(|(_, _, n)| n.clone())
            .unwrap_or_default()
    };
    let children = state.children_present();
    let prompts = state.child_prompts();
    let minor = state.suspect_is_minor();

    rsx! {
        h1 { "{Step::Onderzoek.heading(lang)}" }
        p { class: "help", {t(lang, "steps-investigation_intro")} }
        section { class: "card", "data-testid": "investigation-agreements",
            h2 { {t(lang, "steps-agreements")} }
            div { class: "checklist",
                for point in InvestigationPoint::GENERAL {
                    InvestigationCheck {
                        key: "{point:?}",
                        case_id,
                        point,
                        label: point.label(lang).to_string(),
                        done: state.investigation_done(point),
                        note: note(point),
                    }
                }
            }
        }
        section { class: "card", "data-testid": "investigation-children",
            h2 { {t(lang, "steps-children")} }
            AnswerToggle {
                label: t(lang, "field_key-children_present").to_string(),
                value: children,
                trace: (case_id, samenop_core::FieldKey::ChildrenPresent),
                onchange: move |answer: Answer| set(ctx, case_id, Assignment::ChildrenPresent { answer }),
            }
            if !prompts.is_empty() {
                if children == Answer::Unknown {
                    p { class: "warning", "data-testid": "children-unknown", {t(lang, "steps-children_unknown")} }
                }
                AnswerToggle {
                    label: t(lang, "field_key-child_injury").to_string(),
                    value: state.child_injury(),
                    trace: (case_id, samenop_core::FieldKey::ChildInjury),
                    onchange: move |answer: Answer| set(ctx, case_id, Assignment::ChildInjury { answer }),
                }
                div { class: "checklist", "data-testid": "child-prompts",
                    for (prompt, done) in prompts {
                        div { key: "{prompt.point:?}", class: if prompt.required && !done { "prompt required" } else { "prompt" },
                            InvestigationCheck {
                                case_id,
                                point: prompt.point,
                                label: if prompt.required {
                                    format!("{} ({})", prompt.point.label(lang), t(lang, "steps-required"))
                                } else {
                                    prompt.point.label(lang).to_string()
                                },
                                done,
                                note: note(prompt.point),
                            }
                        }
                    }
                }
            }
        }
        section { class: "card", "data-testid": "investigation-suspect",
            h2 { {t(lang, "steps-suspect")} }
            AnswerToggle {
                label: t(lang, "field_key-suspect_is_minor").to_string(),
                risk: None,
                value: minor,
                trace: (case_id, samenop_core::FieldKey::SuspectIsMinor),
                onchange: move |answer: Answer| set(ctx, case_id, Assignment::SuspectIsMinor { answer }),
            }
            if minor == Answer::Yes {
                p { class: "help", "data-testid": "minor-roles", {t(lang, "steps-minor_roles")} }
            }
        }
    }
}

/// One investigative act ticked off; its note is kept as it was.
#[component]
fn InvestigationCheck(case_id: CaseId, point: InvestigationPoint, label: String, done: bool, note: String) -> Element {
    let ctx = use_context::<AppCtx>();
    rsx! {
        CheckRow {
            label,
            done,
            at: None,
            trace: (case_id, samenop_core::FieldKey::Investigation(point)),
            onchange: move |done| set(ctx, case_id, Assignment::Investigation { point, done, note: note.clone() }),
        }
    }
}
