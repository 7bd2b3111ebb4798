//! Bijzondere voorwaarden and their groups.

use super::*;

/// Bijzondere voorwaarden: Bijlage VIII (002 l.1563–1593), with the
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
            | Self::BegeleidingHulpverlening => ConditionGroup::Gedragsveranderend,
        }
    }
}

crate::lang::vocabulary!(SpecialCondition, "special_condition");
