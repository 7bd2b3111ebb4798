//! Why core refuses a command or an event. One typed answer for the app
//! (shown next to what caused it, in the user's language) and the server
//! (sent back as the push's rejection reason); `Display` is the English
//! line for logs, `text` the words for people.

use crate::lang::{Label, Lang, pick};
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
    #[error("only police and Veilig Thuis accounts record case events")]
    RoleMayNotRecord,
    #[error("this case was not opened on this device or server")]
    CaseNotOpened,
    #[error("this case is already open")]
    CaseAlreadyOpened,
    #[error("information is recorded as shared by the author's own organisation")]
    SharedForAnotherOrganisation,
    #[error(transparent)]
    Sharing(#[from] SharingError),
    #[error(transparent)]
    Measure(#[from] MeasureError),
}

/// The name of a field as a person knows it (the wire names are English).
fn field_name(field: &str, lang: Lang) -> &'static str {
    match field {
        "address_hint" => pick(lang, "Adresaanduiding", "Address hint"),
        "region" => pick(lang, "Regio", "Region"),
        "summary" => pick(lang, "Wat is gedeeld", "What was shared"),
        "relationship_ended_on" => pick(lang, "Relatie beëindigd op", "Relationship ended on"),
        "professional_judgement.reason" => pick(lang, "Reden", "Reason"),
        "investigation.note" => pick(lang, "Notitie", "Note"),
        "owner.person" => pick(lang, "Uitvoerder", "Owner"),
        "first_contact.person" => pick(lang, "Eerste aanspreekpunt (naam)", "First point of contact (name)"),
        "first_contact.phone" => pick(lang, "Telefoon", "Phone"),
        "call_tree.when" => pick(lang, "Wanneer bellen", "When to call"),
        "informs.informs" => pick(lang, "Wie informeren", "Whom to inform"),
        "om_contact.om_officer" => pick(lang, "Officier van justitie", "Public prosecutor"),
        _ => pick(lang, "Veld", "Field"),
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
        match self {
            Self::NotUuidV7 => pick(
                lang,
                "Ongeldige invoer van dit toestel.",
                "Invalid entry from this device.",
            )
            .into(),
            Self::NewerSchema => pick(
                lang,
                "Geschreven door een nieuwere versie van SamenOp: werk de app bij.",
                "Written by a newer SamenOp: update the app.",
            )
            .into(),
            Self::AuthorNameMissing => pick(
                lang,
                "Uw naam ontbreekt: log opnieuw in.",
                "Your name is missing: sign in again.",
            )
            .into(),
            Self::Empty { field } => format!(
                "{}: {}",
                field_name(field, lang),
                pick(lang, "vul dit in.", "please fill this in.")
            ),
            Self::TooLong { field, max } => format!(
                "{}: {} {max} {}",
                field_name(field, lang),
                pick(lang, "maximaal", "at most"),
                pick(lang, "tekens.", "characters.")
            ),
            Self::DateInFuture { field } => format!(
                "{}: {}",
                field_name(field, lang),
                pick(lang, "deze datum ligt in de toekomst.", "this date lies in the future.")
            ),
            Self::ReasonRequired => pick(
                lang,
                "Een professioneel oordeel 'acuut' vraagt een geschreven reden.",
                "An acute professional judgement needs a written reason.",
            )
            .into(),
            Self::UnknownMeasure => pick(
                lang,
                "Deze maatregel is in deze casus niet afgesproken.",
                "This measure was never agreed in this case.",
            )
            .into(),
            Self::RoleMayNotRecord => pick(
                lang,
                "Alleen politie en Veilig Thuis leggen vast in een casus.",
                "Only police and Veilig Thuis record in a case.",
            )
            .into(),
            Self::CaseNotOpened => pick(
                lang,
                "Deze casus is (nog) niet gestart.",
                "This case has not been started.",
            )
            .into(),
            Self::CaseAlreadyOpened => pick(lang, "Deze casus is al gestart.", "This case was already started.").into(),
            Self::SharedForAnotherOrganisation => pick(
                lang,
                "U kunt alleen vastleggen wat uw eigen organisatie deelt.",
                "You can only record what your own organisation shares.",
            )
            .into(),
            Self::Sharing(e) => e.text(lang),
            Self::Measure(e) => e.text(lang),
        }
    }
}

impl SharingError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::Art9WithoutOmContact => pick(
                lang,
                "Art. 9 Wpg: informatie uit een strafrechtelijk onderzoek pas delen na contact met het OM; leg dat contact eerst vast.",
                "Art 9 Wpg: share information from a criminal investigation only after contact with the OM; record that contact first.",
            )
            .into(),
            Self::OmOfficerMissing => pick(
                lang,
                "Noem de officier van justitie met wie contact was.",
                "Name the public prosecutor consulted.",
            )
            .into(),
            Self::OmContactAfterSharing { .. } => pick(
                lang,
                "Het contact met het OM moet vóór het delen liggen.",
                "The OM contact must come before the sharing.",
            )
            .into(),
            Self::GroundDoesNotFit { ground, from, to } => format!(
                "{}: {} → {}",
                ground.label(lang),
                from.label(lang),
                to.label(lang)
            ) + pick(lang, " — deze grondslag past hier niet.", " — this legal ground does not fit here."),
            Self::SameOrganisation => pick(
                lang,
                "Delen gaat tussen twee organisaties, niet binnen één.",
                "Sharing is between two organisations, not within one.",
            )
            .into(),
            Self::EmptySummary => pick(lang, "Beschrijf kort wat is gedeeld.", "Say briefly what was shared.").into(),
            Self::SummaryTooLong { max, .. } => format!(
                "{} {max} {}",
                pick(lang, "Maximaal", "At most"),
                pick(lang, "tekens: deel alleen wat nodig is.", "characters: share only what is necessary.")
            ),
        }
    }
}

impl MeasureError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::Empty { field } => Refusal::Empty { field }.text(lang),
            Self::TooLong { field, max, .. } => Refusal::TooLong { field, max: *max }.text(lang),
            Self::ConditionNotAllowed { kind, condition } => format!(
                "{} {} {}",
                condition.label(lang),
                pick(lang, "kan niet bij", "is not possible with"),
                kind.label(lang)
            ),
            Self::EndsBeforeStart => pick(
                lang,
                "'Tot' ligt vóór het begin van de maatregel.",
                "'Until' lies before the measure's start.",
            )
            .into(),
        }
    }
}
