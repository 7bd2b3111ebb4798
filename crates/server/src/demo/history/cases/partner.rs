//! The history's partner and ex-partner cases: violence, stalking, a firearm.

use chrono::Duration;
use samenop_core::event::{CaseNature, ReportSource};
use samenop_core::handover::ResponseMode;
use samenop_core::measures::{
    CallRule, ContactPoint, MeasureKind, MeasureStatus, ReassessmentOutcome, SpecialCondition,
};
use samenop_core::sharing::InfoCategory as I;
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, Organisation as O};

use crate::demo::history::ago;
use crate::demo::history::script::Script;
use crate::demo::history::script::Who::{Police, Vt};

/// Partner violence, 13 days ago: joint, in person; arrest and
/// huisverbod, both ended since; handed over to VT.
pub(super) fn partner_violence_arrest_and_huisverbod<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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

/// Ex-partner stalking, 11 days ago: police only; a 509hh order.
pub(super) fn stalking_order_police_only<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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

/// Partner violence with a firearm, 8 days ago: joint, in person;
/// arrest and custody ended, VT's safety conditions withdrawn.
pub(super) fn firearm_custody_and_withdrawn_conditions<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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

/// Partner violence, 3 days ago: joint, in person; a huisverbod
/// running for another week, with first contact and call tree.
pub(super) fn partner_violence_running_huisverbod<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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

/// Partner violence, five hours ago: police only; the suspect was
/// arrested four hours ago, so the OvJ decides within five hours.
pub(super) fn partner_violence_arrest_awaiting_ovj<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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
