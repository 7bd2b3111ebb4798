//! Structurele onveiligheid, kept apart from the acute criteria.

use super::*;

/// *Structurele onveiligheid*: repeated or continuing unsafe situations,
/// recorded apart from the acute criteria (a case can be both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum StructuralCategory {
    LichamelijkGeweld,
    PsychischGeweld,
    SeksueelGeweld,
    Verwaarlozing,
    BijzondereVormen,
}

impl StructuralCategory {
    /// Examples from Bijlage II, to help the user recognise the category.
    pub fn examples(&self, lang: Lang) -> &'static str {
        crate::lang::Vocabulary::text(*self, lang, "examples")
    }

    /// The sub-items Bijlage II lists under this category, in its order.
    pub fn sub_items(self) -> impl Iterator<Item = StructuralSubItem> {
        StructuralSubItem::VARIANTS
            .iter()
            .copied()
            .filter(move |s| s.category() == self)
    }
}

crate::lang::vocabulary!(StructuralCategory, "structural_category");

/// One "onveilige en schadelijke gebeurtenis of situatie" of Bijlage II
/// (002 l.1147–1187), each under its category. "Anders, namelijk……"
/// (l.1187) is free text: `Assignment::StructuralOther`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum StructuralSubItem {
    /// "Lichamelijke mishandeling al of niet met verwondingen" (l.1149).
    LichamelijkeMishandeling,
    /// "dreigen met het toebrengen van letsel, of met iemand te zullen vermoorden" (l.1151).
    DreigenMetLetselOfDoden,
    /// "emotioneel geweld zoals vernederen, uitschelden, intimideren, …" (l.1153).
    EmotioneelGeweld,
    /// "(Digitale) stalking" (l.1155).
    DigitaleStalking,
    /// "opsluiting/ sociale isolering" (l.1156).
    OpsluitingSocialeIsolering,
    /// "huisvredebreuk" (l.1157).
    Huisvredebreuk,
    /// "gezinslid dat vernielingen in of rondom huis aanricht" (l.1158).
    Vernielingen,
    /// "partnergeweld" (l.1159).
    Partnergeweld,
    /// "kinderen die getuige zijn van (de gevolgen van) huiselijk geweld tussen familieleden" (l.1160).
    KinderenGetuigeHuiselijkGeweld,
    /// "conflictscheiding met kinderen" (l.1162).
    Conflictscheiding,
    /// "(vermoedens) seksueel misbruiksituatie(s)" (l.1164).
    SeksueelMisbruik,
    /// "gedwongen prostitutie (mensenhandel, waaronder lover/pooierboyproblematiek)" (l.1165).
    GedwongenProstitutie,
    /// "online seksueel geweld (sexting, grooming, webcamseks, sextortion, kinderpornografie)" (l.1167).
    OnlineSeksueelGeweld,
    /// "kinderen zijn getuige van seksuele handelingen tussen anderen / kijken porno" (l.1169).
    KinderenGetuigeSeksueleHandelingen,
    /// "lichamelijke verwaarlozing (waaronder onthouden van basisverzorging)" (l.1172).
    LichamelijkeVerwaarlozing,
    /// "psychische verwaarlozing (emotioneel/ affectief, pedagogisch)" (l.1173).
    PsychischeVerwaarlozing,
    /// "onthouden van noodzakelijke medische/ psychiatrische zorg" (l.1174).
    OnthoudenMedischeZorg,
    /// "financiële uitbuiting" (l.1177).
    FinancieleUitbuiting,
    /// "geweld dat samenhangt met eergerelateerde problematiek" (l.1178).
    Eergerelateerd,
    /// "huwelijksdwang, huwelijkse gevangenschap of achterlating" (l.1179) is
    /// one bullet; its three forms are kept apart so each can be asked about
    /// (the EGG flag looks at them one by one).
    Huwelijksdwang,
    /// See `Huwelijksdwang` (l.1179).
    HuwelijkseGevangenschap,
    /// See `Huwelijksdwang` (l.1179).
    Achterlating,
    /// "mensenhandel, niet zijnde seksueel geweld (Arbeidsuitbuiting,
    /// orgaanverwijdering, criminele uitbuiting volwassene)" (l.1180).
    Mensenhandel,
    /// "vermoeden van PCF= Paediatric Condition Falsification" (l.1182).
    Pcf,
    /// "dierenmishandeling-, en verwaarlozing" (l.1183).
    Dierenmishandeling,
    /// "criminele uitbuiting jeugdige" (l.1184).
    CrimineleUitbuitingJeugdige,
}

impl StructuralSubItem {
    /// The Bijlage II heading it stands under (002 l.1148, 1150, 1163, 1171, 1175).
    pub fn category(self) -> StructuralCategory {
        use StructuralCategory as C;
        match self {
            Self::LichamelijkeMishandeling => C::LichamelijkGeweld,
            Self::DreigenMetLetselOfDoden
            | Self::EmotioneelGeweld
            | Self::DigitaleStalking
            | Self::OpsluitingSocialeIsolering
            | Self::Huisvredebreuk
            | Self::Vernielingen
            | Self::Partnergeweld
            | Self::KinderenGetuigeHuiselijkGeweld
            | Self::Conflictscheiding => C::PsychischGeweld,
            Self::SeksueelMisbruik
            | Self::GedwongenProstitutie
            | Self::OnlineSeksueelGeweld
            | Self::KinderenGetuigeSeksueleHandelingen => C::SeksueelGeweld,
            Self::LichamelijkeVerwaarlozing | Self::PsychischeVerwaarlozing | Self::OnthoudenMedischeZorg => {
                C::Verwaarlozing
            }
            Self::FinancieleUitbuiting
            | Self::Eergerelateerd
            | Self::Huwelijksdwang
            | Self::HuwelijkseGevangenschap
            | Self::Achterlating
            | Self::Mensenhandel
            | Self::Pcf
            | Self::Dierenmishandeling
            | Self::CrimineleUitbuitingJeugdige => C::BijzondereVormen,
        }
    }
}

crate::lang::vocabulary!(StructuralSubItem, "structural_sub_item");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bijlage_ii_heading_has_its_sub_items() {
        // 002 l.1148–1187: 1 + 9 + 4 + 3 + 9 (with l.1179 split in three).
        let counts: Vec<usize> = StructuralCategory::VARIANTS
            .iter()
            .map(|c| c.sub_items().count())
            .collect();
        assert_eq!(counts, vec![1, 9, 4, 3, 9]);
    }

    #[test]
    fn forced_marriage_and_abandonment_are_under_bijzondere_vormen() {
        for s in [
            StructuralSubItem::Huwelijksdwang,
            StructuralSubItem::HuwelijkseGevangenschap,
            StructuralSubItem::Achterlating,
        ] {
            assert_eq!(s.category(), StructuralCategory::BijzondereVormen);
        }
    }
}
