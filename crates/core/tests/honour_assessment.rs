//! Eergerelateerd geweld (EGG) and the assessment: what asks for the OM
//! call about persoonsbeveiliging (000 l.675), and what asks VT to confirm
//! the veiligheidsbeoordeling again (the network's access, 002 l.358-365).
//! Regressions of the protocol review of stop 36.

mod common;

use common::{Scene, t};
use samenop_core::case::AssessmentGap;
use samenop_core::command::Command;
use samenop_core::honour::HonourPrompt;
use samenop_core::triage::Criterion;
use samenop_core::{Answer, Assignment, CaseStatus};

fn set(a: Assignment) -> Command {
    Command::Set(a)
}

fn flag() -> Assignment {
    Assignment::HonourBased { honour_based: true }
}

/// Regression (protocol review, stop 36): "gevreesd moet worden voor het
/// leven van betrokkene" (000 l.675) asks for the OM call about
/// persoonsbeveiliging; the victim's own fear of being killed (A8, 002
/// l.1081-1084, or the SASH's "doodsangst") was not read as such.
#[test]
fn the_victims_fear_of_being_killed_asks_for_the_om_call_in_an_egg_case() {
    use samenop_core::sash::SashItem;
    let om_due = |s: &Scene| {
        s.state()
            .honour_prompts()
            .iter()
            .any(|p| p.prompt == HonourPrompt::OmPersonalProtection)
    };
    let threat_no = |s: &mut Scene| {
        s.police_does(1, set(flag()));
        s.police_does(
            2,
            set(Assignment::Criterion {
                criterion: Criterion::ThreatOfViolence,
                answer: Answer::No,
            }),
        );
    };
    let mut afraid = Scene::opened();
    threat_no(&mut afraid);
    assert!(!om_due(&afraid), "no threat to life answered yet");
    afraid.police_does(
        3,
        set(Assignment::Criterion {
            criterion: Criterion::StalkingWithFear,
            answer: Answer::Yes,
        }),
    );
    assert!(om_due(&afraid), "A8: very afraid of being killed");
    let mut sash = Scene::opened();
    threat_no(&mut sash);
    sash.vt_does(
        3,
        set(Assignment::Sash {
            item: SashItem::FearOfDeath,
            answer: Answer::Yes,
        }),
    );
    assert!(om_due(&sash), "SASH: doodsangst");
}

/// In an EGG case the network counts as having access (002 l.358-365), so
/// the network's access is part of what VT assessed. Seen: after VT
/// confirmed an acute EGG case, the police answered "netwerk heeft toegang:
/// nee"; the case read "tijdelijk opgeheven" and "niet meer acuut" could be
/// declared on VT's old confirmation. Now it asks VT to confirm again, as a
/// changed criterion, access or oversight does.
#[test]
fn the_networks_access_changed_after_the_confirmation_asks_vt_to_confirm_again() {
    let mut s = Scene::opened();
    s.police_does(1, set(flag()));
    common::threat_answered(&mut s, 2, Answer::No);
    s.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    assert!(s.state().safety_assessment().is_complete());
    assert_eq!(
        s.state().status(t(4)),
        CaseStatus::Acute,
        "the network counts as having access"
    );
    s.police_sets(5, Assignment::NetworkHasAccess { answer: Answer::No });
    let assessment = s.state().safety_assessment();
    assert_eq!(assessment.missing, vec![AssessmentGap::ChangedSinceConfirmation]);
    s.vt_sets(6, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    assert!(s.state().safety_assessment().is_complete());
}

/// The rule above is of schema 5: events written before keep the meaning
/// they had, so a case declared then is not reopened when it is folded
/// again (review of stop 36).
#[test]
fn a_network_change_written_before_schema_5_does_not_reopen_the_assessment() {
    let mut s = Scene::opened();
    s.police_does(1, set(flag()));
    common::threat_answered(&mut s, 2, Answer::No);
    s.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    s.police_sets(5, Assignment::NetworkHasAccess { answer: Answer::No });
    for e in &mut s.events {
        e.schema = samenop_core::Schema::V4;
    }
    assert!(s.state().safety_assessment().is_complete());
}

/// Outside EGG too: the network's answer counts for access (002
/// l.358-365), and taking the EGG flag away changes what the network
/// counts for; either after VT confirmed asks VT again.
#[test]
fn the_networks_answer_or_the_egg_flag_changed_after_the_confirmation_asks_vt_again() {
    let confirmed = || {
        let mut s = Scene::opened();
        common::threat_answered(&mut s, 2, Answer::No);
        s
    };
    let mut network = confirmed();
    network.police_sets(2, Assignment::NetworkHasAccess { answer: Answer::Yes });
    network.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    assert_eq!(network.state().status(t(4)), CaseStatus::Acute);
    network.vt_sets(5, Assignment::NetworkHasAccess { answer: Answer::No });
    assert_eq!(
        network.state().safety_assessment().missing,
        vec![AssessmentGap::ChangedSinceConfirmation]
    );
    let mut unflagged = confirmed();
    unflagged.police_does(2, set(flag()));
    unflagged.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    unflagged.vt_sets(5, Assignment::HonourBased { honour_based: false });
    assert_eq!(
        unflagged.state().safety_assessment().missing,
        vec![AssessmentGap::ChangedSinceConfirmation]
    );
}
