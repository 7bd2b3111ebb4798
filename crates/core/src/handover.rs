//! Step 5, niet meer acuut: the exit conditions, the (warm) handover, and
//! the short evaluation questions the toolkit asks regions to keep (004 l.430).

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::actor::Organisation;
use crate::catalogue::text;
use crate::lang::{Label, Lang};
use crate::sharing::InfoCategory;
use crate::triage::TriageStatus;

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

/// The handover fields, one register each.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case", deny_unknown_fields)]
pub enum HandoverItem {
    ExitCondition {
        condition: ExitCondition,
        met: bool,
    },
    /// Where follow-up lies (own systems, VT follow-up, ZSM, lokaal veld…).
    HandedOverTo {
        organisations: Vec<Organisation>,
    },
    /// Warm handover: phoned before, full file, phoned after.
    WarmHandover {
        done: bool,
    },
    ResponseMode {
        mode: ResponseMode,
    },
    UsefulInformation {
        categories: Vec<InfoCategory>,
    },
    MissingInformation {
        categories: Vec<InfoCategory>,
    },
    /// The people on scene declare the case no longer acute.
    Declared {
        not_acute: bool,
    },
}

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
}

impl HandoverBlocker {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::StillAcute => text(lang, "handover_blocker-still_acute").to_string(),
            Self::ExitConditionOpen(c) => {
                format!("{}: {}", text(lang, "handover-not_yet"), c.label(lang))
            }
            Self::NoHandoverTarget => text(lang, "handover-record_who_takes_over").to_string(),
            Self::NoCaseFirstContact => text(lang, "handover_blocker-no_case_first_contact").to_string(),
        }
    }
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
}

impl Handover {
    /// What still stands between the case and "niet meer acuut".
    pub fn blockers(&self, triage: TriageStatus) -> Vec<HandoverBlocker> {
        let mut out = Vec::new();
        if triage == TriageStatus::Acute {
            out.push(HandoverBlocker::StillAcute);
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
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> Handover {
        Handover {
            exit_conditions: ExitCondition::VARIANTS.to_vec(),
            handed_over_to: vec![Organisation::VeiligThuis],
            case_first_contact: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_contained_case_with_all_conditions_met_can_be_handed_over() {
        assert!(complete().blockers(TriageStatus::Contained).is_empty());
    }

    #[test]
    fn an_acute_case_cannot_be_declared_not_acute() {
        assert_eq!(
            complete().blockers(TriageStatus::Acute),
            vec![HandoverBlocker::StillAcute]
        );
    }

    #[test]
    fn each_open_exit_condition_is_named() {
        let h = Handover {
            handed_over_to: vec![Organisation::Police],
            case_first_contact: true,
            ..Default::default()
        };
        let blockers = h.blockers(TriageStatus::NotAcute);
        assert_eq!(blockers.len(), 3);
        assert!(blockers[0].text(Lang::Nl).contains("Veiligheidsbeoordeling"));
    }

    #[test]
    fn a_case_without_a_case_level_first_contact_cannot_be_handed_over() {
        let h = Handover {
            case_first_contact: false,
            ..complete()
        };
        let blockers = h.blockers(TriageStatus::Contained);
        assert_eq!(blockers, vec![HandoverBlocker::NoCaseFirstContact]);
        assert!(blockers[0].text(Lang::Nl).contains("eerste aanspreekpunt"));
    }
}
