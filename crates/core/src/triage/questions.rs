//! The questions of Bijlage II (002 l.1050–1202): the ten criteria, why a
//! case counts as acute, the lifting routes and professional judgement.

use super::*;

/// A breakup counts for intimate terror up to this many days back (A6:
/// "recent (tot 2 weken geleden) verbroken relatie").
pub const RECENT_BREAKUP_DAYS: i64 = 14;

/// The Bijlage II criteria, in the order of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Criterion {
    /// Suspected offence carrying 8 years or more ("8 jaarsfeiten").
    #[serde(rename = "offence_8_years")]
    Offence8Years,
    Firearm,
    InjuryOrStrangulation,
    ViolenceInPregnancy,
    SexualAbuse,
    WithholdingCare,
    IntimateTerrorRecentBreakup,
    /// Announcing or threatening violence, FGM, killing or deprivation of liberty.
    ThreatOfViolence,
    StalkingWithFear,
    BreachOfSafetyConditions,
}

impl Criterion {
    /// A longer explanation for the help text under the question.
    pub fn explanation(&self, lang: Lang) -> &'static str {
        crate::lang::Vocabulary::text(*self, lang, "explanation")
    }
}

crate::lang::vocabulary!(Criterion, "criterion");

/// The answers to the ten criteria: one field per criterion (missing =
/// onbekend), so an unknown key is an error that names itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaAnswers {
    #[serde(default, rename = "offence_8_years")]
    pub offence_8_years: Answer,
    #[serde(default)]
    pub firearm: Answer,
    #[serde(default)]
    pub injury_or_strangulation: Answer,
    #[serde(default)]
    pub violence_in_pregnancy: Answer,
    #[serde(default)]
    pub sexual_abuse: Answer,
    #[serde(default)]
    pub withholding_care: Answer,
    #[serde(default)]
    pub intimate_terror_recent_breakup: Answer,
    #[serde(default)]
    pub threat_of_violence: Answer,
    #[serde(default)]
    pub stalking_with_fear: Answer,
    #[serde(default)]
    pub breach_of_safety_conditions: Answer,
}

impl CriteriaAnswers {
    fn slot(&mut self, c: Criterion) -> &mut Answer {
        match c {
            Criterion::Offence8Years => &mut self.offence_8_years,
            Criterion::Firearm => &mut self.firearm,
            Criterion::InjuryOrStrangulation => &mut self.injury_or_strangulation,
            Criterion::ViolenceInPregnancy => &mut self.violence_in_pregnancy,
            Criterion::SexualAbuse => &mut self.sexual_abuse,
            Criterion::WithholdingCare => &mut self.withholding_care,
            Criterion::IntimateTerrorRecentBreakup => &mut self.intimate_terror_recent_breakup,
            Criterion::ThreatOfViolence => &mut self.threat_of_violence,
            Criterion::StalkingWithFear => &mut self.stalking_with_fear,
            Criterion::BreachOfSafetyConditions => &mut self.breach_of_safety_conditions,
        }
    }

    pub fn get(&self, c: Criterion) -> Answer {
        *self.clone().slot(c)
    }

    pub fn set(&mut self, c: Criterion, answer: Answer) {
        *self.slot(c) = answer;
    }
}

/// A reason the case counts as acute: a criterion, the professional
/// judgement of the people on scene, or a high SASH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcuteReason {
    #[serde(rename = "offence_8_years")]
    Offence8Years,
    Firearm,
    InjuryOrStrangulation,
    ViolenceInPregnancy,
    SexualAbuse,
    WithholdingCare,
    IntimateTerrorRecentBreakup,
    ThreatOfViolence,
    StalkingWithFear,
    BreachOfSafetyConditions,
    ProfessionalJudgement,
    /// The SASH level is high (002 l.1693-1695), see `evaluate`.
    SashHigh,
}

impl From<Criterion> for AcuteReason {
    fn from(c: Criterion) -> Self {
        match c {
            Criterion::Offence8Years => Self::Offence8Years,
            Criterion::Firearm => Self::Firearm,
            Criterion::InjuryOrStrangulation => Self::InjuryOrStrangulation,
            Criterion::ViolenceInPregnancy => Self::ViolenceInPregnancy,
            Criterion::SexualAbuse => Self::SexualAbuse,
            Criterion::WithholdingCare => Self::WithholdingCare,
            Criterion::IntimateTerrorRecentBreakup => Self::IntimateTerrorRecentBreakup,
            Criterion::ThreatOfViolence => Self::ThreatOfViolence,
            Criterion::StalkingWithFear => Self::StalkingWithFear,
            Criterion::BreachOfSafetyConditions => Self::BreachOfSafetyConditions,
        }
    }
}

impl Label for AcuteReason {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::ProfessionalJudgement => text(lang, "acute_reason-professional_judgement"),
            Self::SashHigh => text(lang, "acute_reason-sash_high"),
            other => {
                let criterion = Criterion::VARIANTS
                    .iter()
                    .copied()
                    .find(|c| AcuteReason::from(*c) == *other)
                    .unwrap_or(Criterion::Offence8Years);
                criterion.label(lang)
            }
        }
    }
}

/// *Hoe opheffen*: the ways acute unsafety is lifted at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum LiftingRoute {
    /// The suspect is kept away from the victim under police escort (art 3 Pw).
    KeptAwayArt3Pw,
    /// The suspect is arrested (art 53 Sv).
    ArrestedArt53Sv,
    /// A plan for immediate safety exists and third parties have oversight.
    PlanWithOversight,
}

impl LiftingRoute {
    /// Routes that take away the suspect's access to the victim.
    pub fn removes_access(self) -> bool {
        matches!(self, Self::KeptAwayArt3Pw | Self::ArrestedArt53Sv)
    }
}

crate::lang::vocabulary!(LiftingRoute, "lifting_route");

/// The people on scene may raise the triage to acute on their own judgement,
/// with a written reason. They can never lower it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalJudgement {
    pub acute: bool,
    pub reason: String,
}
