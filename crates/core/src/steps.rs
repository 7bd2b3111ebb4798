//! The five steps of Samen op in acuut as the app walks them, and the step 1
//! fysieke veiligheid checklist with its two hard rules (004 l.95–99).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::lang::{Label, Lang, pick};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    FysiekeVeiligheid,
    Motorkapoverleg,
    Triage,
    OnderzoekEnMaatregelen,
    NietMeerAcuut,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Self::FysiekeVeiligheid,
        Self::Motorkapoverleg,
        Self::Triage,
        Self::OnderzoekEnMaatregelen,
        Self::NietMeerAcuut,
    ];

    pub fn number(self) -> u8 {
        self as u8 + 1
    }
}

impl Label for Step {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::FysiekeVeiligheid => pick(lang, "Fysieke veiligheid", "Physical safety"),
            Self::Motorkapoverleg => pick(lang, "Motorkapoverleg", "Bonnet briefing"),
            Self::Triage => pick(lang, "Acute onveiligheid", "Acute unsafety"),
            Self::OnderzoekEnMaatregelen => pick(
                lang,
                "Onderzoek en veiligheidsmaatregelen",
                "Investigation and safety measures",
            ),
            Self::NietMeerAcuut => pick(lang, "Niet meer acuut", "No longer acute"),
        }
    }
}

/// The step 1 checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyItem {
    PoliceOnScene,
    /// Police phoned Veilig Thuis (always, in acute HG/KM cases).
    VtPhoned,
    /// Police told VT it is safe enough to enter the home.
    SafeToEnterToldVt,
    VtOnScene,
    VtEntered,
    /// Those involved were told who enters their home and why.
    ResidentsInformed,
    /// Police consulted VT by phone before leaving.
    DepartureConsulted,
    PoliceLeft,
}

impl SafetyItem {
    pub const ALL: [SafetyItem; 8] = [
        Self::PoliceOnScene,
        Self::VtPhoned,
        Self::SafeToEnterToldVt,
        Self::VtOnScene,
        Self::VtEntered,
        Self::ResidentsInformed,
        Self::DepartureConsulted,
        Self::PoliceLeft,
    ];
}

impl Label for SafetyItem {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::PoliceOnScene => pick(lang, "Politie ter plaatse", "Police on scene"),
            Self::VtPhoned => pick(lang, "Politie heeft Veilig Thuis gebeld", "Police phoned Veilig Thuis"),
            Self::SafeToEnterToldVt => pick(
                lang,
                "Politie heeft Veilig Thuis laten weten dat het veilig genoeg is om binnen te gaan",
                "Police told Veilig Thuis it is safe enough to enter",
            ),
            Self::VtOnScene => pick(lang, "Veilig Thuis ter plaatse", "Veilig Thuis on scene"),
            Self::VtEntered => pick(
                lang,
                "Veilig Thuis is de woning binnengegaan",
                "Veilig Thuis entered the home",
            ),
            Self::ResidentsInformed => pick(
                lang,
                "Betrokkenen weten wie hun woning betreden en waarom",
                "Those involved know who enters their home and why",
            ),
            Self::DepartureConsulted => pick(
                lang,
                "Telefonisch overleg met Veilig Thuis vóór vertrek politie",
                "Police consulted Veilig Thuis by phone before leaving",
            ),
            Self::PoliceLeft => pick(lang, "Politie vertrokken", "Police left"),
        }
    }
}

/// The two hard rules of step 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyRule {
    /// "De politie gaat voorop … en laat Veilig Thuis weten wanneer het
    /// veilig genoeg is om de woning binnen te gaan."
    PoliceSignalSafeToEnter,
    /// "Als de politie weg moet voordat Veilig Thuis er is, dan heeft
    /// voorafgaand aan het vertrek … altijd telefonisch overleg plaatsgevonden."
    NoDepartureWithoutConsultation,
}

impl Label for SafetyRule {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::PoliceSignalSafeToEnter => pick(
                lang,
                "Veilig Thuis gaat pas naar binnen als de politie meldt dat het veilig is",
                "Veilig Thuis enters only after the police say it is safe",
            ),
            Self::NoDepartureWithoutConsultation => pick(
                lang,
                "Politie vertrekt niet vóór Veilig Thuis er is zonder eerst telefonisch overleg",
                "Police do not leave before Veilig Thuis arrives without a phone consultation first",
            ),
        }
    }
}

/// Where a hard rule stands. The UI shows `Blocking` as a blocking
/// reminder and `Broken` as a recorded deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    /// Nothing to do yet.
    NotYetRelevant,
    /// Relevant now and not yet met: act before going on.
    Blocking,
    Met,
    /// It happened the wrong way round; recorded, cannot be undone.
    Broken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RuleCheck {
    pub rule: SafetyRule,
    pub status: RuleStatus,
}

/// Checked items with the moment each was checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyChecklist {
    pub done: BTreeMap<SafetyItem, DateTime<Utc>>,
}

impl SafetyChecklist {
    pub fn at(&self, item: SafetyItem) -> Option<DateTime<Utc>> {
        self.done.get(&item).copied()
    }

    pub fn is_done(&self, item: SafetyItem) -> bool {
        self.done.contains_key(&item)
    }

    /// Both hard rules, in order.
    pub fn rules(&self) -> [RuleCheck; 2] {
        [
            RuleCheck {
                rule: SafetyRule::PoliceSignalSafeToEnter,
                status: self.signal_rule(),
            },
            RuleCheck {
                rule: SafetyRule::NoDepartureWithoutConsultation,
                status: self.departure_rule(),
            },
        ]
    }

    fn signal_rule(&self) -> RuleStatus {
        let told = self.at(SafetyItem::SafeToEnterToldVt);
        match (self.at(SafetyItem::VtEntered), told) {
            (Some(entered), Some(told)) if told <= entered => RuleStatus::Met,
            (Some(_), _) => RuleStatus::Broken,
            (None, Some(_)) => RuleStatus::Met,
            // VT is at the door and waits for the police's signal.
            (None, None) if self.is_done(SafetyItem::VtOnScene) => RuleStatus::Blocking,
            (None, None) => RuleStatus::NotYetRelevant,
        }
    }

    fn departure_rule(&self) -> RuleStatus {
        let left = self.at(SafetyItem::PoliceLeft);
        let vt_there = self.at(SafetyItem::VtOnScene);
        let consulted = self.at(SafetyItem::DepartureConsulted);
        match left {
            Some(left) => {
                let vt_before = vt_there.is_some_and(|t| t <= left);
                let consulted_before = consulted.is_some_and(|t| t <= left);
                if vt_before || consulted_before {
                    RuleStatus::Met
                } else {
                    RuleStatus::Broken
                }
            }
            None if vt_there.is_some() || consulted.is_some() => RuleStatus::Met,
            // Police are on scene without VT: the reminder stands until VT arrives.
            None if self.is_done(SafetyItem::PoliceOnScene) => RuleStatus::Blocking,
            None => RuleStatus::NotYetRelevant,
        }
    }

    /// Checklist items still open, in order.
    pub fn open_items(&self) -> Vec<SafetyItem> {
        SafetyItem::ALL
            .into_iter()
            .filter(|i| !self.is_done(*i))
            // Leaving and consulting about leaving are only due when it comes to that.
            .filter(|i| !matches!(i, SafetyItem::PoliceLeft | SafetyItem::DepartureConsulted))
            .collect()
    }
}

/// Step 3/4 (gezamenlijk) onderzoek: the agreements about the
/// investigation that are not tied to one measure (004 l.296–303).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvestigationPoint {
    /// Wie met wie wanneer overleg heeft over de afstemming in de zaak.
    Consultation,
    /// Welke onderzoeksresultaten met wie gedeeld worden, en door wie.
    ResultsSharing,
    /// Joint interview, so those involved tell their story once.
    JointInterview,
    /// The police's kindcheck: are there children, are they safe.
    ChildCheck,
    /// Injured children: forensic doctor and Forensische Opsporing always.
    ForensicExamination,
}

impl InvestigationPoint {
    pub const ALL: [InvestigationPoint; 5] = [
        Self::Consultation,
        Self::ResultsSharing,
        Self::JointInterview,
        Self::ChildCheck,
        Self::ForensicExamination,
    ];
}

impl Label for InvestigationPoint {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Consultation => pick(lang, "Wie overlegt met wie, wanneer", "Who consults whom, when"),
            Self::ResultsSharing => pick(
                lang,
                "Welke onderzoeksresultaten delen, met wie, door wie",
                "Which findings to share, with whom, by whom",
            ),
            Self::JointInterview => pick(
                lang,
                "Gezamenlijk gesprek (één keer het verhaal vertellen)",
                "Joint interview (tell the story once)",
            ),
            Self::ChildCheck => pick(lang, "Kindcheck gedaan", "Child check done"),
            Self::ForensicExamination => pick(
                lang,
                "Forensisch arts en Forensische Opsporing (letsel bij kind)",
                "Forensic doctor and forensics (injured child)",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 2, 10, 22, min, 0)
            .single()
            .unwrap_or_default()
    }

    fn list(items: &[(SafetyItem, u32)]) -> SafetyChecklist {
        SafetyChecklist {
            done: items.iter().map(|(i, m)| (*i, at(*m))).collect(),
        }
    }

    #[test]
    fn vt_at_the_door_waits_for_the_police_signal() {
        let c = list(&[(SafetyItem::PoliceOnScene, 0), (SafetyItem::VtOnScene, 20)]);
        assert_eq!(c.rules()[0].status, RuleStatus::Blocking);
    }

    #[test]
    fn signal_given_before_vt_entered_meets_the_rule() {
        let c = list(&[
            (SafetyItem::VtOnScene, 20),
            (SafetyItem::SafeToEnterToldVt, 25),
            (SafetyItem::VtEntered, 26),
        ]);
        assert_eq!(c.rules()[0].status, RuleStatus::Met);
    }

    #[test]
    fn vt_entering_before_the_signal_is_recorded_as_broken() {
        let c = list(&[
            (SafetyItem::VtOnScene, 20),
            (SafetyItem::VtEntered, 21),
            (SafetyItem::SafeToEnterToldVt, 25),
        ]);
        assert_eq!(c.rules()[0].status, RuleStatus::Broken);
    }

    #[test]
    fn police_on_scene_without_vt_see_the_departure_reminder() {
        let c = list(&[(SafetyItem::PoliceOnScene, 0)]);
        assert_eq!(c.rules()[1].status, RuleStatus::Blocking);
    }

    #[test]
    fn police_leaving_before_vt_arrives_without_consultation_breaks_the_rule() {
        let c = list(&[
            (SafetyItem::PoliceOnScene, 0),
            (SafetyItem::PoliceLeft, 10),
            (SafetyItem::VtOnScene, 30),
        ]);
        assert_eq!(c.rules()[1].status, RuleStatus::Broken);
    }

    #[test]
    fn police_leaving_after_a_phone_consultation_meets_the_rule() {
        let c = list(&[
            (SafetyItem::PoliceOnScene, 0),
            (SafetyItem::DepartureConsulted, 9),
            (SafetyItem::PoliceLeft, 10),
        ]);
        assert_eq!(c.rules()[1].status, RuleStatus::Met);
    }

    #[test]
    fn police_leaving_after_vt_arrived_meets_the_rule() {
        let c = list(&[
            (SafetyItem::PoliceOnScene, 0),
            (SafetyItem::VtOnScene, 5),
            (SafetyItem::PoliceLeft, 40),
        ]);
        assert_eq!(c.rules()[1].status, RuleStatus::Met);
    }

    #[test]
    fn nothing_checked_nothing_relevant() {
        let c = SafetyChecklist::default();
        assert!(c.rules().iter().all(|r| r.status == RuleStatus::NotYetRelevant));
        assert_eq!(c.open_items().len(), 6);
    }
}
