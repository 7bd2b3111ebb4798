//! Admission: whether a case may take an event. The same rules run where
//! an event is made (`CaseState::decide`), where a device folds what it
//! pulled (`CaseState::apply` skips what is refused) and where the server
//! receives a push, so a modified client cannot get past a rule the app
//! keeps.

use chrono::{DateTime, Utc};

use crate::actor::Actor;
use crate::case::CaseState;
use crate::event::{Assignment, Event, EventKind};
use crate::refusal::Refusal;

impl CaseState {
    /// Whether this case may take `event`: the protocol's rules for an
    /// event on its own and against the case as folded so far. The fold
    /// skips what this refuses, and the server refuses it on push.
    pub fn admit(&self, event: &Event) -> Result<(), Refusal> {
        event.validate_header()?;
        self.admit_kind(&event.kind, &event.author, event.stamp.to_utc())
    }

    /// The rules that need the author or the case.
    pub(crate) fn admit_kind(&self, kind: &EventKind, author: &Actor, at: DateTime<Utc>) -> Result<(), Refusal> {
        if !author.role.records_on_scene() {
            return Err(Refusal::RoleMayNotRecord);
        }
        kind.validate(at)?;
        match kind {
            EventKind::InformationShared { record } if record.from != author.organisation => {
                return Err(Refusal::SharedForAnotherOrganisation);
            }
            EventKind::Assigned {
                assignment: Assignment::Measure { measure_id, change },
                ..
            } => {
                let header = self.measure_header(measure_id).ok_or(Refusal::UnknownMeasure)?;
                change.check_for(header.kind)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Whether an event of this kind depends on what the case already holds
    /// (the server folds the stored case only for such pushes).
    pub fn needs_case(kind: &EventKind) -> bool {
        matches!(
            kind,
            EventKind::Assigned {
                assignment: Assignment::Measure { .. },
                ..
            }
        )
    }
}
