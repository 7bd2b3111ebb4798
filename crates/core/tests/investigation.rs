//! Step 3 (gezamenlijk) onderzoek (004 l.189–207, l.275–283) and the
//! toolkit's five steps (004 l.19–45): given the answers of a case, then
//! core says which children prompts stand, what the step bar counts, and who
//! plays which role in a measure for a minor suspect (002 l.1214–1217,
//! l.1258–1260).

mod common;

use common::{Scene, officer, vt_worker};
use samenop_core::command::Command;
use samenop_core::measures::MeasureKind;
use samenop_core::steps::{ChildPrompt, InvestigationPoint, Step, child_prompts};
use samenop_core::{Answer, Assignment, CaseState, Label, Lang, Organisation, VariantArray};

fn points(prompts: &[ChildPrompt]) -> Vec<InvestigationPoint> {
    prompts.iter().map(|p| p.point).collect()
}

#[test]
fn the_step_bar_names_the_five_steps_as_the_toolkit_does() {
    let names: Vec<String> = Step::VARIANTS.iter().map(|s| s.heading(Lang::Nl)).collect();
    assert_eq!(
        names,
        [
            "1. Fysieke veiligheid",
            "2. Motorkapoverleg",
            "3. (Gezamenlijk) onderzoek",
            "4. Veiligheidsmaatregelen",
            "5. Niet meer acuut?",
        ]
    );
    let bar: Vec<Step> = Scene::opened()
        .state()
        .progress(common::t(1))
        .iter()
        .map(|p| p.step)
        .collect();
    assert_eq!(bar, Step::VARIANTS);
}

#[test]
fn given_no_children_then_no_children_prompts() {
    assert!(child_prompts(Answer::No, Answer::Unknown).is_empty());
    assert!(child_prompts(Answer::No, Answer::No).is_empty());
}

/// Regression (protocol review): "Kinderen aanwezig? Nee" removed every
/// child prompt, the forensic examination an injured child "altijd" gets
/// included (004 l.278): a child in hospital or elsewhere is not present.
#[test]
fn given_no_children_present_but_an_injured_child_then_the_forensic_examination_is_still_required() {
    let prompts = child_prompts(Answer::No, Answer::Yes);
    assert_eq!(points(&prompts), InvestigationPoint::CHILDREN);
    let required: Vec<_> = prompts.iter().filter(|p| p.required).map(|p| p.point).collect();
    assert_eq!(required, [InvestigationPoint::ForensicExamination]);
}

#[test]
fn given_children_present_unknown_then_the_children_prompts_stand() {
    let prompts = child_prompts(Answer::Unknown, Answer::Unknown);
    assert_eq!(points(&prompts), InvestigationPoint::CHILDREN);
    assert!(points(&prompts).contains(&InvestigationPoint::ChildCheck));
    assert!(points(&prompts).contains(&InvestigationPoint::RvdkConsulted));
    assert!(points(&prompts).contains(&InvestigationPoint::VtReportPerChild));
    assert!(points(&prompts).contains(&InvestigationPoint::ChildHeardByVtOrRvdk));
    assert!(points(&prompts).contains(&InvestigationPoint::ChildSpared));
    assert!(
        prompts.iter().all(|p| !p.required),
        "no injury known: asked, not required"
    );
}

#[test]
fn given_children_present_then_the_same_prompts_stand() {
    assert_eq!(
        points(&child_prompts(Answer::Yes, Answer::No)),
        InvestigationPoint::CHILDREN
    );
}

#[test]
fn given_a_child_with_suspected_injury_then_forensic_doctor_and_fo_are_required() {
    let prompts = child_prompts(Answer::Yes, Answer::Yes);
    let required: Vec<_> = prompts.iter().filter(|p| p.required).map(|p| p.point).collect();
    assert_eq!(required, [InvestigationPoint::ForensicExamination]);
}

#[test]
fn given_a_case_with_an_injured_child_when_nothing_is_done_then_step_3_needs_attention() {
    let mut s = Scene::opened();
    s.police_sets(1, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(2, Assignment::ChildInjury { answer: Answer::Yes });
    let state = s.state();
    let step3 = state.progress(common::t(3))[2];
    assert_eq!(step3.step, Step::Onderzoek);
    assert_eq!(step3.open, InvestigationPoint::CHILDREN.len());
    assert!(step3.attention);

    // When the forensic examination is recorded, then the attention goes.
    s.police_sets(
        4,
        Assignment::Investigation {
            point: InvestigationPoint::ForensicExamination,
            done: true,
            note: "FA en FO gebeld".into(),
        },
    );
    let step3 = s.state().progress(common::t(5))[2];
    assert_eq!(step3.open, InvestigationPoint::CHILDREN.len() - 1);
    assert!(!step3.attention);
}

#[test]
fn given_a_fresh_case_then_step_3_counts_the_children_prompts_as_open() {
    // Children present is "onbekend" until someone answers.
    let state = Scene::opened().state();
    assert_eq!(state.children_present(), Answer::Unknown);
    assert_eq!(state.progress(common::t(1))[2].open, InvestigationPoint::CHILDREN.len());
}

#[test]
fn given_an_adult_suspect_then_3ro_advises_and_supervises() {
    let state = Scene::opened().state();
    let roles = state.measure_roles(MeasureKind::Gedragsaanwijzing509hh);
    assert_eq!(roles.advises, [Organisation::Reclassering]);
    assert!(roles.supervises.contains(&Organisation::Reclassering));
}

#[test]
fn given_a_minor_suspect_then_the_rvdk_advises_and_jeugdreclassering_supervises() {
    let mut s = Scene::opened();
    s.police_sets(1, Assignment::SuspectIsMinor { answer: Answer::Yes });
    let state = s.state();
    assert_eq!(state.suspect_is_minor(), Answer::Yes);
    let roles = state.measure_roles(MeasureKind::Gedragsaanwijzing509hh);
    assert_eq!(roles.advises, [Organisation::Rvdk]);
    assert!(!roles.supervises.contains(&Organisation::Reclassering));
    assert!(roles.supervises.contains(&Organisation::Jeugdreclassering));
    // Measures without 3RO keep their roles.
    assert_eq!(
        state.measure_roles(MeasureKind::TijdelijkHuisverbod),
        MeasureKind::TijdelijkHuisverbod.roles(true)
    );
}

#[test]
fn given_suspect_minor_unknown_then_the_adult_route_stands() {
    let mut s = Scene::opened();
    s.police_sets(
        1,
        Assignment::SuspectIsMinor {
            answer: Answer::Unknown,
        },
    );
    let roles = s.state().measure_roles(MeasureKind::Gedragsaanwijzing509hh);
    assert_eq!(roles.advises, [Organisation::Reclassering]);
}

#[test]
fn when_vt_records_suspect_minor_then_core_records_it() {
    let state: CaseState = Scene::opened().state();
    let event = state
        .decide(
            Command::Set(Assignment::SuspectIsMinor { answer: Answer::Yes }),
            &vt_worker(),
            common::t(2),
        )
        .expect("recorded");
    assert!(matches!(
        event,
        samenop_core::EventKind::Assigned {
            assignment: Assignment::SuspectIsMinor { answer: Answer::Yes },
            ..
        }
    ));
    // And the police too.
    assert!(
        state
            .decide(
                Command::Set(Assignment::ChildInjury { answer: Answer::Yes }),
                &officer(),
                common::t(2)
            )
            .is_ok()
    );
}

#[test]
fn the_new_words_are_in_the_catalogue() {
    assert_eq!(Organisation::Jeugdreclassering.label(Lang::Nl), "Jeugdreclassering");
    assert_eq!(
        InvestigationPoint::ChildHeardByVtOrRvdk.label(Lang::Nl),
        "Kind gesproken door VT of RvdK"
    );
}

#[test]
fn the_summary_has_a_step_3_section_with_open_children_prompts() {
    let mut s = Scene::opened();
    s.police_sets(1, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(2, Assignment::ChildInjury { answer: Answer::Yes });
    let text = samenop_core::OnSceneSummary::build(&s.state(), common::t(3)).render_text(Lang::Nl);
    assert!(text.contains("3. (Gezamenlijk) onderzoek"), "{text}");
    assert!(
        text.contains("Forensisch arts en Forensische Opsporing (letsel bij kind) (verplicht)"),
        "{text}"
    );
    assert!(
        text.contains("2. Motorkapoverleg — Eerste veiligheidsbeoordeling"),
        "{text}"
    );
}
