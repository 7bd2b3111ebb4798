//! SASH — Screeningsinstrument Aanpak Stalking en Huiselijk geweld
//! (002 Bijlage X). Filled in by the police in consultation with VT. Each
//! item is aanwezig / afwezig / onbekend; the assessor gives a level of
//! concern (laag / gemiddeld / hoog), except that a "yes" on either of the
//! two decisive indicators makes the level high automatically.

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::lang::{Label, Lang, pick};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SashLevel {
    Low,
    Medium,
    High,
}

impl Label for SashLevel {
    fn label(&self, lang: Lang) -> &'static str {
        match self {
            Self::Low => pick(lang, "laag", "low"),
            Self::Medium => pick(lang, "gemiddeld", "medium"),
            Self::High => pick(lang, "hoog", "high"),
        }
    }
}

macro_rules! sash_items {
    ($( $variant:ident => $field:ident, $nl:literal, $en:literal; )*) => {
        /// One SASH question. The first two are the decisive indicators.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum SashItem { $($variant),* }

        impl SashItem {
            pub const ALL: &'static [SashItem] = &[$(SashItem::$variant),*];
        }

        impl Label for SashItem {
            fn label(&self, lang: Lang) -> &'static str {
                match self { $(Self::$variant => pick(lang, $nl, $en)),* }
            }
        }

        /// The answers to the SASH, as given in the triage contract: one
        /// field per item (missing = onbekend) and the assessor's level.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct SashAnswers {
            $( #[serde(default)] pub $field: Answer, )*
            #[serde(default)]
            pub assessor_level: Option<SashLevel>,
        }

        impl SashAnswers {
            pub fn get(&self, item: SashItem) -> Answer {
                match item { $(SashItem::$variant => self.$field),* }
            }

            pub fn set(&mut self, item: SashItem, answer: Answer) {
                match item { $(SashItem::$variant => self.$field = answer),* }
            }
        }
    };
}

sash_items! {
    NothingToLose => nothing_to_lose,
        "Heeft betrokkene een punt bereikt waar hij/zij niets meer te verliezen heeft?",
        "Has the person reached a point where they have nothing left to lose?";
    FearOfDeath => fear_of_death,
        "Is de (ex-)partner erg bang voor geweld: is er sprake van doodsangst?",
        "Is the (ex-)partner very afraid of violence: in fear for their life?";
    SoughtProximity => sought_proximity,
        "Heeft betrokkene fysiek toenadering tot het slachtoffer gezocht?",
        "Has the person physically approached the victim?";
    ThreatensVictim => threatens_victim,
        "Bedreigt of intimideert betrokkene het slachtoffer of diens naasten?",
        "Does the person threaten or intimidate the victim or those close to them?";
    EnteredHome => entered_home,
        "Heeft betrokkene zich zonder toestemming toegang tot de woning verschaft?",
        "Has the person entered the home without permission?";
    DamagedOrStole => damaged_or_stole,
        "Heeft betrokkene expres spullen van het slachtoffer vernield of gestolen?",
        "Has the person deliberately damaged or stolen the victim's belongings?";
    IgnoredWarningOrConditions => ignored_warning_or_conditions,
        "Heeft betrokkene een politiewaarschuwing genegeerd of voorwaarden (contact-/gebiedsverbod) overtreden?",
        "Has the person ignored a police warning or breached conditions (contact or area ban)?";
    Escalating => escalating,
        "Wordt de stalking of het overlastgevende gedrag erger?",
        "Is the stalking or nuisance getting worse?";
    MustKeepContact => must_keep_contact,
        "Moet het slachtoffer contact onderhouden met betrokkene?",
        "Must the victim stay in contact with the person?";
    EarlierVictims => earlier_victims,
        "Heeft betrokkene eerder hetzelfde of een ander slachtoffer lastiggevallen of gestalkt?",
        "Has the person harassed or stalked this or another victim before?";
    HistoryOfViolence => history_of_violence,
        "Heeft betrokkene een geschiedenis van fysiek of seksueel geweld?",
        "Does the person have a history of physical or sexual violence?";
    MentalHealth => mental_health,
        "Heeft betrokkene psychische problemen of praat hij/zij over zelfmoord?",
        "Does the person have mental health problems or talk about suicide?";
    SubstanceUse => substance_use,
        "Heeft betrokkene problemen door middelengebruik?",
        "Does the person have problems from substance use?";
    RecentLoss => recent_loss,
        "Heeft betrokkene recent een ingrijpend verlies geleden?",
        "Has the person recently suffered a major loss?";
    PossessiveJealous => possessive_jealous,
        "Is betrokkene extreem bezitterig of jaloers?",
        "Is the person extremely possessive or jealous?";
    DisputesChildrenOrProperty => disputes_children_or_property,
        "Zijn er conflicten of juridische geschillen over omgang met kinderen of gedeelde bezittingen?",
        "Are there conflicts or legal disputes about contact with children or shared property?";
}

impl SashItem {
    /// The two indicators that make the level high on their own.
    pub const DECISIVE: [SashItem; 2] = [SashItem::NothingToLose, SashItem::FearOfDeath];

    pub fn is_decisive(self) -> bool {
        Self::DECISIVE.contains(&self)
    }
}

impl SashAnswers {
    /// The level of concern: high when a decisive indicator is "yes",
    /// otherwise the assessor's own level (none if not given yet).
    pub fn level(&self) -> Option<SashLevel> {
        if self.decisive_indicator_present() {
            Some(SashLevel::High)
        } else {
            self.assessor_level
        }
    }

    pub fn decisive_indicator_present(&self) -> bool {
        SashItem::DECISIVE.iter().any(|item| self.get(*item).is_yes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_items_two_of_them_decisive() {
        assert_eq!(SashItem::ALL.len(), 16);
        assert_eq!(SashItem::ALL.iter().filter(|i| i.is_decisive()).count(), 2);
    }

    #[test]
    fn nothing_to_lose_makes_the_level_high_whatever_the_assessor_said() {
        let mut sash = SashAnswers {
            assessor_level: Some(SashLevel::Low),
            ..Default::default()
        };
        sash.set(SashItem::NothingToLose, Answer::Yes);
        assert_eq!(sash.level(), Some(SashLevel::High));
    }

    #[test]
    fn fear_of_death_makes_the_level_high() {
        let mut sash = SashAnswers::default();
        sash.set(SashItem::FearOfDeath, Answer::Yes);
        assert_eq!(sash.level(), Some(SashLevel::High));
    }

    #[test]
    fn unknown_decisive_indicator_leaves_the_assessors_level() {
        let sash = SashAnswers {
            assessor_level: Some(SashLevel::Medium),
            ..Default::default()
        };
        assert_eq!(sash.get(SashItem::FearOfDeath), Answer::Unknown);
        assert_eq!(sash.level(), Some(SashLevel::Medium));
    }

    #[test]
    fn no_level_until_the_assessor_gives_one() {
        assert_eq!(SashAnswers::default().level(), None);
    }

    #[test]
    fn every_item_round_trips_through_get_and_set() {
        for item in SashItem::ALL {
            let mut sash = SashAnswers::default();
            sash.set(*item, Answer::No);
            assert_eq!(sash.get(*item), Answer::No, "{item:?}");
        }
    }
}
