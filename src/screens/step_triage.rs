//! Step 2, second part: Veilig Thuis's eerste veiligheidsbeoordeling (004
//! l.27, l.181–187) as the Bijlage II criteria, access and oversight, the lifting
//! routes, professional judgement and the SASH; the result updates live.

use dioxus::prelude::*;
use samenop_core::VariantArray;
use samenop_core::sash::{SashItem, SashLevel};
use samenop_core::triage::{Criterion, LiftingRoute, ProfessionalJudgement, TriageStatus};
use samenop_core::{Answer, Assignment, CaseId, Command, Label};

use super::actions::{now, send_here, set};
use super::{CaseScreen, use_case};
use crate::components::{AnswerToggle, CheckRow, ChoiceToggle};

const LEVELS: [SashLevel; 3] = [SashLevel::Low, SashLevel::Medium, SashLevel::High];

#[component]
pub fn StepTriage(case_id: CaseId) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let t = ctx.texts();
    let outcome = state.triage(now());
    let input = state.triage_input(now());
    let mut reason = super::resume::use_draft(format!("{case_id}:triage:reason"));
    let mut reason_error = use_signal(|| None::<String>);
    // A refused breakup date stays in its field with the reason under it.
    let mut breakup_typed = use_signal(|| None::<String>);
    let mut breakup_error = use_signal(|| None::<String>);
    let heading = format!(
        "{}. {}",
        samenop_core::steps::Step::Motorkapoverleg.number(),
        crate::i18n::t(lang, "steps-first_safety_assessment")
    );
    // Answers that count nothing are not VT's assessment until VT confirms
    // it (004 l.27, l.450): no green before that (UX review, stop 36).
    let confirmed = state.safety_assessment().is_complete();
    let status_class = match outcome.status {
        TriageStatus::Acute => "acute",
        TriageStatus::Contained => "contained",
        TriageStatus::NotAcute if confirmed => "not-acute",
        TriageStatus::Undetermined | TriageStatus::NotAcute => "not-assessed",
    };
    let pending = (!confirmed && outcome.status != TriageStatus::Undetermined)
        .then(|| crate::i18n::t(lang, "summary-assessment_not_confirmed"));

    rsx! {
        h1 { "{heading}" }
        section { class: "result {status_class}", role: "status", aria_live: "polite", "data-testid": "triage-result",
            h2 { "{t.result}: {outcome.status.label(lang)}" }
            if let Some(pending) = pending {
                p { class: "pending", "data-testid": "assessment-pending", "({pending})" }
            }
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
                trace: (case_id, samenop_core::FieldKey::Criterion(criterion)),
                onchange: move |answer| set(ctx, case_id, Assignment::Criterion { criterion, answer }),
            }
            if criterion == Criterion::IntimateTerrorRecentBreakup && input.answer(criterion) == Answer::Yes {
                label { class: "indent", "{t.relationship_ended_on}"
                    input {
                        r#type: "date",
                        "data-testid": "breakup-date",
                        value: breakup_typed().unwrap_or_else(|| input.relationship_ended_on.map(|d| d.to_string()).unwrap_or_default()),
                        onchange: move |e| {
                            let typed = e.value();
                            let date = chrono::NaiveDate::parse_from_str(&typed, "%Y-%m-%d").ok();
                            match send_here(ctx, case_id, Command::Set(Assignment::RelationshipEndedOn { date })) {
                                Ok(()) => {
                                    breakup_typed.set(None);
                                    breakup_error.set(None);
                                }
                                Err(refusal) => {
                                    breakup_typed.set(Some(typed));
                                    breakup_error.set(Some(refusal));
                                }
                            }
                        },
                    }
                }
                if let Some(err) = breakup_error() {
                    p { class: "field-error indent", role: "alert", "data-testid": "breakup-error", "{err}" }
                }
            }
        }
        AnswerToggle {
            label: t.suspect_access.to_string(),
            value: input.suspect_has_access,
            trace: (case_id, samenop_core::FieldKey::SuspectHasAccess),
            onchange: move |answer| set(ctx, case_id, Assignment::SuspectHasAccess { answer }),
        }
        // EGG is flagged here too (A7 suggests it, 002 l.1078-1079).
        super::honour::HonourFlag { case_id }
        // The network (002 l.358-365): asked in an honour-based case, where an
        // unanswered question counts as access, or once someone recorded it.
        if input.honour_based || input.network_has_access.is_some() {
            AnswerToggle {
                label: t.network_access.to_string(),
                value: input.network_has_access.unwrap_or_default(),
                trace: (case_id, samenop_core::FieldKey::NetworkHasAccess),
                onchange: move |answer| set(ctx, case_id, Assignment::NetworkHasAccess { answer }),
            }
        }
        if input.honour_based {
            super::honour::NetworkThreat { case_id }
        }
        AnswerToggle {
            label: t.oversight.to_string(),
            value: input.third_party_oversight,
            trace: (case_id, samenop_core::FieldKey::ThirdPartyOversight),
            risk: Some(Answer::No),
            onchange: move |answer| set(ctx, case_id, Assignment::ThirdPartyOversight { answer }),
        }
        fieldset { class: "question",
            legend { "{t.lifting}" }
            for route in LiftingRoute::VARIANTS.iter().copied() {
                CheckRow {
                    key: "{route:?}",
                    label: route.label(lang).to_string(),
                    done: input.lifted_by.contains(&route),
                    trace: (case_id, samenop_core::FieldKey::LiftingRoute(route)),
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
                    match send_here(ctx, case_id, Command::Set(Assignment::ProfessionalJudgement { judgement })) {
                        Ok(()) => {
                            reason.set(String::new());
                            reason_error.set(None);
                        }
                        Err(e) => reason_error.set(Some(e)),
                    }
                },
                "{t.raise_to_acute}"
            }
            if let Some(err) = reason_error() {
                p { class: "field-error", role: "alert", "{err}" }
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
                        trace: (case_id, samenop_core::FieldKey::Sash(item)),
                        onchange: move |answer| set(ctx, case_id, Assignment::Sash { item, answer }),
                    }
                }
                // The question above its buttons, not only for screen readers (UX review, stop 36).
                p { class: "question-label", {samenop_core::FieldKey::SashAssessorLevel.label(lang)} }
                ChoiceToggle {
                    label: samenop_core::FieldKey::SashAssessorLevel.label(lang).to_string(),
                    options: LEVELS.iter().map(|l| l.label(lang).to_string()).collect::<Vec<_>>(),
                    selected: LEVELS.iter().position(|l| input.sash.as_ref().and_then(|s| s.assessor_level) == Some(*l)),
                    trace: (case_id, samenop_core::FieldKey::SashAssessorLevel),
                    onchange: move |i: usize| set(ctx, case_id, Assignment::SashAssessorLevel { level: Some(LEVELS[i]) }),
                }
            }
        }
    }
}
