//! Why core refuses a command or an event. One typed answer for the app
//! (shown next to what caused it, in the user's language) and the server
//! (sent back as the push's rejection reason); `Display` is the English
//! line for logs, `text` the words for people.

use crate::case::AssessmentGap;
use crate::catalogue::{fill, text};
use crate::handover::HandoverBlocker;
use crate::lang::{Label, Lang};
use crate::measures::MeasureError;
use crate::sharing::SharingError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("event id must be a UUIDv7 made on the device")]
    NotUuidV7,
    #[error("the event was written by a newer version of SamenOp")]
    NewerSchema,
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
    /// A measure with this id is agreed already: a double tap on "Afspreken"
    /// sends the same id twice and records one measure (issue 17 §2).
    #[error("this measure is already agreed")]
    MeasureAlreadyAgreed,
    /// A shared item, OM contact or consultation whose id the case already
    /// holds: a form sent twice records it once (issue 17 §2).
    #[error("this is already recorded")]
    AlreadyRecorded,
    #[error("only police and Veilig Thuis accounts record case events")]
    RoleMayNotRecord,
    #[error("this case was not opened on this device or server")]
    CaseNotOpened,
    #[error("this case is already open")]
    CaseAlreadyOpened,
    #[error("information is recorded as shared by the author's own organisation")]
    SharedForAnotherOrganisation,
    #[error("a police account records a phone assessment with the name of the Veilig Thuis worker")]
    VtWorkerNameRequired,
    #[error("the safety assessment cannot be confirmed yet: {0:?}")]
    AssessmentIncomplete(AssessmentGap),
    #[error("the case cannot be declared no longer acute yet: {0:?}")]
    HandoverBlocked(HandoverBlocker),
    #[error("only police and Veilig Thuis go on scene and join cases")]
    OrganisationNotOnScene,
    #[error("joining this case now needs a written reason: {0:?}")]
    JoinReasonRequired(crate::membership::LateJoinCause),
    #[error("only participants of a case write in it: join the case first")]
    NotAParticipant,
    #[error("supersedes a value this account has not seen")]
    SupersedesUnseen,
    #[error("the event is dated more than {minutes} minutes after the server's clock; check the device's clock")]
    DatedAfterServerTime { minutes: i64 },
    #[error("the event is dated before its case was opened; check the device's clock")]
    DatedBeforeCaseOpened,
    #[error("the event's time lies outside the range SamenOp accepts (2020 or later)")]
    TimeOutOfRange,
    #[error("{field}: too long, at most {max} characters")]
    TextTooLong { field: String, max: usize },
    #[error("{field}: too many items, at most {max}")]
    TooMany { field: String, max: usize },
    #[error("{field}: holds a control or text-direction character")]
    ForbiddenCharacter { field: String },
    #[error("eergerelateerd geweld: the victim's verblijfplaats may go only to the police and the opvang")]
    VerblijfplaatsOnlyToPoliceAndOpvang,
    #[error("eergerelateerd geweld: the family network may not own or supervise a measure")]
    NetworkMayNotSupervise,
    #[error("the event cannot be read")]
    Unreadable,
    #[error("the police record the contact with the OM")]
    OmContactByPoliceOnly,
    #[error("{with:?} is not consulted on {topic:?}")]
    ConsultedPartnerDoesNotFit {
        topic: crate::sharing::consultation::ConsultTopic,
        with: crate::actor::Organisation,
    },
    #[error(transparent)]
    Sharing(#[from] SharingError),
    #[error(transparent)]
    Measure(#[from] MeasureError),
}

/// The name of a field as a person knows it (the wire names are English).
fn field_name(field: &str, lang: Lang) -> &'static str {
    match field {
        "address_hint" => text(lang, "field-address_hint"),
        "region" => text(lang, "field-region"),
        "summary" => text(lang, "field-summary"),
        "relationship_ended_on" => text(lang, "field-relationship_ended_on"),
        "professional_judgement.reason" => text(lang, "field-reason"),
        "investigation.note" => text(lang, "field-note"),
        "owner.person" => text(lang, "field-owner"),
        "first_contact.person" => text(lang, "field-first_contact_person"),
        "first_contact.phone" => text(lang, "field-phone"),
        "call_tree.when" => text(lang, "field-call_when"),
        "informs.informs" => text(lang, "field-informs"),
        "compliance.on_breach" => text(lang, "field-on_breach"),
        "om_contact.om_officer" => text(lang, "field-om_officer"),
        "om_contact.decision" => text(lang, "field-om_decision"),
        "om_contact.contacted_at" => text(lang, "field-om_contacted_at"),
        "consultation.advice" => text(lang, "field-advice"),
        "consultation.consulted_at" => text(lang, "field-consulted_at"),
        "vital_interest" => text(lang, "field-vital_interest"),
        "safety_assessment.by_phone_with" => text(lang, "field-vt_worker"),
        "join.reason" => text(lang, "field-join_reason"),
        "network_threat.who" => text(lang, "field-network_threat"),
        "added_value.explanation" => text(lang, "field-added_value_explanation"),
        "structural_other.text" => text(lang, "field-structural_other"),
        "child_care_reports" => text(lang, "field-child_care_reports"),
        // Fields named by the bounds walk ("parent.key"): by their last part.
        _ => match field.rsplit('.').next().unwrap_or(field) {
            "display_name" => text(lang, "field-display_name"),
            "user_id" => text(lang, "field-user_id"),
            "region" => text(lang, "field-region"),
            "address_hint" => text(lang, "field-address_hint"),
            "summary" => text(lang, "field-summary"),
            "om_officer" | "officer" => text(lang, "field-om_officer"),
            "decision" => text(lang, "field-om_decision"),
            "advice" => text(lang, "field-advice"),
            "vital_interest" => text(lang, "field-vital_interest"),
            "call_tree" | "rules" => text(lang, "field-call_tree"),
            "when" => text(lang, "field-call_when"),
            "informs" => text(lang, "field-informs"),
            "person" => text(lang, "field-owner"),
            "phone" => text(lang, "field-phone"),
            "reason" => text(lang, "field-reason"),
            "note" => text(lang, "field-note"),
            "on_breach" => text(lang, "field-on_breach"),
            "by_phone_with" => text(lang, "field-vt_worker"),
            "who" => text(lang, "field-network_threat"),
            _ => text(lang, "field-other"),
        },
    }
}

impl Refusal {
    /// A typed text that did not parse, as the refusal of its field.
    pub fn of_text(field: &'static str, error: crate::text::TextError) -> Self {
        match error {
            crate::text::TextError::Empty => Self::Empty { field },
            crate::text::TextError::TooLong { max, .. } => Self::TooLong { field, max },
        }
    }

    /// What the person on scene reads.
    pub fn text(&self, lang: Lang) -> String {
        let field = |f: &str| field_name(f, lang);
        match self {
            Self::NotUuidV7 => text(lang, "refusal-not_uuid_v7").into(),
            Self::NewerSchema => text(lang, "refusal-newer_schema").into(),
            Self::AuthorNameMissing => text(lang, "refusal-author_name_missing").into(),
            Self::Empty { field: f } => fill(lang, "refusal-empty", &[("field", &field(f))]),
            Self::TooLong { field: f, max } => fill(lang, "refusal-too_long", &[("field", &field(f)), ("max", max)]),
            Self::DateInFuture { field: f } => fill(lang, "refusal-date_in_future", &[("field", &field(f))]),
            Self::ReasonRequired => text(lang, "refusal-reason_required").into(),
            Self::UnknownMeasure => text(lang, "refusal-unknown_measure").into(),
            Self::MeasureAlreadyAgreed => text(lang, "refusal-measure_already_agreed").into(),
            Self::AlreadyRecorded => text(lang, "refusal-already_recorded").into(),
            Self::RoleMayNotRecord => text(lang, "refusal-role_may_not_record").into(),
            Self::CaseNotOpened => text(lang, "refusal-case_not_opened").into(),
            Self::CaseAlreadyOpened => text(lang, "refusal-case_already_opened").into(),
            Self::SharedForAnotherOrganisation => text(lang, "refusal-shared_for_another_organisation").into(),
            Self::VtWorkerNameRequired => text(lang, "refusal-vt_worker_name_required").into(),
            Self::AssessmentIncomplete(gap) => fill(lang, "refusal-assessment_incomplete", &[("gap", &gap.text(lang))]),
            Self::HandoverBlocked(blocker) => {
                fill(lang, "refusal-handover_blocked", &[("blocker", &blocker.text(lang))])
            }
            Self::OrganisationNotOnScene => text(lang, "refusal-organisation_not_on_scene").into(),
            Self::JoinReasonRequired(cause) => {
                fill(lang, "refusal-join_reason_required", &[("cause", &cause.text(lang))])
            }
            Self::NotAParticipant => text(lang, "refusal-not_a_participant").into(),
            Self::SupersedesUnseen => text(lang, "refusal-supersedes_unseen").into(),
            Self::DatedAfterServerTime { minutes } => {
                fill(lang, "refusal-dated_after_server_time", &[("minutes", minutes)])
            }
            Self::DatedBeforeCaseOpened => text(lang, "refusal-dated_before_case_opened").into(),
            Self::TimeOutOfRange => text(lang, "refusal-time_out_of_range").into(),
            Self::TextTooLong { field: f, max } => {
                fill(lang, "refusal-too_long", &[("field", &field(f)), ("max", max)])
            }
            Self::TooMany { field: f, max } => fill(lang, "refusal-too_many", &[("field", &field(f)), ("max", max)]),
            Self::ForbiddenCharacter { field: f } => fill(lang, "refusal-forbidden_character", &[("field", &field(f))]),
            Self::Unreadable => text(lang, "refusal-unreadable").into(),
            Self::VerblijfplaatsOnlyToPoliceAndOpvang => text(lang, "refusal-verblijfplaats_only_police_opvang").into(),
            Self::NetworkMayNotSupervise => text(lang, "refusal-network_may_not_supervise").into(),
            Self::OmContactByPoliceOnly => text(lang, "refusal-om_contact_by_police_only").into(),
            Self::ConsultedPartnerDoesNotFit { topic, with } => fill(
                lang,
                "refusal-consulted_partner_does_not_fit",
                &[("topic", &topic.label(lang)), ("with", &with.label(lang))],
            ),
            Self::Sharing(e) => e.text(lang),
            Self::Measure(e) => e.text(lang),
        }
    }
}

impl SharingError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::Art9WithoutOmContact => text(lang, "refusal-art9_without_om_contact").into(),
            Self::OmOfficerMissing => text(lang, "refusal-om_officer_missing").into(),
            Self::OmContactAfterSharing { .. } => text(lang, "refusal-om_contact_after_sharing").into(),
            Self::GroundDoesNotFit { ground, from, to } => fill(
                lang,
                "refusal-ground_does_not_fit",
                &[
                    ("ground", &ground.label(lang)),
                    ("from", &from.label(lang)),
                    ("to", &to.label(lang)),
                ],
            ),
            Self::SameOrganisation => text(lang, "refusal-same_organisation").into(),
            Self::EmptySummary => text(lang, "refusal-empty_summary").into(),
            Self::SummaryTooLong { max, .. } => fill(lang, "refusal-summary_too_long", &[("max", max)]),
            Self::Art9OmSaidNo => text(lang, "refusal-art9_om_said_no").into(),
            Self::OmContactMustBeEvent => text(lang, "refusal-om_contact_must_be_event").into(),
            Self::VitalInterestReasonMissing => text(lang, "refusal-vital_interest_reason_missing").into(),
            Self::VitalInterestNotForSender { from } => fill(
                lang,
                "refusal-vital_interest_not_for_sender",
                &[("from", &from.label(lang))],
            ),
            Self::WeightyInterestNotConfirmed { from } => fill(
                lang,
                "refusal-weighty_interest_not_confirmed",
                &[("from", &from.label(lang))],
            ),
        }
    }
}

impl MeasureError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::Empty { field } => Refusal::Empty { field }.text(lang),
            Self::TooLong { field, max, .. } => Refusal::TooLong { field, max: *max }.text(lang),
            Self::ConditionNotAllowed { kind, condition } => fill(
                lang,
                "refusal-condition_not_allowed",
                &[("condition", &condition.label(lang)), ("kind", &kind.label(lang))],
            ),
            Self::EndsBeforeStart => text(lang, "refusal-ends_before_start").into(),
            Self::StartRequired { kind } => fill(lang, "refusal-start_required", &[("kind", &kind.label(lang))]),
            Self::OwnerNotAllowed { kind, organisation } => fill(
                lang,
                "refusal-owner_not_allowed",
                &[("organisation", &organisation.label(lang)), ("kind", &kind.label(lang))],
            ),
            Self::StartInFuture => text(lang, "refusal-start_in_future").into(),
            Self::HuisverbodBeyondTenDays => text(lang, "refusal-huisverbod_beyond_ten_days").into(),
            Self::EndsBeforeCase => text(lang, "refusal-ends_before_case").into(),
        }
    }
}
