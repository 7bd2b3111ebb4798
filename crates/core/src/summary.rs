//! The on-scene summary: one value that the app reads aloud and prints, and
//! that the server gives shift leads. Built from the case state only.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::actor::{Actor, Organisation};
use crate::answer::Answer;
use crate::case::{CaseState, CaseStatus, Conflict, Opening, Participant, SharedItem};
use crate::catalogue::text;
use crate::event::{CaseId, CaseNature, FieldKey, HandoverKey, MeasureAttribute};
use crate::handover::{Handover, HandoverBlocker};
use crate::lang::{Label, Lang};
use crate::measures::{AgreedMeasure, Deadline};
use crate::steps::{ChildPrompt, InvestigationPoint, RuleCheck, RuleStatus, SafetyItem, Step};
use crate::triage::{Criterion, StructuralCategory, TriageOutcome};

pub use crate::local_time::{local_input_value, local_time_text, parse_local_input};

mod handover;
mod render;
mod trace;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum TimelineKind {
    ReportReceived,
    CaseOpened,
    Checklist {
        item: SafetyItem,
    },
    InformationShared {
        category: crate::sharing::InfoCategory,
        from: Organisation,
        to: Organisation,
    },
    MeasureAgreed {
        kind: crate::measures::MeasureKind,
    },
    DeclaredNotAcute,
    /// A join with a written reason ("break-glass", `CaseState::late_joins`).
    LateJoin {
        reason: String,
    },
    /// The police contacted the OM (004 l.113).
    OmContacted {
        officer: String,
    },
    /// A partner was consulted (004 l.27).
    PartnerConsulted {
        with: Organisation,
    },
}

impl TimelineKind {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::ReportReceived => text(lang, "timeline_kind-report_received").into(),
            Self::CaseOpened => text(lang, "timeline_kind-case_opened").into(),
            Self::Checklist { item } => item.label(lang).into(),
            Self::InformationShared { category, from, to } => format!(
                "{}: {} ({} → {})",
                text(lang, "event-information_shared"),
                category.label(lang),
                from.label(lang),
                to.label(lang)
            ),
            Self::MeasureAgreed { kind } => {
                format!("{}: {}", text(lang, "event-measure_agreed"), kind.label(lang))
            }
            Self::DeclaredNotAcute => text(lang, "handover_key-declared").into(),
            Self::LateJoin { reason } => crate::catalogue::fill(lang, "timeline_kind-late_join", &[("reason", reason)]),
            Self::OmContacted { officer } => format!("{}: {officer}", text(lang, "event-om_contacted")),
            Self::PartnerConsulted { with } => {
                format!("{}: {}", text(lang, "event-partner_consulted"), with.label(lang))
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    /// Who recorded it (a professional's display name) and their organisation.
    pub by: Option<String>,
    pub organisation: Option<Organisation>,
    /// When the server received it, beside the device's time `at`: the
    /// time the server vouches for (issue 13 §3). Absent for the report
    /// time and for what the server has not received yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionLine {
    pub criterion: Criterion,
    pub answer: Answer,
    pub answered_by: Option<Actor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureLine {
    pub measure: AgreedMeasure,
    pub agreed_by: Option<Actor>,
    pub deadlines: Vec<Deadline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnSceneSummary {
    pub case_id: Option<CaseId>,
    pub generated_at: DateTime<Utc>,
    pub status: CaseStatus,
    pub opening: Option<Opening>,
    pub nature: Option<CaseNature>,
    pub children_present: Answer,
    pub participants: Vec<Participant>,
    pub timeline: Vec<TimelineEntry>,
    pub safety_rules: Vec<RuleCheck>,
    pub shared: Vec<SharedItem>,
    /// OM contacts (police and OM see them) and consultations (issue 14);
    /// the state is already folded from what the viewer may see.
    #[serde(default)]
    pub om_contacts: Vec<crate::sharing::OmContactItem>,
    #[serde(default)]
    pub consultations: Vec<crate::sharing::consultation::ConsultationItem>,
    pub triage: TriageOutcome,
    pub criteria: Vec<CriterionLine>,
    pub structural: Vec<StructuralCategory>,
    /// The Bijlage II sub-items recorded (002 l.1147–1186).
    #[serde(default)]
    pub structural_sub_items: Vec<crate::triage::StructuralSubItem>,
    /// "anders, namelijk……" (002 l.1187).
    #[serde(default)]
    pub structural_other: Option<String>,
    pub investigation: Vec<(InvestigationPoint, bool, String)>,
    /// Step 3's children prompts with whether each is done (004 l.199,
    /// l.278); empty when no children are present.
    #[serde(default)]
    pub child_prompts: Vec<(ChildPrompt, bool)>,
    pub measures: Vec<MeasureLine>,
    /// The agreement for the whole case: eerste aanspreekpunt and wie belt
    /// wie wanneer (004 l.302–303).
    #[serde(default)]
    pub agreement: crate::agreement::CaseAgreement,
    /// Who agreed the case-level first point of contact, for the export.
    #[serde(default)]
    pub first_contact_agreed_by: Option<Actor>,
    pub conflicts: Vec<Conflict>,
    /// Conflicts settled: who kept which value, when (issue 17 §3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolutions: Vec<crate::case::Resolution>,
    /// Answers changed by another organisation: who, from → to, when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes_by_others: Vec<(FieldKey, crate::case::FieldChange)>,
    pub handover: Handover,
    pub handover_blockers: Vec<HandoverBlocker>,
    pub event_count: usize,
    /// Eergerelateerd geweld: warnings, prompts and the opvang decision
    /// (`crate::honour`); absent when the case is not EGG.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honour: Option<crate::honour::HonourSummary>,
}

impl OnSceneSummary {
    pub fn build(state: &CaseState, at: DateTime<Utc>) -> Self {
        let triage = state.triage(at);
        let handover = state.handover();
        let mut timeline = Vec::new();
        if let Some(o) = &state.opening {
            timeline.push(TimelineEntry {
                at: o.reported_at,
                kind: TimelineKind::ReportReceived,
                by: None,
                organisation: None,
                received_at: None,
            });
            timeline.push(entry(
                (o.opened_at, o.received_at),
                TimelineKind::CaseOpened,
                Some(&o.opened_by),
            ));
        }
        for item in SafetyItem::VARIANTS.iter().copied() {
            let key = FieldKey::Safety(item);
            if let Some((actor, when)) = state.current_author(&key)
                && state.safety().is_done(item)
            {
                let at = (when, state.current_received(&key));
                timeline.push(entry(at, TimelineKind::Checklist { item }, Some(actor)));
            }
        }
        for s in state.shared() {
            let kind = TimelineKind::InformationShared {
                category: s.record.category,
                from: s.record.from,
                to: s.record.to,
            };
            timeline.push(entry((s.at, s.received_at), kind, Some(&s.recorded_by)));
        }
        for c in state.om_contacts() {
            let kind = TimelineKind::OmContacted {
                officer: c.contact.officer.clone(),
            };
            timeline.push(entry(
                (c.contact.contacted_at, c.received_at),
                kind,
                Some(&c.recorded_by),
            ));
        }
        for c in state.consultations() {
            let kind = TimelineKind::PartnerConsulted {
                with: c.consultation.with,
            };
            timeline.push(entry(
                (c.consultation.consulted_at, c.received_at),
                kind,
                Some(&c.recorded_by),
            ));
        }
        let mut owed: std::collections::HashMap<_, _> = crate::board::measure_deadlines(state)
            .map(|(m, deadlines)| (m.measure_id, deadlines))
            .collect();
        let measures: Vec<MeasureLine> = state
            .measures()
            .into_iter()
            .map(|m| {
                let header = state.measure_header(&m.measure_id);
                // The board's moments (`crate::board`), not only the
                // measure's own: the re-assessment owed after an access
                // change or after the measure ended (002 l.1095–1106), so
                // the summary and the board never tell the lead two things.
                let deadlines = owed.remove(&m.measure_id).unwrap_or_default();
                if let Some(h) = header {
                    timeline.push(entry(
                        (h.agreed_at, h.received_at),
                        TimelineKind::MeasureAgreed { kind: m.kind },
                        Some(&h.agreed_by),
                    ));
                }
                MeasureLine {
                    deadlines,
                    agreed_by: header.map(|h| h.agreed_by.clone()),
                    measure: m,
                }
            })
            .collect();
        let declared = FieldKey::Handover(HandoverKey::Declared);
        if handover.declared_not_acute
            && let Some((actor, when)) = state.current_author(&declared)
        {
            let at = (when, state.current_received(&declared));
            timeline.push(entry(at, TimelineKind::DeclaredNotAcute, Some(actor)));
        }
        for j in state.late_joins() {
            let kind = TimelineKind::LateJoin {
                reason: j.reason.clone(),
            };
            timeline.push(entry((j.at, j.received_at), kind, Some(&j.actor)));
        }
        timeline.sort_by_key(|e| e.at);

        let criteria = Criterion::VARIANTS
            .iter()
            .copied()
            .map(|c| CriterionLine {
                criterion: c,
                answer: state.criterion(c),
                answered_by: state.current_author(&FieldKey::Criterion(c)).map(|(a, _)| a.clone()),
            })
            .collect();

        Self {
            case_id: state.case_id,
            generated_at: at,
            status: state.status(at),
            opening: state.opening.clone(),
            nature: state.nature(),
            children_present: state.children_present(),
            participants: state.participants().to_vec(),
            timeline,
            safety_rules: state.safety().rules().to_vec(),
            shared: state.shared().to_vec(),
            om_contacts: state.om_contacts().to_vec(),
            consultations: state.consultations().to_vec(),
            handover_blockers: handover.blockers(&triage),
            triage,
            criteria,
            structural: state.structural_categories(),
            structural_sub_items: state.structural_sub_items(),
            structural_other: state.structural_other(),
            investigation: state
                .investigation()
                .into_iter()
                .filter(|(_, done, note)| *done || !note.is_empty())
                .collect(),
            child_prompts: state.child_prompts(),
            measures,
            agreement: state.agreement(),
            first_contact_agreed_by: state
                .current_author(&FieldKey::CaseFirstContact)
                .map(|(a, _)| a.clone()),
            conflicts: state.conflicts(),
            resolutions: state.resolutions(),
            changes_by_others: state.changes_by_others(),
            handover,
            event_count: state.event_count,
            honour: state.honour_summary(),
        }
    }

    /// The measures' moments to act, earliest first, as the board has them
    /// (an ended measure keeps only the re-assessment its end still owes).
    pub fn upcoming_deadlines(&self) -> Vec<(&AgreedMeasure, Deadline)> {
        let mut out: Vec<_> = self
            .measures
            .iter()
            .flat_map(|l| l.deadlines.iter().map(move |d| (&l.measure, *d)))
            .collect();
        out.sort_by_key(|(_, d)| d.due);
        out
    }

    /// Plain text to read aloud on scene or print: short sentences, the
    /// protocol's own words, who recorded what.
    pub fn render_text(&self, lang: Lang) -> String {
        let mut t = String::new();
        self.write_header(&mut t, lang);
        self.write_timeline(&mut t, lang);
        self.write_triage(&mut t, lang);
        self.write_honour(&mut t, lang);
        self.write_shared(&mut t, lang);
        self.write_om_contacts(&mut t, lang);
        self.write_consultations(&mut t, lang);
        self.write_investigation(&mut t, lang);
        self.write_measures(&mut t, lang);
        self.write_agreement(&mut t, lang);
        self.write_conflicts(&mut t, lang);
        self.write_trace(&mut t, lang);
        self.write_handover(&mut t, lang);
        t
    }
}

/// An entry at (device time, server receipt).
fn entry(
    (at, received_at): (DateTime<Utc>, Option<DateTime<Utc>>),
    kind: TimelineKind,
    by: Option<&Actor>,
) -> TimelineEntry {
    TimelineEntry {
        at,
        kind,
        by: by.map(|a| a.display_name.clone()),
        organisation: by.map(|a| a.organisation),
        received_at,
    }
}

impl TimelineEntry {
    /// "(ontvangen door de server 21:41)" after the device's time, when the
    /// server received it.
    pub fn received_text(&self, lang: Lang) -> String {
        self.received_at
            .map(|r| format!(" ({} {})", text(lang, "summary-received_at"), local_time_text(r)))
            .unwrap_or_default()
    }
}
