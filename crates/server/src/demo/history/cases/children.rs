//! The history's cases about children: abuse, and a child's violence against a parent.

use chrono::{Duration, Utc};
use samenop_core::event::{CaseNature, ReportSource};
use samenop_core::handover::ResponseMode;
use samenop_core::measures::{InformRule, MeasureKind};
use samenop_core::sharing::InfoCategory as I;
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, Organisation as O};

use crate::demo::history::ago;
use crate::demo::history::script::Script;
use crate::demo::history::script::Who::{Police, Vt};

/// Child abuse, 12 days ago: joint by phone; safety agreements whose
/// re-assessment moment has passed (overdue on the board).
pub(super) fn child_abuse_overdue_reassessment<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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

/// Child-to-parent violence, 6 days ago: police only, not acute.
pub(super) fn child_to_parent_police_only<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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

/// Child abuse, 2 days ago: joint, in person; supervision order
/// requested with a re-assessment ahead.
pub(super) fn child_abuse_supervision_order<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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
