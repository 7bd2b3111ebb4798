//! Step 2, second part: Veilig Thuis's eerste veiligheidsbeoordeling (004
//! l.27, l.181–187) as the Bijlage II criteria, access and oversight, the lifting
//! routes, professional judgement and the SASH; the result updates live.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::sash::{SashItem, SashLevel};
use samenop_core::triage::{Criterion, LiftingRoute, ProfessionalJudgement, TriageStatus};
use samenop_core::{Answer, Assignment, CaseId, Command, Label};

use super::actions::{now, send, set};
use super::{CaseScreen, use_case};
use crate::components::{AnswerToggle, CheckRow};

#[component]
pub fn StepTriage(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let t = ctx.texts();
    let outcome = state.triage(now());
    let input = state.triage_input(now());
    let mut reason = use_signal(String::new);
    let heading = format!(
        "{}. {}",
        samenop_core::steps::Step::Motorkapoverleg.number(),
        crate::i18n::t(lang, "steps-first_safety_assessment")
    );
    let status_class = match outcome.status {
        TriageStatus::Acute => "acute",
        TriageStatus::Contained => "contained",
        TriageStatus::Undetermined => "not-assessed",
        TriageStatus::NotAcute => "not-acute",
    };

    rsx! {
        h1 { "{heading}" }
        section { class: "result {status_class}", role: "status", aria_live: "polite", "data-testid": "triage-result",
            h2 { "{t.result}: {outcome.status.label(lang)}" }
            if !outcome.acute_criteria.is_empty() {
                p { "{t.why}: " {outcome.acute_criteria.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(", ")} }
            }
            for r in outcome.reassess_before.iter() {
                p { class: "reassess", "↻ {r.label(lang)}" }
            }
            for w in outcome.warnings.iter() {
                p { class: "warning", "⚠ {w.label(lang)}" }
            }
            for m in outcome.missing.iter() {
                p { class: "warning", "? {m.label(lang)}" }
            }
            if let Some(level) = outcome.sash_level {
                p { "SASH: {level.label(lang)}" }
            }
            if !outcome.open_criteria.is_empty() {
                p { class: "muted", "{t.open_questions}: {outcome.open_criteria.len()}" }
            }
        }
        for criterion in Criterion::VARIANTS.iter().copied() {
            AnswerToggle {
                key: "{criterion:?}",
                label: criterion.label(lang).to_string(),
                help: criterion.explanation(lang).to_string(),
                value: input.answer(criterion),
                onchange: move |answer| set(ctx, case_id, Assignment::Criterion { criterion, answer }),
            }
            if criterion == Criterion::IntimateTerrorRecentBreakup && input.answer(criterion) == Answer::Yes {
                label { class: "indent", "{t.relationship_ended_on}"
                    input {
                        r#type: "date",
                        value: input.relationship_ended_on.map(|d| d.to_string()).unwrap_or_default(),
                        onchange: move |e| {
                            let date = chrono::NaiveDate::parse_from_str(&e.value(), "%Y-%m-%d").ok();
                            set(ctx, case_id, Assignment::RelationshipEndedOn { date });
                        },
                    }
                }
            }
        }
        AnswerToggle {
            label: t.suspect_access.to_string(),
            value: input.suspect_has_access,
            onchange: move |answer| set(ctx, case_id, Assignment::SuspectHasAccess { answer }),
        }
        // The network (002 l.358-365): asked in an honour-based case, where an
        // unanswered question counts as access, or once someone recorded it.
        if input.honour_based || input.network_has_access.is_some() {
            AnswerToggle {
                label: t.network_access.to_string(),
                value: input.network_has_access.unwrap_or_default(),
                onchange: move |answer| set(ctx, case_id, Assignment::NetworkHasAccess { answer }),
            }
        }
        AnswerToggle {
            label: t.oversight.to_string(),
            value: input.third_party_oversight,
            onchange: move |answer| set(ctx, case_id, Assignment::ThirdPartyOversight { answer }),
        }
        fieldset { class: "question",
            legend { "{t.lifting}" }
            for route in LiftingRoute::VARIANTS.iter().copied() {
                CheckRow {
                    key: "{route:?}",
                    label: route.label(lang).to_string(),
                    done: input.lifted_by.contains(&route),
                    onchange: move |applied| set(ctx, case_id, Assignment::LiftingRoute { route, applied }),
                }
            }
        }
        fieldset { class: "question",
            legend { "{t.professional_judgement}" }
            if let Some(j) = input.professional_judgement.clone() {
                p { "{j.reason}" }
            }
            label { "{t.reason}"
                input { value: "{reason}", maxlength: "{samenop_core::text::ShortText::MAX}", oninput: move |e| reason.set(e.value()) }
            }
            button {
                r#type: "button",
                class: "danger",
                disabled: reason().trim().is_empty(),
                onclick: move |_| {
                    let judgement = Some(ProfessionalJudgement { acute: true, reason: reason().trim().to_string() });
                    if send(ctx, case_id, Command::Set(Assignment::ProfessionalJudgement { judgement })) {
                        reason.set(String::new());
                    }
                },
                "{t.raise_to_acute}"
            }
        }
        for criterion in state.sash_prompts() {
            p { class: "warning", "data-testid": "sash-prompt",
                {samenop_core::catalogue::fill(lang, "triage-sash_prompt", &[("criterion", &criterion.label(lang))])}
            }
        }
        if state.sash_applies() {
            fieldset { class: "question sash",
                legend { "SASH" }
                for item in SashItem::VARIANTS.iter().copied() {
                    AnswerToggle {
                        key: "{item:?}",
                        label: item.label(lang).to_string(),
                        value: input.sash.as_ref().map(|s| s.get(item)).unwrap_or_default(),
                        onchange: move |answer| set(ctx, case_id, Assignment::Sash { item, answer }),
                    }
                }
                div { class: "toggle",
                    for level in [SashLevel::Low, SashLevel::Medium, SashLevel::High] {
                        button {
                            r#type: "button",
                            class: if input.sash.as_ref().and_then(|s| s.assessor_level) == Some(level) { "opt on" } else { "opt" },
                            onclick: move |_| set(ctx, case_id, Assignment::SashAssessorLevel { level: Some(level) }),
                            "{level.label(lang)}"
                        }
                    }
                }
            }
        }
    }
}
