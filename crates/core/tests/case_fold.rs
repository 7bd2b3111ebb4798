//! Folding events into a case: order independence, duplicates, conflicts.

mod common;

use common::{Scene, offline_set, police_huisverbod_as_recorded, t};
use proptest::prelude::*;
use samenop_core::event::MeasureChange;
use samenop_core::measures::{ContactPoint, MeasureId};
use samenop_core::steps::SafetyItem;
use samenop_core::triage::Criterion;
use samenop_core::{
    Answer, Assignment, CaseState, Event, EventId, EventKind, FieldKey, OnSceneSummary, Organisation, TriageStatus,
};
use uuid::Uuid;

fn firearm(answer: Answer) -> Assignment {
    Assignment::Criterion {
        criterion: Criterion::Firearm,
        answer,
    }
}

fn contact(person: &str, organisation: Organisation) -> MeasureChange {
    MeasureChange::FirstContact {
        contact: Some(ContactPoint {
            organisation,
            person: person.into(),
            phone: "0800-0000000".into(),
        }),
    }
}

/// A scene where both responders agreed a huisverbod.
fn scene_with_measure() -> (Scene, MeasureId, EventId) {
    let mut s = Scene::opened();
    s.vt_writes(10, EventKind::CaseJoined { reason: None });
    let id = MeasureId(Uuid::from_u128(42));
    let measure = police_huisverbod_as_recorded(id, "Agent A. Voorbeeld");
    let agreed = s.police_writes(20, EventKind::MeasureAgreed { measure }).id;
    (s, id, agreed)
}

/// Police (minute 30) and VT (minute 31) each set the measure's first point
/// of contact having seen only the agreed measure: two concurrent heads.
/// Returns the police officer's assignment.
fn both_set_first_contact_offline(s: &mut Scene, id: MeasureId, agreed: EventId) -> Assignment {
    let police = Assignment::Measure {
        measure_id: id,
        change: contact("Agent A. Voorbeeld", Organisation::Police),
    };
    let vt = Assignment::Measure {
        measure_id: id,
        change: contact("B. Proef", Organisation::VeiligThuis),
    };
    s.police_writes(
        30,
        EventKind::Assigned {
            supersedes: vec![agreed],
            assignment: police.clone(),
        },
    );
    s.vt_writes(
        31,
        EventKind::Assigned {
            supersedes: vec![agreed],
            assignment: vt,
        },
    );
    police
}

#[test]
fn a_later_edit_that_saw_the_earlier_one_replaces_it_without_conflict() {
    let mut s = Scene::opened();
    s.police_sets(1, firearm(Answer::Unknown));
    s.vt_sets(2, firearm(Answer::Yes));
    let state = s.state();
    assert_eq!(state.criterion(Criterion::Firearm), Answer::Yes);
    assert!(state.conflicts().is_empty());
}

#[test]
fn concurrent_first_point_of_contact_is_kept_as_a_conflict_with_both_values_and_authors() {
    let (mut s, id, agreed) = scene_with_measure();
    // Both offline: each saw only the agreed measure.
    both_set_first_contact_offline(&mut s, id, agreed);
    let state = s.state();

    let conflicts = state.conflicts();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(
        c.key,
        FieldKey::Measure(id, samenop_core::event::MeasureAttribute::FirstContact)
    );
    let names: Vec<&str> = c.values.iter().map(|v| v.author.display_name.as_str()).collect();
    assert_eq!(names, ["Agent A. Voorbeeld", "B. Proef (VT)"]);
    // The later one shows.
    let shown = state.measures()[0].first_contact.clone().unwrap();
    assert_eq!(shown.person, "B. Proef");
    // The summary says which field, both values and both names.
    let text = OnSceneSummary::build(&state, t(40)).render_text(samenop_core::Lang::Nl);
    assert!(
        text.contains(
            "- Eerste aanspreekpunt: \"Agent A. Voorbeeld (Politie), 0800-0000000\" (Agent A. Voorbeeld) of \"B. Proef (Veilig Thuis), 0800-0000000\" (B. Proef (VT))"
        ),
        "{text}"
    );
}

#[test]
fn a_value_that_supersedes_both_sides_resolves_the_conflict() {
    let (mut s, id, agreed) = scene_with_measure();
    let police = both_set_first_contact_offline(&mut s, id, agreed);
    assert_eq!(s.state().heads(&police.key()).len(), 2);
    // The police officer confirms their own value; `assign` supersedes all heads.
    s.police_sets(40, police);
    let state = s.state();
    assert!(state.conflicts().is_empty());
    assert_eq!(
        state.measures()[0].first_contact.clone().unwrap().person,
        "Agent A. Voorbeeld"
    );
}

#[test]
fn concurrent_writes_of_the_same_value_are_not_a_conflict() {
    let mut s = Scene::opened();
    s.police_writes(1, offline_set(firearm(Answer::Yes)));
    s.vt_writes(1, offline_set(firearm(Answer::Yes)));
    assert!(s.state().conflicts().is_empty());
}

#[test]
fn concurrent_yes_and_no_show_the_later_and_list_the_conflict() {
    let mut s = Scene::opened();
    s.police_writes(5, offline_set(firearm(Answer::No)));
    s.vt_writes(6, offline_set(firearm(Answer::Yes)));
    let state = s.state();
    assert_eq!(state.criterion(Criterion::Firearm), Answer::Yes);
    assert_eq!(state.triage(t(7)).status, TriageStatus::Acute);
    assert_eq!(state.conflicts().len(), 1);
}

/// Regression: a busy offline case listed one conflict value per write
/// (hundreds), making the screen 30,000 px tall.
#[test]
fn a_conflict_lists_each_persons_value_once_however_often_they_wrote_it_offline() {
    let mut s = Scene::opened();
    let offline = |answer| offline_set(firearm(answer));
    for minute in 1..=5 {
        s.police_writes(minute, offline(Answer::No));
        s.vt_writes(minute, offline(Answer::Yes));
    }
    s.vt_writes(6, offline(Answer::No));
    let conflicts = s.state().conflicts();
    assert_eq!(conflicts.len(), 1);
    let shown: Vec<(String, Assignment)> = conflicts[0]
        .values
        .iter()
        .map(|v| (v.author.user_id.clone(), v.value.clone()))
        .collect();
    assert_eq!(shown.len(), 3, "police no, VT yes, VT no: {shown:?}");
    assert_eq!(
        shown.last().map(|(_, v)| v.clone()),
        Some(firearm(Answer::No)),
        "oldest first, latest last"
    );
    assert_eq!(
        conflicts[0].values[0].at,
        t(5),
        "each person's latest write of a value is the one listed"
    );
}

#[test]
fn a_second_fold_of_the_same_events_with_duplicates_is_identical() {
    let (s, ..) = scene_with_measure();
    let mut doubled = s.events.clone();
    doubled.extend(s.events.iter().cloned());
    assert_eq!(CaseState::fold(&doubled), s.state());
    assert_eq!(s.state().event_count, 3);
}

#[test]
fn events_of_another_case_are_skipped_and_named() {
    let s = Scene::opened();
    let mut stray = s.events[0].clone();
    stray.case_id = samenop_core::CaseId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0999));
    stray.id = EventId::from_parts(t(1).timestamp_millis() as u64, [9; 10]);
    stray.stamp.wall_ms += 1;
    let state = CaseState::fold(s.events.iter().chain([&stray]));
    assert_eq!(state.event_count, 1);
    assert_eq!(state.skipped.len(), 1);
}

#[test]
fn an_invalid_event_is_skipped_with_its_reason_and_the_rest_stays() {
    let mut s = Scene::opened();
    s.police_sets(1, firearm(Answer::Yes));
    let bad = Assignment::ProfessionalJudgement {
        judgement: Some(samenop_core::triage::ProfessionalJudgement {
            acute: true,
            reason: String::new(),
        }),
    };
    s.police_writes(2, offline_set(bad));
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(state.skipped[0].reason.contains("reason"));
    assert_eq!(state.criterion(Criterion::Firearm), Answer::Yes);
}

#[test]
fn checklist_items_carry_the_moment_they_were_checked() {
    let mut s = Scene::opened();
    s.police_sets(
        3,
        Assignment::Safety {
            item: SafetyItem::PoliceOnScene,
            done: true,
        },
    );
    assert_eq!(s.state().safety().at(SafetyItem::PoliceOnScene), Some(t(3)));
    s.police_sets(
        4,
        Assignment::Safety {
            item: SafetyItem::PoliceOnScene,
            done: false,
        },
    );
    assert_eq!(s.state().safety().at(SafetyItem::PoliceOnScene), None);
}

// ----- property tests ---------------------------------------------------------

/// A random history: two devices, a few fields, edits that sometimes saw
/// the latest values and sometimes did not (offline).
fn history() -> impl Strategy<Value = Vec<Event>> {
    let step = (any::<bool>(), 0usize..4, 0usize..3, any::<bool>(), 0i64..3);
    prop::collection::vec(step, 1..40).prop_map(|steps| {
        let mut s = Scene::opened();
        let mut minute = 1;
        for (by_police, field, value, saw_latest, gap) in steps {
            minute += gap;
            let answer = [Answer::Yes, Answer::No, Answer::Unknown][value];
            let assignment = match field {
                0 => firearm(answer),
                1 => Assignment::Criterion {
                    criterion: Criterion::SexualAbuse,
                    answer,
                },
                2 => Assignment::SuspectHasAccess { answer },
                _ => Assignment::Safety {
                    item: SafetyItem::VtOnScene,
                    done: value == 0,
                },
            };
            let supersedes = if saw_latest {
                s.state().heads(&assignment.key())
            } else {
                vec![]
            };
            let kind = EventKind::Assigned { supersedes, assignment };
            if by_police {
                s.police_writes(minute, kind);
            } else {
                s.vt_writes(minute, kind);
            }
        }
        s.events
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_permutation_folds_to_the_same_state(events in history(), seed in any::<u64>()) {
        let expected = CaseState::fold(&events);
        let mut shuffled = events.clone();
        // Deterministic shuffle from the seed (Fisher-Yates with an LCG).
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (x >> 33) as usize % (i + 1));
        }
        let folded = CaseState::fold(&shuffled);
        prop_assert_eq!(&folded, &expected);
        prop_assert_eq!(OnSceneSummary::build(&folded, t(90)), OnSceneSummary::build(&expected, t(90)));
    }

    #[test]
    fn duplicates_change_nothing(events in history(), picks in prop::collection::vec(any::<prop::sample::Index>(), 0..20)) {
        let expected = CaseState::fold(&events);
        let mut with_dups = events.clone();
        for p in picks {
            with_dups.push(events[p.index(events.len())].clone());
        }
        prop_assert_eq!(CaseState::fold(&with_dups), expected);
    }

    #[test]
    fn each_device_alone_never_conflicts_with_itself(n in 1usize..30) {
        // One device that always saw its own latest value: no conflicts.
        let mut s = Scene::opened();
        for i in 0..n {
            let answer = if i % 2 == 0 { Answer::Yes } else { Answer::No };
            s.police_sets(i as i64 + 1, firearm(answer));
        }
        prop_assert!(s.state().conflicts().is_empty());
    }
}

/// Triage v2: the fold reads honour-based violence from the case nature and
/// the network's access only when someone recorded it (002 l.358-365).
#[test]
fn the_fold_builds_the_network_inputs_from_the_case() {
    use samenop_core::event::CaseNature;
    let mut s = Scene::opened();
    let state = s.state();
    let input = state.triage_input(t(1));
    assert!(!input.honour_based);
    assert_eq!(input.network_has_access, None);
    assert_eq!(state.triage(t(1)).status, TriageStatus::Undetermined);
    assert_eq!(state.status(t(1)), samenop_core::CaseStatus::NotAssessed);

    s.police_sets(
        2,
        Assignment::Nature {
            nature: CaseNature::HonourBasedViolence,
        },
    );
    s.police_sets(3, firearm(Answer::Yes));
    s.police_sets(
        4,
        Assignment::LiftingRoute {
            route: samenop_core::triage::LiftingRoute::ArrestedArt53Sv,
            applied: true,
        },
    );
    let state = s.state();
    assert!(state.triage_input(t(5)).honour_based);
    assert!(state.triage(t(5)).network_has_access);
    assert_eq!(state.triage(t(5)).status, TriageStatus::Acute);

    s.vt_writes(5, EventKind::CaseJoined { reason: None });
    s.vt_sets(6, Assignment::NetworkHasAccess { answer: Answer::No });
    let state = s.state();
    assert_eq!(state.triage_input(t(7)).network_has_access, Some(Answer::No));
    assert_eq!(state.triage(t(7)).status, TriageStatus::Contained);
    assert_eq!(
        samenop_core::Label::label(&FieldKey::NetworkHasAccess, samenop_core::Lang::Nl),
        "Netwerk van verdachte heeft toegang tot (toekomstig) slachtoffer of derden"
    );
}
