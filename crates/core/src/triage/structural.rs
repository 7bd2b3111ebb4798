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
}

crate::lang::vocabulary!(StructuralCategory, "structural_category");
