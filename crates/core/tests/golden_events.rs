//! Events written by earlier versions must still load, byte for byte.
//!
//! `golden/events-v1.jsonl` was written by the code of 2026-11-28 (before
//! events carried a schema version): one case that uses every event kind,
//! every assignment, every measure change and every handover item. Devices
//! and servers hold such events for as long as a case is kept; a change
//! that stops them loading, or changes their canonical bytes (the server
//! compares a retried push byte for byte), breaks sync in the field.
//! Regenerate a NEW golden file for a new schema version with
//! `SAMENOP_WRITE_GOLDEN=1 cargo test -p samenop-core --test golden_events`;
//! never rewrite an old one.

mod common;

use common::{Scene, measure_as_recorded, t};
use samenop_core::VariantArray;
use samenop_core::answer::Answer;
use samenop_core::event::CaseNature;
use samenop_core::handover::{ExitCondition, HandoverItem, ResponseMode};
use samenop_core::measures::{
    CallRule, ContactPoint, InformRule, MeasureChange, MeasureId, MeasureKind, MeasureOwner, MeasureStatus,
    SpecialCondition,
};
use samenop_core::sash::{SashItem, SashLevel};
use samenop_core::sharing::{InfoCategory, LegalGround, OmContact, SharingRecord};
use samenop_core::steps::{InvestigationPoint, SafetyItem};
use samenop_core::triage::{Criterion, LiftingRoute, ProfessionalJudgement, StructuralCategory};
use samenop_core::{Assignment, CaseState, Event, EventKind, Organisation};
use uuid::Uuid;

const V1: &str = "tests/golden/events-v1.jsonl";

/// The case the golden file was written from (kept so a new version's file
/// can be written the same way).
fn every_kind() -> Vec<Event> {
    let mut s = Scene::opened();
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    let sets: Vec<Assignment> = vec![
        Assignment::Safety {
            item: SafetyItem::PoliceOnScene,
            done: true,
        },
        Assignment::ChildrenPresent { answer: Answer::Yes },
        Assignment::Nature {
            nature: CaseNature::PartnerViolence,
        },
        Assignment::Criterion {
            criterion: Criterion::Firearm,
            answer: Answer::No,
        },
        Assignment::Criterion {
            criterion: Criterion::StalkingWithFear,
            answer: Answer::Yes,
        },
        Assignment::RelationshipEndedOn {
            date: Some(chrono::NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()),
        },
        Assignment::SuspectHasAccess {
            answer: Answer::Unknown,
        },
        Assignment::ThirdPartyOversight { answer: Answer::No },
        Assignment::LiftingRoute {
            route: LiftingRoute::ArrestedArt53Sv,
            applied: true,
        },
        Assignment::ProfessionalJudgement {
            judgement: Some(ProfessionalJudgement {
                acute: true,
                reason: "Dreiging via berichten, zie melding".into(),
            }),
        },
        Assignment::Sash {
            item: SashItem::VARIANTS[0],
            answer: Answer::Yes,
        },
        Assignment::SashAssessorLevel {
            level: Some(SashLevel::High),
        },
        Assignment::Structural {
            category: StructuralCategory::PsychischGeweld,
            answer: Answer::Yes,
        },
        Assignment::Investigation {
            point: InvestigationPoint::JointInterview,
            done: true,
            note: "Eén gesprek, samen".into(),
        },
    ];
    for (i, a) in sets.into_iter().enumerate() {
        s.police_sets(3 + i as i64, a);
    }
    s.vt_writes(
        20,
        EventKind::InformationShared {
            record: SharingRecord {
                record_id: Uuid::from_u128(0x51),
                from: Organisation::VeiligThuis,
                to: Organisation::Police,
                category: InfoCategory::VeiligThuisRecords,
                legal_ground: LegalGround::fitting(Organisation::VeiligThuis, Organisation::Police)[0],
                summary: "Bekend bij VT sinds 2025".into(),
                om_contact: None,
            },
        },
    );
    s.police_writes(
        21,
        EventKind::InformationShared {
            record: SharingRecord {
                record_id: Uuid::from_u128(0x52),
                from: Organisation::Police,
                to: Organisation::VeiligThuis,
                category: InfoCategory::CriminalInvestigation,
                legal_ground: LegalGround::fitting(Organisation::Police, Organisation::VeiligThuis)[0],
                summary: "Lopend onderzoek, met OM afgestemd".into(),
                om_contact: Some(OmContact {
                    contacted_at: t(15),
                    om_officer: "piket-OvJ mr. Test".into(),
                }),
            },
        },
    );
    let measure_id = MeasureId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00aa));
    let mut m = measure_as_recorded(
        measure_id,
        MeasureKind::Gedragsaanwijzing509hh,
        Organisation::Police,
        "Agent A. Voorbeeld",
    );
    m.started_at = Some(t(25));
    m.conditions = vec![SpecialCondition::Contactverbod];
    s.police_writes(25, EventKind::MeasureAgreed { measure: m });
    let contact = ContactPoint {
        organisation: Organisation::VeiligThuis,
        person: "B. Proef".into(),
        phone: "0800-0000001".into(),
    };
    let changes = vec![
        MeasureChange::Owner {
            owner: MeasureOwner {
                organisation: Organisation::Om,
                person: "mr. Test".into(),
            },
        },
        MeasureChange::StartedAt { at: Some(t(26)) },
        MeasureChange::Until {
            at: Some(t(60 * 24 * 30)),
        },
        MeasureChange::ReassessAt { at: Some(t(60 * 24)) },
        MeasureChange::FirstContact { contact: Some(contact) },
        MeasureChange::CallTree {
            rules: vec![CallRule {
                caller: Organisation::VeiligThuis,
                callee: Organisation::Police,
                when: "bij verandering in de mate van onveiligheid".into(),
            }],
        },
        MeasureChange::Informs {
            rules: vec![InformRule {
                informer: Organisation::VeiligThuis,
                informs: "school".into(),
            }],
        },
        MeasureChange::Conditions {
            conditions: vec![SpecialCondition::Contactverbod, SpecialCondition::Gebiedsverbod],
        },
        MeasureChange::Status {
            status: MeasureStatus::Agreed,
        },
    ];
    for (i, change) in changes.into_iter().enumerate() {
        s.vt_sets(30 + i as i64, Assignment::Measure { measure_id, change });
    }
    let handover = vec![
        HandoverItem::ExitCondition {
            condition: ExitCondition::PhysicallySafe,
            met: true,
        },
        HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis, Organisation::LocalCare],
        },
        HandoverItem::WarmHandover { done: true },
        HandoverItem::ResponseMode {
            mode: ResponseMode::InPerson,
        },
        HandoverItem::UsefulInformation {
            categories: vec![InfoCategory::PoliceRegistrations],
        },
        HandoverItem::MissingInformation {
            categories: vec![InfoCategory::PriorAgreements],
        },
        HandoverItem::Declared { not_acute: false },
    ];
    for (i, item) in handover.into_iter().enumerate() {
        s.vt_sets(50 + i as i64, Assignment::Handover { item });
    }
    s.events
}

fn golden() -> String {
    std::fs::read_to_string(V1).expect("golden file present")
}

#[test]
fn write_golden_when_asked() {
    if std::env::var_os("SAMENOP_WRITE_GOLDEN").is_none() {
        return;
    }
    let lines: Vec<String> = every_kind().iter().map(|e| serde_json::to_string(e).unwrap()).collect();
    std::fs::write(V1, lines.join("\n") + "\n").unwrap();
}

#[test]
fn every_v1_event_still_loads_and_keeps_its_bytes() {
    let text = golden();
    let mut events = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let event: Event = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            line,
            "line {}: bytes changed",
            n + 1
        );
        events.push(event);
    }
    assert_eq!(events.len(), 35);
    let state = CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert_eq!(state.event_count, 35);
}
