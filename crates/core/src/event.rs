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
use crate::measures::{AgreedMeasure, MeasureError, MeasureId, check_text};
pub use crate::measures::{MeasureAttribute, MeasureChange};
use crate::sash::{SashItem, SashLevel};
use crate::sharing::{SharingError, SharingRecord};
use crate::steps::{InvestigationPoint, SafetyItem};
use crate::triage::{Criterion, LiftingRoute, ProfessionalJudgement, StructuralCategory, local_date};

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

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
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
        let time = |t: &Option<DateTime<Utc>>| t.map(crate::summary::local_time_text).unwrap_or_else(|| "—".into());
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

    fn validate(&self, at: DateTime<Utc>) -> Result<(), EventError> {
        match self {
            Self::ProfessionalJudgement { judgement: Some(j) } => {
                if j.acute && j.reason.trim().is_empty() {
                    return Err(EventError::ReasonRequired);
                }
                check_text("professional_judgement.reason", &j.reason, false)?;
            }
            Self::RelationshipEndedOn { date: Some(date) } if *date > local_date(at) => {
                return Err(EventError::DateInFuture {
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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    #[error("event id must be a UUIDv7 made on the device")]
    NotUuidV7,
    #[error("author.display_name: must not be empty")]
    AuthorNameMissing,
    #[error("{field}: must not be empty")]
    Empty { field: &'static str },
    #[error("{field}: too long, at most {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{field}: lies in the future")]
    DateInFuture { field: &'static str },
    #[error("an acute professional judgement needs a written reason")]
    ReasonRequired,
    #[error("the measure changed here was never agreed in this case")]
    UnknownMeasure,
    #[error(transparent)]
    Sharing(#[from] SharingError),
    #[error(transparent)]
    Measure(#[from] MeasureError),
}

/// Longest address hint: enough to find the door again, no more.
pub const ADDRESS_HINT_MAX: usize = 120;

impl Event {
    /// Checks what the protocol requires of an event before it may be
    /// stored or sent. The server calls this on every pushed event.
    pub fn validate(&self) -> Result<(), EventError> {
        if self.id.0.get_version() != Some(uuid::Version::SortRand) {
            return Err(EventError::NotUuidV7);
        }
        if self.author.display_name.trim().is_empty() {
            return Err(EventError::AuthorNameMissing);
        }
        let at = self.stamp.to_utc();
        match &self.kind {
            EventKind::CaseOpened {
                address_hint, region, ..
            } => {
                if region.trim().is_empty() {
                    return Err(EventError::Empty { field: "region" });
                }
                if address_hint.chars().count() > ADDRESS_HINT_MAX {
                    return Err(EventError::TooLong {
                        field: "address_hint",
                        max: ADDRESS_HINT_MAX,
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

    /// Order in which events fold: by stamp, then by id.
    pub fn order_key(&self) -> (Hlc, EventId) {
        (self.stamp, self.id)
    }
}
