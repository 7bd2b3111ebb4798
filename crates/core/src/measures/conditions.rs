//! Bijzondere voorwaarden and their groups.

use super::*;

/// Bijzondere voorwaarden: Bijlage VIII (002 l.1563–1593, its open last
/// line too), with the
/// gebiedsverbod, the electronic check and the begeleiding bij
/// hulpverlening that 002 names beside it (l.425–427, l.1128–1131,
/// l.1614–1620).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SpecialCondition {
    // Herstellende voorwaarden
    Schadevergoeding,
    Schadeherstel,
    Waarborgsom,
    StortingSchadefonds,
    // Vrijheidsbeperkende voorwaarden
    Contactverbod,
    Locatieverbod,
    Locatiegebod,
    Gebiedsverbod,
    Meldplicht,
    ElektronischeMonitoring,
    // Gedragsveranderende voorwaarden
    DrugsAlcoholverbod,
    KlinischeBehandeling,
    BegeleidWonen,
    Gedragsinterventie,
    BegeleidingHulpverlening,
    /// "Andere voorwaarden het gedrag van de veroordeelde betreffende"
    /// (002 l.1593): Bijlage VIII's open last line; what it holds is in the
    /// OM's or the court's decision, not in the app.
    AndereGedragsvoorwaarden,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionGroup {
    Herstellend,
    Vrijheidsbeperkend,
    Gedragsveranderend,
}

impl SpecialCondition {
    pub fn group(self) -> ConditionGroup {
        match self {
            Self::Schadevergoeding | Self::Schadeherstel | Self::Waarborgsom | Self::StortingSchadefonds => {
                ConditionGroup::Herstellend
            }
            Self::Contactverbod
            | Self::Locatieverbod
            | Self::Locatiegebod
            | Self::Gebiedsverbod
            | Self::Meldplicht
            | Self::ElektronischeMonitoring => ConditionGroup::Vrijheidsbeperkend,
            Self::DrugsAlcoholverbod
            | Self::KlinischeBehandeling
            | Self::BegeleidWonen
            | Self::Gedragsinterventie
            | Self::BegeleidingHulpverlening
            | Self::AndereGedragsvoorwaarden => ConditionGroup::Gedragsveranderend,
        }
    }
}

crate::lang::vocabulary!(SpecialCondition, "special_condition");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Label, Lang};

    #[test]
    fn bijlage_viii_open_last_line_is_offered_for_a_schorsing_only() {
        // 002 l.1593: "Andere voorwaarden het gedrag van de veroordeelde betreffende".
        let other = SpecialCondition::AndereGedragsvoorwaarden;
        assert_eq!(
            other.label(Lang::Nl),
            "Andere voorwaarden het gedrag van de veroordeelde betreffende"
        );
        assert_eq!(other.group(), ConditionGroup::Gedragsveranderend);
        assert!(
            MeasureKind::SchorsingVoorlopigeHechtenis
                .allowed_conditions()
                .contains(&other)
        );
        // The gedragsaanwijzing's list is the seed's own (002 l.1612-1620).
        assert!(
            !MeasureKind::Gedragsaanwijzing509hh
                .allowed_conditions()
                .contains(&other)
        );
    }
}
