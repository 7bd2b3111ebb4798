//! The legal grounds of Bijlage 1 (toolkit 004 l.489-527), per sender and
//! receiver. Each pair offers only the grounds Bijlage 1 gives it; the
//! sender's own ground comes first and is the default.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use super::InfoCategory;
use crate::actor::Organisation;

/// The legal grounds of Bijlage 1, and the legacy ones older events carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum LegalGround {
    /// Art 6 lid 1 sub d AVG: the vital interest of the person, "als sprake
    /// is van een acute noodsituatie" (004 l.495). Offered as the ground
    /// itself only to a lokale partner, for whom Bijlage 1 names no ground;
    /// for other AVG senders it is an extra (`SharingRecord::vital_interest`).
    /// Always with a written reason.
    AvgVitalInterest,
    /// Art 6 lid 1 sub e AVG jo art 4.1.1 Wmo — Veilig Thuis (004 l.502-503).
    AvgWmo411,
    /// Art 16 lid 1 sub a Wpg — police to the OM (004 l.510).
    Wpg16ToOm,
    /// Art 18 lid 1 Wpg jo art 4:2 lid 1 i/j/g Bpg — police to the other
    /// partners, art 8 Wpg data only (004 l.510).
    Wpg18Bpg42,
    /// Art 39e lid 1 Wjsg — OM (004 l.515).
    Wjsg39e,
    /// Art 39f lid 1 Wjsg — OM (004 l.515).
    Wjsg39f,
    /// Art 6 lid 1 sub e AVG jo 1:238 lid 3 BW — RvdK to partners (004
    /// l.520); Bijlage 1 gives it to 3RO as well (l.526), marked unclear.
    AvgBw1238,
    /// Legacy, not offered: "1:238 lid 3 BW jo 5.2.6 Wmo" was written with
    /// an extra 1:238 BW that Bijlage 1 does not give (004 l.521). Kept so
    /// older events load; new records use `AvgWmo526`.
    AvgBw1238Wmo526,
    /// Legacy, not offered: consent is no ground of Bijlage 1, and never one
    /// for police or OM. Kept so older events load.
    Consent,
    /// Art 6 lid 1 sub e AVG jo art 5.2.6 Wmo — RvdK and 3RO to Veilig Thuis
    /// (004 l.521, l.527).
    AvgWmo526,
    /// Art 9 Wpg information to a partner other than the OM: "de politie
    /// volgt de reguliere lijn" (004 l.113), via the OM, never art 18.
    ViaOm,
}

crate::lang::vocabulary!(LegalGround, "legal_ground");

/// Whether `org` shares under the AVG (not the Wpg or the Wjsg): only such
/// a sender may lean on vital interest (6.1.d AVG, 004 l.495).
pub fn under_avg(org: Organisation) -> bool {
    !matches!(org, Organisation::Police | Organisation::Om)
}

/// Police and OM share only "er moet sprake zijn van een zwaarwegend
/// belang" (004 l.510, l.515): the person confirms it.
pub fn needs_weighty_interest(from: Organisation) -> bool {
    matches!(from, Organisation::Police | Organisation::Om)
}

impl LegalGround {
    /// The grounds Bijlage 1 gives `from` for sharing `category` with `to`,
    /// the sender's own first (the default).
    pub fn offered(from: Organisation, to: Organisation, category: InfoCategory) -> Vec<LegalGround> {
        use LegalGround as G;
        use Organisation as O;
        if from == to {
            return Vec::new();
        }
        match from {
            // 004 l.510: art 16 towards the OM; art 18 to the others for
            // art 8 data only; art 9 data goes the reguliere lijn (l.113).
            O::Police if to == O::Om => vec![G::Wpg16ToOm],
            O::Police if category.is_art9_wpg() => vec![G::ViaOm],
            O::Police => vec![G::Wpg18Bpg42],
            // 004 l.502-503: to "de partners"; OM and 3RO are unclear (l.493).
            O::VeiligThuis => vec![G::AvgWmo411],
            O::Om => vec![G::Wjsg39e, G::Wjsg39f],
            // 004 l.520-521 and l.526-527: 5.2.6 Wmo towards VT, 1:238 BW to partners.
            O::Rvdk | O::Reclassering if to == O::VeiligThuis => vec![G::AvgWmo526, G::AvgBw1238],
            O::Rvdk | O::Reclassering => vec![G::AvgBw1238],
            // A lokale partner: Bijlage 1 names no ground; only 6.1.d AVG in
            // an acute emergency (004 l.495). Juridische toets nodig.
            _ => vec![G::AvgVitalInterest],
        }
    }

    /// The sender's own ground for the pair (`offered`'s first).
    pub fn default_for(from: Organisation, to: Organisation, category: InfoCategory) -> Option<LegalGround> {
        Self::offered(from, to, category).first().copied()
    }

    /// Bijlage 1 gives this ground but says itself it is unclear: VT's
    /// 4.1.1 Wmo names police and RvdK, "OM en reclassering niet" (004
    /// l.493); the RvdK's 1:238 BW given to 3RO (l.526) reads as a copy of
    /// l.520. Shown as "juridisch onduidelijk"; juridische toets nodig.
    pub fn unclear(self, from: Organisation, to: Organisation) -> bool {
        match self {
            Self::AvgWmo411 => matches!(to, Organisation::Om | Organisation::Reclassering),
            Self::AvgBw1238 => from == Organisation::Reclassering,
            _ => false,
        }
    }

    /// Not offered for new records any more; older events keep them.
    pub fn is_legacy(self) -> bool {
        matches!(self, Self::Consent | Self::AvgBw1238Wmo526)
    }

    /// The rule events before schema 3 were admitted with (kept so they
    /// still fold): vital interest and consent served everyone.
    pub fn fits(self, from: Organisation, to: Organisation) -> bool {
        match self {
            Self::AvgVitalInterest | Self::Consent => true,
            Self::AvgWmo411 => from == Organisation::VeiligThuis,
            Self::Wpg16ToOm => from == Organisation::Police && to == Organisation::Om,
            Self::Wpg18Bpg42 | Self::ViaOm => from == Organisation::Police && to != Organisation::Om,
            Self::Wjsg39e | Self::Wjsg39f => from == Organisation::Om,
            Self::AvgBw1238 => from == Organisation::Rvdk,
            Self::AvgBw1238Wmo526 => from == Organisation::Rvdk && to == Organisation::VeiligThuis,
            Self::AvgWmo526 => {
                matches!(from, Organisation::Rvdk | Organisation::Reclassering) && to == Organisation::VeiligThuis
            }
        }
    }
}

/// The partners the motorkapoverleg's sender and receiver pickers offer:
/// those the toolkit names (004 l.29, l.129), the others as lokale partner.
pub const PICKABLE: &[Organisation] = &[
    Organisation::Police,
    Organisation::VeiligThuis,
    Organisation::Om,
    Organisation::Rvdk,
    Organisation::Reclassering,
    Organisation::LocalCare,
    // In an EGG case the verblijfplaats may go to the opvang (000 l.618,
    // `crate::honour::check_sharing`), so the opvang is a receiver to pick.
    Organisation::Opvang,
];

#[cfg(test)]
mod tests {
    use super::*;
    use InfoCategory as I;
    use LegalGround as G;
    use Organisation as O;

    #[test]
    fn veilig_thuis_shares_on_4_1_1_wmo_with_every_partner() {
        // 004 l.502-503.
        for to in [O::Police, O::Om, O::Rvdk, O::Reclassering, O::LocalCare] {
            assert_eq!(
                G::offered(O::VeiligThuis, to, I::VeiligThuisRecords),
                vec![G::AvgWmo411]
            );
        }
    }

    #[test]
    fn vt_to_om_and_3ro_is_marked_unclear_and_to_police_and_rvdk_is_not() {
        // 004 l.493: "Politie en Raad voor de Kinderbescherming worden expliciet genoemd. OM en reclassering niet."
        assert!(G::AvgWmo411.unclear(O::VeiligThuis, O::Om));
        assert!(G::AvgWmo411.unclear(O::VeiligThuis, O::Reclassering));
        assert!(!G::AvgWmo411.unclear(O::VeiligThuis, O::Police));
        assert!(!G::AvgWmo411.unclear(O::VeiligThuis, O::Rvdk));
    }

    #[test]
    fn police_use_art_16_towards_the_om_and_art_18_towards_the_others() {
        // 004 l.510.
        assert_eq!(G::offered(O::Police, O::Om, I::PoliceRegistrations), vec![G::Wpg16ToOm]);
        for to in [O::VeiligThuis, O::Rvdk, O::Reclassering, O::LocalCare] {
            assert_eq!(G::offered(O::Police, to, I::PoliceRegistrations), vec![G::Wpg18Bpg42]);
        }
    }

    #[test]
    fn art_9_data_to_a_partner_other_than_the_om_goes_via_the_om_never_art_18() {
        // 004 l.113 "reguliere lijn", l.510 "Alleen verstrekking artikel 8 politiegegevens aan andere partners dan OM".
        assert_eq!(
            G::offered(O::Police, O::VeiligThuis, I::CriminalInvestigation),
            vec![G::ViaOm]
        );
        assert_eq!(
            G::offered(O::Police, O::Om, I::CriminalInvestigation),
            vec![G::Wpg16ToOm]
        );
    }

    #[test]
    fn rvdk_and_3ro_share_with_vt_on_5_2_6_wmo_without_an_extra_1_238_bw() {
        // 004 l.521, l.527.
        for from in [O::Rvdk, O::Reclassering] {
            assert_eq!(G::default_for(from, O::VeiligThuis, I::KnownTo), Some(G::AvgWmo526));
            assert!(!G::offered(from, O::VeiligThuis, I::KnownTo).contains(&G::AvgBw1238Wmo526));
        }
        assert_eq!(G::default_for(O::Rvdk, O::Police, I::KnownTo), Some(G::AvgBw1238));
        assert!(G::AvgBw1238.unclear(O::Reclassering, O::Police), "004 l.526");
        assert!(!G::AvgBw1238.unclear(O::Rvdk, O::Police));
    }

    #[test]
    fn om_shares_on_39e_or_39f_wjsg() {
        // 004 l.515.
        assert_eq!(
            G::offered(O::Om, O::VeiligThuis, I::KnownTo),
            vec![G::Wjsg39e, G::Wjsg39f]
        );
    }

    #[test]
    fn consent_and_vital_interest_are_never_offered_to_police_or_om_and_consent_to_nobody() {
        for from in O::VARIANTS.iter().copied() {
            for to in O::VARIANTS.iter().copied() {
                for cat in I::VARIANTS.iter().copied() {
                    let offered = G::offered(from, to, cat);
                    assert!(offered.iter().all(|g| !g.is_legacy()), "{from:?} → {to:?}");
                    if !under_avg(from) {
                        assert!(!offered.contains(&G::AvgVitalInterest), "{from:?} → {to:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_lokale_partner_has_only_vital_interest() {
        assert_eq!(
            G::offered(O::LocalCare, O::VeiligThuis, I::CareProviderInfo),
            vec![G::AvgVitalInterest]
        );
    }
}
