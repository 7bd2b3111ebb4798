//! Admission: whether a case may take an event. The same rules run where
//! an event is made (`CaseState::decide`), where a device folds what it
//! pulled (`CaseState::apply` skips what is refused) and where the server
//! receives a push, so a modified client cannot get past a rule the app
//! keeps.

use chrono::{DateTime, Utc};

use crate::actor::{Actor, Role};
use crate::case::CaseState;
use crate::event::{Assignment, Event, EventKind};
use crate::handover::HandoverItem;
use crate::refusal::Refusal;

impl CaseState {
    /// Whether this case may take `event`: the protocol's rules for an
    /// event on its own and against the case as folded so far. The fold
    /// skips what this refuses, and the server refuses it on push.
    pub fn admit(&self, event: &Event) -> Result<(), Refusal> {
        event.validate_header()?;
        // The time the server vouches for, not only the device's (issue 13 §3).
        let at = crate::trusted_time::accepted_time(event.stamp, event.received_at);
        self.admit_kind(&event.kind, &event.author, at)
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
                // The measure as it would be after this change keeps every
                // rule: no "opgelegd / ingegaan" without its start (002
                // l.20, 452–454, 559–560), no huisverbod past ten days
                // without an extension.
                // Only the rules the change touches: ending or withdrawing a
                // measure recorded before these rules is never blocked.
                if let Some(mut m) = self.measures().into_iter().find(|m| m.measure_id == *measure_id) {
                    change.apply_to(&mut m);
                    m.check_after(change.attribute())?;
                }
            }
            EventKind::Assigned {
                assignment: Assignment::SafetyAssessmentConfirmed { by_phone_with },
                ..
            } => self.check_assessment_confirmation(author, by_phone_with.as_deref())?,
            // "Niet meer acuut" only when nothing stands in the way: the
            // exit conditions of 004 l.307, not acute, and someone taking over.
            EventKind::Assigned {
                assignment:
                    Assignment::Handover {
                        item: HandoverItem::Declared { not_acute: true },
                    },
                ..
            } => {
                if let Some(first) = self.handover().blockers(self.triage(at).status).first() {
                    return Err(Refusal::HandoverBlocked(*first));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Who may confirm the veiligheidsbeoordeling, and when. Veilig Thuis
    /// makes it (004 l.450, l.27): a VT account confirms directly; a police
    /// account only records that it was assessed with VT by phone (004 l.96
    /// "telefonisch contact", l.410 beeldbellen) and names the VT worker, so
    /// it can be traced to VT. The answers it rests on must be given first
    /// (the Bijlage II criteria, access, oversight): confirming an
    /// assessment with open questions would make the unassessed look safe.
    fn check_assessment_confirmation(&self, author: &Actor, by_phone_with: Option<&str>) -> Result<(), Refusal> {
        match author.role {
            Role::VeiligThuis => {}
            Role::Police if by_phone_with.is_some_and(|n| !n.trim().is_empty()) => {}
            Role::Police => return Err(Refusal::VtWorkerNameRequired),
            Role::ShiftLead | Role::Admin => return Err(Refusal::RoleMayNotRecord),
        }
        match self.safety_assessment().first_open_answer() {
            Some(gap) => Err(Refusal::AssessmentIncomplete(gap)),
            None => Ok(()),
        }
    }

    /// Whether an event of this kind depends on what the case already holds
    /// (the server folds the stored case only for such pushes).
    pub fn needs_case(kind: &EventKind) -> bool {
        // A join is checked against the case's phase and opening time.
        matches!(
            kind,
            EventKind::CaseJoined { .. }
                | EventKind::Assigned {
                    assignment: Assignment::Measure { .. }
                        | Assignment::SafetyAssessmentConfirmed { .. }
                        | Assignment::Handover {
                            item: HandoverItem::Declared { not_acute: true }
                        },
                    ..
                }
        )
    }
}
