//! Step 5, niet meer acuut: the exit conditions, the (warm) handover, and
//! the short evaluation questions the toolkit asks regions to keep (004 l.430).

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::actor::Organisation;
use crate::answer::Answer;
use crate::catalogue::text;
use crate::event::Schema;
use crate::lang::{Label, Lang};
use crate::sharing::InfoCategory;
use crate::triage::{TriageOutcome, TriageStatus};

mod items;
pub use items::*;

/// "Wanneer de veiligheidsbeoordeling is gemaakt, onderzoek is uitgevoerd
/// en betrokkenen fysiek veilig zijn" (004 l.307).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ExitCondition {
    SafetyAssessmentMade,
    InvestigationDone,
    PhysicallySafe,
}

crate::lang::vocabulary!(ExitCondition, "exit_condition");

/// How police and VT responded together ("fysiek of telefonisch").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ResponseMode {
    InPerson,
    ByPhone,
}

crate::lang::vocabulary!(ResponseMode, "response_mode");

/// Why "niet meer acuut" cannot be declared yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "blocker", content = "detail")]
pub enum HandoverBlocker {
    StillAcute,
    ExitConditionOpen(ExitCondition),
    NoHandoverTarget,
    /// No eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen
    /// agreed (004 l.302): after the handover, partners must know whom to
    /// call about the whole package of measures.
    NoCaseFirstContact,
    /// No VT-melding made (002 l.263, l.4432–4433). Not asked when the report
    /// reached VT itself (`ReportSource::VeiligThuisReport`): VT holds it.
    /// Blocking, not a prompt: without it VT has no case to assess and
    /// follow up, and the structural unsafety is handed over to nobody (004
    /// l.147). The seeds do not tie it to the declaration: chosen to protect
    /// the victim (juridische toets nodig).
    NoVtReport,
    /// Children present ("ja") and not every zorgmelding made, or no child
    /// named (002 l.4431–4432, l.594–596). Per child, so none is overlooked;
    /// blocking, chosen to protect each child (juridische toets nodig).
    /// "Onbekend" blocks as `ChildrenUnknown` (schema 5).
    ChildCareReportOpen,
    /// A measure is agreed and the victim has not been told of it and "waar
    /// en de wijze waarop een schending moet worden gemeld" (002 l.879–881;
    /// "zo spoedig mogelijk", l.867). Blocking, chosen so nobody leaves a
    /// victim with a verbod they cannot enforce (juridische toets nodig).
    VictimNotInformed,
    /// Contained only by the police keeping the suspect away (art 3 Pw):
    /// that holds "onder begeleiding van politie" (002 l.1112-1113), so it
    /// ends when the police finish on scene, and a change in access always
    /// asks for a new assessment (002 l.1095-1096). Step 5 is for when
    /// "betrokkenen fysiek veilig zijn" (004 l.307): first the re-assessment
    /// before the police leave, with what holds once they are gone (an
    /// arrest, a plan with oversight by third parties, the suspect without
    /// access). Blocking, chosen to protect the victim (juridische toets
    /// nodig).
    RestsOnPolicePresence,
    /// Contained because the suspect is arrested (`TriageOutcome::rests_on_arrest`)
    /// while no arrest, inverzekeringstelling, voorgeleiding or schorsing is
    /// recorded in step 4 (an ended or withdrawn one counts: its end asks for
    /// the re-assessment on the board): without it the OvJ's decision (002
    /// l.20, l.452) and the re-assessment before release (002 l.1100-1103)
    /// are on no one's board once the case is handed over, and the suspect
    /// may be sent home hours later (002 l.449-450). Blocking, chosen to
    /// protect the victim (protocol review, stop 36; juridische toets nodig).
    ArrestNotRecorded,
    /// "Kinderen aanwezig?" still "onbekend" and no zorgmelding recorded:
    /// "oog voor de aanwezigheid van kinderen" (004 l.199) and a zorgmelding
    /// per child (002 l.4431-4432, l.594-596) cannot be checked. Was a
    /// prompt; blocking since schema 5, as "onbekend" never looks safer than
    /// "ja" elsewhere (protocol review, stop 36; juridische toets nodig).
    ChildrenUnknown,
    /// A child with visible or suspected injury and the forensic
    /// examination not recorded as done: the police "altijd" call in a
    /// forensisch arts and Forensische Opsporing (004 l.278). It was marked
    /// required in step 3 but did not hold up step 5 (protocol review,
    /// stop 36; blocking is our choice, juridische toets nodig).
    ForensicExaminationOpen,
    /// Contained only by oversight of third parties
    /// (`TriageOutcome::rests_on_oversight`) and no plan agreed (an open
    /// measure other than the arrest or art 3 Pw, `Handover::plan_agreed`): lifting
    /// acute unsafety that way takes a plan for direct safety as well as the
    /// oversight (002 l.1121-1123), and step 4 is where it is agreed (004
    /// l.299-303). Blocking, chosen to protect the victim (protocol review,
    /// stop 36; the definition of l.1091-1093 alone would call the case not
    /// acute: juridische toets nodig).
    OversightWithoutPlan,
}

impl HandoverBlocker {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::StillAcute => text(lang, "handover_blocker-still_acute").to_string(),
            // Its own negative sentence: "Nog niet: Onderzoek is uitgevoerd"
            // read as a fact when skimmed (UX review, stop 36).
            Self::ExitConditionOpen(c) => {
                let key: &'static str = c.into();
                text(lang, &format!("handover_blocker-exit_open-{key}")).to_string()
            }
            Self::NoHandoverTarget => text(lang, "handover-record_who_takes_over").to_string(),
            Self::NoCaseFirstContact => text(lang, "handover_blocker-no_case_first_contact").to_string(),
            Self::NoVtReport => text(lang, "handover_blocker-no_vt_report").to_string(),
            Self::ChildCareReportOpen => text(lang, "handover_blocker-child_care_report_open").to_string(),
            Self::VictimNotInformed => text(lang, "handover_blocker-victim_not_informed").to_string(),
            Self::RestsOnPolicePresence => text(lang, "handover_blocker-rests_on_police_presence").to_string(),
            Self::ArrestNotRecorded => text(lang, "handover_blocker-arrest_not_recorded").to_string(),
            Self::ChildrenUnknown => text(lang, "handover_blocker-children_unknown").to_string(),
            Self::ForensicExaminationOpen => text(lang, "handover_blocker-forensic_examination_open").to_string(),
            Self::OversightWithoutPlan => text(lang, "handover_blocker-oversight_without_plan").to_string(),
        }
    }

    /// The event shape from which this blocker holds. A declaration written
    /// before (schema 2 and older) is admitted under the rules of its time,
    /// so a case declared then stays declared when it is folded again.
    pub fn since(&self) -> Schema {
        match self {
            Self::NoVtReport | Self::ChildCareReportOpen | Self::VictimNotInformed => Schema::V3,
            Self::RestsOnPolicePresence => Schema::V4,
            Self::ArrestNotRecorded
            | Self::ChildrenUnknown
            | Self::ForensicExaminationOpen
            | Self::OversightWithoutPlan => Schema::V5,
            _ => Schema::V1,
        }
    }
}

/// The most children one case's zorgmelding list holds; more is a typo.
pub const MAX_CHILDREN: usize = 20;

/// "Kind 1: ja, kind 2: nee", for the summary and conflicts.
pub fn child_reports_text(reported: &[bool], lang: Lang) -> String {
    if reported.is_empty() {
        return "—".into();
    }
    reported
        .iter()
        .enumerate()
        .map(|(i, done)| {
            let answer = if *done { Answer::Yes } else { Answer::No };
            format!("{} {}: {}", text(lang, "handover-child"), i + 1, answer.label(lang))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The state of step 5 as folded from events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub exit_conditions: Vec<ExitCondition>,
    pub handed_over_to: Vec<Organisation>,
    pub warm_handover: bool,
    pub response_mode: Option<ResponseMode>,
    pub useful_information: Vec<InfoCategory>,
    pub missing_information: Vec<InfoCategory>,
    pub declared_not_acute: bool,
    /// Whether the case-level eerste aanspreekpunt is agreed (004 l.302;
    /// `crate::agreement`).
    #[serde(default)]
    pub case_first_contact: bool,
    #[serde(default)]
    pub vt_report: bool,
    /// One entry per child: whether its zorgmelding is made.
    #[serde(default)]
    pub child_care_reports: Vec<bool>,
    #[serde(default)]
    pub recorded_in_own_system: Vec<Organisation>,
    #[serde(default)]
    pub victim_informed: bool,
    #[serde(default)]
    pub structural_handed_over_to: Vec<FollowUpForum>,
    /// Whether samen optrekken was of meerwaarde, and its toelichting: what the
    /// toolkit's evaluation collects ("de aard van de meldingen waarin samen
    /// optrekken van meerwaarde was", 004 l.430); the question is ours.
    #[serde(default)]
    pub added_value: Answer,
    #[serde(default)]
    pub added_value_explanation: String,
    /// What the rules look at beyond the items, filled by
    /// `CaseState::handover`: children present, a measure agreed, and
    /// whether the report reached VT itself.
    #[serde(default)]
    pub children_present: Answer,
    #[serde(default)]
    pub measure_agreed: bool,
    #[serde(default)]
    pub reported_to_vt: bool,
    /// An arrest, inverzekeringstelling, voorgeleiding or schorsing is
    /// recorded (`HandoverBlocker::ArrestNotRecorded`).
    #[serde(default)]
    pub custody_recorded: bool,
    /// An open measure other than the arrest or art 3 Pw is agreed: the plan
    /// `HandoverBlocker::OversightWithoutPlan` asks for.
    #[serde(default)]
    pub plan_agreed: bool,
    /// The forensic examination an injured child needs is not done
    /// (`HandoverBlocker::ForensicExaminationOpen`).
    #[serde(default)]
    pub forensic_examination_open: bool,
}

impl Handover {
    /// What still stands between the case and "niet meer acuut", given
    /// the case's triage.
    pub fn blockers(&self, triage: &TriageOutcome) -> Vec<HandoverBlocker> {
        let mut out = Vec::new();
        if triage.status == TriageStatus::Acute {
            out.push(HandoverBlocker::StillAcute);
        }
        if triage.rests_on_police_presence {
            out.push(HandoverBlocker::RestsOnPolicePresence);
        }
        if triage.rests_on_arrest && !self.custody_recorded {
            out.push(HandoverBlocker::ArrestNotRecorded);
        }
        if triage.rests_on_oversight && !self.plan_agreed {
            out.push(HandoverBlocker::OversightWithoutPlan);
        }
        for c in ExitCondition::VARIANTS.iter().copied() {
            if !self.exit_conditions.contains(&c) {
                out.push(HandoverBlocker::ExitConditionOpen(c));
            }
        }
        if self.handed_over_to.is_empty() {
            out.push(HandoverBlocker::NoHandoverTarget);
        }
        // "Wie van de partijen is eerste aanspreekpunt voor het totaal aan
        // veiligheidsmaatregelen" (004 l.302) must be agreed before the
        // people on scene leave it to others.
        if !self.case_first_contact {
            out.push(HandoverBlocker::NoCaseFirstContact);
        }
        if !self.vt_report && !self.reported_to_vt {
            out.push(HandoverBlocker::NoVtReport);
        }
        if self.children_present == Answer::Yes
            && (self.child_care_reports.is_empty() || self.child_care_reports.contains(&false))
        {
            out.push(HandoverBlocker::ChildCareReportOpen);
        }
        if self.children_present == Answer::Unknown && self.child_care_reports.is_empty() {
            out.push(HandoverBlocker::ChildrenUnknown);
        }
        if self.forensic_examination_open {
            out.push(HandoverBlocker::ForensicExaminationOpen);
        }
        if self.measure_agreed && !self.victim_informed {
            out.push(HandoverBlocker::VictimNotInformed);
        }
        out
    }

    /// The blockers that hold for a declaration written in `schema`
    /// (`HandoverBlocker::since`).
    pub fn blockers_for(&self, triage: &TriageOutcome, schema: Schema) -> Vec<HandoverBlocker> {
        let mut out = self.blockers(triage);
        out.retain(|b| b.since() <= schema);
        out
    }

    /// What step 5 asks without blocking: the organisations on the case
    /// that have not said they recorded it in their own systems (004
    /// l.377: for later follow-up, not a condition of leaving), the
    /// structural unsafety handed over to no forum (004 l.147, l.377), and
    /// the evaluation question (004 l.430).
    pub fn prompts(&self, organisations: &[Organisation]) -> Vec<HandoverPrompt> {
        let mut out: Vec<HandoverPrompt> = [Organisation::Police, Organisation::VeiligThuis]
            .into_iter()
            .filter(|o| organisations.contains(o) && !self.recorded_in_own_system.contains(o))
            .map(HandoverPrompt::NotRecordedInOwnSystem)
            .collect();
        if self.structural_handed_over_to.is_empty() {
            out.push(HandoverPrompt::StructuralNotHandedOver);
        }
        if self.added_value == Answer::Unknown {
            out.push(HandoverPrompt::AddedValueOpen);
        }
        out
    }
}

/// A step 5 question that does not block "niet meer acuut".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "prompt", content = "detail")]
pub enum HandoverPrompt {
    NotRecordedInOwnSystem(Organisation),
    StructuralNotHandedOver,
    AddedValueOpen,
}

impl HandoverPrompt {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::NotRecordedInOwnSystem(o) => crate::catalogue::fill(
                lang,
                "handover_prompt-not_recorded",
                &[("organisation", &o.label(lang))],
            ),
            Self::StructuralNotHandedOver => text(lang, "handover_prompt-structural_not_handed_over").to_string(),
            Self::AddedValueOpen => text(lang, "handover_prompt-added_value_open").to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
