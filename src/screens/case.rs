//! One case: the step bar, conflicts, and the step being worked on.

use dioxus::prelude::*;
use samenop_core::steps::Step;
use samenop_core::{CaseId, CaseState, Conflict, Label};

use super::actions::{now, set};
use super::{CaseScreen, use_case};
use crate::components::use_control;

use crate::View;
use crate::components::SyncBadge;
use crate::screens::cases::status_class;

#[component]
pub fn CaseView(case_id: CaseId, step: Step, #[props(default)] assessment: bool) -> Element {
    let CaseScreen { ctx, lang, state } = use_case(case_id);
    let t = ctx.texts();
    let at = now();
    let status = state.status(at);
    let progress = state.progress(at);
    let conflicts = state.conflicts();
    // "Volgende stap": the steps in the toolkit's order, step 2 with both its parts, then the summary.
    let order: Vec<Step> = progress.iter().map(|p| p.step).collect();
    let next = match (step, assessment) {
        (Step::Motorkapoverleg, false) => View::Assessment(case_id),
        _ => order
            .iter()
            .skip_while(|s| **s != step)
            .nth(1)
            .map_or(View::Summary(case_id), |s| View::Case(case_id, *s)),
    };
    let unassessed = status == samenop_core::CaseStatus::NotAssessed;
    // Handed over and sent: the case has left this phone (issue 14 §4).
    if ctx.field.read().local.purged.contains(&case_id) {
        return rsx! {
            main { class: "screen", "data-testid": "case-purged",
                p { role: "status", {crate::i18n::t(lang, "case-purged_from_device")} }
                button { class: "primary", r#type: "button", onclick: move |_| ctx.go(View::Cases), "{t.my_cases}" }
            }
        };
    }

    // Handed over: say that (and when) the case leaves this phone, so its
    // going is expected, not a surprise (issue 16 §2).
    let leaves = ctx.field.read().leaves_device(&case_id, at);

    rsx! {
        header { class: "bar",
            button { class: "link", r#type: "button", onclick: move |_| ctx.go(View::Cases), "← {t.back}" }
            span { class: "status {status_class(status)}", "data-testid": "case-status", "{status.label(lang)}" }
            SyncBadge {}
        }
        if let Some(when) = leaves {
            p { class: "muted notice", role: "status", "data-testid": "case-leaves-device",
                match when {
                    Some(at) => samenop_core::catalogue::fill(lang, "case-leaves_device_at", &[("time", &samenop_core::local_time::local_time_text(at))]),
                    None => crate::i18n::t(lang, "case-leaves_device_when_sent").to_string(),
                }
            }
        }
        nav { class: "steps", aria_label: "Stappen",
            for p in progress {
                button {
                    r#type: "button",
                    class: if p.step == step { "step on" } else if p.attention { "step attention" } else { "step" },
                    aria_current: if p.step == step { "step" } else { "false" },
                    onclick: move |_| ctx.go(View::Case(case_id, p.step)),
                    span { class: "num", "{p.step.number()}" }
                    span { class: "name", "{p.step.label(lang)}" }
                    if p.open > 0 {
                        span { class: "open", aria_label: "open", "{p.open}" }
                    }
                }
            }
            button { r#type: "button", class: "step", onclick: move |_| ctx.go(View::Summary(case_id)),
                span { class: "icon", aria_hidden: "true", "≡" }
                span { class: "name", "{t.summary}" }
            }
        }
        if !conflicts.is_empty() {
            section { class: "card conflicts", role: "alert",
                h2 { "{t.conflicts}" }
                for c in conflicts {
                    ConflictChoice { key: "{c.key:?}", case_id, conflict: c }
                }
            }
        }
        // Answers changed by another organisation (issue 17 §3).
        super::trace::ChangesByOthers { case_id }
        // Who joined late, when and why ("break-glass", issue 13): every
        // participant sees it.
        if !state.late_joins().is_empty() {
            section { class: "card late-joins", "data-testid": "late-joins",
                h2 { "{t.late_joins}" }
                for j in state.late_joins().iter().cloned() {
                    p { "{crate::screens::local(j.at)} — {j.actor.display_name} ({j.actor.organisation.label(lang)}): {j.reason}" }
                }
            }
        }
        crate::components::NotSentList { case_id: Some(case_id) }
        main { class: "screen",
            // Step 2 has two parts: the motorkapoverleg and VT's eerste
            // veiligheidsbeoordeling (004 l.27), the Bijlage II triage.
            if step == Step::Motorkapoverleg {
                nav { class: "subnav", aria_label: "{Step::Motorkapoverleg.label(lang)}",
                    button {
                        r#type: "button",
                        class: if assessment { "opt" } else { "opt on" },
                        aria_current: if assessment { "false" } else { "page" },
                        "data-testid": "step2-consultation",
                        onclick: move |_| ctx.go(View::Case(case_id, Step::Motorkapoverleg)),
                        {crate::i18n::t(lang, "steps-consultation")}
                    }
                    button {
                        r#type: "button",
                        class: if assessment { "opt on" } else { "opt" },
                        aria_current: if assessment { "page" } else { "false" },
                        "data-testid": "step2-assessment",
                        onclick: move |_| ctx.go(View::Assessment(case_id)),
                        {crate::i18n::t(lang, "steps-first_safety_assessment")}
                    }
                }
            }
            // Not assessed yet: VT's eerste veiligheidsbeoordeling one tap away from step 1 (issue 17 §4).
            if step == Step::FysiekeVeiligheid && unassessed {
                button {
                    r#type: "button",
                    class: "shortcut",
                    "data-testid": "to-assessment",
                    onclick: move |_| ctx.go(View::Assessment(case_id)),
                    "→ {t.to_assessment}"
                }
            }
            // Eergerelateerd geweld: the warnings on every screen of the case.
            super::honour::HonourWarnings { case_id }
            match step {
                Step::FysiekeVeiligheid => rsx! { super::step_safety::StepSafety { case_id } },
                Step::Motorkapoverleg if assessment => rsx! { super::step_triage::StepTriage { case_id } },
                Step::Motorkapoverleg => rsx! { super::step_motorkap::StepMotorkap { case_id } },
                Step::Onderzoek => rsx! { super::step_onderzoek::StepOnderzoek { case_id } },
                Step::Veiligheidsmaatregelen => rsx! { super::step_measures::StepMeasures { case_id } },
                Step::NietMeerAcuut => rsx! { super::step_handover::StepHandover { case_id } },
            }
            button {
                r#type: "button",
                class: "primary next-step",
                "data-testid": "next-step",
                onclick: move |_| ctx.go(next.clone()),
                "{t.next_step} →"
            }
        }
    }
}

/// One conflict: each value with "dit houden"; a refused choice shows under
/// this conflict, not in the banner at the top (issue 17 §1).
#[component]
fn ConflictChoice(case_id: CaseId, conflict: Conflict) -> Element {
    let CaseScreen { ctx, lang, .. } = use_case(case_id);
    let t = ctx.texts();
    let control = use_control();
    rsx! {
        div { class: "conflict", "data-testid": "conflict",
            h3 { "{conflict.key.label(lang)}" }
            for v in conflict.values.clone() {
                div { class: "conflict-value",
                    span { "\"{v.value.value_text(lang)}\" — {v.author.display_name} ({v.author.organisation.label(lang)})" }
                    button {
                        r#type: "button",
                        onclick: move |_| control.run(|| set(ctx, case_id, v.value.clone())),
                        "{t.keep_this}"
                    }
                }
            }
            {control.message()}
        }
    }
}

/// The summary text, used by the summary screen and read aloud.
pub fn summary_text(state: &CaseState, lang: samenop_core::Lang) -> String {
    super::honour::summary(state, now()).render_text(lang)
}
