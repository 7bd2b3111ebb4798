//! Eergerelateerd geweld (EGG): the flow that protects the victim from the
//! family network. In EGG the danger comes from "verdachte en of het
//! netwerk (bijvoorbeeld bij eer gerelateerd geweld)" (002 l.358-365), so
//! arresting one person does not make the victim safe (the triage's network
//! rule, `triage::network_access`), telling the family anything can be
//! deadly (000 l.400, l.618), and the seeds name the steps every EGG case
//! needs (000 l.268-274, l.290, l.329-346, l.402, l.410, l.609-643,
//! l.675-677). Screens render what is here; they never decide.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::actor::{Actor, Organisation};
use crate::answer::Answer;
use crate::case::CaseState;
use crate::event::{Assignment, CaseNature, FieldKey};
use crate::refusal::Refusal;
use crate::sharing::{InfoCategory, SharingRecord};
use crate::triage::Criterion;

/// The default words for who makes the specialist risk analysis. The seeds
/// say "De unit MEP, die is ondergebracht bij de politie Haaglanden,
/// verzorgt momenteel voor het hele land de risico-analyses" (000 l.340);
/// that unit's national successor is named by description, not by an
/// official name we cannot check here. A server or app setting replaces it
/// (`--egg-expertise-centre`, `SAMENOP_EGG_EXPERTISE_CENTRE`). Needs a
/// specialist's check.
pub const DEFAULT_EXPERTISE_CENTRE: &str =
    "het landelijk expertisecentrum eergerelateerd geweld van de politie (opvolger van de unit MEP)";

mod terms;
pub use terms::*;

/// One prompt as the case holds it: whether it is due, done, and who
/// ticked it when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptLine {
    pub prompt: HonourPrompt,
    pub done: bool,
    pub by: Option<Actor>,
    pub at: Option<DateTime<Utc>>,
}

/// The EGG part of the summary and of the shift lead's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HonourSummary {
    /// Who in the network threatens, as recorded ("" when nobody named yet).
    pub threatened_by: String,
    pub network_has_access: Answer,
    pub warnings: Vec<HonourWarning>,
    pub prompts: Vec<PromptLine>,
    pub opvang: Option<OpvangDecision>,
    /// Open measures the network still carries (recorded before the flag).
    #[serde(default)]
    pub network_held: Vec<crate::measures::MeasureKind>,
    /// Who makes the specialist risk analysis, as configured
    /// (`DEFAULT_EXPERTISE_CENTRE` unless a setting says otherwise).
    #[serde(default = "default_centre")]
    pub expertise_centre: String,
}

fn default_centre() -> String {
    DEFAULT_EXPERTISE_CENTRE.to_string()
}

impl HonourSummary {
    /// The prompts still open.
    pub fn open(&self) -> impl Iterator<Item = &PromptLine> {
        self.prompts.iter().filter(|p| !p.done)
    }
}

impl CaseState {
    /// Whether this is an EGG case: flagged on scene, or opened with the
    /// nature "eergerelateerd geweld". The triage's network rule reads it.
    pub fn is_honour_based(&self) -> bool {
        matches!(
            self.protocol_value(&FieldKey::HonourBased),
            Some(Assignment::HonourBased { honour_based: true })
        ) || self.nature() == Some(CaseNature::HonourBasedViolence)
    }

    /// Who in the network threatens, as recorded.
    pub fn network_threat(&self) -> String {
        match self.current(&FieldKey::NetworkThreat) {
            Some(Assignment::NetworkThreat { who }) => who.clone(),
            _ => String::new(),
        }
    }

    /// Whether the victim is a minor (000 l.632).
    pub fn victim_is_minor(&self) -> Answer {
        self.answer(FieldKey::VictimIsMinor)
    }

    pub fn opvang_decision(&self) -> Option<OpvangDecision> {
        match self.current(&FieldKey::OpvangDecision) {
            Some(Assignment::OpvangDecision { decision }) => *decision,
            _ => None,
        }
    }

    /// Why the EGG flag is suggested, while it is not set; empty otherwise.
    pub fn honour_signals(&self) -> Vec<HonourSignal> {
        if self.is_honour_based() {
            return Vec::new();
        }
        signals(self)
    }

    /// Whether "gevreesd moet worden voor het leven van betrokkene, haar
    /// fysieke integriteit of voor andere ernstige delicten" (000 l.675), for
    /// the OM prompt: A7 "ja" (threat of killing is part of A7, 002
    /// l.1078-1079) or not answered, or a firearm, injury or strangulation,
    /// or an 8-jaarsfeit answered "ja" (her physical integrity, the serious
    /// offences), or the victim's own fear: A8 "ja", very afraid of serious
    /// injury or of being killed (002 l.1081-1084), or the SASH's
    /// "doodsangst" (protocol review, stop 36).
    /// "Onbekend" A7 counts: the seeds are silent; asking the OM once too
    /// often protects the victim. Needs a specialist's check.
    fn life_threatened(&self) -> bool {
        self.criterion(Criterion::ThreatOfViolence) != Answer::No
            || [
                Criterion::Firearm,
                Criterion::InjuryOrStrangulation,
                Criterion::Offence8Years,
                Criterion::StalkingWithFear,
            ]
            .into_iter()
            .any(|c| self.criterion(c) == Answer::Yes)
            || self
                .sash_answers()
                .is_some_and(|s| s.get(crate::sash::SashItem::FearOfDeath) == Answer::Yes)
    }

    /// The prompts due in this case, in order, each with whether it is done
    /// and by whom; empty when the case is not EGG.
    pub fn honour_prompts(&self) -> Vec<PromptLine> {
        if !self.is_honour_based() {
            return Vec::new();
        }
        HonourPrompt::VARIANTS
            .iter()
            .copied()
            .filter(|p| match p {
                HonourPrompt::OmPersonalProtection => self.life_threatened(),
                // Seeds silent on "onbekend": asked unless known adult.
                HonourPrompt::YouthProtection => self.victim_is_minor() != Answer::No,
                _ => true,
            })
            .map(|prompt| {
                let key = match prompt {
                    HonourPrompt::OpvangDecision => FieldKey::OpvangDecision,
                    _ => FieldKey::HonourPrompt(prompt),
                };
                let done = match self.current(&key) {
                    Some(Assignment::HonourPrompt { done, .. }) => *done,
                    Some(Assignment::OpvangDecision { decision }) => decision.is_some(),
                    _ => false,
                };
                let (by, at) = match self.current_author(&key) {
                    Some((actor, at)) if done => (Some(actor.clone()), Some(at)),
                    _ => (None, None),
                };
                PromptLine { prompt, done, by, at }
            })
            .collect()
    }

    /// The warnings every EGG screen shows; empty when not EGG.
    pub fn honour_warnings(&self) -> Vec<HonourWarning> {
        if self.is_honour_based() {
            HonourWarning::VARIANTS.to_vec()
        } else {
            Vec::new()
        }
    }

    /// The EGG part of the summary; `None` when the case is not EGG.
    pub fn honour_summary(&self) -> Option<HonourSummary> {
        self.is_honour_based().then(|| HonourSummary {
            threatened_by: self.network_threat(),
            network_has_access: match self.current(&FieldKey::NetworkHasAccess) {
                Some(Assignment::NetworkHasAccess { answer }) => *answer,
                _ => Answer::Unknown,
            },
            warnings: self.honour_warnings(),
            prompts: self.honour_prompts(),
            opvang: self.opvang_decision(),
            network_held: self.network_held_measures(),
            expertise_centre: default_centre(),
        })
    }

    /// Open measures the network carries in an EGG case: recorded before
    /// the case was flagged, so admission let them in. The network may not
    /// be toezichthouder (`HonourWarning::NetworkNotSupervisor`): the app
    /// asks for another owner.
    pub fn network_held_measures(&self) -> Vec<crate::measures::MeasureKind> {
        if !self.is_honour_based() {
            return Vec::new();
        }
        self.measures()
            .into_iter()
            .filter(|m| m.is_open() && m.owner.organisation == Organisation::Network)
            .map(|m| m.kind)
            .collect()
    }

    /// The organisations that may own `kind` in this case: the network never
    /// in an EGG case (`HonourWarning::NetworkNotSupervisor`); with a minor
    /// suspect jeugdreclassering in place of 3RO, with an adult (or one not
    /// known to be minor, the adult route `measure_roles` takes) 3RO
    /// (002 l.1214–1216, l.1258–1260).
    pub fn measure_owners(&self, kind: crate::measures::MeasureKind) -> Vec<Organisation> {
        let honour = self.is_honour_based();
        let minor = self.suspect_is_minor() == Answer::Yes;
        let not_for_this_suspect = if minor {
            Organisation::Reclassering
        } else {
            Organisation::Jeugdreclassering
        };
        kind.owner_organisations()
            .iter()
            .copied()
            .filter(|o| !(honour && *o == Organisation::Network) && *o != not_for_this_suspect)
            .collect()
    }

    /// The EGG rules for what may be recorded (`admit_kind` calls it).
    pub(crate) fn check_honour(&self, kind: &crate::event::EventKind) -> Result<(), Refusal> {
        use crate::event::EventKind;
        use crate::measures::MeasureChange;
        // Whether the case is EGG is asked only for the kinds these rules
        // are about: the fold admits every event, and most are none of them.
        match kind {
            EventKind::InformationShared { record } if self.is_honour_based() => check_sharing(record, true),
            EventKind::MeasureAgreed { measure }
                if measure.owner.organisation == Organisation::Network && self.is_honour_based() =>
            {
                Err(Refusal::NetworkMayNotSupervise)
            }
            EventKind::Assigned {
                assignment:
                    Assignment::Measure {
                        change: MeasureChange::Owner { owner },
                        ..
                    },
                ..
            } if owner.organisation == Organisation::Network && self.is_honour_based() => {
                Err(Refusal::NetworkMayNotSupervise)
            }
            _ => Ok(()),
        }
    }
}

/// The signals in `case` that suggest EGG.
fn signals(case: &CaseState) -> Vec<HonourSignal> {
    let mut found = Vec::new();
    if case.criterion(Criterion::ThreatOfViolence) == Answer::Yes {
        found.push(HonourSignal::ThreatCriterionA7);
    }
    use crate::triage::StructuralSubItem as S;
    // "Geweld dat samenhangt met eergerelateerde problematiek" recorded as
    // structurele onveiligheid (002 l.1178) names EGG itself.
    if case.structural_sub_item_recorded(S::Eergerelateerd) {
        found.push(HonourSignal::HonourRelatedStructural);
    }
    // Huwelijksdwang, huwelijkse gevangenschap or achterlating recorded as
    // structurele onveiligheid (002 l.1179, listed beside l.1178). The
    // seeds do not call them eergerelateerd geweld; suggesting the flag
    // (never setting it) is our choice to protect the victim.
    if [S::Huwelijksdwang, S::HuwelijkseGevangenschap, S::Achterlating]
        .into_iter()
        .any(|s| case.structural_sub_item_recorded(s))
    {
        found.push(HonourSignal::MarriageCoercionOrAbandonment);
    }
    found
}

/// In an EGG case the victim's verblijfplaats goes only to the police and
/// the opvang: "gegevens … waaronder haar verblijfplaats, niet worden
/// verstrekt aan derden" (000 l.618; l.400). The seed allows exceptions
/// ("met toestemming van betrokkene, dan wel op basis van een wettelijke
/// plicht"); the app does not, to protect the victim — needs a specialist's
/// check.
pub fn check_sharing(record: &SharingRecord, honour_based: bool) -> Result<(), Refusal> {
    if honour_based
        && record.category == InfoCategory::Verblijfplaats
        && !matches!(record.to, Organisation::Police | Organisation::Opvang)
    {
        return Err(Refusal::VerblijfplaatsOnlyToPoliceAndOpvang);
    }
    Ok(())
}

/// `list` without the network: who may supervise a measure in an EGG case.
/// Returns one of the static lists, so `MeasureRoles` keeps its shape.
pub fn without_network(list: &'static [Organisation]) -> &'static [Organisation] {
    use Organisation as O;
    const SAFETY_AGREEMENTS: &[Organisation] = &[O::VeiligThuis, O::LocalCare];
    if list == [O::VeiligThuis, O::LocalCare, O::Network] {
        SAFETY_AGREEMENTS
    } else {
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::MeasureKind;

    fn record(to: Organisation, category: InfoCategory) -> SharingRecord {
        SharingRecord {
            record_id: uuid::Uuid::nil(),
            from: Organisation::VeiligThuis,
            to,
            category,
            legal_ground: crate::sharing::LegalGround::AvgVitalInterest,
            summary: "Verblijft elders".into(),
            om_contact: None,
            om_contact_id: None,
            vital_interest: None,
            weighty_interest: false,
        }
    }

    /// 000 l.618: verblijfplaats only to the police and the opvang in EGG.
    #[test]
    fn verblijfplaats_goes_only_to_police_and_opvang_in_egg() {
        for to in Organisation::VARIANTS.iter().copied() {
            let r = record(to, InfoCategory::Verblijfplaats);
            let allowed = matches!(to, Organisation::Police | Organisation::Opvang);
            assert_eq!(check_sharing(&r, true).is_ok(), allowed, "{to:?}");
            assert!(check_sharing(&r, false).is_ok(), "not EGG: {to:?}");
        }
        assert!(check_sharing(&record(Organisation::Rvdk, InfoCategory::KnownTo), true).is_ok());
    }

    /// 002 l.358-365: no measure keeps the network as supervisor in EGG.
    #[test]
    fn no_measure_keeps_the_network_as_supervisor() {
        for kind in MeasureKind::VARIANTS.iter().copied() {
            for minor in [false, true] {
                let list = without_network(kind.roles(minor).supervises);
                assert!(!list.contains(&Organisation::Network), "{kind:?}");
            }
        }
        assert_eq!(
            without_network(MeasureKind::Veiligheidsafspraken.roles(false).supervises),
            &[Organisation::VeiligThuis, Organisation::LocalCare]
        );
    }
}
