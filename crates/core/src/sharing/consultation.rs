//! Consultations in the motorkapoverleg: "Waar nodig wordt informatie
//! gevraagd en overlegd met (lokale) partners" (004 l.27, l.129). Each is
//! recorded as an event (`EventKind::PartnerConsulted`): with whom, on
//! what, when, and the advice.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};
use uuid::Uuid;

use crate::actor::{Actor, Organisation};
use crate::case::CaseState;
use crate::refusal::Refusal;
use crate::text::SharedSummary;

/// What a partner is consulted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ConsultTopic {
    /// The OM on "het (vermoeden van een) strafbaar feit, inzet van
    /// (beschermings)bevoegdheden en/of keuzes in de opsporing" (004 l.187, l.464).
    OmPowers,
    /// The RvdK on "mogelijkheden in vrijwillig of gedwongen kader om de
    /// veiligheid van eventueel aanwezige kinderen ... te borgen" (004 l.186, l.475).
    ChildProtection,
    /// The reclassering on "eerdere advisering, opgelegde toezichtmaatregelen"
    /// (004 l.109, l.481). For a minor suspect the RvdK takes over the role
    /// of 3RO (002 l.1214–1216) and brings what the jeugdreclassering knows
    /// (l.1238–1240); the jeugdreclassering itself may be asked too.
    Supervision,
    /// "Reeds betrokken hulpverlening" (004 l.110).
    CareInvolved,
}

crate::lang::vocabulary!(ConsultTopic, "consult_topic");

impl ConsultTopic {
    /// The partners consulted on this topic, the usual one first.
    pub fn partners(self) -> &'static [Organisation] {
        use Organisation as O;
        match self {
            Self::OmPowers => &[O::Om],
            Self::ChildProtection => &[O::Rvdk],
            Self::Supervision => &[O::Reclassering, O::Jeugdreclassering, O::Rvdk],
            Self::CareInvolved => &[O::LocalCare, O::Crisisdienst, O::Gi],
        }
    }
}

/// One consultation of a partner.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consultation {
    pub consultation_id: Uuid,
    pub with: Organisation,
    pub topic: ConsultTopic,
    pub consulted_at: DateTime<Utc>,
    /// The advice given, briefly.
    pub advice: String,
}

impl Consultation {
    /// "22:04 RvdK (onderwerp): advies": for the summary and the PDF.
    pub fn line(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Label;
        crate::catalogue::fill(
            lang,
            "summary-consultation_line",
            &[
                ("at", &crate::local_time::local_time_text(self.consulted_at)),
                ("with", &self.with.label(lang)),
                ("topic", &self.topic.label(lang)),
                ("advice", &self.advice),
            ],
        )
    }

    pub fn validate(&self, at: DateTime<Utc>) -> Result<(), Refusal> {
        if !self.topic.partners().contains(&self.with) {
            return Err(Refusal::ConsultedPartnerDoesNotFit {
                topic: self.topic,
                with: self.with,
            });
        }
        SharedSummary::check(&self.advice, true).map_err(|e| Refusal::of_text("consultation.advice", e))?;
        if self.consulted_at > at {
            return Err(Refusal::DateInFuture {
                field: "consultation.consulted_at",
            });
        }
        Ok(())
    }
}

/// A consultation in the case, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationItem {
    pub consultation: Consultation,
    pub recorded_by: Actor,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

impl CaseState {
    /// The consultations recorded in this case, in the order they folded.
    pub fn consultations(&self) -> &[ConsultationItem] {
        &self.consultations
    }
}

/// Whether `viewer`'s organisation sees a consultation: the organisation
/// that recorded it and the one consulted. The seeds do not say who else
/// may see the advice; like a shared item (`super::visible_to`, 004 l.442,
/// 000 l.353-354) it stays with those two, which protects the victim most
/// (a partner that needs the advice gets it as a shared item on its
/// ground). Juridische toets nodig.
pub fn visible_to(consultation: &Consultation, author: Organisation, viewer: Organisation) -> bool {
    viewer == author || viewer == consultation.with
}

/// The partners consulted in this case, each once, in a fixed order: for the
/// shift lead's weekly figures ("de informatie die nuttig bleek", 004 l.430).
/// A recorded OM contact counts as consulting the OM.
pub fn partners_consulted(state: &CaseState) -> Vec<Organisation> {
    let mut out: Vec<Organisation> = state.consultations().iter().map(|c| c.consultation.with).collect();
    if !state.om_contacts().is_empty() {
        out.push(Organisation::Om);
    }
    out.sort();
    out.dedup();
    out
}
