//! Information sharing in the motorkapoverleg: each item shared records
//! from which organisation to which, what kind of information, and the legal
//! ground (toolkit 004 Bijlage 1). Information that falls under art 9 Wpg
//! (from an ongoing criminal investigation) may only be shared after the
//! OM was contacted (004 fn 2): the core refuses it otherwise.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::actor::Organisation;

pub mod consultation;
mod grounds;
mod om;
mod record;

pub use grounds::{LegalGround, PICKABLE, needs_weighty_interest, under_avg};
pub use om::{OmContact, OmContactItem, OmContactRecord};
pub use record::{SUMMARY_MAX_CHARS, SharingError, SharingRecord};

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
    /// Where the victim stays ("verblijfplaats", 000 l.618). In an
    /// eergerelateerd-geweld case only for the police and the opvang
    /// (`crate::honour::check_sharing`).
    Verblijfplaats,
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
            I::Verblijfplaats,
        ],
        Organisation::VeiligThuis => &[
            I::KnownTo,
            I::VeiligThuisRecords,
            I::ChildProtectionInfo,
            I::CareProviderInfo,
            I::ObservationsOnScene,
            I::Verblijfplaats,
        ],
        Organisation::Rvdk => &[I::KnownTo, I::ChildProtectionInfo],
        Organisation::Reclassering => &[I::KnownTo, I::ProbationInfo],
        // "Reeds betrokken hulpverlening" (004 l.110).
        Organisation::LocalCare => &[I::KnownTo, I::CareProviderInfo],
        _ => &[I::KnownTo],
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
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    fn record(category: InfoCategory) -> SharingRecord {
        SharingRecord {
            record_id: Uuid::nil(),
            from: Organisation::Police,
            to: Organisation::VeiligThuis,
            category,
            legal_ground: LegalGround::Wpg18Bpg42,
            summary: "Eerder contactverbod opgelegd".into(),
            om_contact: None,
            om_contact_id: None,
            vital_interest: None,
            weighty_interest: true,
        }
    }

    #[test]
    fn art9_information_without_om_contact_is_refused() {
        let r = record(InfoCategory::CriminalInvestigation);
        assert_eq!(r.validate_legacy(at(30)), Err(SharingError::Art9WithoutOmContact));
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
        assert_eq!(r.validate_legacy(at(30)), Ok(()));
    }

    #[test]
    fn om_contact_after_the_sharing_does_not_count() {
        let r = art9_with_om_contact_at(at(40));
        assert!(matches!(
            r.validate_legacy(at(30)),
            Err(SharingError::OmContactAfterSharing { .. })
        ));
    }

    #[test]
    fn police_registrations_need_no_om_contact() {
        assert_eq!(
            record(InfoCategory::PoliceRegistrations).validate_legacy(at(30)),
            Ok(())
        );
    }

    #[test]
    fn police_uses_article_16_only_towards_the_om() {
        let mut r = record(InfoCategory::PoliceRegistrations);
        r.legal_ground = LegalGround::Wpg16ToOm;
        assert!(matches!(
            r.validate_legacy(at(30)),
            Err(SharingError::GroundDoesNotFit { .. })
        ));
        r.to = Organisation::Om;
        assert_eq!(r.validate_legacy(at(30)), Ok(()));
    }

    #[test]
    fn veilig_thuis_shares_on_the_wmo_ground_and_police_cannot_use_it() {
        assert!(LegalGround::AvgWmo411.fits(Organisation::VeiligThuis, Organisation::Police));
        assert!(!LegalGround::AvgWmo411.fits(Organisation::Police, Organisation::VeiligThuis));
    }

    #[test]
    fn a_current_record_from_the_police_needs_zwaarwegend_belang_and_no_vital_interest() {
        let mut r = record(InfoCategory::PoliceRegistrations);
        assert_eq!(r.validate_current(), Ok(()));
        r.weighty_interest = false;
        assert_eq!(
            r.validate_current(),
            Err(SharingError::WeightyInterestNotConfirmed {
                from: Organisation::Police
            })
        );
        r.weighty_interest = true;
        r.vital_interest = Some("Direct gevaar voor het kind".into());
        assert_eq!(
            r.validate_current(),
            Err(SharingError::VitalInterestNotForSender {
                from: Organisation::Police
            })
        );
    }

    #[test]
    fn a_current_record_never_carries_the_om_contact_inside_it() {
        let mut r = art9_with_om_contact_at(at(20));
        r.legal_ground = LegalGround::ViaOm;
        assert_eq!(r.validate_current(), Err(SharingError::OmContactMustBeEvent));
    }

    #[test]
    fn the_om_saying_no_stops_art9_information() {
        let mut r = record(InfoCategory::CriminalInvestigation);
        r.legal_ground = LegalGround::ViaOm;
        r.om_contact_id = Some(Uuid::nil());
        assert_eq!(r.validate_current(), Ok(()));
        let mut contact = OmContactRecord {
            contact_id: Uuid::nil(),
            contacted_at: at(20),
            officer: "piket-OvJ mr. Test".into(),
            may_share: false,
            decision: "Niet delen, lopend onderzoek".into(),
        };
        assert_eq!(
            r.check_om_contact(Some(&contact), at(30)),
            Err(SharingError::Art9OmSaidNo)
        );
        contact.may_share = true;
        assert_eq!(r.check_om_contact(Some(&contact), at(30)), Ok(()));
        assert_eq!(
            r.check_om_contact(None, at(30)),
            Err(SharingError::Art9WithoutOmContact)
        );
    }

    #[test]
    fn overlong_summary_is_refused_for_minimisation() {
        let mut r = record(InfoCategory::PoliceRegistrations);
        r.summary = "x".repeat(SUMMARY_MAX_CHARS + 1);
        assert!(matches!(
            r.validate_legacy(at(30)),
            Err(SharingError::SummaryTooLong { .. })
        ));
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
