//! Whether an acute case is contained (Bijlage II): access and oversight,
//! the lifting routes (arrest, art. 3 Pw) and the reassessment moments they
//! ask, and in eergerelateerd geweld the network's access.

mod common;

use common::triage::{all_answered_no, input};
use samenop_core::answer::Answer;
use samenop_core::triage::{
    Criterion, LiftingRoute, ReassessMoment, TriageInput, TriageOutcome, TriageStatus, TriageWarning, evaluate,
};

/// The triage of `i` once `routes` lifted the unsafety.
fn lifted(mut i: TriageInput, routes: &[LiftingRoute]) -> TriageOutcome {
    i.lifted_by = routes.to_vec();
    evaluate(&i)
}

/// An acute criterion (firearm ja) with access, oversight and the lifting
/// routes as given.
fn acute_with(access: Answer, oversight: Answer, lifted: &[LiftingRoute]) -> TriageOutcome {
    let mut i = input(&[(Criterion::Firearm, Answer::Yes)]);
    i.suspect_has_access = access;
    i.third_party_oversight = oversight;
    i.lifted_by = lifted.to_vec();
    evaluate(&i)
}

/// The status, and whether access and oversight count.
fn containment(access: Answer, oversight: Answer, lifted: &[LiftingRoute]) -> (TriageStatus, bool, bool) {
    let out = acute_with(access, oversight, lifted);
    (out.status, out.suspect_has_access, out.third_party_oversight)
}

/// Unknown access counts as access and unknown oversight as none (the safe
/// reading); no access, oversight, or a lifting route contains the case.
#[test]
fn access_oversight_and_lifting_routes_decide_whether_an_acute_case_is_contained() {
    use Answer::{No, Unknown, Yes};
    use LiftingRoute::{KeptAwayArt3Pw, PlanWithOversight};
    use TriageStatus::{Acute, Contained};
    assert_eq!(containment(Unknown, Unknown, &[]), (Acute, true, false)); // the safe reading
    assert_eq!(containment(Yes, No, &[]), (Acute, true, false));
    assert_eq!(containment(No, Unknown, &[]), (Contained, false, false));
    assert_eq!(containment(Yes, Yes, &[]), (Contained, true, true)); // third-party oversight
    assert_eq!(containment(Yes, No, &[KeptAwayArt3Pw]), (Contained, false, false));
    assert_eq!(containment(Yes, Unknown, &[PlanWithOversight]), (Contained, true, true));
    // Regression (protocol review): the route needs "zicht op de veiligheid
    // door derden" (002 l.1121-1123); an explicit "nee" is not overruled.
    assert_eq!(containment(Yes, No, &[PlanWithOversight]), (Acute, true, false));
    // Contained without a lifting route: nothing to re-assess; kept away: no warning.
    assert!(acute_with(No, Unknown, &[]).reassess_before.is_empty());
    assert!(acute_with(Yes, No, &[KeptAwayArt3Pw]).warnings.is_empty());
}

#[test]
fn arrest_removes_access_and_requires_reassessment_before_release() {
    let out = lifted(
        input(&[(Criterion::InjuryOrStrangulation, Answer::Yes)]),
        &[LiftingRoute::ArrestedArt53Sv],
    );
    assert_eq!(out.status, TriageStatus::Contained);
    assert_eq!(out.reassess_before, vec![ReassessMoment::ReleaseOfSuspect]);
    assert_eq!(out.warnings, vec![TriageWarning::NoReleaseWithoutSafetyMeasures]);
}

/// Every criterion answered "nee": none of the seed's cases is there, so
/// nothing is weighed again (an open criterion asks, see below).
#[test]
fn arrest_without_any_counting_criterion_asks_nothing() {
    let out = lifted(all_answered_no(), &[LiftingRoute::ArrestedArt53Sv]);
    assert_eq!(out.status, TriageStatus::NotAcute);
    assert!(out.reassess_before.is_empty());
    assert!(out.warnings.is_empty());
}

#[test]
fn acute_status_asks_to_reassess_before_the_arrest_decision() {
    let out = evaluate(&input(&[(Criterion::Firearm, Answer::Yes)]));
    assert_eq!(out.reassess_before, vec![ReassessMoment::ArrestDecision]);
}

/// Regression (protocol review): an arrested suspect in a case whose
/// assessment is not complete got no "herbeoordeling vóór vrijlating",
/// though the release changes access (002 l.1095-1106) and for an arrested
/// suspect it must be clear within hours whether acute unsafety exists (002
/// l.443-444). Undetermined asks before the release and before the police
/// leave; the warning against release without measures waits for a
/// criterion that counts (002 l.449-450).
#[test]
fn undetermined_with_arrest_or_art3_pw_asks_to_reassess_before_access_returns() {
    let out = lifted(
        input(&[]),
        &[LiftingRoute::KeptAwayArt3Pw, LiftingRoute::ArrestedArt53Sv],
    );
    assert_eq!(out.status, TriageStatus::Undetermined);
    assert_eq!(
        out.reassess_before,
        vec![ReassessMoment::ReleaseOfSuspect, ReassessMoment::PoliceDeparture]
    );
    assert!(out.warnings.is_empty());
}

/// v2: art 3 Pw keeps the suspect away only "onder begeleiding van politie"
/// (002 l.1112-1113), and a change in access asks for a new assessment
/// (002 l.1095-1096): reassess before the police leave.
#[test]
fn art3_pw_asks_to_reassess_before_the_police_leave() {
    let mut i = input(&[(Criterion::ThreatOfViolence, Answer::Yes)]);
    i.lifted_by = vec![LiftingRoute::KeptAwayArt3Pw];
    let out = evaluate(&i);
    assert_eq!(out.status, TriageStatus::Contained);
    assert_eq!(out.reassess_before, vec![ReassessMoment::PoliceDeparture]);

    i.lifted_by = vec![LiftingRoute::ArrestedArt53Sv, LiftingRoute::KeptAwayArt3Pw];
    assert_eq!(
        evaluate(&i).reassess_before,
        vec![ReassessMoment::ReleaseOfSuspect, ReassessMoment::PoliceDeparture]
    );
}

/// v2: nothing counting, nothing to reassess (002 l.1091-1093).
#[test]
fn art3_pw_with_nothing_counting_asks_nothing() {
    let out = lifted(all_answered_no(), &[LiftingRoute::KeptAwayArt3Pw]);
    assert_eq!(out.status, TriageStatus::NotAcute);
    assert!(out.reassess_before.is_empty());
}

fn honour(network: Option<Answer>) -> TriageInput {
    let mut i = input(&[(Criterion::ThreatOfViolence, Answer::Yes)]);
    i.honour_based = true;
    i.network_has_access = network;
    i
}

/// v2: in honour-based violence the danger may come from "verdachte en of het
/// netwerk" (002 l.358-365): an unanswered network question counts as access,
/// and an arrest lifts only the suspect's access (002 l.1112-1115).
#[test]
fn honour_based_missing_or_unknown_network_counts_as_access_despite_arrest() {
    for network in [None, Some(Answer::Unknown)] {
        let out = lifted(honour(network), &[LiftingRoute::ArrestedArt53Sv]);
        assert!(!out.suspect_has_access, "{network:?}");
        assert!(out.network_has_access, "{network:?}");
        assert_eq!(out.status, TriageStatus::Acute, "{network:?}");
        assert_eq!(
            out.reassess_before,
            vec![ReassessMoment::ArrestDecision, ReassessMoment::ReleaseOfSuspect]
        );
    }
}

/// v2: a clear "no" for the network, with the suspect arrested, contains the
/// case (002 l.358-365, l.1091-1093).
#[test]
fn honour_based_network_no_and_suspect_arrested_is_contained() {
    let out = lifted(honour(Some(Answer::No)), &[LiftingRoute::ArrestedArt53Sv]);
    assert!(!out.network_has_access);
    assert_eq!(out.status, TriageStatus::Contained);
}

/// v2: outside honour-based violence a missing network answer is no access;
/// an explicit "yes" counts (002 l.358-360); art 3 Pw does not lift it.
#[test]
fn not_honour_based_missing_network_is_no_access_but_yes_counts() {
    let mut i = input(&[(Criterion::ThreatOfViolence, Answer::Yes)]);
    i.lifted_by = vec![LiftingRoute::KeptAwayArt3Pw];
    let out = evaluate(&i);
    assert!(!out.network_has_access);
    assert_eq!(out.status, TriageStatus::Contained);

    i.network_has_access = Some(Answer::Yes);
    let out = evaluate(&i);
    assert!(!out.suspect_has_access);
    assert!(out.network_has_access);
    assert_eq!(out.status, TriageStatus::Acute);
}

/// v2: an explicit "unknown" counts as access in every case: the seeds are
/// silent (002 l.358-365 names the network without a rule for "onbekend"),
/// so safety first, as for the suspect's own access.
#[test]
fn an_explicit_unknown_network_answer_counts_as_access() {
    let mut i = input(&[(Criterion::ThreatOfViolence, Answer::Yes)]);
    i.suspect_has_access = Answer::No;
    i.network_has_access = Some(Answer::Unknown);
    assert!(evaluate(&i).network_has_access);
    assert_eq!(evaluate(&i).status, TriageStatus::Acute);
}

/// v2: oversight by third parties still contains the case when the network
/// has access (002 l.1091-1093: "en er geen zicht is op de situatie door derden").
#[test]
fn oversight_contains_a_case_where_the_network_has_access() {
    let mut i = honour(None);
    i.third_party_oversight = Answer::Yes;
    let out = evaluate(&i);
    assert!(out.network_has_access);
    assert_eq!(out.status, TriageStatus::Contained);
}
