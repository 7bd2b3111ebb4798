//! Step 1, fysieke veiligheid: the checklist and its hard rules (core's
//! `SafetyChecklist::rules`). When VT does not come on scene (agreed by
//! phone or video call), VT's on-scene items are closed and not shown.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::event::CaseNature;
use samenop_core::steps::{RuleStatus, SafetyItem};
use samenop_core::{Answer, Assignment, CaseId, Label};

use super::actions::set;
use super::{CaseScreen, use_case};
use crate::components::{AnswerToggle, CheckRow, use_control};
use crate::i18n::t;
use crate::screens::local;

#[component]
pub fn StepSafety(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let list = state.safety();
    let nature = state.nature();
    let nature_control = use_control();
    rsx! {
        h1 { "1. {samenop_core::steps::Step::FysiekeVeiligheid.label(lang)}" }
        for rule in list.rules() {
            match rule.status {
                RuleStatus::Blocking => rsx! { p { class: "rule blocking", role: "alert", "⚠ {rule.rule.label(lang)}" } },
                RuleStatus::Broken => rsx! { p { class: "rule broken", role: "alert", "✗ {rule.rule.label(lang)}" } },
                _ => rsx! {},
            }
        }
        div { class: "checklist",
            for item in SafetyItem::VARIANTS.iter().copied().filter(|i| !list.not_applicable(*i)) {
                CheckRow {
                    key: "{item:?}",
                    label: item.label(lang).to_string(),
                    done: list.is_done(item),
                    at: list.at(item).map(local),
                    trace: (case_id, samenop_core::FieldKey::Safety(item)),
                    onchange: move |done| set(ctx, case_id, Assignment::Safety { item, done }),
                }
            }
        }
        // The nature of the report, for follow-up and the figures (004 l.430).
        label { {t(lang, "safety-case_nature")}
            select {
                "data-testid": "case-nature",
                onchange: move |e| {
                    let chosen = CaseNature::VARIANTS.iter().copied().find(|n| <&'static str>::from(*n) == e.value());
                    if let Some(nature) = chosen {
                        nature_control.run(|| set(ctx, case_id, Assignment::Nature { nature }));
                    }
                },
                option { value: "", selected: nature.is_none(), disabled: true, "—" }
                for n in CaseNature::VARIANTS.iter().copied() {
                    option { key: "{n:?}", value: <&'static str>::from(n), selected: nature == Some(n), "{n.label(lang)}" }
                }
            }
        }
        {nature_control.message()}
        AnswerToggle {
            label: t(lang, "safety-children_present").to_string(),
            value: state.children_present(),
            trace: (case_id, samenop_core::FieldKey::ChildrenPresent),
            onchange: move |answer: Answer| set(ctx, case_id, Assignment::ChildrenPresent { answer }),
        }
        // Eergerelateerd geweld, settable on scene (issue 15).
        super::honour::HonourFlag { case_id }
    }
}
