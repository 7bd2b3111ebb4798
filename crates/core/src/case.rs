//! `CaseState = fold(events)`. Events fold in (stamp, id) order, so every
//! device and the server reach the same state from the same events in
//! whatever order they arrived. Single-valued fields are registers: a value
//! replaces the values its author saw (`supersedes`); values written without
//! seeing each other are kept side by side as a conflict until someone
//! writes a value that supersedes them all.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::actor::{Actor, Organisation};
use crate::answer::Answer;
use crate::event::{
    Assignment, CaseId, CaseNature, Event, EventId, EventKind, FieldKey, MeasureAttribute, MeasureChange, ReportSource,
};
use crate::handover::{Handover, HandoverItem};
use crate::hlc::Hlc;
use crate::measures::{AgreedMeasure, MeasureId, MeasureKind, MeasureOwner};
use crate::sash::SashAnswers;
use crate::sharing::SharingRecord;
use crate::steps::{InvestigationPoint, RuleStatus, SafetyChecklist, Step};
mod answers;
mod assessment;
mod fields;
mod handover_state;
mod progress;
mod register;
mod structural;
mod trace;
use register::{Register, Write};

pub use trace::{FieldChange, Resolution};

pub use assessment::{AssessmentConfirmation, AssessmentGap, SafetyAssessment};

use crate::triage::{self, Criterion, LiftingRoute, StructuralCategory, TriageInput, TriageOutcome, TriageStatus};

/// Someone who wrote in the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub actor: Actor,
    pub first_at: DateTime<Utc>,
}

/// How the case started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub reported_at: DateTime<Utc>,
    pub source: ReportSource,
    pub address_hint: String,
    pub region: String,
    pub opened_at: DateTime<Utc>,
    pub opened_by: Actor,
    /// When the server received the event (`Event::received_at`); absent
    /// on a device until its own event comes back from the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

impl Opening {
    /// What an opening event says, with who wrote it and when: the one
    /// reading of `CaseOpened`, for the fold and for whoever stores a new
    /// case. `None` for any other event.
    pub fn of(event: &Event) -> Option<Self> {
        let EventKind::CaseOpened {
            reported_at,
            source,
            address_hint,
            region,
        } = &event.kind
        else {
            return None;
        };
        Some(Self {
            reported_at: *reported_at,
            source: *source,
            address_hint: address_hint.clone(),
            region: region.clone(),
            opened_at: event.stamp.to_utc(),
            opened_by: event.author.clone(),
            received_at: event.received_at,
        })
    }
}

/// An item of information shared, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedItem {
    pub record: SharingRecord,
    pub recorded_by: Actor,
    pub at: DateTime<Utc>,
    /// When the server received the event (`Event::received_at`); absent
    /// on a device until its own event comes back from the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

/// One of two or more values written without seeing each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictValue {
    pub event_id: EventId,
    pub value: Assignment,
    pub author: Actor,
    pub at: DateTime<Utc>,
}

/// A field with concurrent values. `values` is ordered oldest first; the
/// last one is what the case shows until someone resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub key: FieldKey,
    pub values: Vec<ConflictValue>,
}

/// An event the fold could not use, with the reason. The server never
/// stores these; a device may hold them in its "niet verzonden" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedEvent {
    pub event_id: EventId,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureHeader {
    pub kind: MeasureKind,
    pub agreed_by: Actor,
    pub agreed_at: DateTime<Utc>,
    /// When the server received the event (`Event::received_at`); absent
    /// on a device until its own event comes back from the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

/// Progress of one step for the step bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProgress {
    pub step: Step,
    /// Items still open in this step.
    pub open: usize,
    /// A hard rule or safety status needs attention now.
    pub attention: bool,
}

/// Where a case stands, for lists and the shift lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Acute,
    Contained,
    /// "nog niet beoordeeld": the triage is undetermined (nothing counts
    /// yet, but criteria are still open), or nothing counts but VT has not
    /// confirmed the eerste veiligheidsbeoordeling; not "niet acuut".
    NotAssessed,
    NotAcute,
    HandedOver,
}

crate::lang::vocabulary!(CaseStatus, "case_status");

/// The state of one case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseState {
    pub case_id: Option<CaseId>,
    pub opening: Option<Opening>,
    participants: Vec<Participant>,
    registers: BTreeMap<FieldKey, Register>,
    shared: Vec<SharedItem>,
    /// The record ids of `shared`: admission refuses a record the case
    /// already holds, and a scan of `shared` per shared record made a
    /// busy case's fold quadratic.
    pub(crate) shared_ids: HashSet<uuid::Uuid>,
    /// OM contacts and consultations (`sharing::om`, `sharing::consultation`).
    pub(crate) om_contacts: Vec<crate::sharing::OmContactItem>,
    pub(crate) consultations: Vec<crate::sharing::consultation::ConsultationItem>,
    measures: BTreeMap<MeasureId, MeasureHeader>,
    late_joins: Vec<crate::membership::LateJoin>,
    pub skipped: Vec<SkippedEvent>,
    pub event_count: usize,
    pub last_stamp: Hlc,
    /// The order key of the last event folded in, applied or skipped:
    /// `extended` continues only after it.
    last_order: Option<(Hlc, EventId)>,
}

impl CaseState {
    /// Folds the events of one case. Duplicates (same id) count once;
    /// events of another case than the first one are skipped.
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut sorted: Vec<&Event> = events.into_iter().collect();
        sorted.sort_unstable_by_key(|e| e.order_key());
        let mut state = Self::default();
        let mut seen = HashSet::with_capacity(sorted.len());
        for event in sorted {
            if seen.insert(event.id) {
                state.apply(event);
            }
        }
        state
    }

    /// This state with `more` events folded in too, without folding the
    /// earlier ones again: `Some` (equal to `fold` of all of them) when
    /// every event of `more` orders after every event folded so far, as a
    /// device's new events do; `None` when one orders earlier, and the
    /// caller folds everything again (the server's read models, issue 18).
    pub fn extended<'a>(&self, more: impl IntoIterator<Item = &'a Event>) -> Option<Self> {
        let mut sorted: Vec<&Event> = more.into_iter().collect();
        sorted.sort_unstable_by_key(|e| e.order_key());
        sorted.dedup_by_key(|e| e.id);
        if sorted.first().is_some_and(|e| Some(e.order_key()) <= self.last_order) {
            return None;
        }
        let mut state = self.clone();
        for event in sorted {
            state.apply(event);
        }
        Some(state)
    }

    /// Applies one more event. Only use for events that come after every
    /// event already applied (a device's own new event); otherwise fold.
    pub fn apply(&mut self, event: &Event) {
        self.last_order = self.last_order.max(Some(event.order_key()));
        let case_id = *self.case_id.get_or_insert(event.case_id);
        if case_id != event.case_id {
            self.skip(event.id, "event belongs to another case".into());
            return;
        }
        if let Err(e) = self.admit_and_apply(event) {
            self.skip(event.id, e.to_string());
        }
    }

    /// Admits `event` (`CaseState::admit`) and, when admitted, applies it;
    /// a refused event changes nothing. For a caller that must know the
    /// refusal (the server on push) without admitting twice. The event
    /// must belong to this case and come after every event applied so far.
    pub fn admit_and_apply(&mut self, event: &Event) -> Result<(), crate::refusal::Refusal> {
        self.admit(event)?;
        self.case_id.get_or_insert(event.case_id);
        self.event_count += 1;
        self.last_stamp = self.last_stamp.max(event.stamp);
        let at = event.stamp.to_utc();
        let author = self.participant(&event.author, at);
        match &event.kind {
            EventKind::CaseOpened { .. } => {
                // The first opening counts; a second one from another device is ignored.
                if self.opening.is_none() {
                    self.opening = Opening::of(event);
                }
            }
            EventKind::CaseJoined { reason: Some(reason) } => {
                self.late_joins.push(crate::membership::LateJoin {
                    actor: event.author.clone(),
                    at,
                    received_at: event.received_at,
                    reason: reason.clone(),
                });
            }
            EventKind::CaseJoined { reason: None } => {}
            EventKind::Assigned { supersedes, assignment } => {
                self.write(event, author, assignment.clone(), supersedes);
            }
            EventKind::InformationShared { record } => {
                self.shared_ids.insert(record.record_id);
                self.shared.push(SharedItem {
                    record: record.clone(),
                    recorded_by: event.author.clone(),
                    at,
                    received_at: event.received_at,
                });
            }
            EventKind::OmContacted { contact } => self.om_contacts.push(crate::sharing::OmContactItem {
                contact: contact.clone(),
                recorded_by: event.author.clone(),
                at,
                received_at: event.received_at,
            }),
            EventKind::PartnerConsulted { consultation } => {
                self.consultations.push(crate::sharing::consultation::ConsultationItem {
                    consultation: consultation.clone(),
                    recorded_by: event.author.clone(),
                    at,
                    received_at: event.received_at,
                })
            }
            EventKind::MeasureAgreed { measure } => {
                self.measures.entry(measure.measure_id).or_insert(MeasureHeader {
                    kind: measure.kind,
                    agreed_by: event.author.clone(),
                    agreed_at: at,
                    received_at: event.received_at,
                });
                for change in MeasureChange::all_of(measure) {
                    let value = Assignment::Measure {
                        measure_id: measure.measure_id,
                        change,
                    };
                    self.write(event, author, value, &[]);
                }
            }
        }
        Ok(())
    }

    fn skip(&mut self, event_id: EventId, reason: String) {
        self.skipped.push(SkippedEvent { event_id, reason });
    }

    fn participant(&mut self, actor: &Actor, at: DateTime<Utc>) -> usize {
        if let Some(i) = self.participants.iter().position(|p| p.actor.user_id == actor.user_id) {
            return i;
        }
        self.participants.push(Participant {
            actor: actor.clone(),
            first_at: at,
        });
        self.participants.len() - 1
    }

    fn write(&mut self, event: &Event, author: usize, value: Assignment, supersedes: &[EventId]) {
        let register = self.registers.entry(value.key()).or_default();
        let organisation = self.participants[author].actor.organisation;
        let participants = &self.participants;
        // A safety downgrade of another organisation's answer does not
        // replace it: both stay, as a conflict (`answers::holds_against`).
        let replaced: Vec<EventId> = supersedes
            .iter()
            .copied()
            .filter(|id| {
                !register.writes_of(*id).any(|w| {
                    answers::holds_against(
                        &w.value,
                        participants[w.author].actor.organisation,
                        &value,
                        organisation,
                        event.schema,
                    )
                })
            })
            .collect();
        let write = Write {
            event: event.id,
            stamp: event.stamp,
            received_at: event.received_at,
            author,
            value,
            schema: event.schema,
            replaced,
        };
        register.push(write);
    }
}

/// Index of events by case, for callers holding many cases.
pub fn group_by_case(events: &[Event]) -> HashMap<CaseId, Vec<&Event>> {
    let mut map: HashMap<CaseId, Vec<&Event>> = HashMap::new();
    for e in events {
        map.entry(e.case_id).or_default().push(e);
    }
    map
}
