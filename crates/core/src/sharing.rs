//! Information sharing in the motorkapoverleg: each item shared records
//! from which organisation to which, what kind of information, and the legal
//! ground (toolkit 004 Bijlage 1). Information that falls under art 9 Wpg
//! (from an ongoing criminal investigation) may only be shared after the
//! OM was contacted (004 fn 2): the core refuses it otherwise.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};
use uuid::Uuid;

use crate::actor::Organisation;
use crate::text::{SharedSummary, TextError};

/// What kind of information is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum InfoCategory {
    /// Whether someone is known at all ("dat-informatie").
    KnownTo,
    /// Relevant registrations in police systems (art 8 Wpg).
    PoliceRegistrations,
    /// Agreements made earlier with those involved or partners (plan van aanpak).
    PriorAgreements,
    /// Protection measures already in place.
    ProtectionMeasures,
    /// Information from an ongoing criminal investigation (art 9 Wpg).
    CriminalInvestigation,
    /// Earlier advice or supervision by the reclassering (via the police).
    ProbationInfo,
    /// Information from Veilig Thuis's own systems.
    VeiligThuisRecords,
    /// Information requested from the RvdK.
    ChildProtectionInfo,
    /// Information from care already involved.
    CareProviderInfo,
    /// What was seen on scene.
    ObservationsOnScene,
}

impl InfoCategory {
    /// Art 9 Wpg information needs a recorded OM contact before it is shared.
    pub fn is_art9_wpg(self) -> bool {
        self == Self::CriminalInvestigation
    }
}

crate::lang::vocabulary!(InfoCategory, "info_category");

/// What each organisation brings to the motorkapoverleg (004 l.109–110,
/// digest §7). The app lists these as prompts.
pub fn motorkap_inputs(org: Organisation) -> &'static [InfoCategory] {
    use InfoCategory as I;
    match org {
        Organisation::Police => &[
            I::KnownTo,
            I::PoliceRegistrations,
            I::PriorAgreements,
            I::ProtectionMeasures,
            I::CriminalInvestigation,
            I::ProbationInfo,
            I::ObservationsOnScene,
        ],
        Organisation::VeiligThuis => &[
            I::KnownTo,
            I::VeiligThuisRecords,
            I::ChildProtectionInfo,
            I::CareProviderInfo,
            I::ObservationsOnScene,
        ],
        Organisation::Rvdk => &[I::KnownTo, I::ChildProtectionInfo],
        Organisation::Reclassering => &[I::KnownTo, I::ProbationInfo],
        _ => &[I::KnownTo],
    }
}

/// The legal grounds of Bijlage 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum LegalGround {
    /// Art 6 lid 1 sub d AVG: the vital interest of the person, in an acute emergency.
    AvgVitalInterest,
    /// Art 6 lid 1 sub e AVG jo art 4.1.1 Wmo — Veilig Thuis.
    AvgWmo411,
    /// Art 16 lid 1 sub a Wpg — police to the OM.
    Wpg16ToOm,
    /// Art 18 lid 1 Wpg jo art 4:2 lid 1 Bpg — police to other partners.
    Wpg18Bpg42,
    /// Art 39e lid 1 Wjsg — OM.
    Wjsg39e,
    /// Art 39f lid 1 Wjsg — OM.
    Wjsg39f,
    /// Art 6 lid 1 sub e AVG jo 1:238 lid 3 BW — RvdK.
    AvgBw1238,
    /// Art 6 lid 1 sub e AVG jo 1:238 lid 3 BW jo 5.2.6 Wmo — RvdK to Veilig Thuis.
    AvgBw1238Wmo526,
    /// Consent of the person concerned, recorded.
    Consent,
}

impl LegalGround {
    /// Whether `from` may share with `to` on this ground. Vital interest
    /// and consent serve everyone; the others belong to one sender. The
    /// toolkit also lists the RvdK's ground for 3RO (004 l.526), which is
    /// likely a copy error, so 3RO is not given it here.
    pub fn fits(self, from: Organisation, to: Organisation) -> bool {
        match self {
            Self::AvgVitalInterest | Self::Consent => true,
            Self::AvgWmo411 => from == Organisation::VeiligThuis,
            Self::Wpg16ToOm => from == Organisation::Police && to == Organisation::Om,
            Self::Wpg18Bpg42 => from == Organisation::Police && to != Organisation::Om,
            Self::Wjsg39e | Self::Wjsg39f => from == Organisation::Om,
            Self::AvgBw1238 => from == Organisation::Rvdk,
            Self::AvgBw1238Wmo526 => from == Organisation::Rvdk && to == Organisation::VeiligThuis,
        }
    }

    /// The grounds that fit a sender and receiver, for the picker.
    pub fn fitting(from: Organisation, to: Organisation) -> Vec<LegalGround> {
        Self::VARIANTS.iter().copied().filter(|g| g.fits(from, to)).collect()
    }

    /// The ground offered first for sharing from `from` to `to`: the first
    /// fitting ground that is not consent. Consent is never assumed on
    /// scene (the person must give it), so it is never the default. Moved
    /// here from the motorkapoverleg screen; the sharing issue replaces it
    /// with the sender's own Bijlage 1 ground (004 l.493-527).
    pub fn default_for(from: Organisation, to: Organisation) -> Option<LegalGround> {
        Self::fitting(from, to).into_iter().find(|g| *g != LegalGround::Consent)
    }
}

crate::lang::vocabulary!(LegalGround, "legal_ground");

/// The recorded contact with the OM that must precede sharing art 9 Wpg
/// information.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OmContact {
    pub contacted_at: DateTime<Utc>,
    /// Who at the OM was consulted, e.g. "piket-OvJ mr. Test".
    pub om_officer: String,
}

/// One item of information shared on scene.
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
    #[serde(default)]
    pub om_contact: Option<OmContact>,
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
            legal_ground: LegalGround::default_for(from, to)?,
            summary: summary.into(),
            om_contact: None,
        })
    }

    /// Checks the record as it would be shared at `shared_at`.
    pub fn validate(&self, shared_at: DateTime<Utc>) -> Result<(), SharingError> {
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
        match SharedSummary::check(&self.summary, true) {
            Err(TextError::Empty) => return Err(SharingError::EmptySummary),
            Err(TextError::TooLong { len, max }) => return Err(SharingError::SummaryTooLong { len, max }),
            Ok(()) => {}
        }
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

/// Whether `viewer`'s organisation may see a shared item: only the sender's
/// and the receiver's organisation. Colleagues of other organisations must
/// not get "informatie die zij niet nodig hebben voor de uitvoering van hun
/// wettelijke taak" (004 l.442); "WELKE informatie is voor WIE
/// toegankelijk?" and "Alleen die gegevens mogen worden verstrekt die
/// noodzakelijk zijn" (000 l.350, 353-354). So a VT → RvdK item never
/// reaches the police, on a phone or in a shift lead's summary.
///
/// The seeds do not say whether the other organisations may at least see
/// *that* something was shared (without its content); this hides the whole
/// item, which protects the victim most. Juridische toets nodig.
pub fn visible_to(record: &SharingRecord, viewer: Organisation) -> bool {
    record.from == viewer || record.to == viewer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::local_time::test_at as at;

    fn record(category: InfoCategory) -> SharingRecord {
        SharingRecord {
            record_id: Uuid::nil(),
            from: Organisation::Police,
            to: Organisation::VeiligThuis,
            category,
            legal_ground: LegalGround::Wpg18Bpg42,
            summary: "Eerder contactverbod opgelegd".into(),
            om_contact: None,
        }
    }

    #[test]
    fn art9_information_without_om_contact_is_refused() {
        let r = record(InfoCategory::CriminalInvestigation);
        assert_eq!(r.validate(at(30)), Err(SharingError::Art9WithoutOmContact));
        assert!(SharingError::Art9WithoutOmContact.to_string().contains("OM"));
    }

    /// Art 9 Wpg information with an OM contact recorded at `contacted_at`.
    fn art9_with_om_contact_at(contacted_at: DateTime<Utc>) -> SharingRecord {
        let mut r = record(InfoCategory::CriminalInvestigation);
        r.om_contact = Some(OmContact {
            contacted_at,
            om_officer: "piket-OvJ".into(),
        });
        r
    }

    #[test]
    fn art9_information_after_recorded_om_contact_is_accepted() {
        let r = art9_with_om_contact_at(at(20));
        assert_eq!(r.validate(at(30)), Ok(()));
    }

    #[test]
    fn om_contact_after_the_sharing_does_not_count() {
        let r = art9_with_om_contact_at(at(40));
        assert!(matches!(
            r.validate(at(30)),
            Err(SharingError::OmContactAfterSharing { .. })
        ));
    }

    #[test]
    fn police_registrations_need_no_om_contact() {
        assert_eq!(record(InfoCategory::PoliceRegistrations).validate(at(30)), Ok(()));
    }

    #[test]
    fn police_uses_article_16_only_towards_the_om() {
        let mut r = record(InfoCategory::PoliceRegistrations);
        r.legal_ground = LegalGround::Wpg16ToOm;
        assert!(matches!(r.validate(at(30)), Err(SharingError::GroundDoesNotFit { .. })));
        r.to = Organisation::Om;
        assert_eq!(r.validate(at(30)), Ok(()));
    }

    #[test]
    fn veilig_thuis_shares_on_the_wmo_ground_and_police_cannot_use_it() {
        assert!(LegalGround::AvgWmo411.fits(Organisation::VeiligThuis, Organisation::Police));
        assert!(!LegalGround::AvgWmo411.fits(Organisation::Police, Organisation::VeiligThuis));
    }

    #[test]
    fn vital_interest_covers_every_partner_in_an_acute_emergency() {
        for from in Organisation::VARIANTS.iter().copied() {
            assert!(LegalGround::fitting(from, Organisation::VeiligThuis).contains(&LegalGround::AvgVitalInterest));
        }
    }

    #[test]
    fn overlong_summary_is_refused_for_minimisation() {
        let mut r = record(InfoCategory::PoliceRegistrations);
        r.summary = "x".repeat(SUMMARY_MAX_CHARS + 1);
        assert!(matches!(r.validate(at(30)), Err(SharingError::SummaryTooLong { .. })));
    }

    #[test]
    fn a_vt_to_rvdk_item_is_hidden_from_the_police_and_every_other_partner() {
        let mut r = record(InfoCategory::VeiligThuisRecords);
        r.from = Organisation::VeiligThuis;
        r.to = Organisation::Rvdk;
        for org in Organisation::VARIANTS.iter().copied() {
            let expected = matches!(org, Organisation::VeiligThuis | Organisation::Rvdk);
            assert_eq!(visible_to(&r, org), expected, "{org:?}");
        }
    }

    #[test]
    fn sender_and_receiver_both_see_a_police_to_vt_item() {
        let r = record(InfoCategory::PoliceRegistrations);
        assert!(visible_to(&r, Organisation::Police));
        assert!(visible_to(&r, Organisation::VeiligThuis));
        assert!(!visible_to(&r, Organisation::Om));
    }

    #[test]
    fn police_brings_the_art9_category_and_vt_its_own_records() {
        assert!(motorkap_inputs(Organisation::Police).contains(&InfoCategory::CriminalInvestigation));
        assert!(motorkap_inputs(Organisation::VeiligThuis).contains(&InfoCategory::VeiligThuisRecords));
        assert!(!motorkap_inputs(Organisation::VeiligThuis).contains(&InfoCategory::CriminalInvestigation));
    }
}
