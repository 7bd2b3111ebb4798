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
    Assignment, CaseId, CaseNature, Event, EventError, EventId, EventKind, FieldKey, MeasureAttribute, MeasureChange,
    ReportSource,
};
use crate::handover::{Handover, HandoverItem};
use crate::hlc::Hlc;
use crate::measures::{AgreedMeasure, MeasureError, MeasureId, MeasureKind, MeasureOwner};
use crate::sash::SashAnswers;
use crate::sharing::SharingRecord;
use crate::steps::{InvestigationPoint, RuleStatus, SafetyChecklist, Step};
use crate::triage::{self, Criterion, LiftingRoute, StructuralCategory, TriageInput, TriageOutcome, TriageStatus};

/// Someone who wrote in the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub actor: Actor,
    pub first_at: DateTime<Utc>,
}

/// One written value of a register.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Write {
    event: EventId,
    stamp: Hlc,
    author: usize,
    value: Assignment,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Register {
    writes: Vec<Write>,
    superseded: HashSet<EventId>,
}

impl Register {
    /// The values nobody has replaced yet. A set property of the events,
    /// so it does not depend on the order they arrived in.
    fn heads(&self) -> impl Iterator<Item = &Write> {
        self.writes.iter().filter(|w| !self.superseded.contains(&w.event))
    }

    /// The value shown: the latest head.
    fn current(&self) -> Option<&Write> {
        self.heads().max_by_key(|w| (w.stamp, w.event))
    }
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
}

/// An item of information shared, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedItem {
    pub record: SharingRecord,
    pub recorded_by: Actor,
    pub at: DateTime<Utc>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum CaseStatus {
    Acute,
    Contained,
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
    measures: BTreeMap<MeasureId, MeasureHeader>,
    pub skipped: Vec<SkippedEvent>,
    pub event_count: usize,
    pub last_stamp: Hlc,
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

    /// Applies one more event. Only use for events that come after every
    /// event already applied (a device's own new event); otherwise fold.
    pub fn apply(&mut self, event: &Event) {
        let case_id = *self.case_id.get_or_insert(event.case_id);
        if case_id != event.case_id {
            self.skip(event.id, "event belongs to another case".into());
            return;
        }
        if let Err(e) = event.validate() {
            self.skip(event.id, e.to_string());
            return;
        }
        if let Err(e) = self.check_against_case(event) {
            self.skip(event.id, e.to_string());
            return;
        }
        self.event_count += 1;
        self.last_stamp = self.last_stamp.max(event.stamp);
        let at = event.stamp.to_utc();
        let author = self.participant(&event.author, at);
        match &event.kind {
            EventKind::CaseOpened {
                reported_at,
                source,
                address_hint,
                region,
            } => {
                // The first opening counts; a second one from another device is ignored.
                if self.opening.is_none() {
                    self.opening = Some(Opening {
                        reported_at: *reported_at,
                        source: *source,
                        address_hint: address_hint.clone(),
                        region: region.clone(),
                        opened_at: at,
                        opened_by: event.author.clone(),
                    });
                }
            }
            EventKind::CaseJoined {} => {}
            EventKind::Assigned { supersedes, assignment } => {
                self.write(event.id, event.stamp, author, assignment.clone(), supersedes);
            }
            EventKind::InformationShared { record } => {
                self.shared.push(SharedItem {
                    record: record.clone(),
                    recorded_by: event.author.clone(),
                    at,
                });
            }
            EventKind::MeasureAgreed { measure } => {
                self.measures.entry(measure.measure_id).or_insert(MeasureHeader {
                    kind: measure.kind,
                    agreed_by: event.author.clone(),
                    agreed_at: at,
                });
                for change in MeasureChange::all_of(measure) {
                    let value = Assignment::Measure {
                        measure_id: measure.measure_id,
                        change,
                    };
                    self.write(event.id, event.stamp, author, value, &[]);
                }
            }
        }
    }

    /// Rules that need the case itself: a measure change must name a known
    /// measure, and its conditions must fit the measure's kind.
    fn check_against_case(&self, event: &Event) -> Result<(), EventError> {
        if let EventKind::Assigned {
            assignment: Assignment::Measure { measure_id, change },
            ..
        } = &event.kind
        {
            let header = self.measures.get(measure_id).ok_or(EventError::UnknownMeasure)?;
            if let MeasureChange::Conditions { conditions } = change
                && let Some(c) = conditions
                    .iter()
                    .find(|c| !header.kind.allowed_conditions().contains(c))
            {
                return Err(MeasureError::ConditionNotAllowed {
                    kind: header.kind,
                    condition: *c,
                }
                .into());
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

    fn write(&mut self, event: EventId, stamp: Hlc, author: usize, value: Assignment, supersedes: &[EventId]) {
        let register = self.registers.entry(value.key()).or_default();
        register.superseded.extend(supersedes.iter().copied());
        register.writes.push(Write {
            event,
            stamp,
            author,
            value,
        });
    }

    // ----- reading the state -------------------------------------------------

    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    /// The current value of a field.
    pub fn current(&self, key: &FieldKey) -> Option<&Assignment> {
        self.registers.get(key)?.current().map(|w| &w.value)
    }

    /// Who wrote the current value of a field, and when.
    pub fn current_author(&self, key: &FieldKey) -> Option<(&Actor, DateTime<Utc>)> {
        let w = self.registers.get(key)?.current()?;
        Some((&self.participants[w.author].actor, w.stamp.to_utc()))
    }

    /// The event ids a new value for `key` must supersede: every value
    /// the device sees now. Writing with these resolves a conflict.
    pub fn heads(&self, key: &FieldKey) -> Vec<EventId> {
        let mut ids: Vec<EventId> = self
            .registers
            .get(key)
            .map(|r| r.heads().map(|w| w.event).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The event kind that sets `assignment` on this case, superseding
    /// what is shown now.
    pub fn assign(&self, assignment: Assignment) -> EventKind {
        EventKind::Assigned {
            supersedes: self.heads(&assignment.key()),
            assignment,
        }
    }

    /// Fields with concurrent, different values.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out = Vec::new();
        for (key, register) in &self.registers {
            let mut heads: Vec<&Write> = register.heads().collect();
            heads.sort_by_key(|w| (w.stamp, w.event));
            // One person writing the same value again offline adds nothing to
            // decide: keep their latest write of each value.
            let mut seen = std::collections::HashSet::new();
            let mut latest_first: Vec<&Write> = heads
                .into_iter()
                .rev()
                .filter(|w| seen.insert((w.author, &w.value)))
                .collect();
            latest_first.reverse();
            let heads = latest_first;
            let distinct = heads.iter().any(|w| w.value != heads[0].value);
            if heads.len() > 1 && distinct {
                out.push(Conflict {
                    key: *key,
                    values: heads
                        .into_iter()
                        .map(|w| ConflictValue {
                            event_id: w.event,
                            value: w.value.clone(),
                            author: self.participants[w.author].actor.clone(),
                            at: w.stamp.to_utc(),
                        })
                        .collect(),
                });
            }
        }
        out
    }

    fn answer(&self, key: FieldKey) -> Answer {
        match self.current(&key) {
            Some(
                Assignment::ChildrenPresent { answer }
                | Assignment::Criterion { answer, .. }
                | Assignment::SuspectHasAccess { answer }
                | Assignment::ThirdPartyOversight { answer }
                | Assignment::Sash { answer, .. }
                | Assignment::Structural { answer, .. },
            ) => *answer,
            _ => Answer::Unknown,
        }
    }

    pub fn children_present(&self) -> Answer {
        self.answer(FieldKey::ChildrenPresent)
    }

    pub fn nature(&self) -> Option<CaseNature> {
        match self.current(&FieldKey::Nature) {
            Some(Assignment::Nature { nature }) => Some(*nature),
            _ => None,
        }
    }

    pub fn criterion(&self, criterion: Criterion) -> Answer {
        self.answer(FieldKey::Criterion(criterion))
    }

    pub fn relationship_ended_on(&self) -> Option<NaiveDate> {
        match self.current(&FieldKey::RelationshipEndedOn) {
            Some(Assignment::RelationshipEndedOn { date }) => *date,
            _ => None,
        }
    }

    pub fn structural(&self) -> Vec<(StructuralCategory, Answer)> {
        StructuralCategory::VARIANTS
            .iter()
            .copied()
            .map(|c| (c, self.answer(FieldKey::Structural(c))))
            .collect()
    }

    pub fn investigation(&self) -> Vec<(InvestigationPoint, bool, String)> {
        InvestigationPoint::VARIANTS
            .iter()
            .copied()
            .map(|p| match self.current(&FieldKey::Investigation(p)) {
                Some(Assignment::Investigation { done, note, .. }) => (p, *done, note.clone()),
                _ => (p, false, String::new()),
            })
            .collect()
    }

    /// The triage question set as answered in this case, assessed at `at`.
    pub fn triage_input(&self, assessed_at: DateTime<Utc>) -> TriageInput {
        let mut input = TriageInput::new(assessed_at);
        for c in Criterion::VARIANTS.iter().copied() {
            input.criteria.set(c, self.criterion(c));
        }
        input.relationship_ended_on = self.relationship_ended_on();
        input.suspect_has_access = self.answer(FieldKey::SuspectHasAccess);
        input.third_party_oversight = self.answer(FieldKey::ThirdPartyOversight);
        input.lifted_by = LiftingRoute::VARIANTS
            .iter()
            .copied()
            .filter(|r| {
                matches!(
                    self.current(&FieldKey::LiftingRoute(*r)),
                    Some(Assignment::LiftingRoute { applied: true, .. })
                )
            })
            .collect();
        if let Some(Assignment::ProfessionalJudgement { judgement }) = self.current(&FieldKey::ProfessionalJudgement) {
            input.professional_judgement = judgement.clone();
        }
        let mut sash = SashAnswers::default();
        let mut any_sash = false;
        for (key, register) in self
            .registers
            .range(FieldKey::Sash(crate::sash::SashItem::VARIANTS[0])..)
        {
            match (key, register.current().map(|w| &w.value)) {
                (FieldKey::Sash(item), Some(Assignment::Sash { answer, .. })) => {
                    sash.set(*item, *answer);
                    any_sash = true;
                }
                (FieldKey::SashAssessorLevel, Some(Assignment::SashAssessorLevel { level })) => {
                    sash.assessor_level = *level;
                    any_sash = true;
                }
                (FieldKey::Sash(_) | FieldKey::SashAssessorLevel, _) => {}
                _ => break,
            }
        }
        if any_sash {
            input.sash = Some(sash);
        }
        input
    }

    /// The triage outcome at `at` (the moment matters for the 14-day rule).
    pub fn triage(&self, at: DateTime<Utc>) -> TriageOutcome {
        triage::evaluate(&self.triage_input(at))
    }

    pub fn safety(&self) -> SafetyChecklist {
        let mut list = SafetyChecklist::default();
        for item in crate::steps::SafetyItem::VARIANTS.iter().copied() {
            let key = FieldKey::Safety(item);
            if let Some(w) = self.registers.get(&key).and_then(Register::current)
                && matches!(w.value, Assignment::Safety { done: true, .. })
            {
                list.done.insert(item, w.stamp.to_utc());
            }
        }
        list
    }

    pub fn shared(&self) -> &[SharedItem] {
        &self.shared
    }

    pub fn measure_header(&self, id: &MeasureId) -> Option<&MeasureHeader> {
        self.measures.get(id)
    }

    /// The agreed measures, each with its current attributes.
    pub fn measures(&self) -> Vec<AgreedMeasure> {
        self.measures
            .iter()
            .map(|(id, header)| {
                let owner = MeasureOwner {
                    organisation: header.agreed_by.organisation,
                    person: header.agreed_by.display_name.clone(),
                };
                let mut m = AgreedMeasure::new(*id, header.kind, owner);
                for attribute in MEASURE_ATTRIBUTES {
                    if let Some(Assignment::Measure { change, .. }) = self.current(&FieldKey::Measure(*id, attribute)) {
                        change.apply_to(&mut m);
                    }
                }
                m
            })
            .collect()
    }

    pub fn handover(&self) -> Handover {
        let mut h = Handover::default();
        let items = self.registers.iter().filter_map(|(key, r)| match (key, r.current()) {
            (
                FieldKey::Handover(_),
                Some(Write {
                    value: Assignment::Handover { item },
                    ..
                }),
            ) => Some(item),
            _ => None,
        });
        for item in items {
            match item.clone() {
                HandoverItem::ExitCondition { condition, met: true } => h.exit_conditions.push(condition),
                HandoverItem::ExitCondition { .. } => {}
                HandoverItem::HandedOverTo { organisations } => h.handed_over_to = organisations,
                HandoverItem::WarmHandover { done } => h.warm_handover = done,
                HandoverItem::ResponseMode { mode } => h.response_mode = Some(mode),
                HandoverItem::UsefulInformation { categories } => h.useful_information = categories,
                HandoverItem::MissingInformation { categories } => h.missing_information = categories,
                HandoverItem::Declared { not_acute } => h.declared_not_acute = not_acute,
            }
        }
        h
    }

    /// Where the case stands at `at`.
    pub fn status(&self, at: DateTime<Utc>) -> CaseStatus {
        let triage = self.triage(at).status;
        if self.handover().declared_not_acute && triage != TriageStatus::Acute {
            return CaseStatus::HandedOver;
        }
        match triage {
            TriageStatus::Acute => CaseStatus::Acute,
            TriageStatus::Contained => CaseStatus::Contained,
            TriageStatus::NotAcute => CaseStatus::NotAcute,
        }
    }

    /// Organisations on scene, in the order they first wrote.
    pub fn organisations(&self) -> Vec<Organisation> {
        let mut out: Vec<Organisation> = Vec::new();
        for p in &self.participants {
            if !out.contains(&p.actor.organisation) {
                out.push(p.actor.organisation);
            }
        }
        out
    }

    /// The step bar: what is open per step and where attention is needed.
    pub fn progress(&self, at: DateTime<Utc>) -> [StepProgress; 5] {
        let safety = self.safety();
        let rules_attention = safety
            .rules()
            .iter()
            .any(|r| matches!(r.status, RuleStatus::Blocking | RuleStatus::Broken));
        let triage = self.triage(at);
        let measures = self.measures();
        let open_measure_points = measures
            .iter()
            .filter(|m| m.is_open())
            .map(|m| usize::from(m.first_contact.is_none()) + usize::from(m.effective_until().is_none()))
            .sum::<usize>();
        let handover = self.handover();
        let blockers = handover.blockers(triage.status).len();
        let motorkap_open = usize::from(self.shared.is_empty());
        [
            StepProgress {
                step: Step::FysiekeVeiligheid,
                open: safety.open_items().len(),
                attention: rules_attention,
            },
            StepProgress {
                step: Step::Motorkapoverleg,
                open: motorkap_open,
                attention: false,
            },
            StepProgress {
                step: Step::Triage,
                open: triage.open_criteria.len() + triage.missing.len(),
                attention: triage.is_acute(),
            },
            StepProgress {
                step: Step::OnderzoekEnMaatregelen,
                open: open_measure_points + usize::from(measures.is_empty() && triage.status != TriageStatus::NotAcute),
                attention: !self.conflicts().is_empty(),
            },
            StepProgress {
                step: Step::NietMeerAcuut,
                open: blockers,
                attention: false,
            },
        ]
    }
}

const MEASURE_ATTRIBUTES: [MeasureAttribute; 9] = [
    MeasureAttribute::Owner,
    MeasureAttribute::StartedAt,
    MeasureAttribute::Until,
    MeasureAttribute::ReassessAt,
    MeasureAttribute::FirstContact,
    MeasureAttribute::CallTree,
    MeasureAttribute::Informs,
    MeasureAttribute::Conditions,
    MeasureAttribute::Status,
];

/// Index of events by case, for callers holding many cases.
pub fn group_by_case(events: &[Event]) -> HashMap<CaseId, Vec<&Event>> {
    let mut map: HashMap<CaseId, Vec<&Event>> = HashMap::new();
    for e in events {
        map.entry(e.case_id).or_default().push(e);
    }
    map
}
