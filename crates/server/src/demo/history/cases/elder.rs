//! The history's case of elder abuse.

use samenop_core::event::{CaseNature, ReportSource};
use samenop_core::handover::ResponseMode;
use samenop_core::measures::MeasureKind;
use samenop_core::sharing::InfoCategory as I;
use samenop_core::steps::SafetyItem;
use samenop_core::triage::Criterion;
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, Organisation as O};

use crate::demo::history::ago;
use crate::demo::history::script::Script;
use crate::demo::history::script::Who::{Police, Vt};

/// Elder abuse, 9 days ago: joint, in person; shelter, not acute.
pub(super) fn elder_abuse_shelter<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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
