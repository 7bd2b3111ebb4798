//! Two weeks of invented cases in the demo region: different natures, joint
//! responses (police and Veilig Thuis both writing) and police-only ones,
//! in person or by phone, Veilig Thuis phoned some minutes after the
//! report, useful and missing information, and measures in every state (an
//! arrest waiting for the OvJ, a huisverbod running, a re-assessment
//! overdue, one withdrawn). Each event is written by the demo account whose
//! organisation would record it, through the same checks as a device.
//! Invented streets and people only.

use chrono::{DateTime, Duration, Utc};
use samenop_core::event::{CaseNature, EventKind, MeasureChange, ReportSource};
use samenop_core::handover::{ExitCondition, HandoverItem, ResponseMode};
use samenop_core::measures::{
    AgreedMeasure, CallRule, ContactPoint, InformRule, MeasureId, MeasureKind, MeasureOwner, MeasureStatus,
    SpecialCondition,
};
use samenop_core::sharing::{InfoCategory, LegalGround, SharingRecord};
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, CaseId, DeviceId, Event, EventId, Hlc, Organisation};

use super::{REGION, accounts, actor, push_as};
use crate::startup::AppState;
use crate::storage;

/// Case `n` of the history: a fixed id, so a restart finds it again.
pub fn case_id(n: u8) -> CaseId {
    let [a, b, c, d, e, f, g, h, i, _] = *b"samenophs_";
    CaseId::from_parts(1_767_225_600_100 + u64::from(n), [a, b, c, d, e, f, g, h, i, n])
}

/// How many history cases there are.
pub const CASES: u8 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Police,
    Vt,
}

/// The events of one case as the two demo professionals write them.
struct Script<'a> {
    case_id: CaseId,
    reported: DateTime<Utc>,
    police: &'a Account,
    vt: &'a Account,
    devices: [DeviceId; 2],
    counter: u32,
    events: Vec<(Who, Event)>,
}

type Agreed = (MeasureId, EventId);

impl<'a> Script<'a> {
    fn new(n: u8, reported: DateTime<Utc>, police: &'a Account, vt: &'a Account) -> Self {
        Self {
            case_id: case_id(n),
            reported,
            police,
            vt,
            devices: [DeviceId::generate(), DeviceId::generate()],
            counter: 0,
            events: Vec::new(),
        }
    }

    fn at(&self, minutes: i64) -> DateTime<Utc> {
        self.reported + Duration::minutes(minutes)
    }

    /// An event by `who`, `minutes` after the report.
    fn write(&mut self, who: Who, minutes: i64, kind: EventKind) -> EventId {
        self.counter += 1;
        let (account, device) = match who {
            Who::Police => (self.police, self.devices[0]),
            Who::Vt => (self.vt, self.devices[1]),
        };
        let event = Event {
            id: EventId::generate(),
            case_id: self.case_id,
            author: actor(account),
            device_id: device,
            stamp: Hlc::new(self.at(minutes).timestamp_millis(), self.counter),
            kind,
        };
        let id = event.id;
        self.events.push((who, event));
        id
    }

    fn open(&mut self, source: ReportSource, hint: &str, nature: CaseNature) {
        let reported_at = self.reported;
        self.write(
            Who::Police,
            4,
            EventKind::CaseOpened {
                reported_at,
                source,
                address_hint: hint.into(),
                region: REGION.into(),
            },
        );
        self.set(Who::Police, 5, Assignment::Nature { nature });
    }

    fn set(&mut self, who: Who, minutes: i64, assignment: Assignment) -> EventId {
        self.write(
            who,
            minutes,
            EventKind::Assigned {
                supersedes: vec![],
                assignment,
            },
        )
    }

    fn check(&mut self, who: Who, minutes: i64, item: SafetyItem) {
        self.set(who, minutes, Assignment::Safety { item, done: true });
    }

    fn answer(&mut self, who: Who, minutes: i64, criterion: Criterion, answer: Answer) {
        self.set(who, minutes, Assignment::Criterion { criterion, answer });
    }

    fn lifted(&mut self, who: Who, minutes: i64, route: LiftingRoute) {
        self.set(who, minutes, Assignment::LiftingRoute { route, applied: true });
    }

    fn handover(&mut self, who: Who, minutes: i64, item: HandoverItem) {
        self.set(who, minutes, Assignment::Handover { item });
    }

    /// Police and VT both on the case: VT phoned, joined, and how they responded.
    fn joint(&mut self, phoned_after: i64, mode: ResponseMode) {
        self.check(Who::Police, phoned_after, SafetyItem::VtPhoned);
        self.write(Who::Vt, phoned_after + 3, EventKind::CaseJoined {});
        if mode == ResponseMode::InPerson {
            self.check(Who::Police, phoned_after + 20, SafetyItem::SafeToEnterToldVt);
            self.check(Who::Vt, phoned_after + 22, SafetyItem::VtOnScene);
            self.check(Who::Vt, phoned_after + 24, SafetyItem::VtEntered);
            self.check(Who::Vt, phoned_after + 26, SafetyItem::ResidentsInformed);
        } else {
            self.check(Who::Police, phoned_after + 30, SafetyItem::DepartureConsulted);
        }
    }

    /// The step 5 record: exit conditions, who takes over, the evaluation
    /// questions, and (when `declare`) "niet meer acuut".
    #[allow(clippy::too_many_arguments)]
    fn close(
        &mut self,
        who: Who,
        minutes: i64,
        to: Vec<Organisation>,
        mode: Option<ResponseMode>,
        useful: Vec<InfoCategory>,
        missing: Vec<InfoCategory>,
        declare: bool,
    ) {
        for condition in ExitCondition::ALL {
            self.handover(who, minutes, HandoverItem::ExitCondition { condition, met: true });
        }
        self.handover(who, minutes + 1, HandoverItem::HandedOverTo { organisations: to });
        self.handover(who, minutes + 1, HandoverItem::WarmHandover { done: true });
        if let Some(mode) = mode {
            self.handover(who, minutes + 2, HandoverItem::ResponseMode { mode });
        }
        self.handover(who, minutes + 2, HandoverItem::UsefulInformation { categories: useful });
        self.handover(
            who,
            minutes + 2,
            HandoverItem::MissingInformation { categories: missing },
        );
        if declare {
            self.handover(who, minutes + 3, HandoverItem::Declared { not_acute: true });
        }
    }

    fn measure(
        &mut self,
        who: Who,
        minutes: i64,
        kind: MeasureKind,
        owner: (Organisation, &str),
        shape: impl FnOnce(&mut AgreedMeasure),
    ) -> Agreed {
        let owner = MeasureOwner {
            organisation: owner.0,
            person: owner.1.into(),
        };
        let mut measure = AgreedMeasure::new(MeasureId(uuid::Uuid::now_v7()), kind, owner);
        shape(&mut measure);
        let id = measure.measure_id;
        (id, self.write(who, minutes, EventKind::MeasureAgreed { measure }))
    }

    fn measure_status(&mut self, who: Who, minutes: i64, (measure_id, agreed): Agreed, status: MeasureStatus) {
        self.write(
            who,
            minutes,
            EventKind::Assigned {
                supersedes: vec![agreed],
                assignment: Assignment::Measure {
                    measure_id,
                    change: MeasureChange::Status { status },
                },
            },
        );
    }

    fn share(
        &mut self,
        who: Who,
        minutes: i64,
        from: Organisation,
        to: Organisation,
        category: InfoCategory,
        summary: &str,
    ) {
        let legal_ground = if from == Organisation::Police {
            LegalGround::Wpg18Bpg42
        } else {
            LegalGround::AvgWmo411
        };
        let record = SharingRecord {
            record_id: uuid::Uuid::now_v7(),
            from,
            to,
            category,
            legal_ground,
            summary: summary.into(),
            om_contact: None,
        };
        self.write(who, minutes, EventKind::InformationShared { record });
    }

    /// Stores the case: the police events first (they open it), then VT's.
    async fn store(self, state: &AppState) -> Result<(), String> {
        let (police, vt): (Vec<_>, Vec<_>) = self.events.into_iter().partition(|(who, _)| *who == Who::Police);
        push_as(state, self.police, police.into_iter().map(|(_, e)| e).collect()).await?;
        if !vt.is_empty() {
            push_as(state, self.vt, vt.into_iter().map(|(_, e)| e).collect()).await?;
        }
        Ok(())
    }
}

/// A report moment, in whole milliseconds like event stamps, so "N minutes
/// after the report" counts as exactly N.
fn ago(days: i64, hours: i64) -> DateTime<Utc> {
    let at = Utc::now() - Duration::days(days) - Duration::hours(hours);
    DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at)
}

/// Seeds each history case that is not there yet.
pub async fn seed(state: &AppState) -> Result<(), String> {
    let accounts = accounts();
    let (police, vt) = (&accounts[0], &accounts[1]);
    let me = police.display_name.as_str();
    let vt_name = vt.display_name.as_str();
    use InfoCategory as I;
    use Organisation as O;
    use Who::{Police, Vt};

    for n in 0..CASES {
        let exists = storage::case_region(&state.db, &case_id(n))
            .await
            .map_err(|e| e.to_string())?;
        if exists.is_some() {
            continue;
        }
        let mut s;
        match n {
            // Partner violence, 13 days ago: joint, in person; arrest and
            // huisverbod, both ended since; handed over to VT.
            0 => {
                s = Script::new(n, ago(13, 3), police, vt);
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
                s.measure_status(Police, 60 * 24 * 10 + 150, huisverbod, MeasureStatus::Ended);
            }
            // Child abuse, 12 days ago: joint by phone; safety agreements whose
            // re-assessment moment has passed (overdue on the board).
            1 => {
                s = Script::new(n, ago(12, 6), police, vt);
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
            }
            // Ex-partner stalking, 11 days ago: police only; a 509hh order.
            2 => {
                s = Script::new(n, ago(11, 1), police, vt);
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
            }
            // Elder abuse, 9 days ago: joint, in person; shelter, not acute.
            3 => {
                s = Script::new(n, ago(9, 4), police, vt);
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
            }
            // Partner violence with a firearm, 8 days ago: joint, in person;
            // arrest and custody ended, VT's safety conditions withdrawn.
            4 => {
                s = Script::new(n, ago(8, 2), police, vt);
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
                s.measure_status(Police, 310, arrest, MeasureStatus::Ended);
                s.measure_status(Vt, 60 * 30, conditions, MeasureStatus::Withdrawn);
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
            }
            // Child-to-parent violence, 6 days ago: police only, not acute.
            5 => {
                s = Script::new(n, ago(6, 5), police, vt);
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
            }
            // Honour-based violence, 5 days ago: joint by phone; information
            // shared; surveillance with a re-assessment still to come.
            6 => {
                s = Script::new(n, ago(5, 7), police, vt);
                s.open(
                    ReportSource::VeiligThuisReport,
                    "Verzonnenhof 2",
                    CaseNature::HonourBasedViolence,
                );
                s.check(Police, 10, SafetyItem::PoliceOnScene);
                s.answer(Police, 14, Criterion::ThreatOfViolence, Answer::Yes);
                s.set(Police, 15, Assignment::ChildrenPresent { answer: Answer::Yes });
                s.lifted(Police, 20, LiftingRoute::KeptAwayArt3Pw);
                s.joint(30, ResponseMode::ByPhone);
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
            }
            // Partner violence, 3 days ago: joint, in person; a huisverbod
            // running for another week, with first contact and call tree.
            7 => {
                s = Script::new(n, ago(3, 2), police, vt);
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
                s.measure(
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
                s.close(
                    Vt,
                    200,
                    vec![O::VeiligThuis],
                    Some(ResponseMode::InPerson),
                    vec![I::VeiligThuisRecords, I::PriorAgreements],
                    vec![I::CareProviderInfo],
                    false,
                );
            }
            // Child abuse, 2 days ago: joint, in person; supervision order
            // requested with a re-assessment ahead.
            8 => {
                s = Script::new(n, ago(2, 8), police, vt);
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
                    (O::Rvdk, "Raadsonderzoeker R. Fictief"),
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
            }
            // Partner violence, five hours ago: police only; the suspect was
            // arrested four hours ago, so the OvJ decides within five hours.
            _ => {
                s = Script::new(n, ago(0, 5), police, vt);
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
            }
        }
        s.store(state).await?;
    }
    Ok(())
}
