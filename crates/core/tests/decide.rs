//! Commands in, events out: given the events of a case, when a person
//! sends a command, then core answers with the event it records or a
//! typed refusal. The server admits pushed events with the same rules.

mod common;

use common::given_when::given;

use common::{
    Scene, agree, measure_id, officer, offline_set, om_contact, police_agree,
    police_agree_huisverbod_with_first_contact, t, vt_worker,
};
use samenop_core::command::Command;
use samenop_core::event::ReportSource;
use samenop_core::measures::{MeasureChange, MeasureError, MeasureKind, SpecialCondition};
use samenop_core::sharing::{InfoCategory, LegalGround, SharingError};
use samenop_core::text::{AddressHint, SharedSummary, ShortText, TextError};
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

/// "Niet meer acuut" declared at the end of step 5.
fn declare_not_acute() -> Command {
    set(handover(HandoverItem::Declared { not_acute: true }))
}

/// `from` shares `category` with `to` on `ground`; police and OM confirm
/// the zwaarwegend belang (004 l.510, l.515).
fn share(from: Organisation, to: Organisation, category: InfoCategory, ground: LegalGround) -> Command {
    Command::ShareInformation {
        record_id: Uuid::from_u128(0x77),
        from,
        to,
        category,
        legal_ground: ground,
        summary: SharedSummary::parse("Bekend, zie systeem").unwrap(),
        om_contact_id: None,
        vital_interest: None,
        weighty_interest: samenop_core::sharing::needs_weighty_interest(from),
    }
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
fn the_sash_applies_only_when_stalking_with_fear_is_answered_yes() {
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
    assert_eq!(json["schema"], 3);
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("schema");
    let back: Event = serde_json::from_value(old).unwrap();
    assert_eq!(back.schema, samenop_core::Schema::V1);
    let mut future = json;
    future["schema"] = serde_json::json!(99);
    let e: Event = serde_json::from_value(future).unwrap();
    assert_eq!(e.validate(), Err(Refusal::NewerSchema));
}

// ----- the veiligheidsbeoordeling (004 l.450, l.307) and "niet meer acuut" -----

use samenop_core::case::AssessmentGap;
use samenop_core::handover::{ExitCondition, HandoverBlocker, HandoverItem};
use samenop_core::triage::{LiftingRoute, TriageStatus};
use samenop_core::{FieldKey, Label, VariantArray};

fn answered(criterion: Criterion, answer: Answer) -> Assignment {
    Assignment::Criterion { criterion, answer }
}

/// Every question the assessment rests on answered "nee" by the police at
/// `minute`: a case with nothing acute.
fn all_answered(s: &mut Scene, minute: i64) {
    for c in Criterion::VARIANTS.iter().copied() {
        s.police_sets(minute, answered(c, Answer::No));
    }
    s.police_sets(minute, Assignment::SuspectHasAccess { answer: Answer::No });
    s.police_sets(minute, Assignment::ThirdPartyOversight { answer: Answer::No });
}

fn confirm(by_phone_with: Option<&str>) -> Command {
    Command::ConfirmSafetyAssessment {
        by_phone_with: by_phone_with.map(|n| ShortText::parse(n).unwrap()),
    }
}

fn handover(item: HandoverItem) -> Assignment {
    Assignment::Handover { item }
}

#[test]
fn a_vt_account_confirms_the_assessment_once_every_question_is_answered() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    assert_eq!(s.state().safety_assessment().missing, vec![AssessmentGap::NotConfirmed]);
    let kind = given(&s.events).when(&vt_worker(), confirm(None), t(3)).then_event();
    assert!(matches!(
        kind,
        EventKind::Assigned {
            assignment: Assignment::SafetyAssessmentConfirmed { by_phone_with: None },
            ..
        }
    ));
    s.vt_writes(3, kind);
    let assessment = s.state().safety_assessment();
    assert!(assessment.is_complete(), "{assessment:?}");
    assert_eq!(assessment.confirmation.unwrap().by, vt_worker());
    assert!(
        s.state()
            .handover()
            .exit_conditions
            .contains(&ExitCondition::SafetyAssessmentMade)
    );
}

#[test]
fn confirming_while_a_criterion_is_unknown_is_refused_naming_it() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    s.police_sets(3, answered(Criterion::Firearm, Answer::Unknown));
    let then = given(&s.events).when(&vt_worker(), confirm(None), t(4));
    let Err(refusal) = then.0 else { panic!("not refused") };
    assert_eq!(
        refusal,
        Refusal::AssessmentIncomplete(AssessmentGap::Criterion(Criterion::Firearm))
    );
    assert!(refusal.text(Lang::Nl).contains(Criterion::Firearm.label(Lang::Nl)));
}

#[test]
fn confirming_while_access_or_oversight_is_open_is_refused() {
    let mut s = Scene::opened();
    for c in Criterion::VARIANTS.iter().copied() {
        s.police_sets(2, answered(c, Answer::No));
    }
    given(&s.events)
        .when(&vt_worker(), confirm(None), t(3))
        .then_refused(Refusal::AssessmentIncomplete(AssessmentGap::SuspectHasAccess));
    s.police_sets(3, Assignment::SuspectHasAccess { answer: Answer::Yes });
    given(&s.events)
        .when(&vt_worker(), confirm(None), t(4))
        .then_refused(Refusal::AssessmentIncomplete(AssessmentGap::ThirdPartyOversight));
}

#[test]
fn a_police_account_confirms_only_as_assessed_with_vt_by_phone_naming_the_worker() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    given(&s.events)
        .when(&officer(), confirm(None), t(3))
        .then_refused(Refusal::VtWorkerNameRequired);
    s.police_does(3, confirm(Some("  J. Proef (VT) ")));
    let assessment = s.state().safety_assessment();
    assert!(assessment.is_complete());
    let confirmation = assessment.confirmation.unwrap();
    assert_eq!(confirmation.by_phone_with.as_deref(), Some("J. Proef (VT)"));
    assert!(
        confirmation
            .text(Lang::Nl)
            .contains("Beoordeeld met VT (telefonisch): J. Proef (VT)")
    );
}

#[test]
fn a_pushed_police_confirmation_without_a_name_or_with_too_long_a_name_is_not_admitted() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    let empty = s.state().assign(Assignment::SafetyAssessmentConfirmed {
        by_phone_with: Some("  ".into()),
    });
    let e = s.police_writes(3, empty).clone();
    assert_eq!(
        CaseState::fold(&s.events[..s.events.len() - 1]).admit(&e),
        Err(Refusal::VtWorkerNameRequired)
    );
    let long = s.state().assign(Assignment::SafetyAssessmentConfirmed {
        by_phone_with: Some("x".repeat(ShortText::MAX + 1)),
    });
    let e = s.police_writes(4, long).clone();
    assert!(matches!(
        s.state().skipped.last(),
        Some(skipped) if skipped.event_id == e.id
    ));
    assert!(!s.state().safety_assessment().is_complete());
}

#[test]
fn an_answer_changed_after_the_confirmation_asks_for_a_new_one() {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    s.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    s.police_sets(4, Assignment::SuspectHasAccess { answer: Answer::Yes });
    let state = s.state();
    assert_eq!(
        state.safety_assessment().missing,
        vec![AssessmentGap::ChangedSinceConfirmation]
    );
    assert!(
        !state
            .handover()
            .exit_conditions
            .contains(&ExitCondition::SafetyAssessmentMade)
    );
    // Confirming again closes it.
    s.vt_does(5, confirm(None));
    assert!(s.state().safety_assessment().is_complete());
}

#[test]
fn an_old_free_tick_of_the_assessment_still_loads_but_the_derived_value_wins() {
    let mut s = Scene::opened();
    s.police_sets(
        2,
        handover(HandoverItem::ExitCondition {
            condition: ExitCondition::SafetyAssessmentMade,
            met: true,
        }),
    );
    let state = s.state();
    assert!(state.skipped.is_empty());
    assert!(
        state
            .current(&FieldKey::Handover(samenop_core::event::HandoverKey::ExitCondition(
                ExitCondition::SafetyAssessmentMade
            )))
            .is_some()
    );
    assert!(
        !state
            .handover()
            .exit_conditions
            .contains(&ExitCondition::SafetyAssessmentMade)
    );
}

/// A case ready for "niet meer acuut": answered, confirmed by VT, the other
/// two exit conditions met, VT taking over and VT the eerste aanspreekpunt
/// voor het totaal aan veiligheidsmaatregelen (004 l.302).
fn ready_for_handover() -> Scene {
    let mut s = ready_but_for_the_first_contact();
    s.vt_does(5, common::agree_first_contact(Organisation::VeiligThuis));
    s
}

fn ready_but_for_the_first_contact() -> Scene {
    let mut s = Scene::opened();
    all_answered(&mut s, 2);
    s.vt_sets(3, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    for condition in [ExitCondition::InvestigationDone, ExitCondition::PhysicallySafe] {
        s.vt_sets(4, handover(HandoverItem::ExitCondition { condition, met: true }));
    }
    s.vt_sets(
        5,
        handover(HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis],
        }),
    );
    // The police's VT-melding (002 l.263), asked since schema 3.
    s.police_sets(5, handover(HandoverItem::VtReport { done: true }));
    s
}

#[test]
fn not_acute_is_declared_when_nothing_blocks() {
    let mut s = ready_for_handover();
    s.vt_does(6, declare_not_acute());
    assert!(s.state().handover().declared_not_acute);
}

#[test]
fn not_acute_is_refused_while_the_assessment_is_not_made_naming_the_first_blocker() {
    let mut s = Scene::opened();
    for condition in ExitCondition::VARIANTS.iter().copied() {
        s.vt_sets(3, handover(HandoverItem::ExitCondition { condition, met: true }));
    }
    s.vt_sets(
        4,
        handover(HandoverItem::HandedOverTo {
            organisations: vec![Organisation::VeiligThuis],
        }),
    );
    let then = given(&s.events).when(&vt_worker(), declare_not_acute(), t(5));
    let blocker = HandoverBlocker::ExitConditionOpen(ExitCondition::SafetyAssessmentMade);
    assert_eq!(then.0.clone().err(), Some(Refusal::HandoverBlocked(blocker)));
    assert!(then.0.unwrap_err().text(Lang::Nl).contains(&blocker.text(Lang::Nl)));
}

#[test]
fn not_acute_is_refused_while_the_case_is_acute_and_the_fold_skips_a_pushed_one() {
    let mut s = ready_for_handover();
    s.police_sets(6, answered(Criterion::Firearm, Answer::Yes));
    s.police_sets(6, Assignment::SuspectHasAccess { answer: Answer::Yes });
    assert_eq!(s.state().triage(t(7)).status, TriageStatus::Acute);
    given(&s.events)
        .when(&vt_worker(), declare_not_acute(), t(7))
        .then_refused(Refusal::HandoverBlocked(HandoverBlocker::StillAcute));
    // A modified client writes it anyway: the fold skips it.
    let kind = s.state().assign(handover(HandoverItem::Declared { not_acute: true }));
    s.vt_writes(7, kind);
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(!state.handover().declared_not_acute);
    // Lifting the acute unsafety and confirming again opens the way.
    s.police_sets(
        8,
        Assignment::LiftingRoute {
            route: LiftingRoute::ArrestedArt53Sv,
            applied: true,
        },
    );
    s.vt_sets(9, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    s.vt_does(10, declare_not_acute());
    assert!(s.state().handover().declared_not_acute);
}

/// 004 l.302: "Wie van de partijen is eerste aanspreekpunt voor het totaal
/// aan veiligheidsmaatregelen" is agreed before the case leaves the scene.
#[test]
fn not_acute_is_refused_until_a_case_level_first_contact_is_agreed_and_the_fold_skips_a_forged_one() {
    let mut s = ready_but_for_the_first_contact();
    let then = given(&s.events).when(&vt_worker(), declare_not_acute(), t(6));
    assert_eq!(
        then.0.clone().err(),
        Some(Refusal::HandoverBlocked(HandoverBlocker::NoCaseFirstContact))
    );
    assert!(then.0.unwrap_err().text(Lang::Nl).contains("eerste aanspreekpunt"));
    // A modified client writes it anyway: the fold (and the server) skip it.
    let kind = s.state().assign(handover(HandoverItem::Declared { not_acute: true }));
    s.vt_writes(6, kind);
    assert!(!s.state().handover().declared_not_acute);
    // A per-measure first contact is not the agreement for the whole case.
    s.police_does(7, police_agree_huisverbod_with_first_contact(measure_id(0xa61), t(7)));
    given(&s.events)
        .when(&vt_worker(), declare_not_acute(), t(8))
        .then_refused(Refusal::HandoverBlocked(HandoverBlocker::NoCaseFirstContact));
    s.police_does(8, common::agree_first_contact(Organisation::Police));
    // With a huisverbod the victim is told how to report a breach (002 l.879-881).
    s.police_sets(8, handover(HandoverItem::VictimInformed { done: true }));
    s.vt_does(9, declare_not_acute());
    assert!(s.state().handover().declared_not_acute);
}

#[test]
fn withdrawing_a_declaration_is_never_blocked() {
    given(&Scene::opened().events)
        .when(
            &officer(),
            set(handover(HandoverItem::Declared { not_acute: false })),
            t(3),
        )
        .then_event();
}

#[test]
fn confirmation_and_declaration_need_the_stored_case_on_the_server() {
    let confirmation = EventKind::Assigned {
        supersedes: vec![],
        assignment: Assignment::SafetyAssessmentConfirmed { by_phone_with: None },
    };
    let declared = EventKind::Assigned {
        supersedes: vec![],
        assignment: handover(HandoverItem::Declared { not_acute: true }),
    };
    assert!(CaseState::needs_case(&confirmation));
    assert!(CaseState::needs_case(&declared));
}

/// The SASH is offered "bij stalking" (002 l.1669), not only after A8 is
/// "ja": also for ex-partner stalking as the case's nature.
#[test]
fn the_sash_is_offered_for_ex_partner_stalking_before_any_criterion_is_answered() {
    let mut s = Scene::opened();
    s.vt_sets(
        12,
        Assignment::Nature {
            nature: samenop_core::event::CaseNature::ExPartnerStalking,
        },
    );
    assert!(s.state().sash_applies());
}

/// Doodsangst in the SASH (002 l.1690-1691) is what A8 asks; broken
/// conditions (l.1710-1711) what A9 asks: the screen prompts to look again.
#[test]
fn a_sash_answer_prompts_the_criterion_it_points_to_until_that_is_answered_yes() {
    use samenop_core::sash::SashItem;
    let mut s = Scene::opened();
    s.vt_sets(
        12,
        Assignment::Sash {
            item: SashItem::FearOfDeath,
            answer: Answer::Yes,
        },
    );
    s.vt_sets(
        13,
        Assignment::Sash {
            item: SashItem::IgnoredWarningOrConditions,
            answer: Answer::Yes,
        },
    );
    assert_eq!(
        s.state().sash_prompts(),
        vec![Criterion::StalkingWithFear, Criterion::BreachOfSafetyConditions]
    );
    s.vt_sets(
        14,
        Assignment::Criterion {
            criterion: Criterion::StalkingWithFear,
            answer: Answer::Yes,
        },
    );
    assert_eq!(s.state().sash_prompts(), vec![Criterion::BreachOfSafetyConditions]);
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

/// Given an eergerelateerd-geweld case, when Veilig Thuis shares the
/// victim's verblijfplaats with the RvdK, then core refuses it ("waaronder
/// haar verblijfplaats, niet worden verstrekt aan derden", 000 l.618); to
/// the police it is recorded.
#[test]
fn in_an_egg_case_the_verblijfplaats_is_refused_to_the_rvdk_and_recorded_for_the_police() {
    let mut s = Scene::opened();
    s.police_does(1, set(Assignment::HonourBased { honour_based: true }));
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    let g = given(&s.events);
    g.when(
        &vt_worker(),
        share(
            Organisation::VeiligThuis,
            Organisation::Rvdk,
            InfoCategory::Verblijfplaats,
            LegalGround::AvgWmo411,
        ),
        t(3),
    )
    .then_refused(Refusal::VerblijfplaatsOnlyToPoliceAndOpvang);
    let event = g
        .when(
            &vt_worker(),
            share(
                Organisation::VeiligThuis,
                Organisation::Police,
                InfoCategory::Verblijfplaats,
                LegalGround::AvgWmo411,
            ),
            t(3),
        )
        .then_event();
    assert!(matches!(event, EventKind::InformationShared { .. }));
}

/// Given an eergerelateerd-geweld case, when the police record the family
/// network as owner of veiligheidsafspraken, then core refuses it: the
/// danger comes from the network (002 l.358-365).
#[test]
fn in_an_egg_case_the_network_cannot_own_a_measure() {
    let mut s = Scene::opened();
    s.police_does(
        1,
        set(Assignment::Nature {
            nature: samenop_core::event::CaseNature::HonourBasedViolence,
        }),
    );
    given(&s.events)
        .when(
            &officer(),
            agree(
                measure_id(9),
                MeasureKind::Veiligheidsafspraken,
                Organisation::Network,
                Some("Broer (familie)"),
                None,
            ),
            t(2),
        )
        .then_refused(Refusal::NetworkMayNotSupervise);
}
