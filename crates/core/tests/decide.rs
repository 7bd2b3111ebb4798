//! Commands in, events out: given the events of a case, when a person
//! sends a command, then core answers with the event it records or a
//! typed refusal. The server admits pushed events with the same rules.

mod common;

use common::given_when::given;
use common::share;

use common::{
    Scene, agree, measure_id, officer, offline_set, om_contact, police_agree,
    police_agree_huisverbod_with_first_contact, t, vt_worker,
};
use samenop_core::command::Command;
use samenop_core::event::ReportSource;
use samenop_core::measures::{MeasureChange, MeasureError, MeasureKind, SpecialCondition};
use samenop_core::sharing::{InfoCategory, LegalGround, SharingError};
use samenop_core::text::{AddressHint, SharedSummary, TextError};
use samenop_core::triage::{Criterion, ProfessionalJudgement};
use samenop_core::{Actor, Answer, Assignment, CaseState, Event, EventKind, Lang, Organisation, Refusal, Role};
use uuid::Uuid;

fn lead() -> Actor {
    Actor {
        user_id: "lead.proef".into(),
        display_name: "C. Proef".into(),
        organisation: Organisation::Police,
        role: Role::ShiftLead,
    }
}

fn set(a: Assignment) -> Command {
    Command::Set(a)
}

#[test]
fn opening_a_case_records_the_trimmed_hint_and_a_second_opening_is_refused() {
    let open = || Command::OpenCase {
        reported_at: t(-5),
        source: ReportSource::PoliceReport,
        address_hint: AddressHint::parse("  Teststraat, achterom ").unwrap(),
        region: "Testregio".into(),
    };
    let kind = given(&[]).when(&officer(), open(), t(0)).then_event();
    assert!(matches!(kind, EventKind::CaseOpened { ref address_hint, .. } if address_hint == "Teststraat, achterom"));
    given(&Scene::opened().events)
        .when(&officer(), open(), t(1))
        .then_refused(Refusal::CaseAlreadyOpened);
}

#[test]
fn an_address_hint_longer_than_the_limit_does_not_parse() {
    assert_eq!(
        AddressHint::parse(&"x".repeat(AddressHint::MAX + 1)),
        Err(TextError::TooLong {
            len: AddressHint::MAX + 1,
            max: AddressHint::MAX
        })
    );
}

#[test]
fn a_shared_summary_is_recorded_in_nfc_and_a_direction_override_is_refused() {
    // Issue 13 §5: one walk (`bounds`) for decide and the server's push.
    let with_summary = |text: &str| Command::ShareInformation {
        record_id: Uuid::from_u128(0x78),
        from: Organisation::Police,
        to: Organisation::VeiligThuis,
        category: InfoCategory::PoliceRegistrations,
        legal_ground: LegalGround::Wpg18Bpg42,
        summary: SharedSummary::parse(text).unwrap(),
        om_contact_id: None,
        vital_interest: None,
        weighty_interest: true,
    };
    let kind = given(&Scene::opened().events)
        .when(&officer(), with_summary("Bekend bij politie, cafe\u{301}"), t(1))
        .then_event();
    let EventKind::InformationShared { record } = kind else {
        panic!("{kind:?}")
    };
    assert_eq!(record.summary, "Bekend bij politie, caf\u{e9}");
    given(&Scene::opened().events)
        .when(&officer(), with_summary("Bekend \u{202E}tiezeb"), t(1))
        .then_refused(Refusal::ForbiddenCharacter {
            field: "record.summary".into(),
        });
    assert_eq!(
        Refusal::ForbiddenCharacter {
            field: "record.summary".into()
        }
        .text(Lang::Nl),
        "Wat is gedeeld: bevat een teken dat niet is toegestaan (stuurteken of schrijfrichting)."
    );
}

#[test]
fn a_shift_lead_reads_but_does_not_record() {
    given(&Scene::opened().events)
        .when(&lead(), set(Assignment::ChildrenPresent { answer: Answer::Yes }), t(2))
        .then_refused(Refusal::RoleMayNotRecord);
}

#[test]
fn nothing_is_set_on_a_case_that_was_not_opened_but_joining_is_allowed() {
    given(&[])
        .when(
            &vt_worker(),
            set(Assignment::ChildrenPresent { answer: Answer::No }),
            t(1),
        )
        .then_refused(Refusal::CaseNotOpened);
    let kind = given(&[])
        .when(&vt_worker(), Command::JoinCase { reason: None }, t(1))
        .then_event();
    assert_eq!(kind, EventKind::CaseJoined { reason: None });
}

#[test]
fn setting_a_field_replaces_every_value_seen_and_so_resolves_a_conflict() {
    let mut s = Scene::opened();
    // Both write offline, without seeing each other.
    let a = s
        .police_writes(2, offline_set(Assignment::ChildrenPresent { answer: Answer::Yes }))
        .id;
    let b = s
        .vt_writes(3, offline_set(Assignment::ChildrenPresent { answer: Answer::No }))
        .id;
    assert_eq!(s.state().conflicts().len(), 1);
    let kind = given(&s.events)
        .when(
            &officer(),
            set(Assignment::ChildrenPresent { answer: Answer::Yes }),
            t(4),
        )
        .then_event();
    let EventKind::Assigned { mut supersedes, .. } = kind.clone() else {
        panic!("{kind:?}")
    };
    supersedes.sort();
    let mut both = vec![a, b];
    both.sort();
    assert_eq!(supersedes, both);
    s.police_writes(4, kind);
    assert!(s.state().conflicts().is_empty());
}

#[test]
fn an_acute_professional_judgement_without_reason_is_refused() {
    given(&Scene::opened().events)
        .when(
            &vt_worker(),
            set(Assignment::ProfessionalJudgement {
                judgement: Some(ProfessionalJudgement {
                    acute: true,
                    reason: "  ".into(),
                }),
            }),
            t(5),
        )
        .then_refused(Refusal::ReasonRequired);
}

#[test]
fn a_breakup_date_in_the_future_is_refused() {
    given(&Scene::opened().events)
        .when(
            &vt_worker(),
            set(Assignment::RelationshipEndedOn {
                date: Some((t(0) + chrono::Duration::days(2)).date_naive()),
            }),
            t(5),
        )
        .then_refused(Refusal::DateInFuture {
            field: "relationship_ended_on",
        });
}

#[test]
fn information_is_shared_on_the_senders_own_ground_by_default() {
    let (from, to, cat) = (
        Organisation::VeiligThuis,
        Organisation::Police,
        InfoCategory::VeiligThuisRecords,
    );
    let ground = LegalGround::default_for(from, to, cat).unwrap();
    let kind = given(&Scene::opened().events)
        .when(&vt_worker(), share(from, to, cat, ground), t(6))
        .then_event();
    let EventKind::InformationShared { record } = kind else {
        panic!()
    };
    assert_eq!(record.from, Organisation::VeiligThuis);
    assert_eq!(record.legal_ground, LegalGround::AvgWmo411, "004 l.502");
}

#[test]
fn a_ground_that_does_not_fit_the_pair_is_refused() {
    // VT cannot share on the police's art 18 Wpg (004 l.502 vs l.510).
    given(&Scene::opened().events)
        .when(
            &vt_worker(),
            share(
                Organisation::VeiligThuis,
                Organisation::Police,
                InfoCategory::VeiligThuisRecords,
                LegalGround::Wpg18Bpg42,
            ),
            t(6),
        )
        .then_refused(Refusal::Sharing(SharingError::GroundDoesNotFit {
            ground: LegalGround::Wpg18Bpg42,
            from: Organisation::VeiligThuis,
            to: Organisation::Police,
        }));
}

/// Regression (security review): a police account recorded
/// `information_shared` between two other organisations. The server admits
/// with the same rule, so a modified client cannot do it either. (Since
/// schema 3 a receiver may record what it received, 004 l.110.)
#[test]
fn a_pushed_sharing_between_two_other_organisations_is_not_admitted() {
    let mut s = Scene::opened();
    let forged = s
        .police_writes(
            7,
            EventKind::InformationShared {
                record: samenop_core::sharing::SharingRecord::on_default_ground(
                    Uuid::from_u128(9),
                    Organisation::VeiligThuis,
                    Organisation::Rvdk,
                    InfoCategory::VeiligThuisRecords,
                    "Bekend",
                )
                .unwrap(),
            },
        )
        .clone();
    let before = CaseState::fold(&s.events[..1]);
    assert_eq!(before.admit(&forged), Err(Refusal::SharedForAnotherOrganisation));
    assert!(s.state().shared().is_empty(), "the fold skips it too");
}

#[test]
fn a_measure_owned_by_the_authors_organisation_names_the_author_and_gets_no_call_rule_nobody_agreed() {
    let kind = given(&Scene::opened().events)
        .when(
            &officer(),
            police_agree_huisverbod_with_first_contact(measure_id(0xbb0), t(8)),
            t(8),
        )
        .then_event();
    let EventKind::MeasureAgreed { measure } = kind else {
        panic!()
    };
    assert_eq!(measure.owner.organisation, Organisation::Police);
    assert_eq!(measure.owner.person, "Agent A. Voorbeeld");
    assert_eq!(measure.started_at, Some(t(8)));
    assert_eq!(measure.first_contact.unwrap().organisation, Organisation::Police);
    // "Wie belt wie wanneer" is agreed for the whole case, explicitly
    // (004 l.303): a measure no longer carries a rule nobody agreed.
    assert!(measure.call_tree.is_empty());
}

#[test]
fn a_change_to_a_measure_never_agreed_or_with_a_condition_it_cannot_carry_is_refused() {
    let mut s = Scene::opened();
    let id = measure_id(0xcc0);
    let change = |conditions| {
        set(Assignment::Measure {
            measure_id: id,
            change: MeasureChange::Conditions { conditions },
        })
    };
    given(&s.events)
        .when(&officer(), change(vec![]), t(9))
        .then_refused(Refusal::UnknownMeasure);
    s.police_does(
        9,
        agree(
            id,
            MeasureKind::Gedragsaanwijzing509hh,
            Organisation::Om,
            Some("mr. Test"),
            None,
        ),
    );
    given(&s.events)
        .when(&officer(), change(vec![SpecialCondition::Schadevergoeding]), t(10))
        .then_refused(Refusal::Measure(MeasureError::ConditionNotAllowed {
            kind: MeasureKind::Gedragsaanwijzing509hh,
            condition: SpecialCondition::Schadevergoeding,
        }));
    s.police_does(10, change(vec![SpecialCondition::Contactverbod]));
    // Regression (protocol review): the gedragsaanwijzing (locatieverbod)
    // of 002's own stalking case (l.1128, l.3701–3702) was refused.
    s.police_does(
        11,
        change(vec![SpecialCondition::Contactverbod, SpecialCondition::Locatieverbod]),
    );
    assert!(s.state().skipped.is_empty());
}

#[test]
fn every_event_decide_makes_is_admitted_as_written() {
    let mut s = Scene::opened();
    let commands = vec![
        set(Assignment::Criterion {
            criterion: Criterion::Firearm,
            answer: Answer::Yes,
        }),
        share(
            Organisation::Police,
            Organisation::VeiligThuis,
            InfoCategory::PoliceRegistrations,
            LegalGround::Wpg18Bpg42,
        ),
        police_agree(measure_id(0xdd0), MeasureKind::Aanhouding, Some(t(12))),
    ];
    for (i, command) in commands.into_iter().enumerate() {
        let at = t(11 + i as i64);
        let kind = s.state().decide(command, &officer(), at).unwrap();
        let before = s.state();
        let event = s.police_writes(11 + i as i64, kind).clone();
        assert_eq!(before.admit(&event), Ok(()));
    }
    assert!(s.state().skipped.is_empty());
}

#[test]
fn the_sash_applies_when_stalking_with_fear_is_answered_yes() {
    let mut s = Scene::opened();
    assert!(!s.state().sash_applies());
    s.vt_sets(
        12,
        Assignment::Criterion {
            criterion: Criterion::StalkingWithFear,
            answer: Answer::Yes,
        },
    );
    assert!(s.state().sash_applies());
}

/// Regression (protocol review): a breakup past A6's two weeks makes the
/// triage advise "stalking, de SASH of een professioneel oordeel", but the
/// SASH was not offered unless A8 was "ja".
#[test]
fn the_sash_is_offered_when_intimate_terror_after_a_breakup_is_answered_yes() {
    let mut s = Scene::opened();
    s.vt_sets(
        12,
        Assignment::Criterion {
            criterion: Criterion::IntimateTerrorRecentBreakup,
            answer: Answer::Yes,
        },
    );
    assert!(s.state().sash_applies());
}

#[test]
fn a_refusal_reads_in_the_users_language() {
    let r = Refusal::Sharing(SharingError::Art9WithoutOmContact);
    assert!(r.text(Lang::Nl).contains("OM"));
    assert!(r.text(Lang::Nl).contains("eerst"));
    assert!(r.text(Lang::En).contains("first"));
    assert_eq!(
        Refusal::TooLong {
            field: "address_hint",
            max: 120
        }
        .text(Lang::Nl),
        "Vindplaats: maximaal 120 tekens."
    );
}

#[test]
fn events_written_now_carry_their_schema_version() {
    let s = Scene::opened();
    let json = serde_json::to_value(&s.events[0]).unwrap();
    assert_eq!(json["schema"], 5);
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("schema");
    let back: Event = serde_json::from_value(old).unwrap();
    assert_eq!(back.schema, samenop_core::Schema::V1);
    let mut future = json;
    future["schema"] = serde_json::json!(99);
    let e: Event = serde_json::from_value(future).unwrap();
    assert_eq!(e.validate(), Err(Refusal::NewerSchema));
}

#[test]
fn art9_check_uses_the_time_the_server_received_the_share() {
    // Issue 13 §3: a device clock hours ahead dated both the OM contact and
    // the sharing hours later; the server received the share at minute 2,
    // so an OM contact "at minute 600" did not come before it.
    let mut s = Scene::opened();
    s.police_does(600, om_contact(0x600, true));
    let mut record = samenop_core::sharing::SharingRecord::on_default_ground(
        Uuid::from_u128(0x79),
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
        "Lopend onderzoek, zie OvJ",
    )
    .unwrap();
    record.om_contact_id = Some(Uuid::from_u128(0x600));
    s.police_writes(600, EventKind::InformationShared { record });
    let unsynced = CaseState::fold(&s.events);
    assert_eq!(unsynced.shared().len(), 1, "locally only the stamp is known");
    let mut received = s.events.clone();
    received.last_mut().unwrap().received_at = Some(t(2));
    let pulled = CaseState::fold(&received);
    assert!(pulled.shared().is_empty());
    assert_eq!(pulled.skipped.len(), 1);
}
