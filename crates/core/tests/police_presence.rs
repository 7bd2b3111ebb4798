//! Step 5 while only the police keep the suspect away (art 3 Pw). That
//! route holds "onder begeleiding van politie" (002 l.1112-1113): it ends
//! when the police leave, and a change in access asks for a new assessment
//! (002 l.1095-1096). "Niet meer acuut" is for when "betrokkenen fysiek
//! veilig zijn" (004 l.307), so it waits for that re-assessment. Given the
//! events of a case, when VT declares, then core answers.

mod common;

use common::triage::input;
use common::{Scene, agree_first_contact, declaration_blocker, declare_not_acute, t};
use samenop_core::handover::{HandoverBlocker, HandoverItem};
use samenop_core::summary::OnSceneSummary;
use samenop_core::triage::{Criterion, LiftingRoute, TriageStatus, evaluate};
use samenop_core::{Answer, Assignment, Organisation, Schema};

fn handover(item: HandoverItem) -> Assignment {
    Assignment::Handover { item }
}

fn route(route: LiftingRoute, applied: bool) -> Assignment {
    Assignment::LiftingRoute { route, applied }
}

/// A threat of violence (A8 "ja"), the suspect with access, no oversight,
/// the police keeping him away under art 3 Pw; everything else step 5 asks
/// is done, VT confirmed the assessment.
fn held_by_the_police_only() -> Scene {
    let mut s = Scene::opened();
    common::threat_answered(&mut s, 2, Answer::Yes);
    s.police_sets(2, route(LiftingRoute::KeptAwayArt3Pw, true));
    s.police_sets(2, Assignment::ChildrenPresent { answer: Answer::No });
    common::confirmed_and_taken_over(&mut s, 3);
    s.vt_sets(4, handover(HandoverItem::VtReport { done: true }));
    s.vt_does(5, agree_first_contact(Organisation::VeiligThuis));
    s
}

/// Schema 4's file: the case above (then without the children's answer),
/// the arrest, and the declaration VT made once it held. Written in stop 35;
/// never rewrite it. Under schema 4's rules it stays declared, though the
/// arrest is recorded as no measure and the children are unknown.
const V4: &str = "tests/golden/events-v4-police-presence.jsonl";

/// Schema 5's file: the case above, the arrest recorded as a measure too,
/// and the declaration. Written once with `SAMENOP_WRITE_GOLDEN_V5=1 cargo
/// test -p samenop-core --test police_presence`; never rewrite it.
const V5: &str = "tests/golden/events-v5-arrest-recorded.jsonl";

fn declared_after_the_recorded_arrest() -> Scene {
    let mut s = held_by_the_police_only();
    s.police_sets(6, route(LiftingRoute::ArrestedArt53Sv, true));
    common::arrest_recorded(&mut s, 7);
    s.vt_does(8, declare_not_acute());
    s
}

#[test]
fn the_triage_knows_when_only_art3_pw_holds_the_case() {
    use LiftingRoute::{ArrestedArt53Sv, KeptAwayArt3Pw, PlanWithOversight};
    let with = |access: Answer, oversight: Answer, routes: &[LiftingRoute]| {
        let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
        i.suspect_has_access = access;
        i.third_party_oversight = oversight;
        i.lifted_by = routes.to_vec();
        evaluate(&i)
    };
    let only_police = with(Answer::Unknown, Answer::Unknown, &[KeptAwayArt3Pw]);
    assert_eq!(only_police.status, TriageStatus::Contained);
    assert!(only_police.rests_on_police_presence);
    // Something else holds too: the police may leave without the case turning acute.
    assert!(!with(Answer::Yes, Answer::No, &[KeptAwayArt3Pw, ArrestedArt53Sv]).rests_on_police_presence);
    assert!(!with(Answer::Yes, Answer::Yes, &[KeptAwayArt3Pw]).rests_on_police_presence);
    assert!(!with(Answer::Yes, Answer::Unknown, &[KeptAwayArt3Pw, PlanWithOversight]).rests_on_police_presence);
    assert!(!with(Answer::No, Answer::No, &[KeptAwayArt3Pw]).rests_on_police_presence);
    // An arrest the case rests on, alone or beside art 3 Pw; not when the
    // suspect has no access anyway or third parties keep an eye.
    assert!(with(Answer::Yes, Answer::No, &[ArrestedArt53Sv]).rests_on_arrest);
    assert!(with(Answer::Yes, Answer::No, &[KeptAwayArt3Pw, ArrestedArt53Sv]).rests_on_arrest);
    assert!(!with(Answer::No, Answer::No, &[ArrestedArt53Sv]).rests_on_arrest);
    assert!(!with(Answer::Yes, Answer::Yes, &[ArrestedArt53Sv]).rests_on_arrest);
    assert!(!only_police.rests_on_arrest);
    // Oversight by third parties alone, and not when the suspect has no
    // access anyway or an arrest holds too.
    assert!(with(Answer::Yes, Answer::Yes, &[]).rests_on_oversight);
    assert!(with(Answer::Yes, Answer::Unknown, &[PlanWithOversight]).rests_on_oversight);
    assert!(!with(Answer::No, Answer::Yes, &[]).rests_on_oversight);
    assert!(!with(Answer::Yes, Answer::Yes, &[ArrestedArt53Sv]).rests_on_oversight);
    // Nothing counts: the police's leaving changes no status.
    let mut nothing = common::triage::all_answered_no();
    nothing.lifted_by = vec![KeptAwayArt3Pw];
    assert!(!evaluate(&nothing).rests_on_police_presence);
    // Not part of the contract's output (README, triage).
    let json = serde_json::to_value(&only_police).unwrap();
    assert!(json.get("rests_on_police_presence").is_none(), "{json}");
}

#[test]
fn niet_meer_acuut_waits_while_only_the_police_keep_the_suspect_away() {
    let s = held_by_the_police_only();
    assert_eq!(s.state().triage(t(6)).status, TriageStatus::Contained);
    assert_eq!(declaration_blocker(&s, 6), Some(HandoverBlocker::RestsOnPolicePresence));
    common::assert_declaration_refused_saying(&s, 6, "vóór de politie vertrekt");
    // Step 5 and the summary name it too.
    let summary = OnSceneSummary::build(&s.state(), t(6));
    assert_eq!(summary.handover_blockers, vec![HandoverBlocker::RestsOnPolicePresence]);
}

/// An arrest holds after the police leave, until the OvJ decides (002 l.20,
/// l.452). Regression (protocol review, stop 36): the case could be handed
/// over on the arrest alone, with nobody's board holding the OvJ's decision
/// or the re-assessment before release (002 l.449-450, l.1100-1103); now
/// the arrest is recorded as a measure first.
#[test]
fn an_arrest_that_holds_after_the_police_leave_lets_the_case_be_handed_over_once_recorded() {
    let mut s = held_by_the_police_only();
    s.police_sets(6, route(LiftingRoute::ArrestedArt53Sv, true));
    assert_eq!(declaration_blocker(&s, 7), Some(HandoverBlocker::ArrestNotRecorded));
    common::arrest_recorded(&mut s, 7);
    assert_eq!(declaration_blocker(&s, 8), None);
    let board = samenop_core::board::board(&[s.state()], t(8));
    assert!(
        board
            .iter()
            .any(|b| b.kind == samenop_core::measures::MeasureKind::Aanhouding),
        "the arrest and its deadlines are on the lead's board: {board:?}"
    );
}

#[test]
fn a_reassessment_without_art3_pw_that_finds_it_acute_still_blocks_as_acute() {
    // The police record that they no longer keep him away: the case is
    // acute again, which blocks as such.
    let mut s = held_by_the_police_only();
    s.police_sets(6, route(LiftingRoute::KeptAwayArt3Pw, false));
    assert_eq!(declaration_blocker(&s, 7), Some(HandoverBlocker::StillAcute));
    // Oversight by third parties found for after the police leave (the
    // police's own answer: a downgrade by another organisation would stand
    // as a conflict), and VT confirms the new picture.
    s.police_sets(7, Assignment::ThirdPartyOversight { answer: Answer::Yes });
    s.vt_sets(8, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    // Schema 5 (protocol review, stop 36): lifting it by oversight takes a
    // plan too, "een plan … én … zicht op de veiligheid door derden" (002
    // l.1121-1123): here the veiligheidsafspraken VT agrees, the victim told.
    assert_eq!(declaration_blocker(&s, 9), Some(HandoverBlocker::OversightWithoutPlan));
    s.vt_does(
        9,
        common::agree(
            common::measure_id(0x5a),
            samenop_core::measures::MeasureKind::Veiligheidsafspraken,
            Organisation::VeiligThuis,
            None,
            None,
        ),
    );
    s.vt_sets(9, handover(HandoverItem::VictimInformed { done: true }));
    assert_eq!(declaration_blocker(&s, 10), None);
}

#[test]
fn a_declaration_written_before_schema_4_still_folds_as_declared() {
    // Old events keep their meaning (event.rs, Schema).
    common::assert_declaration_folds_only_in(held_by_the_police_only(), 6, Schema::V3);
}

#[test]
fn write_golden_when_asked() {
    common::golden::write_when_asked(
        "SAMENOP_WRITE_GOLDEN_V5",
        V5,
        &declared_after_the_recorded_arrest().events,
    );
}

#[test]
fn every_v5_event_still_loads_keeps_its_bytes_and_folds_as_declared() {
    let events = common::golden::load_keeping_bytes(V5);
    assert_eq!(events.len(), 25);
    assert!(events.iter().all(|e| e.schema == Schema::V5));
    let state = samenop_core::CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert!(state.handover().declared_not_acute);
    assert!(state.triage(t(9)).rests_on_arrest);
}

#[test]
fn every_v4_event_still_loads_keeps_its_bytes_and_folds_as_declared() {
    let events = common::golden::load_keeping_bytes(V4);
    assert_eq!(events.len(), 22);
    assert!(events.iter().all(|e| e.schema == Schema::V4));
    let state = samenop_core::CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert!(state.handover().declared_not_acute);
    assert!(!state.triage(t(8)).rests_on_police_presence);
}
