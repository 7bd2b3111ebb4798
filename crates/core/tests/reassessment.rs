//! Reassessment moments of measures (002 l.1095–1106): the police leaving
//! after art. 3 Pw, the end of a ban or of custody, a release by the OvJ;
//! given the events of a case, core asks for the reassessment until one is
//! recorded.

mod common;

use chrono::Duration;
use common::measures::{change, decide, measure_of, reassessed};
use common::{Scene, measure_as_recorded, measure_id, officer, police_agree, police_huisverbod_as_recorded, t};
use samenop_core::measures::{
    Deadline, DeadlineKind, MeasureChange, MeasureError, MeasureKind, MeasureStatus, Reassessment, ReassessmentOutcome,
};
use samenop_core::{EventKind, Organisation};

/// Art 3 Pw lasts while the police stay (002 l.1112): before they leave a
/// re-assessment is due; recording it (time, who, outcome) clears it.
#[test]
fn police_departure_after_art_3_pw_asks_for_a_recorded_reassessment() {
    let mut s = Scene::opened();
    s.police_does(
        10,
        police_agree(measure_id(8), MeasureKind::WeghoudenArt3Pw, Some(t(10))),
    );
    assert_eq!(
        measure_of(&s, measure_id(8)).deadlines(),
        vec![Deadline {
            kind: DeadlineKind::ReassessBeforeAccess,
            due: t(10)
        }]
    );
    s.vt_does(
        25,
        change(measure_id(8), reassessed(t(25), ReassessmentOutcome::Continue)),
    );
    let m = measure_of(&s, measure_id(8));
    assert!(m.deadlines().is_empty());
    let r = m.last_reassessment.unwrap();
    assert_eq!(
        (r.at, r.by.organisation, r.outcome),
        (t(25), Organisation::VeiligThuis, ReassessmentOutcome::Continue)
    );
}

/// The end of a contact-, locatie- or gebiedsverbod (509hh, schorsing VH)
/// or of custody gives access back: re-assess first (002 l.1103–1106). A
/// re-assessment days earlier does not count for it.
#[test]
fn the_end_of_a_ban_or_custody_is_a_reassessment_moment() {
    let start = t(0);
    for kind in [
        MeasureKind::Gedragsaanwijzing509hh,
        MeasureKind::SchorsingVoorlopigeHechtenis,
        MeasureKind::Inverzekeringstelling,
    ] {
        let mut m = measure_as_recorded(measure_id(9), kind, kind.owner_organisations()[0], "Medewerker");
        m.started_at = Some(start);
        m.until = Some(start + Duration::days(3));
        let owed = Deadline {
            kind: DeadlineKind::ReassessBeforeAccess,
            due: start + Duration::days(3),
        };
        assert!(m.deadlines().contains(&owed), "{kind:?}");
        m.last_reassessment = Some(Box::new(Reassessment {
            at: start + Duration::hours(2),
            by: m.owner.clone(),
            outcome: ReassessmentOutcome::Continue,
        }));
        assert!(m.deadlines().contains(&owed), "{kind:?}: too early to count");
        m.last_reassessment.as_mut().unwrap().at = start + Duration::days(3) - Duration::hours(3);
        assert!(!m.deadlines().contains(&owed), "{kind:?}");
    }
    // Voluntary help does not keep anyone away: no such moment.
    let mut shelter = measure_as_recorded(measure_id(10), MeasureKind::Opvang, Organisation::LocalCare, "Opvang");
    shelter.started_at = Some(start);
    shelter.until = Some(start + Duration::days(3));
    assert!(
        !shelter
            .deadlines()
            .iter()
            .any(|d| d.kind == DeadlineKind::ReassessBeforeAccess)
    );
}

/// The OvJ's release decision is the moment access returns after an arrest.
#[test]
fn release_by_the_ovj_is_a_reassessment_moment() {
    let mut m = measure_as_recorded(measure_id(11), MeasureKind::Aanhouding, Organisation::Police, "Agent");
    m.started_at = Some(t(0));
    assert!(m.deadlines().contains(&Deadline {
        kind: DeadlineKind::ReassessBeforeAccess,
        due: t(0) + Duration::hours(9)
    }));
}

/// Ending a measure is never blocked, also one recorded before these rules
/// (its owner or start may not meet them): the end is what the board needs.
#[test]
fn ending_a_measure_recorded_before_these_rules_is_admitted() {
    let mut s = Scene::opened();
    let mut legacy = police_huisverbod_as_recorded(measure_id(12), "Agent");
    legacy.started_at = Some(t(1));
    legacy.until = Some(t(1) + Duration::days(28));
    // Written before the rule (an event the fold already holds):
    // admitted at agreement time it would now be refused…
    assert_eq!(legacy.validate(), Err(MeasureError::HuisverbodBeyondTenDays));
    // …but a later change that does not touch the end is judged on its own.
    let mut fine = legacy.clone();
    fine.until = None;
    s.police_writes(1, EventKind::MeasureAgreed { measure: fine });
    let end = decide(
        &s.events,
        &officer(),
        change(
            measure_id(12),
            MeasureChange::Status {
                status: MeasureStatus::Ended,
            },
        ),
        t(100),
    );
    assert!(end.is_ok(), "{end:?}");
}
