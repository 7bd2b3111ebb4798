//! The eerste veiligheidsbeoordeling and "niet meer acuut": given the
//! events of a case, when VT confirms the assessment or someone declares
//! the case no longer acute, then core records it or names what blocks it
//! (004 l.450, l.307, l.302). The server admits pushed events with the
//! same rules.

mod common;

use common::given_when::given;
use common::{Scene, declare_not_acute, measure_id, officer, police_agree_huisverbod_with_first_contact, t, vt_worker};
use samenop_core::case::AssessmentGap;
use samenop_core::command::Command;
use samenop_core::handover::{ExitCondition, HandoverBlocker, HandoverItem};
use samenop_core::text::ShortText;
use samenop_core::triage::Criterion;
use samenop_core::triage::{LiftingRoute, TriageStatus};
use samenop_core::{Answer, Assignment, CaseState, EventKind, Lang, Organisation, Refusal};
use samenop_core::{FieldKey, Label, VariantArray};

fn set(a: Assignment) -> Command {
    Command::Set(a)
}

fn answered(criterion: Criterion, answer: Answer) -> Assignment {
    Assignment::Criterion { criterion, answer }
}

/// Every question the assessment rests on answered "nee" by the police at
/// `minute`: a case with nothing acute.
fn all_answered(s: &mut Scene, minute: i64) {
    for c in Criterion::VARIANTS.iter().copied() {
        s.police_sets(minute, answered(c, Answer::No));
    }
    s.police_sets(minute, Assignment::SuspectHasAccess { answer: Answer::No });
    s.police_sets(minute, Assignment::ThirdPartyOversight { answer: Answer::No });
    s.police_sets(minute, Assignment::ChildrenPresent { answer: Answer::No });
}

fn confirm(by_phone_with: Option<&str>) -> Command {
    Command::ConfirmSafetyAssessment {
        by_phone_with: by_phone_with.map(|n| ShortText::parse(n).unwrap()),
    }
}

fn handover(item: HandoverItem) -> Assignment {
    Assignment::Handover { item }
}

#[test]
fn a_vt_account_confirms_the_assessment_once_every_question_is_answered() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    assert_eq!(s.state().safety_assessment().missing, vec![AssessmentGap::NotConfirmed]);
    let kind = given(&s.events).when(&vt_worker(), confirm(None), t(3)).then_event();
    assert!(matches!(
        kind,
        EventKind::Assigned {
            assignment: Assignment::SafetyAssessmentConfirmed { by_phone_with: None },
            ..
        }
    ));
    s.vt_writes(3, kind);
    let assessment = s.state().safety_assessment();
    assert!(assessment.is_complete(), "{assessment:?}");
    assert_eq!(assessment.confirmation.unwrap().by, vt_worker());
    assert!(
        s.state()
            .handover()
            .exit_conditions
            .contains(&ExitCondition::SafetyAssessmentMade)
    );
}

#[test]
fn confirming_while_a_criterion_is_unknown_is_refused_naming_it() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    s.police_sets(3, answered(Criterion::Firearm, Answer::Unknown));
    let then = given(&s.events).when(&vt_worker(), confirm(None), t(4));
    let Err(refusal) = then.0 else { panic!("not refused") };
    assert_eq!(
        refusal,
        Refusal::AssessmentIncomplete(AssessmentGap::Criterion(Criterion::Firearm))
    );
    assert!(refusal.text(Lang::Nl).contains(Criterion::Firearm.label(Lang::Nl)));
}

#[test]
fn confirming_while_access_or_oversight_is_open_is_refused() {
    let mut s = Scene::opened();
    for c in Criterion::VARIANTS.iter().copied() {
        s.police_sets(2, answered(c, Answer::No));
    }
    given(&s.events)
        .when(&vt_worker(), confirm(None), t(3))
        .then_refused(Refusal::AssessmentIncomplete(AssessmentGap::SuspectHasAccess));
    s.police_sets(3, Assignment::SuspectHasAccess { answer: Answer::Yes });
    given(&s.events)
        .when(&vt_worker(), confirm(None), t(4))
        .then_refused(Refusal::AssessmentIncomplete(AssessmentGap::ThirdPartyOversight));
}

#[test]
fn a_police_account_confirms_only_as_assessed_with_vt_by_phone_naming_the_worker() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    given(&s.events)
        .when(&officer(), confirm(None), t(3))
        .then_refused(Refusal::VtWorkerNameRequired);
    s.police_does(3, confirm(Some("  J. Proef (VT) ")));
    let assessment = s.state().safety_assessment();
    assert!(assessment.is_complete());
    let confirmation = assessment.confirmation.unwrap();
    assert_eq!(confirmation.by_phone_with.as_deref(), Some("J. Proef (VT)"));
    assert!(
        confirmation
            .text(Lang::Nl)
            .contains("Beoordeeld met VT (telefonisch): J. Proef (VT)")
    );
}

#[test]
fn a_pushed_police_confirmation_without_a_name_or_with_too_long_a_name_is_not_admitted() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    let empty = s.state().assign(Assignment::SafetyAssessmentConfirmed {
        by_phone_with: Some("  ".into()),
    });
    let e = s.police_writes(3, empty).clone();
    assert_eq!(
        CaseState::fold(&s.events[..s.events.len() - 1]).admit(&e),
        Err(Refusal::VtWorkerNameRequired)
    );
    let long = s.state().assign(Assignment::SafetyAssessmentConfirmed {
        by_phone_with: Some("x".repeat(ShortText::MAX + 1)),
    });
    let e = s.police_writes(4, long).clone();
    assert!(matches!(
        s.state().skipped.last(),
        Some(skipped) if skipped.event_id == e.id
    ));
    assert!(!s.state().safety_assessment().is_complete());
}

#[test]
fn an_answer_changed_after_the_confirmation_asks_for_a_new_one() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    s.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    s.police_sets(4, Assignment::SuspectHasAccess { answer: Answer::Yes });
    let state = s.state();
    assert_eq!(
        state.safety_assessment().missing,
        vec![AssessmentGap::ChangedSinceConfirmation]
    );
    assert!(
        !state
            .handover()
            .exit_conditions
            .contains(&ExitCondition::SafetyAssessmentMade)
    );
    // Confirming again closes it.
    s.vt_does(5, confirm(None));
    assert!(s.state().safety_assessment().is_complete());
}

#[test]
fn an_old_free_tick_of_the_assessment_still_loads_but_the_derived_value_wins() {
    let mut s = Scene::opened();
    s.police_sets(
        2,
        handover(HandoverItem::ExitCondition {
            condition: ExitCondition::SafetyAssessmentMade,
            met: true,
        }),
    );
    let state = s.state();
    assert!(state.skipped.is_empty());
    assert!(
        state
            .current(&FieldKey::Handover(samenop_core::event::HandoverKey::ExitCondition(
                ExitCondition::SafetyAssessmentMade
            )))
            .is_some()
    );
    assert!(
        !state
            .handover()
            .exit_conditions
            .contains(&ExitCondition::SafetyAssessmentMade)
    );
}

/// A case ready for "niet meer acuut": answered, confirmed by VT, the other
/// two exit conditions met, VT taking over and VT the eerste aanspreekpunt
/// voor het totaal aan veiligheidsmaatregelen (004 l.302).
fn ready_for_handover() -> Scene {
    let mut s = ready_but_for_the_first_contact();
    s.vt_does(5, common::agree_first_contact(Organisation::VeiligThuis));
    s
}

fn ready_but_for_the_first_contact() -> Scene {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    common::confirmed_and_taken_over(&mut s, 3);
    // The police's VT-melding (002 l.263), asked since schema 3.
    s.police_sets(5, handover(HandoverItem::VtReport { done: true }));
    s
}

#[test]
fn not_acute_is_declared_when_nothing_blocks() {
    let mut s = ready_for_handover();
    s.vt_does(6, declare_not_acute());
    assert!(s.state().handover().declared_not_acute);
}

/// Regression (protocol review): a criterion made "onbekend" again after
/// the declaration left the case "overgedragen" (and due for removal)
/// while its summary said "nog niet beoordeeld". The assessment it was
/// handed over on no longer stands (004 l.307): it reads not assessed.
#[test]
fn a_declared_case_whose_assessment_is_reopened_is_no_longer_handed_over() {
    use samenop_core::CaseStatus;
    let mut s = ready_for_handover();
    s.vt_does(6, declare_not_acute());
    assert_eq!(s.state().status(t(7)), CaseStatus::HandedOver);
    s.vt_sets(8, answered(Criterion::Firearm, Answer::Unknown));
    assert_eq!(s.state().status(t(9)), CaseStatus::NotAssessed);
}

#[test]
fn not_acute_is_refused_while_the_assessment_is_not_made_naming_the_first_blocker() {
    let mut s = Scene::opened();
    for condition in ExitCondition::VARIANTS.iter().copied() {
        s.vt_sets(3, handover(HandoverItem::ExitCondition { condition, met: true }));
    }
    s.vt_sets(
        4,
        handover(HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis],
        }),
    );
    let then = given(&s.events).when(&vt_worker(), declare_not_acute(), t(5));
    let blocker = HandoverBlocker::ExitConditionOpen(ExitCondition::SafetyAssessmentMade);
    assert_eq!(then.0.clone().err(), Some(Refusal::HandoverBlocked(blocker)));
    assert!(then.0.unwrap_err().text(Lang::Nl).contains(&blocker.text(Lang::Nl)));
}

#[test]
fn not_acute_is_refused_while_the_case_is_acute_and_the_fold_skips_a_pushed_one() {
    let mut s = ready_for_handover();
    s.police_sets(6, answered(Criterion::Firearm, Answer::Yes));
    s.police_sets(6, Assignment::SuspectHasAccess { answer: Answer::Yes });
    assert_eq!(s.state().triage(t(7)).status, TriageStatus::Acute);
    given(&s.events)
        .when(&vt_worker(), declare_not_acute(), t(7))
        .then_refused(Refusal::HandoverBlocked(HandoverBlocker::StillAcute));
    // A modified client writes it anyway: the fold skips it.
    let kind = s.state().assign(handover(HandoverItem::Declared { not_acute: true }));
    s.vt_writes(7, kind);
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(!state.handover().declared_not_acute);
    // Lifting the acute unsafety and confirming again opens the way.
    s.police_sets(
        8,
        Assignment::LiftingRoute {
            route: LiftingRoute::ArrestedArt53Sv,
            applied: true,
        },
    );
    s.vt_sets(9, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    common::arrest_recorded(&mut s, 9);
    s.vt_does(10, declare_not_acute());
    assert!(s.state().handover().declared_not_acute);
}

/// 004 l.302: "Wie van de partijen is eerste aanspreekpunt voor het totaal
/// aan veiligheidsmaatregelen" is agreed before the case leaves the scene.
#[test]
fn not_acute_is_refused_until_a_case_level_first_contact_is_agreed_and_the_fold_skips_a_forged_one() {
    let mut s = ready_but_for_the_first_contact();
    let then = given(&s.events).when(&vt_worker(), declare_not_acute(), t(6));
    assert_eq!(
        then.0.clone().err(),
        Some(Refusal::HandoverBlocked(HandoverBlocker::NoCaseFirstContact))
    );
    assert!(then.0.unwrap_err().text(Lang::Nl).contains("eerste aanspreekpunt"));
    // A modified client writes it anyway: the fold (and the server) skip it.
    let kind = s.state().assign(handover(HandoverItem::Declared { not_acute: true }));
    s.vt_writes(6, kind);
    assert!(!s.state().handover().declared_not_acute);
    // A per-measure first contact is not the agreement for the whole case.
    s.police_does(7, police_agree_huisverbod_with_first_contact(measure_id(0xa61), t(7)));
    given(&s.events)
        .when(&vt_worker(), declare_not_acute(), t(8))
        .then_refused(Refusal::HandoverBlocked(HandoverBlocker::NoCaseFirstContact));
    s.police_does(8, common::agree_first_contact(Organisation::Police));
    // With a huisverbod the victim is told how to report a breach (002 l.879-881).
    s.police_sets(8, handover(HandoverItem::VictimInformed { done: true }));
    s.vt_does(9, declare_not_acute());
    assert!(s.state().handover().declared_not_acute);
}

#[test]
fn withdrawing_a_declaration_is_never_blocked() {
    given(&Scene::opened().events)
        .when(
            &officer(),
            set(handover(HandoverItem::Declared { not_acute: false })),
            t(3),
        )
        .then_event();
}

#[test]
fn confirmation_and_declaration_need_the_stored_case_on_the_server() {
    let confirmation = EventKind::Assigned {
        supersedes: vec![],
        assignment: Assignment::SafetyAssessmentConfirmed { by_phone_with: None },
    };
    let declared = EventKind::Assigned {
        supersedes: vec![],
        assignment: handover(HandoverItem::Declared { not_acute: true }),
    };
    assert!(CaseState::needs_case(&confirmation));
    assert!(CaseState::needs_case(&declared));
}

/// Regression (protocol review): with every question answered "nee" by the
/// police and no confirmation by Veilig Thuis, the summary read
/// "Eerste veiligheidsbeoordeling: niet acuut" as if VT had assessed it,
/// and the lead's "na 24 uur nog niet overgedragen" never fired. VT makes
/// the eerste veiligheidsbeoordeling (004 l.27, l.307): until VT confirms,
/// the summary says so and the flag counts the case as not yet assessed.
/// Regression (UX review, stop 36): the case's status chip read a green
/// "✓ niet acuut" while step 5 said VT had not confirmed; "niet acuut" is
/// VT's eerste veiligheidsbeoordeling (004 l.27, l.450), so until then the
/// case is "nog niet beoordeeld" everywhere (header, lists, the lead).
#[test]
fn not_acute_before_vt_confirmed_reads_as_unconfirmed_and_is_flagged_after_a_day() {
    use samenop_core::board::LeadFlags;
    use samenop_core::{CaseStatus, OnSceneSummary};
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    let state = s.state();
    assert_eq!(state.triage(t(3)).status, TriageStatus::NotAcute);
    assert_eq!(state.status(t(3)), CaseStatus::NotAssessed);
    let text = OnSceneSummary::build(&state, t(3)).render_text(Lang::Nl);
    assert!(
        text.contains("niet acuut — nog niet bevestigd door Veilig Thuis"),
        "{text}"
    );
    assert!(LeadFlags::of(&state, t(25 * 60)).acute_past_24_hours);
    s.vt_does(4, confirm(None));
    let state = s.state();
    assert_eq!(state.status(t(5)), CaseStatus::NotAcute);
    let text = OnSceneSummary::build(&state, t(5)).render_text(Lang::Nl);
    assert!(!text.contains("nog niet bevestigd"), "{text}");
    assert!(!LeadFlags::of(&state, t(25 * 60)).acute_past_24_hours);
}

/// Regression (protocol review): retention deleted a handed-over case on
/// day 8 of a 7-day period while its huisverbod still asked for the
/// extension decision and its end was on the board. A case whose measures
/// still ask someone to act (002 l.1095–1106) is kept whatever the period.
#[test]
fn retention_keeps_a_handed_over_case_while_its_measures_ask_someone_to_act() {
    use chrono::Duration;
    use samenop_core::CaseStatus;
    use samenop_core::retention::RetentionPeriod;
    let mut s = ready_for_handover();
    s.police_does(6, police_agree_huisverbod_with_first_contact(measure_id(0x7e), t(6)));
    s.police_sets(7, handover(HandoverItem::VictimInformed { done: true }));
    s.vt_does(8, declare_not_acute());
    let state = s.state();
    let day8 = t(8) + Duration::days(8);
    assert_eq!(state.status(day8), CaseStatus::HandedOver);
    let week = RetentionPeriod { days: 7 };
    assert!(
        !week.purge_due(&state, t(8), day8),
        "the huisverbod's decision and end are still ahead"
    );
    // Without measures the same case goes after the period.
    let mut plain = ready_for_handover();
    plain.vt_does(6, declare_not_acute());
    assert!(week.purge_due(&plain.state(), t(6), day8));
}
