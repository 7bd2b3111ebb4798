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
use samenop_core::sharing::consultation::{ConsultTopic, Consultation};
use samenop_core::sharing::{InfoCategory, LegalGround, OmContact, OmContactRecord, SharingRecord};
use samenop_core::steps::{InvestigationPoint, SafetyItem};
use samenop_core::triage::{Criterion, LiftingRoute, ProfessionalJudgement, StructuralCategory};
use samenop_core::{Assignment, CaseState, Event, EventKind, Organisation};
use uuid::Uuid;

const V1: &str = "tests/golden/events-v1.jsonl";
const V3: &str = "tests/golden/events-v3.jsonl";

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
                legal_ground: LegalGround::AvgVitalInterest,
                summary: "Bekend bij VT sinds 2025".into(),
                om_contact: None,
                om_contact_id: None,
                vital_interest: None,
                weighty_interest: false,
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
                legal_ground: LegalGround::AvgVitalInterest,
                summary: "Lopend onderzoek, met OM afgestemd".into(),
                om_contact: Some(OmContact {
                    contacted_at: t(15),
                    om_officer: "piket-OvJ mr. Test".into(),
                }),
                om_contact_id: None,
                vital_interest: None,
                weighty_interest: false,
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

/// Schema 3 (issue 14): sharing by Bijlage 1's pairs, the OM contact and a
/// consultation as events of their own (written 2026-11-29).
fn every_kind_v3() -> Vec<Event> {
    let mut s = Scene::opened();
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    s.police_writes(
        3,
        EventKind::OmContacted {
            contact: OmContactRecord {
                contact_id: Uuid::from_u128(0x0c),
                contacted_at: t(3),
                officer: "piket-OvJ mr. Test".into(),
                may_share: true,
                decision: "Globaal delen dat er een onderzoek loopt".into(),
            },
        },
    );
    s.vt_writes(
        4,
        EventKind::PartnerConsulted {
            consultation: Consultation {
                consultation_id: Uuid::from_u128(0x0d),
                with: Organisation::Rvdk,
                topic: ConsultTopic::ChildProtection,
                consulted_at: t(4),
                advice: "Spoedverzoek OTS niet nodig, VT volgt op".into(),
            },
        },
    );
    let mut art9 = SharingRecord::on_default_ground(
        Uuid::from_u128(0x61),
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
        "Er loopt een onderzoek naar bedreiging",
    )
    .expect("via OM");
    art9.om_contact_id = Some(Uuid::from_u128(0x0c));
    s.police_writes(5, EventKind::InformationShared { record: art9 });
    let rvdk = SharingRecord::on_default_ground(
        Uuid::from_u128(0x62),
        Organisation::Rvdk,
        Organisation::VeiligThuis,
        InfoCategory::ChildProtectionInfo,
        "Kinderen bekend bij de Raad",
    )
    .expect("5.2.6 Wmo");
    s.vt_writes(6, EventKind::InformationShared { record: rvdk });
    let mut vital = SharingRecord::on_default_ground(
        Uuid::from_u128(0x63),
        Organisation::VeiligThuis,
        Organisation::Police,
        InfoCategory::VeiligThuisRecords,
        "Eerder wapen genoemd",
    )
    .expect("4.1.1 Wmo");
    vital.vital_interest = Some("Direct levensgevaar voor moeder".into());
    s.vt_writes(7, EventKind::InformationShared { record: vital });
    s.events
}

fn golden() -> String {
    std::fs::read_to_string(V1).expect("golden file present")
}

#[test]
fn write_golden_when_asked() {
    // Only the newest version's file is written; an old one is never rewritten.
    common::golden::write_when_asked("SAMENOP_WRITE_GOLDEN", V3, &every_kind_v3());
}

#[test]
fn every_v3_event_still_loads_keeps_its_bytes_and_folds() {
    let events = common::golden::load_keeping_bytes(V3);
    assert!(events.iter().all(|e| e.schema == samenop_core::Schema::V3));
    let state = CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert_eq!(state.shared().len(), 3);
    assert_eq!(state.om_contacts().len(), 1);
    assert_eq!(state.consultations().len(), 1);
}

#[test]
fn legacy_grounds_and_the_inline_om_contact_still_fold_from_v1() {
    let events: Vec<Event> = golden().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let state = CaseState::fold(&events);
    let shared = state.shared();
    assert_eq!(shared.len(), 2);
    assert!(shared[1].record.om_contact.is_some(), "the inline OM contact is kept");
    assert_eq!(shared[0].record.legal_ground, LegalGround::AvgVitalInterest);
    // A legacy ground still reads, and `consent` (which served every pair)
    // still folds.
    assert_eq!(
        serde_json::from_str::<LegalGround>("\"avg_bw1238_wmo526\"").unwrap(),
        LegalGround::AvgBw1238Wmo526
    );
    let line = events
        .iter()
        .find(|e| matches!(e.kind, EventKind::InformationShared { .. }))
        .unwrap()
        .clone();
    let mut json = serde_json::to_value(&line).unwrap();
    json["kind"]["record"]["legal_ground"] = serde_json::json!("consent");
    let e: Event = serde_json::from_value(json).unwrap();
    let mut with = events.clone();
    with.retain(|x| x.id != e.id);
    with.push(e);
    assert!(CaseState::fold(&with).skipped.is_empty(), "consent");
}

#[test]
fn every_v1_event_still_loads_and_keeps_its_bytes() {
    let events = common::golden::load_keeping_bytes(V1);
    assert_eq!(events.len(), 35);
    let state = CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert_eq!(state.event_count, 35);
}

/// The shapes added for eergerelateerd geweld (issue 15), schema 2: the
/// flag, who threatens, the victim's age, an EGG step, the opvang decision
/// and a verblijfplaats shared with the opvang. Written once with
/// `SAMENOP_WRITE_GOLDEN_HONOUR=1`; never rewritten.
const HONOUR_V2: &str = "tests/golden/events-v2-honour.jsonl";

fn honour_kinds() -> Vec<Event> {
    use samenop_core::honour::{HonourPrompt, OpvangDecision, OpvangFacility, OpvangRegion};
    let mut s = Scene::opened();
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    let sets = vec![
        Assignment::HonourBased { honour_based: true },
        Assignment::NetworkThreat {
            who: "Vader en oom (synthetisch)".into(),
        },
        Assignment::VictimIsMinor { answer: Answer::No },
        Assignment::HonourPrompt {
            prompt: HonourPrompt::AddressMarked,
            done: true,
        },
        Assignment::OpvangDecision {
            decision: Some(OpvangDecision {
                region: OpvangRegion::FarAway,
                facility: OpvangFacility::SafeHouse,
            }),
        },
    ];
    for (i, a) in sets.into_iter().enumerate() {
        s.police_sets(3 + i as i64, a);
    }
    s.vt_writes(
        10,
        EventKind::InformationShared {
            record: SharingRecord {
                record_id: Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0e66),
                from: Organisation::VeiligThuis,
                to: Organisation::Opvang,
                category: InfoCategory::Verblijfplaats,
                legal_ground: LegalGround::AvgVitalInterest,
                summary: "Verblijft tijdelijk bij VT-contact (synthetisch)".into(),
                om_contact: None,
                om_contact_id: None,
                vital_interest: None,
                weighty_interest: false,
            },
        },
    );
    s.events
}

#[test]
fn write_honour_golden_when_asked() {
    common::golden::write_when_asked("SAMENOP_WRITE_GOLDEN_HONOUR", HONOUR_V2, &honour_kinds());
}

#[test]
fn every_honour_event_still_loads_and_keeps_its_bytes() {
    let events = common::golden::load_keeping_bytes(HONOUR_V2);
    assert_eq!(events.len(), 8);
    let state = CaseState::fold(&events);
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    assert!(state.is_honour_based());
    assert_eq!(state.network_threat(), "Vader en oom (synthetisch)");
    assert!(state.opvang_decision().is_some());
    assert_eq!(state.shared().len(), 1);
}

#[test]
fn the_v1_case_is_still_what_the_v1_file_holds() {
    // The kinds only: the writer now stamps schema 3 on what it writes.
    let file: Vec<EventKind> = golden()
        .lines()
        .map(|l| serde_json::from_str::<Event>(l).unwrap().kind)
        .collect();
    let made: Vec<EventKind> = every_kind().into_iter().map(|e| e.kind).collect();
    assert_eq!(file, made);
}

/// The server tidies every pushed event (`bounds::tidy`) and stores the
/// tidied event's bytes; a retry must match them byte for byte. An event
/// whose texts are all in NFC comes back as it went in, with the bytes the
/// full JSON round trip gave (which `tidy` skips since issue 18 §4); one
/// text out of NFC is still rewritten.
#[test]
fn tidying_a_stored_event_keeps_its_bytes_and_still_rewrites_a_text_out_of_nfc() {
    let files = [
        V1,
        V3,
        "tests/golden/events-v2-honour.jsonl",
        "tests/golden/events-v3-handover.jsonl",
    ];
    for file in files {
        let text = std::fs::read_to_string(file).expect("golden file present");
        for line in text.lines() {
            let event: Event = serde_json::from_str(line).unwrap();
            let round_trip: Event = serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
            let tidied = samenop_core::bounds::tidy(event.clone()).unwrap();
            assert_eq!(tidied, event, "{file}: {line}");
            assert_eq!(
                serde_json::to_vec(&tidied).unwrap(),
                serde_json::to_vec(&round_trip).unwrap(),
                "{file}: {line}"
            );
        }
    }
    let mut event = every_kind().remove(0);
    event.author.display_name = "Agent A. Voorbeelde\u{301}".into();
    let tidied = samenop_core::bounds::tidy(event).unwrap();
    assert_eq!(tidied.author.display_name, "Agent A. Voorbeeld\u{e9}");
}
