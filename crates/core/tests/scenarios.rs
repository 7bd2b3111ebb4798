//! Cases from practice (seed digest §9), played through the core as the two
//! responders would record them. Synthetic people only.

mod common;

use chrono::Duration;
use common::{Scene, assert_says, t};
use samenop_core::VariantArray;
use samenop_core::event::{CaseNature, MeasureChange};
use samenop_core::handover::{ExitCondition, HandoverBlocker, HandoverItem};
use samenop_core::measures::{AgreedMeasure, DeadlineKind, MeasureId, MeasureKind, MeasureOwner, SpecialCondition};
use samenop_core::sash::{SashItem, SashLevel};
use samenop_core::sharing::{InfoCategory, LegalGround, OmContactRecord, SharingError, SharingRecord};
use samenop_core::steps::{RuleStatus, SafetyItem};
use samenop_core::triage::{
    AcuteReason, Criterion, LiftingRoute, ProfessionalJudgement, ReassessMoment, TriageWarning,
};
use samenop_core::{
    Answer, Assignment, CaseStatus, EventKind, Label, Lang, OnSceneSummary, Organisation, TriageStatus,
};
use uuid::Uuid;

fn yes(criterion: Criterion) -> Assignment {
    Assignment::Criterion {
        criterion,
        answer: Answer::Yes,
    }
}

fn no(criterion: Criterion) -> Assignment {
    Assignment::Criterion {
        criterion,
        answer: Answer::No,
    }
}

fn check(item: SafetyItem) -> Assignment {
    Assignment::Safety { item, done: true }
}

fn lifted(route: LiftingRoute) -> Assignment {
    Assignment::LiftingRoute { route, applied: true }
}

fn measure(n: u128, kind: MeasureKind, org: Organisation, person: &str) -> AgreedMeasure {
    AgreedMeasure::new(
        MeasureId(Uuid::from_u128(n)),
        kind,
        MeasureOwner {
            organisation: org,
            person: person.into(),
        },
    )
}

fn share(category: InfoCategory, from: Organisation, to: Organisation, ground: LegalGround) -> SharingRecord {
    SharingRecord {
        record_id: Uuid::from_u128(category as u128 + 100),
        from,
        to,
        category,
        legal_ground: ground,
        summary: "Kort en zakelijk".into(),
        om_contact: None,
        om_contact_id: None,
        vital_interest: None,
        weighty_interest: samenop_core::sharing::needs_weighty_interest(from),
    }
}

/// §9.1 Ex-partner stalking with a breached 509hh locatieverbod: the
/// suspect stood at the door again, is arrested while intoxicated; VT alone
/// knows of his psychoses (dat-informatie); the SASH override applies.
#[test]
fn ex_partner_stalking_with_breached_locatieverbod() {
    let mut s = Scene::opened();
    s.police_sets(
        2,
        Assignment::Nature {
            nature: CaseNature::ExPartnerStalking,
        },
    );
    s.police_sets(3, check(SafetyItem::PoliceOnScene));
    s.police_sets(4, check(SafetyItem::VtPhoned));
    s.vt_writes(25, EventKind::CaseJoined { reason: None });
    s.vt_sets(25, check(SafetyItem::VtOnScene));
    // VT waits at the door for the police's signal.
    assert_eq!(s.state().safety().rules()[0].status, RuleStatus::Blocking);
    s.police_sets(27, check(SafetyItem::SafeToEnterToldVt));
    s.vt_sets(28, check(SafetyItem::VtEntered));
    assert!(s.state().safety().rules().iter().all(|r| r.status == RuleStatus::Met));

    // Triage: breach of the 509hh conditions and stalking with fear.
    s.police_sets(30, yes(Criterion::BreachOfSafetyConditions));
    s.vt_sets(31, yes(Criterion::StalkingWithFear));
    s.police_sets(32, Assignment::SuspectHasAccess { answer: Answer::Yes });
    let state = s.state();
    let triage = state.triage(t(33));
    assert_eq!(triage.status, TriageStatus::Acute);
    assert_eq!(
        triage.acute_criteria,
        vec![AcuteReason::StalkingWithFear, AcuteReason::BreachOfSafetyConditions]
    );
    assert_eq!(triage.reassess_before, vec![ReassessMoment::ArrestDecision]);

    // SASH: the assessor says medium, but the victim fears for her life.
    s.police_sets(
        34,
        Assignment::SashAssessorLevel {
            level: Some(SashLevel::Medium),
        },
    );
    s.vt_sets(
        35,
        Assignment::Sash {
            item: SashItem::FearOfDeath,
            answer: Answer::Yes,
        },
    );
    assert_eq!(s.state().triage(t(36)).sash_level, Some(SashLevel::High));

    // VT shares that he is known (dat-informatie).
    let known = share(
        InfoCategory::KnownTo,
        Organisation::VeiligThuis,
        Organisation::Police,
        LegalGround::AvgWmo411,
    );
    assert_eq!(known.validate_current(), Ok(()));
    s.vt_writes(37, EventKind::InformationShared { record: known });
    // Police may not share the running investigation before calling the OM.
    let mut investigation = share(
        InfoCategory::CriminalInvestigation,
        Organisation::Police,
        Organisation::VeiligThuis,
        LegalGround::ViaOm,
    );
    assert_eq!(
        investigation.validate_current(),
        Err(SharingError::Art9WithoutOmContact)
    );
    s.police_writes(
        36,
        EventKind::OmContacted {
            contact: OmContactRecord {
                contact_id: Uuid::from_u128(0x36),
                contacted_at: t(36),
                officer: "Piket-OvJ mr. Test".into(),
                may_share: true,
                decision: "Globaal delen dat er een onderzoek loopt".into(),
            },
        },
    );
    investigation.om_contact_id = Some(Uuid::from_u128(0x36));
    s.police_writes(38, EventKind::InformationShared { record: investigation });

    // Arrest: contained, but no release without safety measures; OvJ within 9 hours.
    s.police_sets(40, lifted(LiftingRoute::ArrestedArt53Sv));
    let mut arrest = measure(1, MeasureKind::Aanhouding, Organisation::Police, "Agent A. Voorbeeld");
    arrest.started_at = Some(t(40));
    s.police_writes(41, EventKind::MeasureAgreed { measure: arrest });

    let state = s.state();
    assert_eq!(state.shared().len(), 2);
    let triage = state.triage(t(45));
    assert_eq!(triage.status, TriageStatus::Contained);
    assert_eq!(triage.reassess_before, vec![ReassessMoment::ReleaseOfSuspect]);
    assert_eq!(triage.warnings, vec![TriageWarning::NoReleaseWithoutSafetyMeasures]);
    let summary = OnSceneSummary::build(&state, t(45));
    let deadline = summary.upcoming_deadlines()[0].1;
    assert_eq!(deadline.kind, DeadlineKind::OvjDecision);
    assert_eq!(deadline.due, t(40) + Duration::hours(9));
    let text = summary.render_text(Lang::Nl);
    assert_says(
        &text,
        &[
            "(Melding bij politie), Teststraat, achterom",
            "acuut onveilig — tijdelijk opgeheven",
            "Geen vrijlating zonder (juridische) veiligheidsmaatregelen",
            "SASH: hoog",
            "Lopend strafrechtelijk onderzoek (art. 9 Wpg)",
        ],
    );
}

/// §9.6 A drunk and high father drove off with his 5-week-old; known to two
/// VT organisations. No single criterion is certain at the door, so the
/// responders raise it on professional judgement; VT sets safety conditions
/// for his new family.
#[test]
fn drunk_father_with_newborn_in_the_car() {
    let mut s = Scene::opened();
    s.police_sets(1, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(
        2,
        Assignment::Nature {
            nature: CaseNature::ChildAbuse,
        },
    );
    s.police_sets(3, no(Criterion::Firearm));
    s.police_sets(4, no(Criterion::InjuryOrStrangulation));
    let state = s.state();
    // v2: nothing counts yet but criteria are open, so "nog niet beoordeeld".
    assert_eq!(state.triage(t(5)).status, TriageStatus::Undetermined);
    assert!(state.triage(t(5)).open_criteria.contains(&Criterion::WithholdingCare));

    s.vt_writes(6, EventKind::CaseJoined { reason: None });
    s.vt_sets(
        7,
        Assignment::ProfessionalJudgement {
            judgement: Some(ProfessionalJudgement {
                acute: true,
                reason: "Vader onder invloed reed met baby van 5 weken; rijontzegging genegeerd".into(),
            }),
        },
    );
    let triage = s.state().triage(t(8));
    assert_eq!(triage.status, TriageStatus::Acute);
    assert_eq!(triage.acute_criteria, vec![AcuteReason::ProfessionalJudgement]);

    // Known at two VT organisations: cross-VT lookup shared as dat-informatie.
    let known = share(
        InfoCategory::KnownTo,
        Organisation::VeiligThuis,
        Organisation::Police,
        LegalGround::AvgWmo411,
    );
    s.vt_writes(9, EventKind::InformationShared { record: known });

    // The father is kept away tonight; VT sets conditions, with the crisis service.
    s.police_sets(10, lifted(LiftingRoute::KeptAwayArt3Pw));
    let mut conditions = measure(
        2,
        MeasureKind::Veiligheidsvoorwaarden,
        Organisation::VeiligThuis,
        "B. Proef",
    );
    conditions.reassess_at = Some(t(60 * 24));
    s.vt_writes(11, EventKind::MeasureAgreed { measure: conditions });
    let state = s.state();
    assert_eq!(state.triage(t(12)).status, TriageStatus::Contained);
    assert_eq!(state.status(t(12)), CaseStatus::Contained);
    let m = &state.measures()[0];
    assert_eq!(m.deadlines()[0].kind, DeadlineKind::Reassessment);
    assert_eq!(
        MeasureKind::Veiligheidsvoorwaarden.roles(true).imposes,
        &[Organisation::VeiligThuis]
    );
}

/// §9.2 Father arrested after his minor son's aangifte; huisverbod served
/// the next morning runs ten days.
#[test]
fn father_arrested_after_sons_aangifte_gets_a_ten_day_huisverbod() {
    let mut s = Scene::opened();
    s.police_sets(1, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.police_sets(2, yes(Criterion::InjuryOrStrangulation));
    s.police_sets(3, lifted(LiftingRoute::ArrestedArt53Sv));
    let mut huisverbod = measure(
        3,
        MeasureKind::TijdelijkHuisverbod,
        Organisation::Mayor,
        "Burgemeester (mandaat politie)",
    );
    huisverbod.started_at = Some(t(60 * 12));
    s.police_writes(60 * 12, EventKind::MeasureAgreed { measure: huisverbod });
    let measures = s.state().measures();
    assert_eq!(measures[0].effective_until(), Some(t(60 * 12) + Duration::days(10)));
    // "het huisverbod wordt de volgende dag bekeken": the extension decision
    // comes before the end (002 l.560).
    assert_eq!(measures[0].deadlines()[0].kind, DeadlineKind::ExtensionDecision);
    assert_eq!(measures[0].deadlines()[1].kind, DeadlineKind::HuisverbodEnds);
}

/// §9.3 Huisverbod legally impossible (the adult son rents a separate
/// dwelling): the fallback is a plan with home visits by third parties.
#[test]
fn huisverbod_impossible_falls_back_on_a_plan_with_oversight() {
    let mut s = Scene::opened();
    s.police_sets(1, yes(Criterion::ThreatOfViolence));
    s.police_sets(2, Assignment::SuspectHasAccess { answer: Answer::Yes });
    assert_eq!(s.state().triage(t(3)).status, TriageStatus::Acute);
    let mut plan = measure(
        4,
        MeasureKind::Veiligheidsafspraken,
        Organisation::VeiligThuis,
        "B. Proef",
    );
    plan.reassess_at = Some(t(60 * 24 * 7));
    s.vt_writes(4, EventKind::MeasureAgreed { measure: plan });
    s.vt_sets(5, lifted(LiftingRoute::PlanWithOversight));
    let state = s.state();
    assert_eq!(state.triage(t(6)).status, TriageStatus::Contained);
    assert!(
        state
            .measures()
            .iter()
            .all(|m| m.kind != MeasureKind::TijdelijkHuisverbod)
    );
}

/// §9.7 Negative regression (Himeyra): a suspect under 3RO supervision
/// with conditions is *not* oversight of the victim's safety. Supervision on
/// paper must not make a stalking case look contained.
#[test]
fn supervision_on_paper_does_not_contain_a_stalking_case() {
    let mut s = Scene::opened();
    let mut schorsing = measure(
        5,
        MeasureKind::SchorsingVoorlopigeHechtenis,
        Organisation::Reclassering,
        "Toezichthouder 3RO",
    );
    schorsing.conditions = vec![SpecialCondition::Contactverbod, SpecialCondition::Locatieverbod];
    s.police_writes(1, EventKind::MeasureAgreed { measure: schorsing });
    s.police_sets(2, yes(Criterion::StalkingWithFear));
    s.police_sets(3, yes(Criterion::BreachOfSafetyConditions));
    // Oversight not established: unknown stays "no oversight".
    let triage = s.state().triage(t(4));
    assert_eq!(triage.status, TriageStatus::Acute);
    assert!(!triage.third_party_oversight);
}

/// §9.1 variant: a 509hh order may only carry its own conditions; adding a
/// condition it cannot have is refused when folded.
#[test]
fn a_509hh_order_cannot_be_given_a_condition_outside_its_scope() {
    let mut s = Scene::opened();
    let order = measure(6, MeasureKind::Gedragsaanwijzing509hh, Organisation::Om, "OvJ mr. Test");
    let id = order.measure_id;
    s.police_writes(1, EventKind::MeasureAgreed { measure: order });
    s.police_sets(
        2,
        Assignment::Measure {
            measure_id: id,
            change: MeasureChange::Conditions {
                conditions: vec![SpecialCondition::KlinischeBehandeling],
            },
        },
    );
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(state.measures()[0].conditions.is_empty());
}

/// Step 5: "niet meer acuut" needs the three exit conditions and a party
/// taking over; while acute it is blocked. The veiligheidsbeoordeling is
/// derived (all answers given, confirmed by VT), not ticked (004 l.307, l.450).
#[test]
fn handover_is_blocked_until_safe_assessed_and_investigated() {
    let mut s = Scene::opened();
    s.police_sets(1, yes(Criterion::Firearm));
    let blockers = OnSceneSummary::build(&s.state(), t(2)).handover_blockers;
    assert!(blockers.contains(&HandoverBlocker::StillAcute));

    s.police_sets(3, lifted(LiftingRoute::ArrestedArt53Sv));
    for c in Criterion::VARIANTS.iter().copied().filter(|c| *c != Criterion::Firearm) {
        s.police_sets(3, no(c));
    }
    s.police_sets(3, Assignment::SuspectHasAccess { answer: Answer::No });
    s.police_sets(3, Assignment::ThirdPartyOversight { answer: Answer::No });
    s.police_sets(3, Assignment::ChildrenPresent { answer: Answer::No });
    s.vt_sets(4, Assignment::SafetyAssessmentConfirmed { by_phone_with: None });
    for condition in ExitCondition::VARIANTS.iter().copied() {
        s.vt_sets(
            4,
            Assignment::Handover {
                item: HandoverItem::ExitCondition { condition, met: true },
            },
        );
    }
    s.vt_sets(
        5,
        Assignment::Handover {
            item: HandoverItem::HandedOverTo {
                organisations: vec![Organisation::VeiligThuis],
            },
        },
    );
    s.vt_does(5, common::agree_first_contact(Organisation::VeiligThuis));
    // The police's VT-melding (002 l.263) and, with the arrest agreed, the
    // victim told how to report a breach (002 l.879-881).
    for item in [
        HandoverItem::VtReport { done: true },
        HandoverItem::VictimInformed { done: true },
    ] {
        s.police_sets(5, Assignment::Handover { item });
    }
    s.vt_sets(
        6,
        Assignment::Handover {
            item: HandoverItem::Declared { not_acute: true },
        },
    );
    let state = s.state();
    let summary = OnSceneSummary::build(&state, t(7));
    assert!(summary.handover_blockers.is_empty(), "{:?}", summary.handover_blockers);
    assert_eq!(state.status(t(7)), CaseStatus::HandedOver);
    assert!(summary.render_text(Lang::En).contains("Handed over to: Veilig Thuis"));
}

/// The police left before VT arrived, without phoning: recorded as broken
/// and shown in the summary.
#[test]
fn police_leaving_early_without_phone_consultation_is_shown() {
    let mut s = Scene::opened();
    s.police_sets(1, check(SafetyItem::PoliceOnScene));
    s.police_sets(20, check(SafetyItem::PoliceLeft));
    s.vt_sets(40, check(SafetyItem::VtOnScene));
    let summary = OnSceneSummary::build(&s.state(), t(41));
    assert_eq!(summary.safety_rules[1].status, RuleStatus::Broken);
    let text = summary.render_text(Lang::Nl);
    let rule = samenop_core::steps::SafetyRule::NoDepartureWithoutConsultation.label(Lang::Nl);
    assert_says(&text, &["Niet gevolgd", rule]);
}

/// Regression: a case opened without an address hint printed a dangling
/// comma after the report line.
#[test]
fn summary_of_a_case_without_address_hint_has_no_dangling_comma() {
    let mut s = Scene::new();
    let kind = EventKind::CaseOpened {
        reported_at: t(0),
        source: samenop_core::event::ReportSource::PoliceReport,
        address_hint: String::new(),
        region: "Testregio".into(),
    };
    s.police_writes(1, kind);
    let text = OnSceneSummary::build(&s.state(), t(2)).render_text(Lang::Nl);
    let line = text.lines().find(|l| l.starts_with("Melding:")).unwrap();
    assert!(line.ends_with("(Melding bij politie)"), "{line}");
}
