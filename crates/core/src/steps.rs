//! The five steps of Samen op in acuut as the toolkit names them (004
//! l.19–45), the step 1 fysieke veiligheid checklist with its three hard
//! rules (004 l.93–99), and the step 3 (gezamenlijk) onderzoek points with
//! the prompts that stand when children may be present (004 l.189–207,
//! l.275–279).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::answer::Answer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Step {
    /// "1. Fysieke veiligheid" (004 l.19).
    FysiekeVeiligheid,
    /// "2. Motorkapoverleg" (004 l.25), with Veilig Thuis's "eerste
    /// veiligheidsbeoordeling" (004 l.27, l.181–187): the Bijlage II triage
    /// is part of this step.
    Motorkapoverleg,
    /// "3. (Gezamenlijk) onderzoek" (004 l.31, l.189–207).
    Onderzoek,
    /// "4. Veiligheidsmaatregelen" (004 l.37, l.285).
    Veiligheidsmaatregelen,
    /// "5. Niet meer acuut?" (004 l.43).
    NietMeerAcuut,
}

impl Step {
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// "3. (Gezamenlijk) onderzoek": number and the toolkit's name, as
    /// headings, the summary and the PDF show a step (004 l.19–45).
    pub fn heading(self, lang: crate::lang::Lang) -> String {
        use crate::lang::Label;
        format!("{}. {}", self.number(), self.label(lang))
    }
}

crate::lang::vocabulary!(Step, "step");

/// The step 1 checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SafetyItem {
    PoliceOnScene,
    /// "Het doel van deze stap is om eerst te zorgen voor de fysieke
    /// veiligheid van alle direct betrokkenen" (004 l.93); the police do so
    /// "voor de fysieke veiligheid van alle gezinsleden" (004 l.21). Children
    /// are named so none is overlooked.
    AllInvolvedSafe,
    /// Police phoned Veilig Thuis (always, in acute HG/KM cases; 004 l.96,
    /// l.27 "altijd contact"). A hard rule: `SafetyRule::PoliceAlwaysPhoneVt`.
    VtPhoned,
    /// VT does not come on scene: it was agreed by phone or video call
    /// instead ("Op basis van telefonische afstemming, komt Veilig Thuis ook
    /// ter plaatse", 004 l.96; the alternative "beeldbellen", 004 l.410).
    /// Closes the VT on-scene items (`VtOnScene`, `VtEntered`,
    /// `SafeToEnterToldVt`); the departure rule still stands (004 l.98).
    VtNotComingOnScene,
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

crate::lang::vocabulary!(SafetyItem, "safety_item");

/// The hard rules of step 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SafetyRule {
    /// "De politie gaat voorop … en laat Veilig Thuis weten wanneer het
    /// veilig genoeg is om de woning binnen te gaan."
    PoliceSignalSafeToEnter,
    /// "Als de politie weg moet voordat Veilig Thuis er is, dan heeft
    /// voorafgaand aan het vertrek … altijd telefonisch overleg plaatsgevonden."
    NoDepartureWithoutConsultation,
    /// "De politie neemt in alle gevallen van huiselijk geweld en
    /// kindermishandeling waarbij sprake is van een acuut onveilige situatie,
    /// direct telefonisch contact op met Veilig Thuis" (004 l.96).
    PoliceAlwaysPhoneVt,
}

crate::lang::vocabulary!(SafetyRule, "safety_rule");

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

    /// The hard rules, in order (the phone rule last, so the first two keep
    /// their place in the summary).
    pub fn rules(&self) -> [RuleCheck; 3] {
        [
            RuleCheck {
                rule: SafetyRule::PoliceSignalSafeToEnter,
                status: self.signal_rule(),
            },
            RuleCheck {
                rule: SafetyRule::NoDepartureWithoutConsultation,
                status: self.departure_rule(),
            },
            RuleCheck {
                rule: SafetyRule::PoliceAlwaysPhoneVt,
                status: self.phone_rule(),
            },
        ]
    }

    /// 004 l.96: police on scene phone VT "direct". Blocking while the
    /// police are there and have not phoned; leaving without having phoned
    /// is recorded as broken. VT already on scene counts as the contact:
    /// the call is how VT comes ("op basis van telefonische afstemming, komt
    /// Veilig Thuis ook ter plaatse", l.96), and a report can reach VT first
    /// (l.123); a call nobody needed is no breach (our reading).
    fn phone_rule(&self) -> RuleStatus {
        let phoned = match (self.at(SafetyItem::VtPhoned), self.at(SafetyItem::VtOnScene)) {
            (Some(call), Some(there)) => Some(call.min(there)),
            (call, there) => call.or(there),
        };
        match (phoned, self.at(SafetyItem::PoliceLeft)) {
            (Some(phoned), Some(left)) if phoned > left => RuleStatus::Broken,
            (Some(_), _) => RuleStatus::Met,
            (None, Some(_)) => RuleStatus::Broken,
            (None, None) if self.is_done(SafetyItem::PoliceOnScene) => RuleStatus::Blocking,
            (None, None) => RuleStatus::NotYetRelevant,
        }
    }

    /// Whether VT's on-scene items are closed because VT does not come
    /// (004 l.96, l.410).
    pub fn vt_not_coming(&self) -> bool {
        self.is_done(SafetyItem::VtNotComingOnScene)
    }

    /// Whether `item` is closed without being checked: the VT on-scene items
    /// once VT does not come on scene.
    pub fn not_applicable(&self, item: SafetyItem) -> bool {
        self.vt_not_coming()
            && !self.is_done(item)
            && matches!(
                item,
                SafetyItem::VtOnScene | SafetyItem::VtEntered | SafetyItem::SafeToEnterToldVt
            )
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
        SafetyItem::VARIANTS
            .iter()
            .copied()
            .filter(|i| !self.is_done(*i))
            // Leaving and consulting about leaving are only due when it comes to that.
            .filter(|i| !matches!(i, SafetyItem::PoliceLeft | SafetyItem::DepartureConsulted))
            // An option, not a task: VT not coming on scene closes VT's items.
            .filter(|i| *i != SafetyItem::VtNotComingOnScene && !self.not_applicable(*i))
            .collect()
    }
}

/// Step 3 (gezamenlijk) onderzoek: the agreements about the investigation
/// (004 l.189–207, l.275–283) and the two talking points of step 4 that are
/// about the investigation (004 l.297–298). New points are added at the end
/// (their names are on the wire); `GENERAL` and `CHILDREN` give the order on
/// screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum InvestigationPoint {
    /// "Wie met wie wanneer overleg heeft over de afstemming in de zaak"
    /// (004 l.297); partners keep each other informed of later
    /// investigative acts and their results (004 l.283).
    Consultation,
    /// "Welke onderzoeksresultaten bij voorkeur gedeeld moeten worden met
    /// wie door wie" (004 l.298).
    ResultsSharing,
    /// Speaking with those involved together, "zodat zij maar één keer hun
    /// verhaal hoeven te vertellen" (004 l.203).
    JointInterview,
    /// The police's kindcheck: "oog voor de aanwezigheid van kinderen, hun
    /// veiligheid en eventuele signalen van kindermishandeling" (004 l.199).
    ChildCheck,
    /// "Bij kinderen zet de politie bij zichtbaar letsel of een vermoeden van
    /// letsel altijd een forensisch arts en Forensische Opsporing in" (004
    /// l.278). Required when a child has (suspected) injury: `child_prompts`.
    ForensicExamination,
    /// "wie welke onderzoekshandelingen verricht en in welke volgorde deze
    /// plaatsvinden" (004 l.193).
    WhoDoesWhat,
    /// "een feitelijke beschrijving van de situatie zoals deze is
    /// aangetroffen … op beeld vastgelegd (foto's)" (004 l.197).
    FactualDescription,
    /// "De woning wordt – indien van toepassing – behandeld als een plaats
    /// delict. De politie bespreekt dit telefonisch met forensische en/of
    /// tactische opsporing" (004 l.198).
    CrimeScene,
    /// "De rechten van slachtoffers en verdachten als er sprake is van een
    /// verhoorsituatie (o.a. recht op bijstand)" (004 l.204).
    RightsExplained,
    /// Veilig Thuis asks the RvdK's advice "over mogelijkheden in vrijwillig
    /// of gedwongen kader"; after hours the RvdK takes "spoedverzoeken voor
    /// OTS/UHP" by phone (004 l.186).
    RvdkConsulted,
    /// With children in the family the police make a VT-melding (002
    /// l.594–596); one per child, so none is overlooked (the seeds do not
    /// say "per child": chosen to protect each child).
    VtReportPerChild,
    /// "Uitgangspunt is dat het/de kind(eren) uit het systeem gesproken wordt
    /// door of VT of de RvdK voordat advies wordt gegeven" (002 l.761–762).
    ChildHeardByVtOrRvdk,
    /// "kinderen niet onnodig uit hun veilige omgeving te halen, te zorgen
    /// voor goede ondersteuning en opvang en niet vaker in gesprek te gaan
    /// (verhoren) dan nodig" (004 l.205).
    ChildSpared,
}

impl InvestigationPoint {
    /// The points for every case, in the order of step 3 (004 l.193–204,
    /// l.283, l.297–298).
    pub const GENERAL: [InvestigationPoint; 7] = [
        Self::WhoDoesWhat,
        Self::FactualDescription,
        Self::CrimeScene,
        Self::JointInterview,
        Self::RightsExplained,
        Self::Consultation,
        Self::ResultsSharing,
    ];

    /// The points about children, in order (004 l.199, l.186, l.205, l.278;
    /// 002 l.596, l.761).
    pub const CHILDREN: [InvestigationPoint; 6] = [
        Self::ChildCheck,
        Self::ForensicExamination,
        Self::RvdkConsulted,
        Self::VtReportPerChild,
        Self::ChildHeardByVtOrRvdk,
        Self::ChildSpared,
    ];
}

/// One prompt of step 3 about children; `required` marks what the toolkit
/// says "altijd" about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChildPrompt {
    pub point: InvestigationPoint,
    pub required: bool,
}

/// The children prompts of step 3, given whether children are present and
/// whether a child has (suspected) injury. "Onbekend" counts as present: the
/// police have "oog voor de aanwezigheid van kinderen" (004 l.199), and a
/// child nobody asked about is the one overlooked (seeds silent on
/// "onbekend": chosen to protect the child). The forensic examination is
/// required when a child has visible or suspected injury ("altijd", 004
/// l.278); with the injury unknown it is asked, not required. An injured
/// child keeps every prompt even with "Kinderen aanwezig? Nee": a child
/// taken to hospital or staying elsewhere is not present, and "altijd"
/// (l.278) leaves no exception.
pub fn child_prompts(children_present: Answer, child_injury: Answer) -> Vec<ChildPrompt> {
    if children_present == Answer::No && child_injury != Answer::Yes {
        return Vec::new();
    }
    InvestigationPoint::CHILDREN
        .iter()
        .map(|&point| ChildPrompt {
            point,
            required: point == InvestigationPoint::ForensicExamination && child_injury == Answer::Yes,
        })
        .collect()
}

crate::lang::vocabulary!(InvestigationPoint, "investigation_point");

#[cfg(test)]
mod tests;
