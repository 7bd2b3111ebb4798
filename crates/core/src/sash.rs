//! SASH — Screening Assessment for Stalking and Harassment (002 l.329-330,
//! Bijlage X).
//! Filled in by the police in consultation with VT. Each
//! item is aanwezig / afwezig / onbekend; the assessor gives a level of
//! concern (laag / gemiddeld / hoog), except that a "yes" on either of the
//! two decisive indicators makes the level high automatically.

use serde::{Deserialize, Serialize};
use strum::{IntoStaticStr, VariantArray};

use crate::answer::Answer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SashLevel {
    Low,
    Medium,
    High,
}

crate::lang::vocabulary!(SashLevel, "sash_level");

macro_rules! sash_items {
    ($( $variant:ident => $field:ident; )*) => {
        /// One SASH question. The first two are the decisive indicators.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[derive()]
        #[derive()]
        #[serde(rename_all = "snake_case")]
        #[derive(VariantArray, IntoStaticStr)]
        #[strum(serialize_all = "snake_case")]
        pub enum SashItem { $($variant),* }

        crate::lang::vocabulary!(SashItem, "sash_item");

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
    NothingToLose => nothing_to_lose;
    FearOfDeath => fear_of_death;
    SoughtProximity => sought_proximity;
    ThreatensVictim => threatens_victim;
    EnteredHome => entered_home;
    DamagedOrStole => damaged_or_stole;
    IgnoredWarningOrConditions => ignored_warning_or_conditions;
    Escalating => escalating;
    MustKeepContact => must_keep_contact;
    EarlierVictims => earlier_victims;
    HistoryOfViolence => history_of_violence;
    MentalHealth => mental_health;
    SubstanceUse => substance_use;
    RecentLoss => recent_loss;
    PossessiveJealous => possessive_jealous;
    DisputesChildrenOrProperty => disputes_children_or_property;
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
    use strum::VariantArray;

    #[test]
    fn sixteen_items_two_of_them_decisive() {
        assert_eq!(SashItem::VARIANTS.len(), 16);
        assert_eq!(SashItem::VARIANTS.iter().filter(|i| i.is_decisive()).count(), 2);
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
        for item in SashItem::VARIANTS {
            let mut sash = SashAnswers::default();
            sash.set(*item, Answer::No);
            assert_eq!(sash.get(*item), Answer::No, "{item:?}");
        }
    }
}
