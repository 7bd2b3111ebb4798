//! The summary's lines for the handover items of step 5 (004 l.147, l.377,
//! l.430; 002 l.263, l.867–881, l.4431) and the structural unsafety's
//! sub-items (002 l.1147–1187).

use std::fmt::Write;

use super::OnSceneSummary;
use crate::answer::Answer;
use crate::catalogue::text;
use crate::lang::{Label, Lang};

impl OnSceneSummary {
    /// Each Bijlage II sub-item recorded, and "anders, namelijk".
    pub(super) fn write_structural_details(&self, t: &mut String, lang: Lang) {
        for s in &self.structural_sub_items {
            let _ = writeln!(t, "- {}: {}", s.category().label(lang), s.label(lang));
        }
        if let Some(other) = &self.structural_other {
            let _ = writeln!(t, "- {}: {other}", text(lang, "field_key-structural_other"));
        }
    }

    /// The handover items recorded so far; an item never touched is left out.
    pub(super) fn write_handover_items(&self, t: &mut String, lang: Lang) {
        let h = &self.handover;
        let yes_no = |b: bool| if b { Answer::Yes } else { Answer::No }.label(lang);
        if h.vt_report {
            let _ = writeln!(t, "{}: {}", text(lang, "handover_key-vt_report"), yes_no(true));
        }
        if !h.child_care_reports.is_empty() {
            let _ = writeln!(
                t,
                "{}: {}",
                text(lang, "handover_key-child_care_reports"),
                crate::handover::child_reports_text(&h.child_care_reports, lang)
            );
        }
        if !h.recorded_in_own_system.is_empty() {
            let orgs: Vec<&str> = h.recorded_in_own_system.iter().map(|o| o.label(lang)).collect();
            let _ = writeln!(
                t,
                "{}: {}",
                text(lang, "handover_key-recorded_in_own_system"),
                orgs.join(", ")
            );
        }
        if h.victim_informed {
            let _ = writeln!(t, "{}: {}", text(lang, "handover_key-victim_informed"), yes_no(true));
        }
        if !h.structural_handed_over_to.is_empty() {
            let forums: Vec<&str> = h.structural_handed_over_to.iter().map(|f| f.label(lang)).collect();
            let _ = writeln!(
                t,
                "{}: {}",
                text(lang, "handover_key-structural_handed_over_to"),
                forums.join(", ")
            );
        }
        if let Some(mode) = h.response_mode {
            let _ = writeln!(t, "{}: {}", text(lang, "handover_key-response_mode"), mode.label(lang));
        }
        if h.added_value != Answer::Unknown {
            let _ = writeln!(
                t,
                "{}: {} — {}",
                text(lang, "handover_key-added_value"),
                h.added_value.label(lang),
                h.added_value_explanation
            );
        }
    }
}
