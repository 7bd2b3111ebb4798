//! Events: every action on a device becomes one immutable event. The case
//! is what the events fold to (`case::CaseState`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};
use uuid::Uuid;

use crate::actor::Actor;
use crate::answer::Answer;
use crate::catalogue::text;
use crate::handover::{ExitCondition, HandoverItem};
use crate::hlc::Hlc;
use crate::lang::{Label, Lang};
use crate::local_time::local_date;
use crate::measures::{AgreedMeasure, MeasureId, check_text};
pub use crate::measures::{MeasureAttribute, MeasureChange};
use crate::refusal::Refusal;
use crate::sash::{SashItem, SashLevel};
use crate::sharing::SharingRecord;
use crate::steps::{InvestigationPoint, SafetyItem};
use crate::triage::{Criterion, LiftingRoute, ProfessionalJudgement, StructuralCategory};

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
///
/// A version 1 event is written without the field again, so its canonical
/// bytes stay the same: the server compares a retried push byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Schema(pub u16);

impl Schema {
    pub const V1: Schema = Schema(1);
    /// What this code writes.
    pub const CURRENT: Schema = Schema(2);

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

/// The value of one single-valued field of a case. Concurrent assignments
/// to the same field are kept side by side as a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "snake_case", deny_unknown_fields)]
pub enum Assignment {
    Safety {
        item: SafetyItem,
        done: bool,
    },
    ChildrenPresent {
        answer: Answer,
    },
    Nature {
        nature: CaseNature,
    },
    Criterion {
        criterion: Criterion,
        answer: Answer,
    },
    RelationshipEndedOn {
        date: Option<NaiveDate>,
    },
    SuspectHasAccess {
        answer: Answer,
    },
    ThirdPartyOversight {
        answer: Answer,
    },
    LiftingRoute {
        route: LiftingRoute,
        applied: bool,
    },
    ProfessionalJudgement {
        judgement: Option<ProfessionalJudgement>,
    },
    Sash {
        item: SashItem,
        answer: Answer,
    },
    SashAssessorLevel {
        level: Option<SashLevel>,
    },
    Structural {
        category: StructuralCategory,
        answer: Answer,
    },
    Investigation {
        point: InvestigationPoint,
        done: bool,
        note: String,
    },
    Measure {
        measure_id: MeasureId,
        change: MeasureChange,
    },
    Handover {
        item: HandoverItem,
    },
}

/// Which register an assignment writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Safety(SafetyItem),
    ChildrenPresent,
    Nature,
    Criterion(Criterion),
    RelationshipEndedOn,
    SuspectHasAccess,
    ThirdPartyOversight,
    LiftingRoute(LiftingRoute),
    ProfessionalJudgement,
    Sash(SashItem),
    SashAssessorLevel,
    Structural(StructuralCategory),
    Investigation(InvestigationPoint),
    Measure(MeasureId, MeasureAttribute),
    Handover(HandoverKey),
}

impl Label for FieldKey {
    /// What the field is called on screen, so a conflict says what it is about.
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Safety(item) => item.label(lang),
            Self::ChildrenPresent => text(lang, "field_key-children_present"),
            Self::Nature => text(lang, "field_key-nature"),
            Self::Criterion(c) => c.label(lang),
            Self::RelationshipEndedOn => text(lang, "field_key-relationship_ended_on"),
            Self::SuspectHasAccess => text(lang, "field_key-suspect_has_access"),
            Self::ThirdPartyOversight => text(lang, "field_key-third_party_oversight"),
            Self::LiftingRoute(r) => r.label(lang),
            Self::ProfessionalJudgement => text(lang, "field_key-professional_judgement"),
            Self::Sash(item) => item.label(lang),
            Self::SashAssessorLevel => text(lang, "field_key-sash_assessor_level"),
            Self::Structural(c) => c.label(lang),
            Self::Investigation(p) => p.label(lang),
            Self::Measure(_, attribute) => attribute.label(lang),
            Self::Handover(key) => match key {
                HandoverKey::ExitCondition(c) => c.label(lang),
                HandoverKey::HandedOverTo => text(lang, "handover_key-handed_over_to"),
                HandoverKey::WarmHandover => text(lang, "handover_key-warm_handover"),
                HandoverKey::ResponseMode => text(lang, "handover_key-response_mode"),
                HandoverKey::UsefulInformation => text(lang, "handover_key-useful_information"),
                HandoverKey::MissingInformation => text(lang, "handover_key-missing_information"),
                HandoverKey::Declared => text(lang, "handover_key-declared"),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverKey {
    ExitCondition(ExitCondition),
    HandedOverTo,
    WarmHandover,
    ResponseMode,
    UsefulInformation,
    MissingInformation,
    Declared,
}

impl Assignment {
    pub fn key(&self) -> FieldKey {
        match self {
            Self::Safety { item, .. } => FieldKey::Safety(*item),
            Self::ChildrenPresent { .. } => FieldKey::ChildrenPresent,
            Self::Nature { .. } => FieldKey::Nature,
            Self::Criterion { criterion, .. } => FieldKey::Criterion(*criterion),
            Self::RelationshipEndedOn { .. } => FieldKey::RelationshipEndedOn,
            Self::SuspectHasAccess { .. } => FieldKey::SuspectHasAccess,
            Self::ThirdPartyOversight { .. } => FieldKey::ThirdPartyOversight,
            Self::LiftingRoute { route, .. } => FieldKey::LiftingRoute(*route),
            Self::ProfessionalJudgement { .. } => FieldKey::ProfessionalJudgement,
            Self::Sash { item, .. } => FieldKey::Sash(*item),
            Self::SashAssessorLevel { .. } => FieldKey::SashAssessorLevel,
            Self::Structural { category, .. } => FieldKey::Structural(*category),
            Self::Investigation { point, .. } => FieldKey::Investigation(*point),
            Self::Measure { measure_id, change } => FieldKey::Measure(*measure_id, change.attribute()),
            Self::Handover { item } => FieldKey::Handover(match item {
                HandoverItem::ExitCondition { condition, .. } => HandoverKey::ExitCondition(*condition),
                HandoverItem::HandedOverTo { .. } => HandoverKey::HandedOverTo,
                HandoverItem::WarmHandover { .. } => HandoverKey::WarmHandover,
                HandoverItem::ResponseMode { .. } => HandoverKey::ResponseMode,
                HandoverItem::UsefulInformation { .. } => HandoverKey::UsefulInformation,
                HandoverItem::MissingInformation { .. } => HandoverKey::MissingInformation,
                HandoverItem::Declared { .. } => HandoverKey::Declared,
            }),
        }
    }

    /// The value in words, for conflicts and the summary.
    pub fn value_text(&self, lang: Lang) -> String {
        let yes_no = |b: bool| if b { Answer::Yes } else { Answer::No }.label(lang).to_string();
        let orgs =
            |list: &[crate::actor::Organisation]| list.iter().map(|o| o.label(lang)).collect::<Vec<_>>().join(", ");
        let time = |t: &Option<DateTime<Utc>>| t.map(crate::local_time::local_time_text).unwrap_or_else(|| "—".into());
        match self {
            Self::Safety { done, .. } | Self::LiftingRoute { applied: done, .. } => yes_no(*done),
            Self::ChildrenPresent { answer }
            | Self::Criterion { answer, .. }
            | Self::SuspectHasAccess { answer }
            | Self::ThirdPartyOversight { answer }
            | Self::Sash { answer, .. }
            | Self::Structural { answer, .. } => answer.label(lang).to_string(),
            Self::Nature { nature } => nature.label(lang).to_string(),
            Self::RelationshipEndedOn { date } => date
                .map(|d| d.format("%d-%m-%Y").to_string())
                .unwrap_or_else(|| "—".into()),
            Self::ProfessionalJudgement { judgement } => match judgement {
                Some(j) if j.acute => format!("{}: {}", text(lang, "event-acute"), j.reason),
                Some(j) => format!("{}: {}", text(lang, "case_status-not_acute"), j.reason),
                None => "—".into(),
            },
            Self::SashAssessorLevel { level } => level.map(|l| l.label(lang)).unwrap_or("—").to_string(),
            Self::Investigation { done, note, .. } if note.is_empty() => yes_no(*done),
            Self::Investigation { done, note, .. } => format!("{} — {note}", yes_no(*done)),
            Self::Measure { change, .. } => match change {
                MeasureChange::Owner { owner } => {
                    format!("{} ({})", owner.person, owner.organisation.label(lang))
                }
                MeasureChange::StartedAt { at } | MeasureChange::Until { at } | MeasureChange::ReassessAt { at } => {
                    time(at)
                }
                MeasureChange::FirstContact { contact } => match contact {
                    Some(c) => {
                        format!("{} ({}), {}", c.person, c.organisation.label(lang), c.phone)
                    }
                    None => "—".into(),
                },
                MeasureChange::CallTree { rules } => rules.iter().map(|r| r.text(lang)).collect::<Vec<_>>().join("; "),
                MeasureChange::Informs { rules } => rules.iter().map(|r| r.text(lang)).collect::<Vec<_>>().join("; "),
                MeasureChange::Conditions { conditions } => {
                    conditions.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(", ")
                }
                MeasureChange::Status { status } => status.label(lang).to_string(),
            },
            Self::Handover { item } => match item {
                HandoverItem::ExitCondition { met: b, .. }
                | HandoverItem::WarmHandover { done: b }
                | HandoverItem::Declared { not_acute: b } => yes_no(*b),
                HandoverItem::HandedOverTo { organisations } => orgs(organisations),
                HandoverItem::ResponseMode { mode } => mode.label(lang).to_string(),
                HandoverItem::UsefulInformation { categories } | HandoverItem::MissingInformation { categories } => {
                    categories.iter().map(|c| c.label(lang)).collect::<Vec<_>>().join(", ")
                }
            },
        }
    }

    fn validate(&self, at: DateTime<Utc>) -> Result<(), Refusal> {
        match self {
            Self::ProfessionalJudgement { judgement: Some(j) } => {
                if j.acute && j.reason.trim().is_empty() {
                    return Err(Refusal::ReasonRequired);
                }
                check_text("professional_judgement.reason", &j.reason, false)?;
            }
            Self::RelationshipEndedOn { date: Some(date) } if *date > local_date(at) => {
                return Err(Refusal::DateInFuture {
                    field: "relationship_ended_on",
                });
            }
            Self::Investigation { note, .. } => check_text("investigation.note", note, false)?,
            Self::Measure { change, .. } => change.validate()?,
            _ => {}
        }
        Ok(())
    }
}

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
    CaseJoined {},
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
}

impl EventKind {
    /// The rules an event kind must meet on its own, at the moment `at` it
    /// is written.
    pub(crate) fn validate(&self, at: DateTime<Utc>) -> Result<(), Refusal> {
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
            EventKind::CaseJoined {} => {}
            EventKind::Assigned { assignment, .. } => assignment.validate(at)?,
            EventKind::InformationShared { record } => record.validate(at)?,
            EventKind::MeasureAgreed { measure } => measure.validate()?,
        }
        Ok(())
    }

    /// One line saying what was recorded, e.g. for the "niet verzonden" list.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Self::CaseOpened { address_hint, .. } => {
                format!("{} ({address_hint})", text(lang, "event-case_started"))
            }
            Self::CaseJoined {} => text(lang, "event_kind-case_joined").to_string(),
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
        self.kind.validate(self.stamp.to_utc())
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

    /// Order in which events fold: by stamp, then by id.
    pub fn order_key(&self) -> (Hlc, EventId) {
        (self.stamp, self.id)
    }
}
