//! One item of information shared on scene and its rules: Bijlage 1's
//! grounds per pair (004 l.489-527) for records since schema 3, the rules
//! of their time for older ones.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{InfoCategory, LegalGround, OmContact, OmContactRecord, needs_weighty_interest, under_avg};
use crate::actor::Organisation;
use crate::text::{SharedSummary, ShortText, TextError};

/// One item of information shared on scene. Sender and receiver are any two
/// partners (004 l.27, l.110: VT records what it asked of the RvdK); the
/// person recording belongs to one of them (`admit`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharingRecord {
    pub record_id: Uuid,
    pub from: Organisation,
    pub to: Organisation,
    pub category: InfoCategory,
    pub legal_ground: LegalGround,
    /// What was shared, in as few words as will do (minimisation).
    pub summary: String,
    /// Legacy (schema 1 and 2): the OM contact written into the record.
    #[serde(default)]
    pub om_contact: Option<OmContact>,
    /// The OM contact event (`OmContactRecord::contact_id`) art 9 Wpg
    /// information rests on (schema 3, 004 l.113).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub om_contact_id: Option<Uuid>,
    /// The written reason for also sharing on vital interest (art 6 lid 1
    /// sub d AVG, 004 l.495): an explicit extra, for AVG senders only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vital_interest: Option<String>,
    /// "Er moet sprake zijn van een zwaarwegend belang" confirmed, for
    /// police and OM (004 l.510, l.515).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weighty_interest: bool,
}

/// Longest summary accepted: "toereikend, ter zake dienend en niet bovenmatig".
pub const SUMMARY_MAX_CHARS: usize = SharedSummary::MAX;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SharingError {
    #[error(
        "art 9 Wpg: information from a criminal investigation may only be shared after contact with the OM; record the OM contact first"
    )]
    Art9WithoutOmContact,
    #[error("the OM contact must name the officer consulted")]
    OmOfficerMissing,
    #[error("the OM contact ({contacted_at}) must come before the sharing ({shared_at})")]
    OmContactAfterSharing {
        contacted_at: DateTime<Utc>,
        shared_at: DateTime<Utc>,
    },
    #[error("legal ground {ground:?} does not cover sharing from {from:?} to {to:?}")]
    GroundDoesNotFit {
        ground: LegalGround,
        from: Organisation,
        to: Organisation,
    },
    #[error("information is shared between two organisations, not within one")]
    SameOrganisation,
    #[error("summary: must not be empty")]
    EmptySummary,
    #[error("summary: {len} characters, at most {max}; share only what is necessary")]
    SummaryTooLong { len: usize, max: usize },
    #[error("the OM said the art 9 Wpg information may not be shared")]
    Art9OmSaidNo,
    #[error("the OM contact is recorded as its own event, not inside the sharing")]
    OmContactMustBeEvent,
    #[error("vital interest (art 6 lid 1 sub d AVG) needs a written reason")]
    VitalInterestReasonMissing,
    #[error("vital interest (art 6 lid 1 sub d AVG) is not a ground for {from:?}, who does not share under the AVG")]
    VitalInterestNotForSender { from: Organisation },
    #[error("{from:?} shares only with a zwaarwegend belang; confirm it")]
    WeightyInterestNotConfirmed { from: Organisation },
}

impl SharingRecord {
    /// A record from `from` to `to` on the sender's own ground
    /// (`LegalGround::default_for`), with no OM contact; `None` when no
    /// ground fits the pair.
    pub fn on_default_ground(
        record_id: Uuid,
        from: Organisation,
        to: Organisation,
        category: InfoCategory,
        summary: &str,
    ) -> Option<Self> {
        Some(Self {
            record_id,
            from,
            to,
            category,
            legal_ground: LegalGround::default_for(from, to, category)?,
            summary: summary.into(),
            om_contact: None,
            om_contact_id: None,
            vital_interest: None,
            weighty_interest: needs_weighty_interest(from),
        })
    }

    /// The ground as the summary and the PDF show it: with "juridisch
    /// onduidelijk" where Bijlage 1 says so, "zwaarwegend belang" and the
    /// vital interest's reason where given.
    pub fn ground_text(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Label;
        let mut out = self.legal_ground.label(lang).to_string();
        if self.legal_ground.unclear(self.from, self.to) {
            out = format!("{out}; {}", crate::catalogue::text(lang, "summary-unclear"));
        }
        if self.weighty_interest {
            out = format!("{out}; {}", crate::catalogue::text(lang, "summary-weighty_interest"));
        }
        if let Some(reason) = &self.vital_interest {
            let v = crate::catalogue::fill(lang, "summary-vital_interest", &[("reason", reason)]);
            out = format!("{out}; {v}");
        }
        out
    }

    /// The rules of Bijlage 1 for a record written since schema 3, as far
    /// as they need nothing but the record (004 l.489-527); the OM contact
    /// an art 9 record refers to is checked against the case (`admit`).
    pub fn validate_current(&self) -> Result<(), SharingError> {
        if self.from == self.to {
            return Err(SharingError::SameOrganisation);
        }
        let offered = LegalGround::offered(self.from, self.to, self.category);
        if !offered.contains(&self.legal_ground) {
            return Err(SharingError::GroundDoesNotFit {
                ground: self.legal_ground,
                from: self.from,
                to: self.to,
            });
        }
        self.check_summary()?;
        if self.om_contact.is_some() {
            return Err(SharingError::OmContactMustBeEvent);
        }
        // 6.1.d AVG: only for AVG senders (004 l.495), always with a reason.
        match &self.vital_interest {
            Some(_) if !under_avg(self.from) => {
                return Err(SharingError::VitalInterestNotForSender { from: self.from });
            }
            Some(reason) if ShortText::check(reason, true).is_err() => {
                return Err(SharingError::VitalInterestReasonMissing);
            }
            None if self.legal_ground == LegalGround::AvgVitalInterest => {
                return Err(SharingError::VitalInterestReasonMissing);
            }
            _ => {}
        }
        if needs_weighty_interest(self.from) && !self.weighty_interest {
            return Err(SharingError::WeightyInterestNotConfirmed { from: self.from });
        }
        if self.category.is_art9_wpg() && self.om_contact_id.is_none() {
            return Err(SharingError::Art9WithoutOmContact);
        }
        Ok(())
    }

    /// Art 9 Wpg information against the OM contact it refers to: the
    /// contact must be recorded before the sharing and the OM must have said
    /// yes (004 l.113).
    pub fn check_om_contact(
        &self,
        contact: Option<&OmContactRecord>,
        shared_at: DateTime<Utc>,
    ) -> Result<(), SharingError> {
        if !self.category.is_art9_wpg() {
            return Ok(());
        }
        let contact = contact.ok_or(SharingError::Art9WithoutOmContact)?;
        if contact.contacted_at > shared_at {
            return Err(SharingError::OmContactAfterSharing {
                contacted_at: contact.contacted_at,
                shared_at,
            });
        }
        if !contact.may_share {
            return Err(SharingError::Art9OmSaidNo);
        }
        Ok(())
    }

    fn check_summary(&self) -> Result<(), SharingError> {
        match SharedSummary::check(&self.summary, true) {
            Err(TextError::Empty) => Err(SharingError::EmptySummary),
            Err(TextError::TooLong { len, max }) => Err(SharingError::SummaryTooLong { len, max }),
            Ok(()) => Ok(()),
        }
    }

    /// Checks the record by the rules of schema 1 and 2, which events written
    /// then are still admitted with (so they keep folding).
    pub fn validate_legacy(&self, shared_at: DateTime<Utc>) -> Result<(), SharingError> {
        if self.from == self.to {
            return Err(SharingError::SameOrganisation);
        }
        if !self.legal_ground.fits(self.from, self.to) {
            return Err(SharingError::GroundDoesNotFit {
                ground: self.legal_ground,
                from: self.from,
                to: self.to,
            });
        }
        self.check_summary()?;
        if self.category.is_art9_wpg() {
            let contact = self.om_contact.as_ref().ok_or(SharingError::Art9WithoutOmContact)?;
            if contact.om_officer.trim().is_empty() {
                return Err(SharingError::OmOfficerMissing);
            }
            if contact.contacted_at > shared_at {
                return Err(SharingError::OmContactAfterSharing {
                    contacted_at: contact.contacted_at,
                    shared_at,
                });
            }
        }
        Ok(())
    }
}
