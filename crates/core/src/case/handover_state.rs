//! Step 5 as the case's registers hold it: the handover items, and what
//! the blockers look at beyond them (`crate::handover::Handover::blockers`).

use super::*;
use crate::handover::ExitCondition;

impl CaseState {
    pub fn handover(&self) -> Handover {
        let mut h = Handover::default();
        // The handover fields only: reading every field's value first
        // was most of the weekly figures' time (core bench).
        let items = self
            .registers
            .keys()
            .filter(|key| matches!(key, FieldKey::Handover(_)))
            .filter_map(|key| match self.protocol_value(key) {
                Some(Assignment::Handover { item }) => Some(item),
                _ => None,
            });
        for item in items {
            match item.clone() {
                HandoverItem::ExitCondition { condition, met: true } => h.exit_conditions.push(condition),
                HandoverItem::ExitCondition { .. } => {}
                HandoverItem::HandedOverTo { organisations } => h.handed_over_to = organisations,
                HandoverItem::WarmHandover { done } => h.warm_handover = done,
                HandoverItem::ResponseMode { mode } => h.response_mode = Some(mode),
                HandoverItem::UsefulInformation { categories } => h.useful_information = categories,
                HandoverItem::MissingInformation { categories } => h.missing_information = categories,
                HandoverItem::Declared { not_acute } => h.declared_not_acute = not_acute,
                HandoverItem::VtReport { done } => h.vt_report = done,
                HandoverItem::ChildCareReports { reported } => h.child_care_reports = reported,
                HandoverItem::RecordedInOwnSystem {
                    organisation,
                    done: true,
                } => h.recorded_in_own_system.push(organisation),
                HandoverItem::RecordedInOwnSystem { .. } => {}
                HandoverItem::VictimInformed { done } => h.victim_informed = done,
                HandoverItem::StructuralHandedOverTo { forums } => h.structural_handed_over_to = forums,
                HandoverItem::AddedValue { answer, explanation } => {
                    h.added_value = answer;
                    h.added_value_explanation = explanation;
                }
            }
        }
        h.recorded_in_own_system.sort_unstable();
        // What the blockers look at beyond the items (`Handover::blockers`).
        h.children_present = self.children_present();
        let measures = self.measures();
        h.measure_agreed = measures
            .iter()
            .any(|m| m.status != crate::measures::MeasureStatus::Withdrawn);
        // Ended or withdrawn counts too: its end still asks for the
        // re-assessment on the board (`board::on_board`); one recorded in
        // error does not (`measures` leaves it out).
        h.custody_recorded = measures.iter().any(|m| m.kind.follows_arrest());
        // A plan for direct safety (002 l.1121-1123): a measure in force or
        // agreed, other than the arrest or art 3 Pw, which end when the
        // suspect is released or the police leave.
        h.plan_agreed = measures.iter().any(|m| {
            m.is_open()
                && !matches!(
                    m.kind,
                    crate::measures::MeasureKind::Aanhouding | crate::measures::MeasureKind::WeghoudenArt3Pw
                )
        });
        h.forensic_examination_open = self.child_prompts().iter().any(|(p, done)| p.required && !done);
        h.reported_to_vt = self
            .opening
            .as_ref()
            .is_some_and(|o| o.source == crate::event::ReportSource::VeiligThuisReport);
        // The veiligheidsbeoordeling is derived, not ticked (004 l.307,
        // l.450): an old `ExitCondition` tick still loads, the derived value wins.
        h.exit_conditions.retain(|c| *c != ExitCondition::SafetyAssessmentMade);
        if self.safety_assessment().is_complete() {
            h.exit_conditions.push(ExitCondition::SafetyAssessmentMade);
        }
        h.exit_conditions.sort_unstable();
        h.case_first_contact = self.agreement().first_contact.is_some();
        h
    }
}
