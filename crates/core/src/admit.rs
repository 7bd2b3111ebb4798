//! Admission: whether a case may take an event. The same rules run where
//! an event is made (`CaseState::decide`), where a device folds what it
//! pulled (`CaseState::apply` skips what is refused) and where the server
//! receives a push, so a modified client cannot get past a rule the app
//! keeps.

use chrono::{DateTime, Utc};

use crate::actor::{Actor, Organisation, Role};
use crate::case::CaseState;
use crate::event::{Assignment, Event, EventKind, Schema};
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
        self.admit_kind(&event.kind, &event.author, at, event.schema)
    }

    /// Whether the case already holds the record `kind` would add.
    fn already_recorded(&self, kind: &EventKind) -> bool {
        match kind {
            EventKind::InformationShared { record } => self.shared_ids.contains(&record.record_id),
            EventKind::OmContacted { contact } => self.om_contact(contact.contact_id).is_some(),
            EventKind::PartnerConsulted { consultation } => self
                .consultations
                .iter()
                .any(|c| c.consultation.consultation_id == consultation.consultation_id),
            _ => false,
        }
    }

    /// The rules that need the author or the case.
    /// `schema` is the event's version: sharing's rules changed in 3.
    pub(crate) fn admit_kind(
        &self,
        kind: &EventKind,
        author: &Actor,
        at: DateTime<Utc>,
        schema: Schema,
    ) -> Result<(), Refusal> {
        if !author.role.records_on_scene() {
            return Err(Refusal::RoleMayNotRecord);
        }
        kind.validate(at, schema)?;
        // One record per id: a form sent twice (a double tap, a retried
        // command) records one shared item, OM contact or consultation
        // (issue 17 §2), as `MeasureAgreed` below does for measures.
        if self.already_recorded(kind) {
            return Err(Refusal::AlreadyRecorded);
        }
        // Eergerelateerd geweld: verblijfplaats and the network (`crate::honour`).
        self.check_honour(kind)?;
        match kind {
            // Since schema 3 the person recording may be the receiver too
            // (VT records what the RvdK told it, 004 l.110); before, only
            // the sender recorded.
            EventKind::InformationShared { record }
                if schema >= Schema::V3 && record.from != author.organisation && record.to != author.organisation =>
            {
                return Err(Refusal::SharedForAnotherOrganisation);
            }
            EventKind::InformationShared { record } if schema < Schema::V3 && record.from != author.organisation => {
                return Err(Refusal::SharedForAnotherOrganisation);
            }
            // Art 9 Wpg information rests on an OM contact recorded before
            // it in which the OM said yes (004 l.113). A contact this fold
            // does not hold is hidden from its organisation (a police fact,
            // `Event::visible_to`): the server checked it against the whole
            // case (`check_whole_case`) before storing the sharing.
            EventKind::InformationShared { record } if schema >= Schema::V3 => {
                if let Some(contact) = record.om_contact_id.and_then(|id| self.om_contact(id)) {
                    record.check_om_contact(Some(contact), at)?;
                }
            }
            // One measure per id: a double tap on "Afspreken" sends the
            // form's id twice and records one measure (issue 17 §2).
            EventKind::MeasureAgreed { measure } if self.measure_header(&measure.measure_id).is_some() => {
                return Err(Refusal::MeasureAlreadyAgreed);
            }
            // The police contact the OM (004 l.113, l.187).
            EventKind::OmContacted { .. } if author.organisation != Organisation::Police => {
                return Err(Refusal::OmContactByPoliceOnly);
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
                if let Some(mut m) = self.agreed_measure(measure_id) {
                    change.apply_to(&mut m);
                    m.check_after(change.attribute())?;
                    if change.attribute() == crate::event::MeasureAttribute::Until
                        && let Some(opening) = &self.opening
                    {
                        m.check_until(opening.opened_at, at)?;
                    }
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
            } => self.admit_declaration(kind, at, schema)?,
            _ => {}
        }
        Ok(())
    }

    /// "Niet meer acuut" only when nothing stands in the way, under the
    /// blockers of the event's shape (`HandoverBlocker::since`): `decide`
    /// writes the current shape and `admit` passes the event's, so an old
    /// declaration keeps folding while a new one meets every rule.
    pub(crate) fn admit_declaration(&self, kind: &EventKind, at: DateTime<Utc>, schema: Schema) -> Result<(), Refusal> {
        let declares = matches!(
            kind,
            EventKind::Assigned {
                assignment: Assignment::Handover {
                    item: HandoverItem::Declared { not_acute: true },
                },
                ..
            }
        );
        if !declares {
            return Ok(());
        }
        match self.handover().blockers_for(&self.triage(at), schema).first() {
            Some(first) => Err(Refusal::HandoverBlocked(*first)),
            None => Ok(()),
        }
    }

    /// The rules that need facts not every organisation sees, run where the
    /// whole case is known: `decide` and the server on every push (before
    /// `admit`). Art 9 Wpg information needs an OM contact, recorded before
    /// it, in which the OM said yes (004 l.113); the receiving
    /// organisation's fold cannot see that contact, so it is checked here.
    pub fn check_whole_case(&self, event: &Event) -> Result<(), Refusal> {
        let at = crate::trusted_time::accepted_time(event.stamp, event.received_at);
        self.check_whole_case_kind(&event.kind, at, event.schema)
    }

    pub(crate) fn check_whole_case_kind(
        &self,
        kind: &EventKind,
        at: DateTime<Utc>,
        schema: Schema,
    ) -> Result<(), Refusal> {
        if let EventKind::InformationShared { record } = kind {
            // Written now: Bijlage 1's rules whatever schema the event
            // claims, so a client cannot get past them by writing an older
            // version (an old app's unsent record is refused with the
            // reason; stored old events keep folding, the fold skips this).
            if schema < Schema::V3 {
                record.validate_current()?;
            }
            let contact = record.om_contact_id.and_then(|id| self.om_contact(id));
            record.check_om_contact(contact, at)?;
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
        // A join is checked against the case's phase and opening time; the
        // EGG rules need to know whether the case is EGG (`crate::honour`).
        // Art 9 Wpg information is checked against the case's OM contacts.
        if let EventKind::InformationShared { record } = kind
            && record.category.is_art9_wpg()
        {
            return true;
        }
        matches!(
            kind,
            EventKind::CaseJoined { .. }
                | EventKind::InformationShared {
                    record: crate::sharing::SharingRecord {
                        category: crate::sharing::InfoCategory::Verblijfplaats,
                        ..
                    }
                }
                | EventKind::MeasureAgreed { .. }
                | EventKind::Assigned {
                    assignment: Assignment::Measure {
                        change: crate::measures::MeasureChange::Owner { .. },
                        ..
                    },
                    ..
                }
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
