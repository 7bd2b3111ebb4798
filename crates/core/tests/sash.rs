//! The SASH (Bijlage X, 002 l.1665-1695) beside the triage: when it is
//! offered, and which Bijlage II criterion an answer points to until that
//! criterion is answered "ja".

mod common;

use common::Scene;
use samenop_core::triage::Criterion;
use samenop_core::{Answer, Assignment};

/// The SASH is offered "bij stalking" (002 l.1669), not only after A8 is
/// "ja": also for ex-partner stalking as the case's nature.
#[test]
fn the_sash_is_offered_for_ex_partner_stalking_before_any_criterion_is_answered() {
    let mut s = Scene::opened();
    s.vt_sets(
        12,
        Assignment::Nature {
            nature: samenop_core::event::CaseNature::ExPartnerStalking,
        },
    );
    assert!(s.state().sash_applies());
}

/// Doodsangst in the SASH (002 l.1690-1691) is what A8 asks; broken
/// conditions (l.1710-1711) what A9 asks: the screen prompts to look again.
#[test]
fn a_sash_answer_prompts_the_criterion_it_points_to_until_that_is_answered_yes() {
    use samenop_core::sash::SashItem;
    let mut s = Scene::opened();
    s.vt_sets(
        12,
        Assignment::Sash {
            item: SashItem::FearOfDeath,
            answer: Answer::Yes,
        },
    );
    s.vt_sets(
        13,
        Assignment::Sash {
            item: SashItem::IgnoredWarningOrConditions,
            answer: Answer::Yes,
        },
    );
    assert_eq!(
        s.state().sash_prompts(),
        vec![Criterion::StalkingWithFear, Criterion::BreachOfSafetyConditions]
    );
    s.vt_sets(
        14,
        Assignment::Criterion {
            criterion: Criterion::StalkingWithFear,
            answer: Answer::Yes,
        },
    );
    assert_eq!(s.state().sash_prompts(), vec![Criterion::BreachOfSafetyConditions]);
}
