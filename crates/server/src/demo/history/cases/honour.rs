//! The history's case of honour-based violence (the EGG flow).

use chrono::{Duration, Utc};
use samenop_core::event::{CaseNature, ReportSource};
use samenop_core::handover::ResponseMode;
use samenop_core::honour::HonourPrompt;
use samenop_core::measures::MeasureKind;
use samenop_core::sharing::InfoCategory as I;
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, Organisation as O};

use crate::demo::history::ago;
use crate::demo::history::script::Script;
use crate::demo::history::script::Who::{Police, Vt};

/// Honour-based violence, 5 days ago: joint by phone; the EGG flow with
/// the network's access (still acute), three of its steps open; the
/// verblijfplaats shared with the police only; surveillance with a
/// re-assessment still to come.
pub(super) fn honour_based_violence_surveillance<'a>(n: u8, police: &'a Account, vt: &'a Account) -> Script<'a> {
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
