//! The veiligheidsbeoordeling as the case shows it: derived from the
//! answers and Veilig Thuis's confirmation, never a free tick box.
//!
//! "In Samen op in acuut maakt Veilig Thuis op basis van de beschikbare
//! informatie een eerste veiligheidsbeoordeling" (004 l.450; l.27 "Veilig
//! Thuis maakt een eerste veiligheidsbeoordeling"), and step 5 starts only
//! "wanneer de veiligheidsbeoordeling is gemaakt" (004 l.307). The
//! information it rests on is the triage question set: the ten criteria of
//! Bijlage II (002 l.1050–1202, digest §1), whether the suspect has access
//! and whether a third party oversees the situation.

use super::*;
use crate::catalogue::{fill, text};
use crate::lang::{Label, Lang};

/// What still stands between the case and a made veiligheidsbeoordeling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "gap", content = "detail")]
pub enum AssessmentGap {
    /// A Bijlage II criterion is still "onbekend".
    Criterion(Criterion),
    SuspectHasAccess,
    ThirdPartyOversight,
    /// No Veilig Thuis account has confirmed it, on scene or by phone.
    NotConfirmed,
    /// An answer changed after VT confirmed. The seeds are silent on this;
    /// we choose what protects the victim: VT confirms the picture as it is
    /// now, so a changed answer asks for a new confirmation.
    ChangedSinceConfirmation,
}

impl AssessmentGap {
    /// Whether a confirmation has to wait for this gap to close (the
    /// answers); the other two are closed by confirming.
    pub fn blocks_confirmation(self) -> bool {
        !matches!(self, Self::NotConfirmed | Self::ChangedSinceConfirmation)
    }

    pub fn text(&self, lang: Lang) -> String {
        let unanswered = |label: &str| fill(lang, "assessment_gap-unanswered", &[("question", &label)]);
        match self {
            Self::Criterion(c) => unanswered(c.label(lang)),
            Self::SuspectHasAccess => unanswered(FieldKey::SuspectHasAccess.label(lang)),
            Self::ThirdPartyOversight => unanswered(FieldKey::ThirdPartyOversight.label(lang)),
            Self::NotConfirmed => text(lang, "assessment_gap-not_confirmed").into(),
            Self::ChangedSinceConfirmation => text(lang, "assessment_gap-changed_since_confirmation").into(),
        }
    }
}

/// Who confirmed the veiligheidsbeoordeling, when and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentConfirmation {
    pub by: Actor,
    pub at: DateTime<Utc>,
    /// The VT worker a police account assessed with by phone; `None` when
    /// a VT account confirmed.
    pub by_phone_with: Option<String>,
}

impl AssessmentConfirmation {
    /// "Bevestigd door … (Veilig Thuis), ter plaatse" or "… beoordeeld met
    /// VT (telefonisch): naam".
    pub fn text(&self, lang: Lang) -> String {
        let how = Assignment::SafetyAssessmentConfirmed {
            by_phone_with: self.by_phone_with.clone(),
        }
        .value_text(lang);
        format!(
            "{} ({}), {} — {how}",
            self.by.display_name,
            self.by.organisation.label(lang),
            crate::local_time::local_time_text(self.at)
        )
    }
}

/// The derived veiligheidsbeoordeling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyAssessment {
    pub confirmation: Option<AssessmentConfirmation>,
    /// In order: unanswered criteria, access, oversight, then the confirmation.
    pub missing: Vec<AssessmentGap>,
}

impl SafetyAssessment {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// The first gap a confirmation must wait for.
    pub fn first_open_answer(&self) -> Option<AssessmentGap> {
        self.missing.iter().copied().find(|g| g.blocks_confirmation())
    }
}

impl CaseState {
    /// The veiligheidsbeoordeling as it stands: complete when every
    /// Bijlage II criterion, suspect access and third-party oversight is
    /// answered (not "onbekend") and a Veilig Thuis account confirmed it
    /// after the last of those answers (004 l.450, l.307).
    pub fn safety_assessment(&self) -> SafetyAssessment {
        let mut missing: Vec<AssessmentGap> = Criterion::VARIANTS
            .iter()
            .copied()
            .filter(|c| self.criterion(*c) == Answer::Unknown)
            .map(AssessmentGap::Criterion)
            .collect();
        if self.answer(FieldKey::SuspectHasAccess) == Answer::Unknown {
            missing.push(AssessmentGap::SuspectHasAccess);
        }
        if self.answer(FieldKey::ThirdPartyOversight) == Answer::Unknown {
            missing.push(AssessmentGap::ThirdPartyOversight);
        }
        let write = self
            .registers
            .get(&FieldKey::SafetyAssessmentConfirmed)
            .and_then(Register::current);
        let confirmation = write.and_then(|w| match &w.value {
            Assignment::SafetyAssessmentConfirmed { by_phone_with } => Some(AssessmentConfirmation {
                by: self.participants[w.author].actor.clone(),
                at: w.stamp.to_utc(),
                by_phone_with: by_phone_with.clone(),
            }),
            _ => None,
        });
        match write {
            None => missing.push(AssessmentGap::NotConfirmed),
            Some(w) => {
                // The network's access and the EGG flag are part of what VT
                // assessed (002 l.358-365: the network counts as having
                // access in EGG): a change asks for a new confirmation too
                // (protocol review, stop 36). From schema 5, so a case
                // declared before keeps the meaning its events had.
                let from_v5 = [FieldKey::NetworkHasAccess, FieldKey::HonourBased]
                    .into_iter()
                    .filter_map(|k| self.registers.get(&k).and_then(Register::current))
                    .filter(|a| a.schema >= crate::event::Schema::V5);
                let answered_after = Criterion::VARIANTS
                    .iter()
                    .map(|c| FieldKey::Criterion(*c))
                    .chain([FieldKey::SuspectHasAccess, FieldKey::ThirdPartyOversight])
                    .filter_map(|k| self.registers.get(&k).and_then(Register::current))
                    .chain(from_v5)
                    .any(|a| a.stamp > w.stamp);
                if answered_after {
                    missing.push(AssessmentGap::ChangedSinceConfirmation);
                }
            }
        }
        SafetyAssessment { confirmation, missing }
    }
}
