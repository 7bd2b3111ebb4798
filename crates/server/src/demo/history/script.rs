//! `Script`: writes the events of one history case as the two demo
//! professionals would, step by step, then stores them.

use chrono::{DateTime, Duration, Utc};
use samenop_core::VariantArray;
use samenop_core::case::AssessmentGap;
use samenop_core::event::{CaseNature, EventKind, MeasureChange, ReportSource};
use samenop_core::handover::{ExitCondition, HandoverBlocker, HandoverItem, ResponseMode};
use samenop_core::measures::{
    AgreedMeasure, ContactPoint, MeasureId, MeasureKind, MeasureOwner, MeasureStatus, Reassessment, ReassessmentOutcome,
};
use samenop_core::sharing::{InfoCategory, SharingRecord};
use samenop_core::steps::SafetyItem;
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::Account;
use samenop_core::{Answer, Assignment, CaseId, CaseState, DeviceId, Event, EventId, Hlc, Organisation};

use super::case_id;
use crate::demo::{REGION, actor, push_as};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Police,
    Vt,
}

/// The events of one case as the two demo professionals write them.
pub struct Script<'a> {
    case_id: CaseId,
    pub reported: DateTime<Utc>,
    police: &'a Account,
    vt: &'a Account,
    devices: [DeviceId; 2],
    counter: u32,
    events: Vec<(Who, Event)>,
}

pub type Agreed = (MeasureId, EventId);

impl<'a> Script<'a> {
    pub fn new(n: u8, reported: DateTime<Utc>, police: &'a Account, vt: &'a Account) -> Self {
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

    pub fn at(&self, minutes: i64) -> DateTime<Utc> {
        self.reported + Duration::minutes(minutes)
    }

    /// An event by `who`, `minutes` after the report.
    pub fn write(&mut self, who: Who, minutes: i64, kind: EventKind) -> EventId {
        self.counter += 1;
        let (account, device) = match who {
            Who::Police => (self.police, self.devices[0]),
            Who::Vt => (self.vt, self.devices[1]),
        };
        let event = Event {
            schema: samenop_core::Schema::CURRENT,
            id: EventId::generate(),
            case_id: self.case_id,
            author: actor(account),
            device_id: device,
            stamp: Hlc::new(self.at(minutes).timestamp_millis(), self.counter),
            kind,
            received_at: None,
        };
        let id = event.id;
        self.events.push((who, event));
        id
    }

    pub fn open(&mut self, source: ReportSource, hint: &str, nature: CaseNature) {
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

    pub fn set(&mut self, who: Who, minutes: i64, assignment: Assignment) -> EventId {
        self.write(
            who,
            minutes,
            EventKind::Assigned {
                supersedes: vec![],
                assignment,
            },
        )
    }

    pub fn check(&mut self, who: Who, minutes: i64, item: SafetyItem) {
        self.set(who, minutes, Assignment::Safety { item, done: true });
    }

    pub fn answer(&mut self, who: Who, minutes: i64, criterion: Criterion, answer: Answer) {
        self.set(who, minutes, Assignment::Criterion { criterion, answer });
    }

    pub fn lifted(&mut self, who: Who, minutes: i64, route: LiftingRoute) {
        self.set(who, minutes, Assignment::LiftingRoute { route, applied: true });
    }

    pub fn handover(&mut self, who: Who, minutes: i64, item: HandoverItem) {
        self.set(who, minutes, Assignment::Handover { item });
    }

    /// Police and VT both on the case: VT phoned, joined, and how they responded.
    pub fn joint(&mut self, phoned_after: i64, mode: ResponseMode) {
        self.check(Who::Police, phoned_after, SafetyItem::VtPhoned);
        self.write(Who::Vt, phoned_after + 3, EventKind::CaseJoined { reason: None });
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
    pub fn close(
        &mut self,
        who: Who,
        minutes: i64,
        to: Vec<Organisation>,
        mode: Option<ResponseMode>,
        useful: Vec<InfoCategory>,
        missing: Vec<InfoCategory>,
        declare: bool,
    ) {
        for condition in ExitCondition::VARIANTS.iter().copied() {
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
        if mode.is_some() {
            // "Was samen optrekken van meerwaarde?" (004 l.430), so the
            // shift lead's figures have an answer to count.
            let item = HandoverItem::AddedValue {
                answer: Answer::Yes,
                explanation: "Samen één gesprek; VT kende de voorgeschiedenis".into(),
            };
            self.handover(who, minutes + 2, item);
        }
        if declare {
            self.assess(minutes + 3);
            self.agree_whole_case(who, minutes + 3);
            // What core asks before "niet meer acuut" since schema 3: the
            // VT-melding (002 l.263), a zorgmelding per child (002 l.4431),
            // the victim told how to report a breach (002 l.879-881).
            self.handover(Who::Police, minutes + 3, HandoverItem::VtReport { done: true });
            let state = CaseState::fold(self.events.iter().map(|(_, e)| e));
            let children = state.children_present();
            // Since schema 5: "kinderen aanwezig" answered (004 l.199), and an
            // arrest the case rests on recorded as a measure (002 l.449-450).
            if children == Answer::Unknown {
                self.set(
                    Who::Police,
                    minutes + 3,
                    Assignment::ChildrenPresent { answer: Answer::No },
                );
            }
            // Core says whether it is missing (the script's own measures may
            // hold it already, ended later).
            let blockers = state.handover().blockers(&state.triage(self.at(minutes + 3)));
            if blockers.contains(&HandoverBlocker::ArrestNotRecorded) {
                let officer = self.police.display_name.clone();
                let at = self.at(minutes);
                self.measure(
                    Who::Police,
                    minutes + 3,
                    MeasureKind::Aanhouding,
                    (Organisation::Police, &officer),
                    |m| m.started_at = Some(at),
                );
            }
            if children == Answer::Yes {
                let item = HandoverItem::ChildCareReports {
                    reported: vec![true, true],
                };
                self.handover(Who::Police, minutes + 3, item);
            }
            self.handover(who, minutes + 3, HandoverItem::VictimInformed { done: true });
            self.handover(who, minutes + 3, HandoverItem::Declared { not_acute: true });
        }
    }

    /// The agreement for the whole case before "niet meer acuut" (core
    /// refuses the declaration otherwise, 004 l.302): `who` is the eerste
    /// aanspreekpunt voor het totaal aan veiligheidsmaatregelen, and both
    /// sides agree when they call each other (004 l.303).
    fn agree_whole_case(&mut self, who: Who, minutes: i64) {
        let (organisation, person) = match who {
            Who::Police => (Organisation::Police, self.police.display_name.clone()),
            Who::Vt => (Organisation::VeiligThuis, self.vt.display_name.clone()),
        };
        let contact = ContactPoint {
            organisation,
            person,
            phone: "0800-0000009".into(),
        };
        self.set(who, minutes, Assignment::CaseFirstContact { contact: Some(contact) });
        let rules = samenop_core::agreement::suggested_call_rules();
        self.set(who, minutes, Assignment::CaseCallTree { rules });
    }

    /// Completes the veiligheidsbeoordeling before "niet meer acuut" (core
    /// refuses the declaration otherwise, 004 l.307): the questions still
    /// "onbekend" are answered as the triage already read them (a criterion
    /// "nee", access "ja", oversight "nee"), so no case changes status; then
    /// VT confirms, or, where VT never wrote in the case, the police record
    /// that it was assessed with VT by phone (004 l.450).
    fn assess(&mut self, minutes: i64) {
        let state = CaseState::fold(self.events.iter().map(|(_, e)| e));
        for criterion in Criterion::VARIANTS.iter().copied() {
            if state.criterion(criterion) == Answer::Unknown {
                self.answer(Who::Police, minutes, criterion, Answer::No);
            }
        }
        let assessment = state.safety_assessment();
        if assessment.missing.contains(&AssessmentGap::SuspectHasAccess) {
            self.set(
                Who::Police,
                minutes,
                Assignment::SuspectHasAccess { answer: Answer::Yes },
            );
        }
        if assessment.missing.contains(&AssessmentGap::ThirdPartyOversight) {
            self.set(
                Who::Police,
                minutes,
                Assignment::ThirdPartyOversight { answer: Answer::No },
            );
        }
        if self.events.iter().any(|(who, _)| *who == Who::Vt) {
            self.set(
                Who::Vt,
                minutes,
                Assignment::SafetyAssessmentConfirmed { by_phone_with: None },
            );
        } else {
            let vt = self.vt.display_name.clone();
            self.set(
                Who::Police,
                minutes,
                Assignment::SafetyAssessmentConfirmed {
                    by_phone_with: Some(vt),
                },
            );
        }
    }

    pub fn measure(
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
        // As the app's `Command::AgreeMeasure` records it (core's rule).
        measure.imposed_when_started();
        let id = measure.measure_id;
        (id, self.write(who, minutes, EventKind::MeasureAgreed { measure }))
    }

    /// A re-assessment by `who` at `minutes`, as core asks before access
    /// returns (002 l.1095–1106).
    pub fn reassess(&mut self, who: Who, minutes: i64, (measure_id, agreed): Agreed, outcome: ReassessmentOutcome) {
        let account = match who {
            Who::Police => self.police,
            Who::Vt => self.vt,
        };
        let reassessment = Reassessment {
            at: self.at(minutes),
            by: MeasureOwner {
                organisation: account.organisation,
                person: account.display_name.clone(),
            },
            outcome,
        };
        self.change_measure(
            who,
            minutes,
            (measure_id, agreed),
            MeasureChange::Reassessed {
                reassessment: Some(reassessment),
            },
        );
    }

    /// One change to a measure, replacing the value its agreement set.
    fn change_measure(&mut self, who: Who, minutes: i64, (measure_id, agreed): Agreed, change: MeasureChange) {
        self.write(
            who,
            minutes,
            EventKind::Assigned {
                supersedes: vec![agreed],
                assignment: Assignment::Measure { measure_id, change },
            },
        );
    }

    pub fn measure_status(&mut self, who: Who, minutes: i64, agreed: Agreed, status: MeasureStatus) {
        self.change_measure(who, minutes, agreed, MeasureChange::Status { status });
    }

    pub fn share(
        &mut self,
        who: Who,
        minutes: i64,
        from: Organisation,
        to: Organisation,
        category: InfoCategory,
        summary: &str,
    ) {
        // The sender's own Bijlage 1 ground (004 l.489-527), zwaarwegend
        // belang confirmed where it is needed; a pair without one is skipped.
        let Some(record) = SharingRecord::on_default_ground(uuid::Uuid::now_v7(), from, to, category, summary) else {
            return;
        };
        self.write(who, minutes, EventKind::InformationShared { record });
    }

    /// Stores the case: the police events first (they open it), then VT's.
    pub async fn store(self, state: &AppState) -> Result<(), String> {
        let (police, vt): (Vec<_>, Vec<_>) = self.events.into_iter().partition(|(who, _)| *who == Who::Police);
        push_as(state, self.police, police.into_iter().map(|(_, e)| e).collect()).await?;
        if !vt.is_empty() {
            push_as(state, self.vt, vt.into_iter().map(|(_, e)| e).collect()).await?;
        }
        Ok(())
    }
}
