//! Measures that tell the truth about time and owner (issue 12, part 5):
//! given the events of a case, when a person agrees or changes a measure,
//! then core records it or refuses it with a typed reason. The server and
//! every device admit the same events with the same rules.

mod common;

use chrono::Duration;
use common::measures::{change, decide, measure_of, reassessed};
use common::{Scene, agree, measure_as_recorded, measure_id, officer, police_agree, t, vt_worker};
use samenop_core::measures::{
    AgreedMeasure, Compliance, Deadline, DeadlineKind, Framework, MeasureChange, MeasureError, MeasureKind,
    MeasureOwner, MeasureStatus, ReassessmentOutcome,
};
use samenop_core::{Answer, Assignment, Command, EventKind, Lang, Organisation, Refusal};

/// 002 l.20, l.452: the OvJ decides within 9 hours of the arrest. An arrest
/// entered 40 minutes late keeps its own moment: the deadline does not move.
#[test]
fn an_arrest_entered_forty_minutes_late_keeps_the_ovj_nine_hour_deadline() {
    let mut s = Scene::opened();
    let arrested = t(20);
    let entered = t(60);
    s.police_does(60, police_agree(measure_id(1), MeasureKind::Aanhouding, Some(arrested)));
    let m = measure_of(&s, measure_id(1));
    assert_eq!(m.status, MeasureStatus::Imposed, "recorded as opgelegd / ingegaan");
    assert_eq!(
        m.deadlines()[0],
        Deadline {
            kind: DeadlineKind::OvjDecision,
            due: arrested + Duration::hours(9)
        }
    );
    assert_ne!(m.deadlines()[0].due, entered + Duration::hours(9));
}

/// A start after the moment of recording would move every deadline later.
#[test]
fn a_start_in_the_future_is_refused() {
    let s = Scene::opened();
    assert_eq!(
        decide(
            &s.events,
            &officer(),
            police_agree(measure_id(2), MeasureKind::Aanhouding, Some(t(90))),
            t(60),
        ),
        Err(Refusal::Measure(MeasureError::StartInFuture))
    );
}

/// Without "ingegaan om" a measure is afgesproken / te overwegen, never
/// opgelegd: the board must not read a plan as protection (004 l.301).
#[test]
fn without_a_start_a_measure_is_agreed_not_imposed() {
    let mut s = Scene::opened();
    s.police_does(5, police_agree(measure_id(3), MeasureKind::TijdelijkHuisverbod, None));
    let m = measure_of(&s, measure_id(3));
    assert_eq!(m.status, MeasureStatus::Agreed);
    assert!(m.deadlines().is_empty(), "no start, no derived deadline");
}

/// Aanhouding, IVS and huisverbod: no "opgelegd / ingegaan" without the
/// moment it took effect (002 l.20, 452–454, 559–560), neither when agreed,
/// nor by a later status change, nor by clearing the start afterwards.
#[test]
fn aanhouding_ivs_and_huisverbod_are_never_imposed_without_their_start() {
    for kind in [
        MeasureKind::Aanhouding,
        MeasureKind::Inverzekeringstelling,
        MeasureKind::TijdelijkHuisverbod,
    ] {
        assert!(kind.requires_start());
        let owner = kind.owner_organisations()[0];
        let mut m = measure_as_recorded(measure_id(4), kind, owner, "Medewerker");
        m.status = MeasureStatus::Imposed;
        assert_eq!(m.validate(), Err(MeasureError::StartRequired { kind }));

        let mut s = Scene::opened();
        m.status = MeasureStatus::Agreed;
        s.police_writes(5, EventKind::MeasureAgreed { measure: m.clone() });
        let imposed = change(
            measure_id(4),
            MeasureChange::Status {
                status: MeasureStatus::Imposed,
            },
        );
        assert_eq!(
            decide(&s.events, &officer(), imposed.clone(), t(6)),
            Err(Refusal::Measure(MeasureError::StartRequired { kind })),
            "{kind:?}"
        );
        s.police_does(6, change(measure_id(4), MeasureChange::StartedAt { at: Some(t(6)) }));
        s.police_does(7, imposed);
        assert_eq!(
            decide(
                &s.events,
                &officer(),
                change(measure_id(4), MeasureChange::StartedAt { at: None }),
                t(8)
            ),
            Err(Refusal::Measure(MeasureError::StartRequired { kind })),
            "{kind:?}: an imposed measure keeps its start"
        );
        assert!(s.state().skipped.is_empty());
    }
    // Other measures may be in force without a recorded moment.
    assert!(!MeasureKind::Opvang.requires_start());
}

/// The refusal reads as a sentence in the person's language.
#[test]
fn the_start_refusal_has_catalogue_text() {
    let r = Refusal::Measure(MeasureError::StartRequired {
        kind: MeasureKind::Aanhouding,
    });
    assert!(r.text(Lang::Nl).contains("Aanhouding"), "{}", r.text(Lang::Nl));
    assert!(r.text(Lang::Nl).contains("ingegaan"), "{}", r.text(Lang::Nl));
    assert!(!r.text(Lang::En).contains("refusal-"));
}

/// The owner comes from the measure's roles: Aanhouding → police (002
/// l.1115); huisverbod → mayor or mandated police (002 l.566–567); (V)OTS →
/// the court on request of RvdK/OM (002 l.583–585); veiligheidsvoorwaarden
/// → VT (002 l.718).
#[test]
fn the_owner_organisations_follow_the_measures_roles() {
    assert_eq!(MeasureKind::Aanhouding.owner_organisations(), &[Organisation::Police]);
    assert_eq!(
        MeasureKind::TijdelijkHuisverbod.owner_organisations(),
        &[Organisation::Mayor, Organisation::Police]
    );
    assert_eq!(MeasureKind::Ots.owner_organisations(), &[Organisation::Judiciary]);
    assert_eq!(
        MeasureKind::OtsUithuisplaatsing.owner_organisations(),
        &[Organisation::Judiciary]
    );
    assert_eq!(
        MeasureKind::Veiligheidsvoorwaarden.owner_organisations(),
        &[Organisation::VeiligThuis]
    );
    assert_eq!(
        MeasureKind::Inverzekeringstelling.owner_organisations(),
        &[Organisation::Om]
    );
    // Regression (protocol review): the vrouwenopvang, which "zorgt waar
    // nodig voor de opvang van betrokkene" (000 l.642), could not own it.
    assert!(
        MeasureKind::Opvang
            .owner_organisations()
            .contains(&Organisation::Opvang)
    );
}

/// Regression (protocol review): with a minor suspect "vervalt de rol van
/// de reclassering (3RO)" and the execution is supervised by "OM, politie
/// en of JR" (002 l.1214–1216, l.1258–1260); jeugdreclassering could not
/// own a schorsing or a gedragsaanwijzing, and 3RO was offered instead.
#[test]
fn with_a_minor_suspect_jeugdreclassering_takes_the_place_of_3ro() {
    let kind = MeasureKind::SchorsingVoorlopigeHechtenis;
    let mut s = Scene::opened();
    let adult = s.state();
    assert!(adult.measure_owners(kind).contains(&Organisation::Reclassering));
    assert!(!adult.measure_owners(kind).contains(&Organisation::Jeugdreclassering));
    s.police_does(1, Command::Set(Assignment::SuspectIsMinor { answer: Answer::Yes }));
    let minor = s.state();
    assert!(minor.measure_owners(kind).contains(&Organisation::Jeugdreclassering));
    assert!(!minor.measure_owners(kind).contains(&Organisation::Reclassering));
    assert_eq!(
        minor.measure_roles(kind).supervises,
        &[Organisation::Om, Organisation::Police, Organisation::Jeugdreclassering]
    );
    s.police_does(
        2,
        agree(
            measure_id(0x61),
            MeasureKind::Gedragsaanwijzing509hh,
            Organisation::Jeugdreclassering,
            Some("JR Proef"),
            None,
        ),
    );
    assert!(s.state().skipped.is_empty());
    assert_eq!(
        measure_of(&s, measure_id(0x61)).owner.organisation,
        Organisation::Jeugdreclassering
    );
}

#[test]
fn an_owner_the_roles_do_not_allow_is_refused_on_agreeing_and_on_changing() {
    let mut s = Scene::opened();
    // A VT worker records an OTS: the court owns it, not VT nor the RvdK.
    assert_eq!(
        decide(
            &s.events,
            &vt_worker(),
            agree(
                measure_id(5),
                MeasureKind::Ots,
                Organisation::Rvdk,
                Some("R. Fictief"),
                None
            ),
            t(5)
        ),
        Err(Refusal::Measure(MeasureError::OwnerNotAllowed {
            kind: MeasureKind::Ots,
            organisation: Organisation::Rvdk
        }))
    );
    // Another organisation's person must be named.
    assert_eq!(
        decide(
            &s.events,
            &vt_worker(),
            agree(measure_id(5), MeasureKind::Ots, Organisation::Judiciary, None, None),
            t(5)
        ),
        Err(Refusal::Empty { field: "owner.person" })
    );
    s.vt_does(
        5,
        agree(
            measure_id(5),
            MeasureKind::Ots,
            Organisation::Judiciary,
            Some("Kinderrechter (verzoek RvdK)"),
            None,
        ),
    );
    let m = measure_of(&s, measure_id(5));
    assert_eq!(m.owner.organisation, Organisation::Judiciary);
    assert_eq!(m.owner.person, "Kinderrechter (verzoek RvdK)");
    assert_eq!(
        decide(
            &s.events,
            &officer(),
            change(
                measure_id(5),
                MeasureChange::Owner {
                    owner: MeasureOwner {
                        organisation: Organisation::Police,
                        person: "Agent A. Voorbeeld".into()
                    }
                }
            ),
            t(6)
        ),
        Err(Refusal::Measure(MeasureError::OwnerNotAllowed {
            kind: MeasureKind::Ots,
            organisation: Organisation::Police
        }))
    );
    // A pushed event with a forged owner is refused by admission too.
    let mut forged = measure_as_recorded(
        measure_id(6),
        MeasureKind::Aanhouding,
        Organisation::VeiligThuis,
        "B. Proef",
    );
    forged.started_at = Some(t(6));
    let before = s.state();
    let event = s.vt_writes(7, EventKind::MeasureAgreed { measure: forged }).clone();
    assert!(matches!(
        before.admit(&event),
        Err(Refusal::Measure(MeasureError::OwnerNotAllowed { .. }))
    ));
    assert_eq!(s.state().skipped.len(), 1, "the fold skips it");
}

/// "in beginsel tien dagen" (002 l.559–560): the extension decision is
/// prompted before day 10, and the huisverbod cannot be recorded as running
/// longer unless a re-assessment decided to extend it.
#[test]
fn a_huisverbod_runs_past_ten_days_only_after_a_recorded_extension() {
    let mut s = Scene::opened();
    let served = t(30);
    s.police_does(
        31,
        agree(
            measure_id(7),
            MeasureKind::TijdelijkHuisverbod,
            Organisation::Mayor,
            Some("Burgemeester (mandaat hulpOvJ)"),
            Some(served),
        ),
    );
    let m = measure_of(&s, measure_id(7));
    assert_eq!(m.status, MeasureStatus::Imposed);
    assert_eq!(
        m.deadlines()[0],
        Deadline {
            kind: DeadlineKind::ExtensionDecision,
            due: served + Duration::days(9)
        }
    );
    let later = change(
        measure_id(7),
        MeasureChange::Until {
            at: Some(served + Duration::days(20)),
        },
    );
    assert_eq!(
        decide(&s.events, &officer(), later.clone(), t(60)),
        Err(Refusal::Measure(MeasureError::HuisverbodBeyondTenDays))
    );
    // An earlier end is always possible.
    assert!(
        decide(
            &s.events,
            &officer(),
            change(
                measure_id(7),
                MeasureChange::Until {
                    at: Some(served + Duration::days(5))
                }
            ),
            t(60)
        )
        .is_ok()
    );
    let day9 = served + Duration::days(9);
    let extension = decide(
        &s.events,
        &vt_worker(),
        change(measure_id(7), reassessed(day9, ReassessmentOutcome::Extend)),
        day9,
    )
    .unwrap();
    s.vt_writes(30 + 9 * 24 * 60, extension);
    assert!(
        !measure_of(&s, measure_id(7))
            .deadlines()
            .iter()
            .any(|d| d.kind == DeadlineKind::ExtensionDecision),
        "decided"
    );
    let ok = decide(&s.events, &officer(), later, day9 + Duration::hours(1)).unwrap();
    s.police_writes(30 + 9 * 24 * 60 + 60, ok);
    let extended = measure_of(&s, measure_id(7));
    assert_eq!(extended.effective_until(), Some(served + Duration::days(20)));
    // Regression (protocol review): the extended end is where the suspect
    // regains access, so it asks for a re-assessment first (002
    // l.1103–1106); the extension's own re-assessment on day 9 does not
    // count for day 20.
    assert!(extended.deadlines().contains(&Deadline {
        kind: DeadlineKind::ReassessBeforeAccess,
        due: served + Duration::days(20),
    }));
    assert!(s.state().skipped.is_empty());
}

/// Veiligheidsvoorwaarden are their own group, set by VT also under
/// criminal law (002 l.718–723), with who checks them and what follows when
/// they are not kept.
#[test]
fn veiligheidsvoorwaarden_are_set_by_vt_with_checks_and_a_consequence() {
    assert_eq!(
        MeasureKind::Veiligheidsvoorwaarden.framework(),
        Framework::Veiligheidsvoorwaarden
    );
    assert_ne!(
        MeasureKind::Veiligheidsafspraken.framework(),
        Framework::Veiligheidsvoorwaarden
    );
    let mut s = Scene::opened();
    s.vt_does(
        5,
        agree(
            measure_id(13),
            MeasureKind::Veiligheidsvoorwaarden,
            Organisation::VeiligThuis,
            None,
            None,
        ),
    );
    assert_eq!(
        decide(
            &s.events,
            &vt_worker(),
            change(
                measure_id(13),
                MeasureChange::Compliance {
                    compliance: Some(Compliance {
                        checked_by: Organisation::Police,
                        on_breach: " ".into()
                    })
                }
            ),
            t(6)
        ),
        Err(Refusal::Measure(MeasureError::Empty {
            field: "compliance.on_breach"
        }))
    );
    let compliance = Compliance {
        checked_by: Organisation::Police,
        on_breach: "melding bij VT en politie; opnieuw beoordelen".into(),
    };
    s.vt_does(
        6,
        change(
            measure_id(13),
            MeasureChange::Compliance {
                compliance: Some(compliance.clone()),
            },
        ),
    );
    assert_eq!(measure_of(&s, measure_id(13)).compliance.as_deref(), Some(&compliance));
}

/// Old events with `"status":"agreed"` still load as afgesproken, and a
/// measure without the new fields keeps its bytes.
#[test]
fn an_old_agreed_measure_still_loads_and_keeps_its_bytes() {
    let json = r#"{"measure_id":"01900000-0000-7000-8000-00000000000e","kind":"aanhouding","owner":{"organisation":"police","person":"Agent"},"started_at":"2026-02-10T22:00:00Z","until":null,"reassess_at":null,"first_contact":null,"call_tree":[],"informs":[],"conditions":[],"status":"agreed"}"#;
    let m: AgreedMeasure = serde_json::from_str(json).unwrap();
    assert_eq!(m.status, MeasureStatus::Agreed);
    assert!(m.is_open());
    assert_eq!(serde_json::to_string(&m).unwrap(), json);
}
