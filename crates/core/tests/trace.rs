//! Issue 17 §2 and §3: repeated and destructive taps are safe, and changes
//! by others leave a trace. Given the events of a case, when a person
//! acts, then core answers, and the fold shows who changed what when.

mod common;

use common::{Scene, measure_id, officer, offline_set, police_agree, t};
use samenop_core::measures::{MeasureChange, MeasureKind, MeasureStatus};
use samenop_core::steps::SafetyItem;
use samenop_core::{Answer, Assignment, FieldKey, Organisation, Refusal};

fn children(answer: Answer) -> Assignment {
    Assignment::ChildrenPresent { answer }
}

fn huisverbod_agreed() -> Scene {
    let mut s = Scene::opened();
    s.police_does(
        2,
        police_agree(measure_id(1), MeasureKind::TijdelijkHuisverbod, Some(t(1))),
    );
    s
}

#[test]
fn a_second_afspreken_with_the_same_id_is_refused_and_one_measure_stays() {
    // Given a huisverbod agreed with the form's id
    let s = huisverbod_agreed();
    // When the same form is sent again (a double tap)
    let then = s.state().decide(
        police_agree(measure_id(1), MeasureKind::TijdelijkHuisverbod, Some(t(1))),
        &officer(),
        t(2),
    );
    // Then core refuses it, and the case holds one measure
    assert_eq!(then, Err(Refusal::MeasureAlreadyAgreed));
    assert_eq!(s.state().measures().len(), 1);
}

#[test]
fn a_pushed_duplicate_measure_is_not_admitted_by_the_fold() {
    // Given a huisverbod agreed, when another device writes the same id
    // again (as the server would receive it), then the fold skips it.
    let mut s = huisverbod_agreed();
    let again = s.events[s.events.len() - 1].kind.clone();
    s.police_writes(3, again);
    let state = s.state();
    assert_eq!(state.measures().len(), 1);
    assert_eq!(state.skipped.len(), 1);
}

#[test]
fn a_measure_recorded_by_mistake_counts_nowhere_but_stays_with_who_and_when() {
    // Given a huisverbod agreed
    let mut s = huisverbod_agreed();
    // When the police withdraw it as "foutief vastgelegd"
    s.police_sets(
        4,
        Assignment::Measure {
            measure_id: measure_id(1),
            change: MeasureChange::Status {
                status: MeasureStatus::RecordedInError,
            },
        },
    );
    let state = s.state();
    // Then it counts nowhere: no measure, the handover misses one
    assert!(state.measures().is_empty());
    assert!(!state.handover().measure_agreed);
    // And it is still listed, with who and when
    let all = state.all_measures();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].status, MeasureStatus::RecordedInError);
    assert_eq!(state.measure_status_since(&measure_id(1)), Some(t(4)));
}

#[test]
fn a_measure_withdrawn_for_real_still_counts_as_agreed() {
    // Given a huisverbod, when it is withdrawn (ended for real), then it
    // stays a measure of the case: ending is not a mistake.
    let mut s = huisverbod_agreed();
    s.police_sets(
        4,
        Assignment::Measure {
            measure_id: measure_id(1),
            change: MeasureChange::Status {
                status: MeasureStatus::Withdrawn,
            },
        },
    );
    assert_eq!(s.state().measures().len(), 1);
}

#[test]
fn a_change_to_another_organisations_answer_shows_who_from_and_to() {
    // Given the police answered "Kinderen aanwezig: nee"
    let mut s = Scene::opened();
    s.police_sets(2, children(Answer::No));
    // When VT, having seen it, changes it to "ja" (an upgrade replaces it;
    // a downgrade of another organisation's "ja" stands as a conflict,
    // `membership.rs`)
    s.vt_sets(5, children(Answer::Yes));
    // Then the case shows the change: who, from → to, when
    let state = s.state();
    assert!(state.conflicts().is_empty());
    let change = state
        .changed_by_other(&FieldKey::ChildrenPresent)
        .expect("a change by another organisation");
    assert_eq!(change.author.organisation, Organisation::VeiligThuis);
    assert_eq!(change.value, children(Answer::Yes));
    assert_eq!(change.at, t(5));
    let from = change.from_other_organisation().expect("the police answer");
    assert_eq!(from.value, children(Answer::No));
    assert_eq!(from.author.organisation, Organisation::Police);
    assert_eq!(state.changes_by_others().len(), 1);
}

#[test]
fn a_change_not_seen_stands_as_a_conflict_and_the_history_has_both() {
    // Given the police answered "ja", when VT offline (not having seen it)
    // answers "nee", then both stand as a conflict and both are in the history.
    let mut s = Scene::opened();
    s.police_sets(2, children(Answer::Yes));
    s.vt_writes(5, offline_set(children(Answer::No)));
    let state = s.state();
    assert_eq!(state.conflicts().len(), 1);
    let history = state.history(&FieldKey::ChildrenPresent);
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|c| c.current));
}

#[test]
fn changing_ones_own_answer_is_history_but_no_marker() {
    let mut s = Scene::opened();
    s.police_sets(2, children(Answer::Yes));
    s.police_sets(3, children(Answer::No));
    let state = s.state();
    assert!(state.changed_by_other(&FieldKey::ChildrenPresent).is_none());
    let history = state.history(&FieldKey::ChildrenPresent);
    assert_eq!(history.len(), 2);
    assert!(!history[0].current && history[1].current);
    assert_eq!(history[1].replaced[0].value, children(Answer::Yes));
}

#[test]
fn resolving_a_conflict_is_recorded_with_who_kept_what_and_when() {
    // Given a conflict on "Kinderen aanwezig"
    let mut s = Scene::opened();
    s.police_sets(2, children(Answer::Yes));
    s.vt_writes(5, offline_set(children(Answer::No)));
    assert!(s.state().resolutions().is_empty());
    // When the police keep "ja"
    s.police_sets(8, children(Answer::Yes));
    // Then the conflict is gone and the resolution says who kept what, when
    let state = s.state();
    assert!(state.conflicts().is_empty());
    let r = state.resolutions();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].key, FieldKey::ChildrenPresent);
    assert_eq!(r[0].kept.value, children(Answer::Yes));
    assert_eq!(r[0].kept.author.organisation, Organisation::Police);
    assert_eq!(r[0].kept.at, t(8));
    assert_eq!(r[0].kept.replaced.len(), 2);
}

#[test]
fn unticking_and_ticking_again_keeps_the_first_tick() {
    let item = SafetyItem::VtPhoned;
    let mut s = Scene::opened();
    s.police_sets(2, Assignment::Safety { item, done: true });
    s.police_sets(3, Assignment::Safety { item, done: false });
    s.police_sets(6, Assignment::Safety { item, done: true });
    let state = s.state();
    assert_eq!(state.safety().at(item), Some(t(2)));
    assert_eq!(state.history(&FieldKey::Safety(item)).len(), 3);
}

#[test]
fn the_summary_shows_who_resolved_a_conflict_and_who_changed_an_answer() {
    // Given a conflict settled by the police and a VT change to a police answer
    let mut s = Scene::opened();
    s.police_sets(2, children(Answer::Yes));
    s.vt_writes(5, offline_set(children(Answer::No)));
    s.police_sets(8, children(Answer::Yes));
    s.police_sets(9, Assignment::SuspectHasAccess { answer: Answer::Yes });
    s.vt_sets(10, Assignment::SuspectIsMinor { answer: Answer::No });
    s.police_sets(11, Assignment::SuspectIsMinor { answer: Answer::Yes });
    // When the summary is read
    let text = samenop_core::OnSceneSummary::build(&s.state(), t(12)).render_text(samenop_core::Lang::Nl);
    // Then it names both, with who and the values
    assert!(text.contains("Opgeloste conflicten"), "{text}");
    assert!(text.contains("(Politie) hield ‘ja’ aan"), "{text}");
    assert!(text.contains("Gewijzigd door een andere organisatie"), "{text}");
    assert!(text.contains("(Politie): nee → ja"), "{text}");
}

/// Issue 17 §3: every answer a participant changes has its history from
/// core, not only the five fields first traced: a step-1 item, a triage
/// criterion, a measure's dates, owner and first contact, the case's first
/// contact. Each lists who set what when, and a change by the other
/// organisation is marked.
#[test]
fn every_changeable_answer_has_a_history_with_who_and_when() {
    use samenop_core::command::Command;
    use samenop_core::measures::{ContactPoint, MeasureAttribute, MeasureOwner};
    use samenop_core::text::ShortText;
    use samenop_core::triage::Criterion;
    let id = measure_id(1);
    let measure = |change| Assignment::Measure { measure_id: id, change };
    let contact = |person: &str| ContactPoint {
        organisation: Organisation::Police,
        person: person.into(),
        phone: "0800-0000001".into(),
    };
    let mut s = huisverbod_agreed();
    // Each field set by the police, then changed by VT.
    let fields: Vec<(FieldKey, Assignment, Assignment)> = vec![
        (
            FieldKey::Safety(SafetyItem::VtPhoned),
            Assignment::Safety {
                item: SafetyItem::VtPhoned,
                done: true,
            },
            Assignment::Safety {
                item: SafetyItem::VtPhoned,
                done: false,
            },
        ),
        (
            FieldKey::Criterion(Criterion::Firearm),
            // An upgrade: a downgrade by another organisation stands as a conflict.
            Assignment::Criterion {
                criterion: Criterion::Firearm,
                answer: Answer::No,
            },
            Assignment::Criterion {
                criterion: Criterion::Firearm,
                answer: Answer::Yes,
            },
        ),
        (
            FieldKey::Measure(id, MeasureAttribute::Until),
            measure(MeasureChange::Until { at: Some(t(60)) }),
            measure(MeasureChange::Until { at: Some(t(120)) }),
        ),
        (
            FieldKey::Measure(id, MeasureAttribute::Owner),
            measure(MeasureChange::Owner {
                owner: MeasureOwner {
                    organisation: Organisation::Police,
                    person: "Agent A".into(),
                },
            }),
            measure(MeasureChange::Owner {
                owner: MeasureOwner {
                    organisation: Organisation::Police,
                    person: "Agent B".into(),
                },
            }),
        ),
        (
            FieldKey::Measure(id, MeasureAttribute::FirstContact),
            measure(MeasureChange::FirstContact {
                contact: Some(contact("K. Eerst")),
            }),
            measure(MeasureChange::FirstContact {
                contact: Some(contact("K. Later")),
            }),
        ),
    ];
    for (i, (_, first, _)) in fields.iter().enumerate() {
        s.police_sets(10 + i as i64, first.clone());
    }
    for (i, (_, _, second)) in fields.iter().enumerate() {
        s.vt_sets(30 + i as i64, second.clone());
    }
    s.police_does(
        40,
        Command::AgreeFirstContact {
            organisation: Organisation::Police,
            person: ShortText::parse("K. Casus").unwrap(),
            phone: ShortText::parse("0800-0000002").unwrap(),
        },
    );
    let state = s.state();
    for (i, (key, first, second)) in fields.iter().enumerate() {
        let all = state.history(key);
        // A measure's fields start with what "Afspreken" wrote (at minute 2).
        let agreed = usize::from(matches!(key, FieldKey::Measure(..)));
        assert_eq!(all.len(), 2 + agreed, "{key:?}: {all:?}");
        if agreed == 1 {
            assert_eq!(all[0].at, t(2), "{key:?}: the agreed value opens the history");
        }
        let history = &all[agreed..];
        assert_eq!((&history[0].value, history[0].at), (first, t(10 + i as i64)), "{key:?}");
        assert_eq!(history[0].author.organisation, Organisation::Police, "{key:?}");
        assert_eq!(
            (&history[1].value, history[1].at),
            (second, t(30 + i as i64)),
            "{key:?}"
        );
        assert!(!history[0].current && history[1].current, "{key:?}");
        assert!(
            state.changed_by_other(key).is_some(),
            "{key:?}: VT changed the police's answer"
        );
    }
    let case_contact = state.history(&FieldKey::CaseFirstContact);
    assert_eq!(case_contact.len(), 1);
    assert_eq!(case_contact[0].at, t(40));
}
