//! Commands in, events out: the only way an event is made.
//!
//! A screen says what the person wants (`Command`); `CaseState::decide`
//! answers with the event that records it or a typed `Refusal`. Every rule
//! that decides what may be written lives behind `decide` and `admit`, and
//! the server runs the same `admit` on every pushed event, so a rule exists
//! once and a modified client cannot get past it (the decider pattern:
//! `decide(command, state) -> event`, `fold(events) -> state`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::actor::{Actor, Organisation};
use crate::case::CaseState;
use crate::event::{Assignment, EventKind, ReportSource};
use crate::measures::{AgreedMeasure, CallRule, ContactPoint, MeasureId, MeasureKind, MeasureOwner, MeasureRoles};
use crate::refusal::Refusal;
use crate::sharing::consultation::{ConsultTopic, Consultation};
use crate::sharing::{InfoCategory, LegalGround, OmContactRecord, SharingRecord};
use crate::text::{AddressHint, JoinReason, SharedSummary, ShortText};

/// What a person on scene asks the case to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start a case in the author's region.
    OpenCase {
        reported_at: DateTime<Utc>,
        source: ReportSource,
        address_hint: AddressHint,
        region: String,
    },
    /// Take part in a colleague's case; `reason` when core says a late
    /// join needs one (`CaseState::join_need`, the joinable list's
    /// `reason_required`).
    JoinCase { reason: Option<JoinReason> },
    /// Set one field, replacing every value this device sees for it now;
    /// also how a conflict is resolved ("deze aanhouden").
    Set(Assignment),
    /// Record an item shared in the motorkapoverleg between two partners,
    /// one of them the author's organisation (Bijlage 1, 004 l.489-527).
    ShareInformation {
        record_id: Uuid,
        from: Organisation,
        to: Organisation,
        category: InfoCategory,
        legal_ground: LegalGround,
        summary: SharedSummary,
        /// The recorded OM contact art 9 Wpg information rests on (004 l.113).
        om_contact_id: Option<Uuid>,
        /// The written reason for also sharing on vital interest (6.1.d AVG).
        vital_interest: Option<ShortText>,
        /// "Zwaarwegend belang" confirmed (police and OM, 004 l.510, l.515).
        weighty_interest: bool,
    },
    /// Record the police's contact with the OM (004 l.113): when, with which
    /// officer, and whether the OM lets the art 9 Wpg information be shared.
    RecordOmContact {
        contact_id: Uuid,
        /// When the contact took place; `None` = now.
        contacted_at: Option<DateTime<Utc>>,
        officer: ShortText,
        may_share: bool,
        decision: SharedSummary,
    },
    /// Record a consultation of a partner (004 l.27): with whom, on what, the advice.
    RecordConsultation {
        consultation_id: Uuid,
        with: Organisation,
        topic: ConsultTopic,
        /// When the partner was consulted; `None` = now.
        consulted_at: Option<DateTime<Utc>>,
        advice: SharedSummary,
    },
    /// Agree a measure. `owner` is one of `MeasureKind::owner_organisations`
    /// (who imposes or carries it out, not necessarily the author's
    /// organisation); `owner_person` names the person there, and may be left
    /// out only when the author's own organisation owns it. With
    /// `started_at` ("ingegaan om", which may lie before now: an arrest
    /// entered late keeps its own moment) the measure is recorded as
    /// opgelegd / ingegaan, without it as afgesproken / te overwegen.
    AgreeMeasure {
        measure_id: MeasureId,
        kind: MeasureKind,
        owner: Organisation,
        owner_person: Option<ShortText>,
        started_at: Option<DateTime<Utc>>,
        first_contact: Option<FirstContact>,
    },
    /// Confirm the veiligheidsbeoordeling (004 l.450, l.307): a Veilig Thuis
    /// account on scene (`by_phone_with: None`), or a police account that
    /// assessed it with VT by phone, naming the VT worker.
    ConfirmSafetyAssessment { by_phone_with: Option<ShortText> },
    /// Agree who of the partners is "eerste aanspreekpunt voor het totaal
    /// aan veiligheidsmaatregelen" (004 l.302): any partner, with a person
    /// and a phone number. Needed before "niet meer acuut" (`handover`).
    AgreeFirstContact {
        organisation: Organisation,
        person: ShortText,
        phone: ShortText,
    },
    /// Agree "wie belt wie wanneer als er iets verandert in de mate van
    /// onveiligheid" for the whole case (004 l.303): the whole list, in
    /// both directions; an empty list withdraws every rule.
    AgreeCallTree { rules: Vec<CallRule> },
}

/// The first point of contact as typed on scene.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstContact {
    pub person: ShortText,
    pub phone: ShortText,
}

impl CaseState {
    /// Decides what `command` by `actor` at `now` records: the event kind
    /// to write, or why not. The event the device then makes passes
    /// `admit` (tested), so the server will take it too.
    pub fn decide(&self, command: Command, actor: &Actor, now: DateTime<Utc>) -> Result<EventKind, Refusal> {
        if !actor.role.records_on_scene() {
            return Err(Refusal::RoleMayNotRecord);
        }
        let opened = self.opening.is_some();
        let kind = match command {
            Command::OpenCase {
                reported_at,
                source,
                address_hint,
                region,
            } => {
                if opened {
                    return Err(Refusal::CaseAlreadyOpened);
                }
                EventKind::CaseOpened {
                    reported_at,
                    source,
                    address_hint: address_hint.into_string(),
                    region,
                }
            }
            // A join may come before this device holds the case: the
            // joinable list is the server's, the events follow the join,
            // and the server checks the window with its own clock.
            Command::JoinCase { reason } => {
                let reason = reason.map(JoinReason::into_string);
                if opened {
                    self.check_join(actor, reason.as_deref(), now, crate::membership::JoinPolicy::default())?;
                } else if !crate::membership::on_scene(actor.organisation) {
                    return Err(Refusal::OrganisationNotOnScene);
                }
                EventKind::CaseJoined { reason }
            }
            _ if !opened => return Err(Refusal::CaseNotOpened),
            Command::Set(assignment) => self.assign(assignment),
            Command::AgreeFirstContact {
                organisation,
                person,
                phone,
            } => self.assign(Assignment::CaseFirstContact {
                contact: Some(ContactPoint {
                    organisation,
                    person: person.into_string(),
                    phone: phone.into_string(),
                }),
            }),
            Command::AgreeCallTree { rules } => self.assign(Assignment::CaseCallTree { rules }),
            Command::ConfirmSafetyAssessment { by_phone_with } => self.assign(Assignment::SafetyAssessmentConfirmed {
                by_phone_with: by_phone_with.map(ShortText::into_string),
            }),
            Command::ShareInformation {
                record_id,
                from,
                to,
                category,
                legal_ground,
                summary,
                om_contact_id,
                vital_interest,
                weighty_interest,
            } => EventKind::InformationShared {
                record: SharingRecord {
                    record_id,
                    from,
                    to,
                    category,
                    legal_ground,
                    summary: summary.into_string(),
                    om_contact: None,
                    om_contact_id,
                    vital_interest: vital_interest.map(ShortText::into_string),
                    weighty_interest,
                },
            },
            Command::RecordOmContact {
                contact_id,
                contacted_at,
                officer,
                may_share,
                decision,
            } => EventKind::OmContacted {
                contact: OmContactRecord {
                    contact_id,
                    contacted_at: contacted_at.unwrap_or(now),
                    officer: officer.into_string(),
                    may_share,
                    decision: decision.into_string(),
                },
            },
            Command::RecordConsultation {
                consultation_id,
                with,
                topic,
                consulted_at,
                advice,
            } => EventKind::PartnerConsulted {
                consultation: Consultation {
                    consultation_id,
                    with,
                    topic,
                    consulted_at: consulted_at.unwrap_or(now),
                    advice: advice.into_string(),
                },
            },
            Command::AgreeMeasure {
                measure_id,
                kind,
                owner,
                owner_person,
                started_at,
                first_contact,
            } => {
                let person = match owner_person {
                    Some(p) => p.into_string(),
                    None if owner == actor.organisation => actor.display_name.clone(),
                    None => return Err(Refusal::Empty { field: "owner.person" }),
                };
                let mut m = AgreedMeasure::new(
                    measure_id,
                    kind,
                    MeasureOwner {
                        organisation: owner,
                        person,
                    },
                );
                m.started_at = started_at;
                m.imposed_when_started();
                m.first_contact = first_contact.map(|c| ContactPoint {
                    organisation: actor.organisation,
                    person: c.person.into_string(),
                    phone: c.phone.into_string(),
                });
                // No call rule is added by itself any more: "wie belt wie
                // wanneer" is agreed explicitly, for the whole case
                // (`AgreeCallTree`, 004 l.303). Measures agreed before
                // still carry the rule they were given and show it.
                EventKind::MeasureAgreed { measure: m }
            }
        };
        // Every text capped, free of control and bidi characters, in NFC
        // (`bounds`, the same walk the server runs on push).
        let kind = crate::bounds::tidy_kind(kind)?;
        self.admit_kind(&kind, actor, now, crate::event::Schema::CURRENT)?;
        self.check_whole_case_kind(&kind, now, crate::event::Schema::CURRENT)?;
        Ok(kind)
    }

    /// Who advises, requests, imposes and supervises `kind` in this case.
    /// With a minor suspect ("Verdachte minderjarig" = ja) the role of 3RO
    /// falls away: the RvdK advises (002 l.1214–1217) and jeugdreclassering
    /// supervises the execution with OM and police ("(toezicht op de)
    /// uitvoering (OM, politie en of JR)", 002 l.1258–1260). "Onbekend" keeps
    /// the adult route, which names 3RO; the step 3 screen asks the question.
    pub fn measure_roles(&self, kind: MeasureKind) -> MeasureRoles {
        let minor = self.suspect_is_minor() == crate::answer::Answer::Yes;
        let mut roles = kind.roles(minor);
        // EGG: the danger comes from the network (002 l.358-365), so the
        // network is never toezichthouder (`crate::honour`).
        if self.is_honour_based() {
            roles.supervises = crate::honour::without_network(roles.supervises);
        }
        roles
    }

    /// Whether the SASH questions are offered. The police use the SASH "bij
    /// stalking" (002 l.1669), three of its questions only for ex-partner
    /// stalking (l.1675-1677): offered when the case is ex-partner stalking,
    /// when a pattern of unwanted contact is reported (A8 "ja"), when intiem
    /// terreur after a breakup is (A6 "ja": a breakup past its two weeks
    /// makes the triage advise the SASH, `TriageWarning::BreakupOutside14Days`,
    /// so it must be on the screen), and once any SASH answer was given (so
    /// given answers never vanish from the screen).
    pub fn sash_applies(&self) -> bool {
        use crate::answer::Answer;
        use crate::triage::Criterion;
        self.nature() == Some(crate::event::CaseNature::ExPartnerStalking)
            || self.criterion(Criterion::StalkingWithFear) == Answer::Yes
            || self.criterion(Criterion::IntimateTerrorRecentBreakup) == Answer::Yes
            || self.sash_answers().is_some()
    }

    /// Criteria a SASH answer points to while they are not "ja" yet: doodsangst
    /// (002 l.1690-1691) is what A8 asks (002 l.1081-1084); ignored warnings
    /// or broken conditions (l.1710-1711) is what A9 asks (l.1086-1087).
    /// The screen asks the person on scene to look at them again; it never
    /// answers a criterion by itself.
    pub fn sash_prompts(&self) -> Vec<crate::triage::Criterion> {
        use crate::answer::Answer;
        use crate::sash::SashItem;
        use crate::triage::Criterion;
        let Some(sash) = self.sash_answers() else {
            return Vec::new();
        };
        [
            (SashItem::FearOfDeath, Criterion::StalkingWithFear),
            (
                SashItem::IgnoredWarningOrConditions,
                Criterion::BreachOfSafetyConditions,
            ),
        ]
        .into_iter()
        .filter(|(item, criterion)| sash.get(*item) == Answer::Yes && self.criterion(*criterion) != Answer::Yes)
        .map(|(_, criterion)| criterion)
        .collect()
    }
}
