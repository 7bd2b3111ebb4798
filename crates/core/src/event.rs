//! Events: every action on a device becomes one immutable event. The case
//! is what the events fold to (`case::CaseState`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};
use uuid::Uuid;

use crate::actor::{Actor, Organisation};
use crate::answer::Answer;
use crate::catalogue::text;
use crate::handover::{ExitCondition, HandoverItem};
use crate::hlc::Hlc;
use crate::honour::{HonourPrompt, OpvangDecision};
use crate::lang::{Label, Lang};
use crate::local_time::local_date;
use crate::measures::{AgreedMeasure, CallRule, ContactPoint, MeasureId, check_text};
pub use crate::measures::{MeasureAttribute, MeasureChange};
use crate::refusal::Refusal;
use crate::sash::{SashItem, SashLevel};
use crate::sharing::consultation::Consultation;
use crate::sharing::{OmContactRecord, SharingRecord};
use crate::steps::{InvestigationPoint, SafetyItem};
use crate::triage::{Criterion, LiftingRoute, ProfessionalJudgement, StructuralCategory, StructuralSubItem};

mod assignment;
mod field_key;
pub use assignment::*;
pub use field_key::*;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A UUIDv7 from a millisecond timestamp and 10 random bytes
            /// supplied by the device (the core does no IO).
            pub fn from_parts(unix_ms: u64, random: [u8; 10]) -> Self {
                Self(uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid())
            }

            /// A fresh UUIDv7 from the system clock and RNG.
            pub fn generate() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_id!(
    /// Id of one event, made on the device that wrote it.
    EventId
);
uuid_id!(
    /// Id of a case, made on the device that opened it.
    CaseId
);
uuid_id!(
    /// Id of a device installation.
    DeviceId
);

/// The shape of an event on the wire. Events live as long as their case,
/// on phones and on the server, so every version ever written must keep
/// loading (`tests/golden_events.rs` holds each version's events).
///
/// - 1: the first shape (2026-11); carried no `schema` field at all.
/// - 2: the same shape, with `schema` written out so later changes can be
///   told apart.
/// - 3: sharing by the pairs of Bijlage 1 (004 l.489-527); the OM contact
///   (`om_contacted`) and consultations (`partner_consulted`) are events of
///   their own, a sharing refers to the OM contact. Older events are still
///   admitted with the sharing rules of their time (`SharingRecord::validate_legacy`).
///   Also in 3: new handover items (VT-melding, zorgmelding per kind, eigen
///   systemen, slachtoffer geïnformeerd, structurele onveiligheid
///   overgedragen, meerwaarde), Bijlage II sub-items and "anders,
///   namelijk". A declaration "niet meer acuut" of version 2 or older is
///   admitted under the blockers of its time (`HandoverBlocker::since`).
/// - 4: the same shape; a declaration "niet meer acuut" of version 4 also
///   waits for a case contained only by art 3 Pw to be assessed again
///   (`HandoverBlocker::RestsOnPolicePresence`). Older ones keep their rules.
/// - 5: the same shape; a declaration of version 5 also waits for an arrest
///   the case rests on to be recorded as a measure
///   (`HandoverBlocker::ArrestNotRecorded`) and for "kinderen aanwezig" to be
///   answered (`HandoverBlocker::ChildrenUnknown`), and for the forensic
///   examination of an injured child (`HandoverBlocker::ForensicExaminationOpen`);
///   a case contained only by oversight of third parties waits for a plan
///   (`HandoverBlocker::OversightWithoutPlan`).
///
/// A version 1 event is written without the field again, so its canonical
/// bytes stay the same: the server compares a retried push byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Schema(pub u16);

impl Schema {
    pub const V1: Schema = Schema(1);
    /// Sharing by Bijlage 1's pairs, OM contacts and consultations as
    /// events; "niet meer acuut" under the handover items of issue 14.
    pub const V3: Schema = Schema(3);
    /// "Niet meer acuut" not while only art 3 Pw keeps the suspect away.
    pub const V4: Schema = Schema(4);
    /// "Niet meer acuut" not before an arrest is recorded as a measure, nor
    /// while it is unknown whether there are children.
    pub const V5: Schema = Schema(5);
    /// What this code writes.
    pub const CURRENT: Schema = Self::V5;

    fn is_v1(&self) -> bool {
        *self == Self::V1
    }

    fn v1() -> Self {
        Self::V1
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Absent on the wire = version 1.
    #[serde(default = "Schema::v1", skip_serializing_if = "Schema::is_v1")]
    pub schema: Schema,
    pub id: EventId,
    pub case_id: CaseId,
    pub author: Actor,
    pub device_id: DeviceId,
    pub stamp: Hlc,
    pub kind: EventKind,
    /// When the server received the event: the time it vouches for
    /// (`trusted_time::accepted_time`). Never part of what a device pushes
    /// or the server stores as the event's bytes (the server keeps it in
    /// its own column, `received_at_ms`, and drops a pushed value); a
    /// device sets it from the pull's answer. Absent on every event written
    /// before, and on a device's own events until they are pulled back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

/// How the report reached the responders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ReportSource {
    /// Melding bij de politie (112 or the police line).
    PoliceReport,
    /// Melding bij Veilig Thuis.
    VeiligThuisReport,
    /// The police came upon it themselves.
    PoliceObservation,
}

crate::lang::vocabulary!(ReportSource, "report_source");

impl ReportSource {
    /// Where a case opened by `organisation` most likely came in: "Een
    /// melding over fysieke onveiligheid kan binnenkomen bij de politie of
    /// Veilig Thuis" (004 l.21). A Veilig Thuis worker opening a case starts
    /// from a melding bij Veilig Thuis, everyone else from the police's.
    /// Only the choice shown first: the person picks the real one.
    pub fn default_for(organisation: crate::actor::Organisation) -> Self {
        match organisation {
            crate::actor::Organisation::VeiligThuis => Self::VeiligThuisReport,
            _ => Self::PoliceReport,
        }
    }
}

/// What kind of situation this is, for follow-up and the evaluation figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum CaseNature {
    PartnerViolence,
    ExPartnerStalking,
    ChildAbuse,
    ChildViolenceToParent,
    HonourBasedViolence,
    ElderAbuse,
    Other,
}

crate::lang::vocabulary!(CaseNature, "case_nature");

/// What happened. Field changes go through `Assigned` so that concurrent
/// edits are detected the same way everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum EventKind {
    CaseOpened {
        reported_at: DateTime<Utc>,
        source: ReportSource,
        /// A hint to find the place again ("Teststraat, achterom"); not a full address.
        address_hint: String,
        /// The werkgebied the case belongs to.
        region: String,
    },
    /// The author takes part in this case (a colleague opened it).
    CaseJoined {
        /// Why a late join ("break-glass": past the join window or after
        /// the case was declared niet meer acuut) was needed; shown to
        /// every participant (`CaseState::late_joins`). Absent in joins
        /// within the window and in every join written before it existed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    Assigned {
        /// The event ids of the values the author saw and replaces. Values
        /// not replaced this way stay visible as a conflict.
        #[serde(default)]
        supersedes: Vec<EventId>,
        assignment: Assignment,
    },
    InformationShared {
        record: SharingRecord,
    },
    MeasureAgreed {
        measure: AgreedMeasure,
    },
    /// The police contacted the OM (004 l.113, l.187): a police fact.
    OmContacted {
        contact: OmContactRecord,
    },
    /// A partner was consulted in the motorkapoverleg (004 l.27).
    PartnerConsulted {
        consultation: Consultation,
    },
}

impl EventKind {
    /// The rules an event kind must meet on its own, at the moment `at` it
    /// is written, by the rules of `schema` (sharing's rules changed in 3).
    pub(crate) fn validate(&self, at: DateTime<Utc>, schema: Schema) -> Result<(), Refusal> {
        match self {
            EventKind::CaseOpened {
                address_hint, region, ..
            } => {
                if region.trim().is_empty() {
                    return Err(Refusal::Empty { field: "region" });
                }
                if let Err(crate::text::TextError::TooLong { max, .. }) =
                    crate::text::AddressHint::check(address_hint, false)
                {
                    return Err(Refusal::TooLong {
                        field: "address_hint",
                        max,
                    });
                }
            }
            EventKind::CaseJoined { reason } => {
                if let Some(r) = reason {
                    crate::text::JoinReason::check(r, true).map_err(|e| Refusal::of_text("join.reason", e))?;
                }
            }
            EventKind::Assigned { assignment, .. } => assignment.validate(at)?,
            EventKind::InformationShared { record } if schema >= Schema::V3 => record.validate_current()?,
            EventKind::InformationShared { record } => record.validate_legacy(at)?,
            EventKind::MeasureAgreed { measure } => measure.validate_at(at)?,
            EventKind::OmContacted { contact } => contact.validate(at)?,
            EventKind::PartnerConsulted { consultation } => consultation.validate(at)?,
        }
        Ok(())
    }

    /// One line saying what was recorded, e.g. for the "niet verzonden" list.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Self::CaseOpened { address_hint, .. } => {
                format!("{} ({address_hint})", text(lang, "event-case_started"))
            }
            Self::CaseJoined { .. } => text(lang, "event_kind-case_joined").to_string(),
            Self::Assigned { assignment, .. } => {
                format!("{}: {}", assignment.key().label(lang), assignment.value_text(lang))
            }
            Self::InformationShared { record } => format!(
                "{}: {} → {}",
                text(lang, "event-information_shared"),
                record.from.label(lang),
                record.to.label(lang)
            ),
            Self::MeasureAgreed { measure } => {
                format!("{}: {}", text(lang, "event-measure_agreed"), measure.kind.label(lang))
            }
            Self::OmContacted { contact } => format!("{}: {}", text(lang, "event-om_contacted"), contact.officer),
            Self::PartnerConsulted { consultation } => format!(
                "{}: {}",
                text(lang, "event-partner_consulted"),
                consultation.with.label(lang)
            ),
        }
    }
}

/// Longest address hint: enough to find the door again, no more.
pub const ADDRESS_HINT_MAX: usize = crate::text::AddressHint::MAX;

impl Event {
    /// Checks what the protocol requires of an event before it may be
    /// stored or sent. The server calls this on every pushed event.
    pub fn validate(&self) -> Result<(), Refusal> {
        self.validate_header()?;
        self.kind.validate(self.stamp.to_utc(), self.schema)
    }

    /// The rules about the envelope: id, version, author.
    pub(crate) fn validate_header(&self) -> Result<(), Refusal> {
        if self.schema > Schema::CURRENT {
            return Err(Refusal::NewerSchema);
        }
        if self.id.0.get_version() != Some(uuid::Version::SortRand) {
            return Err(Refusal::NotUuidV7);
        }
        if self.author.display_name.trim().is_empty() {
            return Err(Refusal::AuthorNameMissing);
        }
        Ok(())
    }

    /// Whether `viewer`'s organisation may see this event. Every event is
    /// visible except an OM contact (police and OM), a consultation (the
    /// author's organisation and the one consulted) and a shared item, which only the sender's and the
    /// receiver's organisation see (`sharing::visible_to`, 004 l.442; 000
    /// l.353-354). The organisation that recorded it knows it already and
    /// keeps it too (admission makes the author's organisation the sender
    /// on every new event; this only matters for events written before).
    pub fn visible_to(&self, viewer: Organisation) -> bool {
        match &self.kind {
            EventKind::InformationShared { record } => {
                crate::sharing::visible_to(record, viewer) || self.author.organisation == viewer
            }
            // "Vóór het delen ... contact opgenomen met het OM" is the
            // police's reguliere lijn (004 l.113): a police fact, seen by
            // the police and the OM only.
            EventKind::OmContacted { .. } => matches!(viewer, Organisation::Police | Organisation::Om),
            EventKind::PartnerConsulted { consultation } => {
                crate::sharing::consultation::visible_to(consultation, self.author.organisation, viewer)
            }
            _ => true,
        }
    }

    /// Order in which events fold: by stamp, then by id.
    pub fn order_key(&self) -> (Hlc, EventId) {
        (self.stamp, self.id)
    }
}

/// The events `viewer`'s organisation may see (`Event::visible_to`), in
/// their order: what the server sends a device and folds for a shift lead.
pub fn visible_events<E: std::borrow::Borrow<Event>>(
    events: impl IntoIterator<Item = E>,
    viewer: Organisation,
) -> impl Iterator<Item = E> {
    events.into_iter().filter(move |e| e.borrow().visible_to(viewer))
}
