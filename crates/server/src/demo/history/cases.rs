//! The ten invented cases of the history, one function each, in the
//! order of their fixed ids (`SCRIPTS[n]` writes case `n`).

use chrono::{Duration, Utc};
use samenop_core::event::{CaseNature, ReportSource};
use samenop_core::handover::ResponseMode;
use samenop_core::honour::HonourPrompt;
use samenop_core::measures::{
    CallRule, ContactPoint, InformRule, MeasureKind, MeasureStatus, ReassessmentOutcome, SpecialCondition,
};
use samenop_core::sharing::InfoCategory as I;
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, Organisation as O};

use super::script::Script;
use super::script::Who::{Police, Vt};
use super::{CASES, ago};

/// Writes history case `n` as the demo police officer and VT worker.
pub type CaseScript = for<'a> fn(u8, &'a Account, &'a Account) -> Script<'a>;

pub const SCRIPTS: [CaseScript; CASES as usize] = [
    partner_violence_arrest_and_huisverbod,
    child_abuse_overdue_reassessment,
    stalking_order_police_only,
    elder_abuse_shelter,
    firearm_custody_and_withdrawn_conditions,
    child_to_parent_police_only,
    honour_based_violence_surveillance,
    partner_violence_running_huisverbod,
    child_abuse_supervision_order,
    partner_violence_arrest_awaiting_ovj,
];

/// Partner violence, 13 days ago: joint, in person; arrest and
/// huisverbod, both ended since; handed over to VT.
fn partner_violence_arrest_and_huisverbod<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let me = police.display_name.as_str();
    let mut s = Script::new(n, ago(13, 3), police, vt);
    let r = s.reported;
    s.open(
        ReportSource::PoliceReport,
        "Voorbeeldlaan 12, bovenwoning",
        CaseNature::PartnerViolence,
    );
    s.check(Police, 6, SafetyItem::PoliceOnScene);
    s.answer(Police, 9, Criterion::InjuryOrStrangulation, Answer::Yes);
    s.set(Police, 10, Assignment::ChildrenPresent { answer: Answer::No });
    let arrest = s.measure(Police, 11, MeasureKind::Aanhouding, (O::Police, me), |m| {
        m.started_at = Some(r + Duration::minutes(11));
    });
    s.lifted(Police, 11, LiftingRoute::ArrestedArt53Sv);
    s.joint(12, ResponseMode::InPerson);
    let huisverbod = s.measure(
        Police,
        150,
        MeasureKind::TijdelijkHuisverbod,
        (O::Police, "Hulpofficier H. Proef"),
        |m| m.started_at = Some(r + Duration::minutes(150)),
    );
    s.reassess(Vt, 600 - 5, arrest, ReassessmentOutcome::End);
    s.measure_status(Police, 600, arrest, MeasureStatus::Ended);
    s.close(
        Vt,
        90,
        vec![O::VeiligThuis],
        Some(ResponseMode::InPerson),
        vec![I::PoliceRegistrations, I::VeiligThuisRecords],
        vec![I::CareProviderInfo],
        true,
    );
    s.reassess(Vt, 60 * 24 * 10 + 150 - 5, huisverbod, ReassessmentOutcome::End);
    s.measure_status(Police, 60 * 24 * 10 + 150, huisverbod, MeasureStatus::Ended);
    s
}

/// Child abuse, 12 days ago: joint by phone; safety agreements whose
/// re-assessment moment has passed (overdue on the board).
fn child_abuse_overdue_reassessment<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let vt_name = vt.display_name.as_str();
    let mut s = Script::new(n, ago(12, 6), police, vt);
    let r = s.reported;
    s.open(ReportSource::VeiligThuisReport, "Proefweg 3", CaseNature::ChildAbuse);
    s.check(Police, 7, SafetyItem::PoliceOnScene);
    s.set(Police, 8, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.answer(Police, 10, Criterion::WithholdingCare, Answer::Yes);
    s.joint(25, ResponseMode::ByPhone);
    s.set(Vt, 40, Assignment::ThirdPartyOversight { answer: Answer::Yes });
    s.lifted(Vt, 41, LiftingRoute::PlanWithOversight);
    s.measure(
        Vt,
        45,
        MeasureKind::Veiligheidsafspraken,
        (O::VeiligThuis, vt_name),
        |m| {
            m.reassess_at = Some(r + Duration::days(2));
            m.informs = vec![InformRule {
                informer: O::VeiligThuis,
                informs: "school van de kinderen".into(),
            }];
        },
    );
    s.close(
        Vt,
        60,
        vec![O::VeiligThuis, O::LocalCare],
        Some(ResponseMode::ByPhone),
        vec![I::KnownTo],
        vec![I::ChildProtectionInfo],
        false,
    );
    s
}

/// Ex-partner stalking, 11 days ago: police only; a 509hh order.
fn stalking_order_police_only<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let mut s = Script::new(n, ago(11, 1), police, vt);
    s.open(
        ReportSource::PoliceReport,
        "Oefenplein 7a",
        CaseNature::ExPartnerStalking,
    );
    s.check(Police, 8, SafetyItem::PoliceOnScene);
    s.answer(Police, 12, Criterion::StalkingWithFear, Answer::Yes);
    s.set(Police, 12, Assignment::ChildrenPresent { answer: Answer::No });
    s.set(Police, 13, Assignment::SuspectHasAccess { answer: Answer::No });
    s.measure(
        Police,
        50,
        MeasureKind::Gedragsaanwijzing509hh,
        (O::Om, "piket-OvJ mr. Voorbeeld"),
        |m| m.conditions = vec![SpecialCondition::Contactverbod, SpecialCondition::Gebiedsverbod],
    );
    s.close(
        Police,
        70,
        vec![O::Police, O::Om],
        None,
        vec![I::PoliceRegistrations],
        vec![],
        true,
    );
    s
}

/// Elder abuse, 9 days ago: joint, in person; shelter, not acute.
fn elder_abuse_shelter<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let mut s = Script::new(n, ago(9, 4), police, vt);
    s.open(ReportSource::PoliceObservation, "Demostraat 21", CaseNature::ElderAbuse);
    s.check(Police, 6, SafetyItem::PoliceOnScene);
    s.answer(Police, 15, Criterion::InjuryOrStrangulation, Answer::No);
    s.answer(Police, 15, Criterion::ThreatOfViolence, Answer::No);
    s.set(Police, 16, Assignment::ChildrenPresent { answer: Answer::No });
    s.joint(40, ResponseMode::InPerson);
    s.measure(
        Vt,
        80,
        MeasureKind::Opvang,
        (O::LocalCare, "Opvang De Testhaven"),
        |_| {},
    );
    s.close(
        Vt,
        95,
        vec![O::LocalCare],
        Some(ResponseMode::InPerson),
        vec![I::CareProviderInfo, I::VeiligThuisRecords],
        vec![I::KnownTo],
        true,
    );
    s
}

/// Partner violence with a firearm, 8 days ago: joint, in person;
/// arrest and custody ended, VT's safety conditions withdrawn.
fn firearm_custody_and_withdrawn_conditions<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let me = police.display_name.as_str();
    let vt_name = vt.display_name.as_str();
    let mut s = Script::new(n, ago(8, 2), police, vt);
    let r = s.reported;
    s.open(ReportSource::PoliceReport, "Fictieweg 5", CaseNature::PartnerViolence);
    s.check(Police, 5, SafetyItem::PoliceOnScene);
    s.answer(Police, 6, Criterion::Firearm, Answer::Yes);
    s.set(Police, 7, Assignment::ChildrenPresent { answer: Answer::Yes });
    let arrest = s.measure(Police, 7, MeasureKind::Aanhouding, (O::Police, me), |m| {
        m.started_at = Some(r + Duration::minutes(7));
    });
    s.lifted(Police, 7, LiftingRoute::ArrestedArt53Sv);
    s.joint(8, ResponseMode::InPerson);
    s.share(
        Police,
        40,
        O::Police,
        O::VeiligThuis,
        I::PoliceRegistrations,
        "Twee eerdere meldingen op dit adres (synthetisch)",
    );
    let custody = s.measure(
        Police,
        300,
        MeasureKind::Inverzekeringstelling,
        (O::Om, "piket-OvJ mr. Voorbeeld"),
        |m| m.started_at = Some(r + Duration::minutes(300)),
    );
    let conditions = s.measure(
        Vt,
        60,
        MeasureKind::Veiligheidsvoorwaarden,
        (O::VeiligThuis, vt_name),
        |_| {},
    );
    s.reassess(Vt, 310 - 5, arrest, ReassessmentOutcome::End);
    s.measure_status(Police, 310, arrest, MeasureStatus::Ended);
    s.measure_status(Vt, 60 * 30, conditions, MeasureStatus::Withdrawn);
    s.reassess(Vt, 60 * 24 * 3 - 5, custody, ReassessmentOutcome::End);
    s.measure_status(Police, 60 * 24 * 3, custody, MeasureStatus::Ended);
    s.close(
        Vt,
        100,
        vec![O::VeiligThuis, O::Om],
        Some(ResponseMode::InPerson),
        vec![I::PoliceRegistrations, I::ObservationsOnScene],
        vec![I::ProbationInfo],
        true,
    );
    s
}

/// Child-to-parent violence, 6 days ago: police only, not acute.
fn child_to_parent_police_only<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let mut s = Script::new(n, ago(6, 5), police, vt);
    s.open(
        ReportSource::PoliceReport,
        "Testkade 14",
        CaseNature::ChildViolenceToParent,
    );
    s.check(Police, 9, SafetyItem::PoliceOnScene);
    for c in [
        Criterion::Offence8Years,
        Criterion::InjuryOrStrangulation,
        Criterion::ThreatOfViolence,
    ] {
        s.answer(Police, 14, c, Answer::No);
    }
    s.close(
        Police,
        40,
        vec![O::LocalCare],
        None,
        vec![I::KnownTo],
        vec![I::CareProviderInfo],
        true,
    );
    s
}

/// Honour-based violence, 5 days ago: joint by phone; the EGG flow with
/// the network's access (still acute), three of its steps open; the
/// verblijfplaats shared with the police only; surveillance with a
/// re-assessment still to come.
fn honour_based_violence_surveillance<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let mut s = Script::new(n, ago(5, 7), police, vt);
    s.open(
        ReportSource::VeiligThuisReport,
        "Verzonnenhof 2",
        CaseNature::HonourBasedViolence,
    );
    s.check(Police, 10, SafetyItem::PoliceOnScene);
    s.answer(Police, 14, Criterion::ThreatOfViolence, Answer::Yes);
    s.set(Police, 15, Assignment::ChildrenPresent { answer: Answer::Yes });
    // The EGG flow (issue 15, crate::honour): flagged on scene, the network
    // has access and is named, so keeping one suspect away does not make
    // the case beheerst (002 l.358-365); some steps done, the OM call, the
    // afscherming and the opvang decision still open for the shift lead.
    s.set(Police, 16, Assignment::HonourBased { honour_based: true });
    s.set(Police, 17, Assignment::VictimIsMinor { answer: Answer::No });
    s.set(
        Police,
        18,
        Assignment::NetworkThreat {
            who: "Vader en twee ooms (synthetisch)".into(),
        },
    );
    s.set(Police, 19, Assignment::NetworkHasAccess { answer: Answer::Yes });
    s.set(Police, 19, Assignment::ThirdPartyOversight { answer: Answer::No });
    s.lifted(Police, 20, LiftingRoute::KeptAwayArt3Pw);
    s.set(
        Police,
        21,
        Assignment::HonourPrompt {
            prompt: HonourPrompt::PoliceInvolved,
            done: true,
        },
    );
    s.joint(30, ResponseMode::ByPhone);
    s.set(
        Police,
        45,
        Assignment::HonourPrompt {
            prompt: HonourPrompt::AddressMarked,
            done: true,
        },
    );
    s.set(
        Police,
        50,
        Assignment::HonourPrompt {
            prompt: HonourPrompt::RiskScreening,
            done: true,
        },
    );
    s.share(
        Vt,
        55,
        O::VeiligThuis,
        O::Police,
        I::Verblijfplaats,
        "Verblijft tijdelijk elders; adres alleen bij VT en politie (synthetisch)",
    );
    s.share(
        Police,
        35,
        O::Police,
        O::VeiligThuis,
        I::KnownTo,
        "Betrokkenen bekend bij politie (synthetisch)",
    );
    s.measure(
        Police,
        90,
        MeasureKind::BewakenEnBeveiligen,
        (O::BewakenBeveiligen, "Team B&B Testregio"),
        |m| m.reassess_at = Some(Utc::now() + Duration::days(2)),
    );
    s.close(
        Vt,
        80,
        vec![O::VeiligThuis, O::Police],
        Some(ResponseMode::ByPhone),
        vec![I::PoliceRegistrations, I::KnownTo],
        vec![I::CriminalInvestigation],
        false,
    );
    s
}

/// Partner violence, 3 days ago: joint, in person; a huisverbod
/// running for another week, with first contact and call tree.
fn partner_violence_running_huisverbod<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let vt_name = vt.display_name.as_str();
    let mut s = Script::new(n, ago(3, 2), police, vt);
    let r = s.reported;
    s.open(
        ReportSource::PoliceReport,
        "Schijnstraat 8",
        CaseNature::PartnerViolence,
    );
    s.check(Police, 6, SafetyItem::PoliceOnScene);
    s.answer(Police, 10, Criterion::InjuryOrStrangulation, Answer::Yes);
    s.joint(15, ResponseMode::InPerson);
    s.set(Vt, 40, Assignment::ChildrenPresent { answer: Answer::No });
    let huisverbod = s.measure(
        Police,
        180,
        MeasureKind::TijdelijkHuisverbod,
        (O::Police, "Hulpofficier H. Proef"),
        |m| {
            m.started_at = Some(r + Duration::minutes(180));
            m.first_contact = Some(ContactPoint {
                organisation: O::VeiligThuis,
                person: vt_name.into(),
                phone: "0800-0000002".into(),
            });
            m.call_tree = vec![CallRule {
                caller: O::VeiligThuis,
                callee: O::Police,
                when: "als de uithuisgeplaatste contact zoekt".into(),
            }];
        },
    );
    s.set(Police, 181, Assignment::SuspectHasAccess { answer: Answer::No });
    // Access changed: VT re-assesses (002 l.1095–1096).
    s.reassess(Vt, 185, huisverbod, ReassessmentOutcome::Continue);
    s.close(
        Vt,
        200,
        vec![O::VeiligThuis],
        Some(ResponseMode::InPerson),
        vec![I::VeiligThuisRecords, I::PriorAgreements],
        vec![I::CareProviderInfo],
        false,
    );
    s
}

/// Child abuse, 2 days ago: joint, in person; supervision order
/// requested with a re-assessment ahead.
fn child_abuse_supervision_order<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let mut s = Script::new(n, ago(2, 8), police, vt);
    s.open(ReportSource::VeiligThuisReport, "Modelweg 30", CaseNature::ChildAbuse);
    s.check(Police, 8, SafetyItem::PoliceOnScene);
    s.set(Police, 9, Assignment::ChildrenPresent { answer: Answer::Yes });
    s.answer(Police, 12, Criterion::InjuryOrStrangulation, Answer::Yes);
    s.joint(20, ResponseMode::InPerson);
    s.set(Vt, 60, Assignment::ThirdPartyOversight { answer: Answer::Yes });
    s.lifted(Vt, 61, LiftingRoute::PlanWithOversight);
    s.measure(
        Vt,
        70,
        MeasureKind::Ots,
        // The court decides on request of the RvdK (002 l.583–585).
        (O::Judiciary, "Kinderrechter (verzoek RvdK, R. Fictief)"),
        |m| {
            m.reassess_at = Some(Utc::now() + Duration::days(5));
        },
    );
    s.close(
        Vt,
        90,
        vec![O::VeiligThuis, O::Rvdk],
        Some(ResponseMode::InPerson),
        vec![I::ChildProtectionInfo, I::VeiligThuisRecords],
        vec![],
        false,
    );
    s
}

/// Partner violence, five hours ago: police only; the suspect was
/// arrested four hours ago, so the OvJ decides within five hours.
fn partner_violence_arrest_awaiting_ovj<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
    let me = police.display_name.as_str();
    let mut s = Script::new(n, ago(0, 5), police, vt);
    let r = s.reported;
    s.open(
        ReportSource::PoliceReport,
        "Bedachtstraat 4",
        CaseNature::PartnerViolence,
    );
    s.check(Police, 7, SafetyItem::PoliceOnScene);
    s.check(Police, 10, SafetyItem::VtPhoned);
    s.answer(Police, 20, Criterion::Offence8Years, Answer::Yes);
    s.measure(Police, 60, MeasureKind::Aanhouding, (O::Police, me), |m| {
        m.started_at = Some(r + Duration::minutes(60));
    });
    s.lifted(Police, 60, LiftingRoute::ArrestedArt53Sv);
    s
}
