//! Step 1, fysieke veiligheid: the checklist and its hard rules (core's
//! `SafetyChecklist::rules`). When VT does not come on scene (agreed by
//! phone or video call), VT's on-scene items are closed and not shown.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::steps::{RuleStatus, SafetyItem};
use samenop_core::{Answer, Assignment, CaseId, Label};

use super::actions::set;
use super::{CaseScreen, use_case};
use crate::components::{AnswerToggle, CheckRow};
use crate::i18n::t;
use crate::screens::local;

#[component]
pub fn StepSafety(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let list = state.safety();
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
                    onchange: move |done| set(ctx, case_id, Assignment::Safety { item, done }),
                }
            }
        }
        AnswerToggle {
            label: t(lang, "safety-children_present").to_string(),
            value: state.children_present(),
            onchange: move |answer: Answer| set(ctx, case_id, Assignment::ChildrenPresent { answer }),
        }
    }
}
