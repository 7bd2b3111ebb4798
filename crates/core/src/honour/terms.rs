//! The words of the EGG flow: its steps, warnings, signals and the opvang
//! decision, each a vocabulary in the catalogue.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

/// One step every EGG case needs, shown as a checklist item with who and
/// when; new steps are appended (their names are on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum HonourPrompt {
    /// "Als er een veiligheidsrisico is moet altijd contact met de politie
    /// worden opgenomen" (000 l.290); "neemt in alle gevallen direct contact
    /// op met de politie" (000 l.631).
    PoliceInvolved,
    /// "In alle zaken waarin er signalen zijn voor EG wordt een eerste
    /// risico-screening gemaakt" (000 l.268, l.627); the police ask the risk
    /// analysis of the unit MEP (000 l.329, l.340-346), today its successor
    /// (`DEFAULT_EXPERTISE_CENTRE`).
    RiskScreening,
    /// "Indien … gevreesd moet worden voor het leven van betrokkene … neemt
    /// de casemanager (of: de politie) contact op met het Openbaar
    /// Ministerie", who sees to "zo nodig persoonsbeveiliging" (000
    /// l.675-677). Due when life is threatened (`life_threatened`).
    OmPersonalProtection,
    /// "Politie zorgt voor markering van het adres van betrokkene in het
    /// meldsysteem" (000 l.410, l.609).
    AddressMarked,
    /// "afscherming van de persoonsgegevens van betrokkene bij de Gemeente,
    /// en waar nodig en mogelijk bij andere instanties" (000 l.402).
    DataShielded,
    /// Whether and where the opvang takes the victim: "in een vroeg stadium"
    /// (000 l.273-274), "binnen of buiten de regio … (regulier /safe house)"
    /// (000 l.634, l.642-643). Done when the decision is recorded.
    OpvangDecision,
    /// "Indien het (potentiële) slachtoffer minderjarig is, dan neemt de
    /// organisatie … eveneens contact op met bureau jeugdzorg" (000 l.632,
    /// l.336); today the RvdK / jeugdbescherming. Due unless the victim is
    /// known to be an adult.
    YouthProtection,
}

crate::lang::vocabulary!(HonourPrompt, "honour_prompt");

impl HonourPrompt {
    /// Who does it and when, in words ("Wie: … Wanneer: …"); the risk
    /// analysis names the configured expertise centre.
    pub fn who_when(self, lang: crate::lang::Lang, centre: &str) -> String {
        crate::catalogue::fill(
            lang,
            &crate::lang::Vocabulary::key(self, "who_when"),
            &[("centre", &centre)],
        )
    }
}

/// What every screen of an EGG case warns about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum HonourWarning {
    /// "gegevens over de betrokkene niet aan derden worden doorgegeven"
    /// (000 l.400); "waaronder haar verblijfplaats, niet worden verstrekt
    /// aan derden" (000 l.618).
    NoWhereabouts,
    /// "afspraken over de veiligheid bij eventuele bemiddeling" (000 l.434):
    /// no bemiddeling with the family without them.
    NoMediationWithoutSafety,
    /// The network is where the danger comes from (002 l.358-365), so it is
    /// never the toezichthouder. The seeds do not say this in so many words:
    /// chosen to protect the victim; needs a specialist's check.
    NetworkNotSupervisor,
    /// A report of a missing "vrouw/minderjarige" is first checked with the
    /// vrouwenopvang before any search (000 l.411, l.610), whoever reports it.
    MissingReportCheckOpvang,
}

crate::lang::vocabulary!(HonourWarning, "honour_warning");

/// Why the app suggests the EGG flag; it never sets it by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum HonourSignal {
    /// A7 "Aankondigen van of bedreiging met geweld, vrouwelijke genitale
    /// verminking, doden of vrijheidsbeneming" (002 l.1078-1079) is "ja".
    ThreatCriterionA7,
    /// Huwelijksdwang, huwelijkse gevangenschap of achterlating recorded as
    /// structurele onveiligheid (Bijlage II, "bijzondere vormen van
    /// geweld", 002 l.1179): raised by `signals` from the case's structural
    /// unsafety. The seeds do not call these EGG; the suggestion is ours.
    MarriageCoercionOrAbandonment,
    /// "Geweld dat samenhangt met eergerelateerde problematiek" recorded as
    /// structurele onveiligheid (Bijlage II, 002 l.1178).
    HonourRelatedStructural,
}

crate::lang::vocabulary!(HonourSignal, "honour_signal");

/// "binnen of buiten de regio" (000 l.642), "elders (ver weg)" (000 l.273).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum OpvangRegion {
    WithinRegion,
    FarAway,
}

crate::lang::vocabulary!(OpvangRegion, "opvang_region");

/// "in wat voor een instelling (regulier /safe house)" (000 l.642).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum OpvangFacility {
    Regular,
    SafeHouse,
}

crate::lang::vocabulary!(OpvangFacility, "opvang_facility");

/// The opvang decision: where and in what kind of facility (000 l.642).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpvangDecision {
    pub region: OpvangRegion,
    pub facility: OpvangFacility,
}

impl OpvangDecision {
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Label;
        format!("{}, {}", self.region.label(lang), self.facility.label(lang))
    }
}
