//! Structurele onveiligheid as recorded (Bijlage II, 002 l.1141–1187) and
//! the partners consulted, for the summary, the handover and the figures.

use super::*;
use crate::triage::StructuralSubItem;

impl CaseState {
    /// The Bijlage II sub-items recorded in this case, in Bijlage II's order.
    pub fn structural_sub_items(&self) -> Vec<StructuralSubItem> {
        StructuralSubItem::VARIANTS
            .iter()
            .copied()
            .filter(|s| self.structural_sub_item_recorded(*s))
            .collect()
    }

    /// Whether `item` is recorded, e.g. huwelijksdwang, huwelijkse
    /// gevangenschap or achterlating (002 l.1179) for the EGG flag.
    pub fn structural_sub_item_recorded(&self, item: StructuralSubItem) -> bool {
        matches!(
            self.current(&FieldKey::StructuralSubItem(item)),
            Some(Assignment::StructuralSubItem { recorded: true, .. })
        )
    }

    /// "anders, namelijk……" (002 l.1187), when filled in.
    pub fn structural_other(&self) -> Option<String> {
        match self.current(&FieldKey::StructuralOther) {
            Some(Assignment::StructuralOther { text }) if !text.trim().is_empty() => Some(text.clone()),
            _ => None,
        }
    }

    /// The categories of structurele onveiligheid that apply: answered "ja",
    /// or holding a recorded sub-item ("anders, namelijk" stands under
    /// Bijzondere vormen van geweld, 002 l.1175–1187).
    pub fn structural_categories(&self) -> Vec<StructuralCategory> {
        let subs = self.structural_sub_items();
        let other = self.structural_other().is_some();
        self.structural()
            .into_iter()
            .filter(|(c, answer)| {
                *answer == Answer::Yes
                    || subs.iter().any(|s| s.category() == *c)
                    || (other && *c == StructuralCategory::BijzondereVormen)
            })
            .map(|(c, _)| c)
            .collect()
    }

    /// The partners consulted in this case, for the shift lead's figures
    /// ("partners", 004 l.430–431): the consultations recorded in the
    /// motorkapoverleg and the OM contacts (`sharing::consultation`). A
    /// handover is not a consultation, so handover targets do not count.
    pub fn partners_consulted(&self) -> Vec<Organisation> {
        crate::sharing::consultation::partners_consulted(self)
    }
}
