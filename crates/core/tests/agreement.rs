//! The agreement for the whole case (step 4): "Wie van de partijen is
//! eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen" and "Wie
//! belt wie wanneer als er iets verandert in de mate van onveiligheid" (004
//! l.302–303), agreed explicitly; no call rule is ever added by itself.

mod common;

use common::{
    Scene, agree_first_contact, assert_says, measure_id, officer, offline_set, police_agree,
    police_huisverbod_as_recorded, t, vt_worker,
};
use samenop_core::agreement::suggested_call_rules;
use samenop_core::board::board;
use samenop_core::command::Command;
use samenop_core::measures::{CallRule, ContactPoint, MeasureKind};
use samenop_core::steps::Step;
use samenop_core::text::ShortText;
use samenop_core::{Assignment, EventKind, FieldKey, Label, Lang, OnSceneSummary, Organisation, Refusal};

fn both_ways() -> Vec<CallRule> {
    vec![
        CallRule {
            caller: Organisation::Police,
            callee: Organisation::VeiligThuis,
            when: "bij vrijlating van de verdachte".into(),
        },
        CallRule {
            caller: Organisation::VeiligThuis,
            callee: Organisation::Police,
            when: "bij een nieuw incident".into(),
        },
    ]
}

#[test]
fn a_new_measure_adds_no_call_rule_and_the_case_has_none_until_someone_agrees_one() {
    let mut s = Scene::opened();
    s.police_does(
        2,
        police_agree(measure_id(1), MeasureKind::TijdelijkHuisverbod, Some(t(2))),
    );
    let state = s.state();
    assert!(state.measures()[0].call_tree.is_empty());
    assert!(state.agreement().is_empty());
    assert_says(
        &OnSceneSummary::build(&state, t(3)).render_text(Lang::Nl),
        &["Afspraken voor de hele casus", "Nog niet afgesproken"],
    );
}

#[test]
fn an_old_measure_that_carries_the_former_default_call_rule_still_loads_and_shows_it() {
    let mut s = Scene::opened();
    let mut m = police_huisverbod_as_recorded(measure_id(2), "Agent A. Voorbeeld");
    m.call_tree = vec![CallRule {
        caller: Organisation::VeiligThuis,
        callee: Organisation::Police,
        when: "bij verandering in de mate van onveiligheid".into(),
    }];
    s.police_writes(2, EventKind::MeasureAgreed { measure: m });
    let state = s.state();
    assert!(state.skipped.is_empty(), "{:?}", state.skipped);
    let text = OnSceneSummary::build(&state, t(3)).render_text(Lang::Nl);
    assert_says(
        &text,
        &["Veilig Thuis → Politie: bij verandering in de mate van onveiligheid"],
    );
}

#[test]
fn the_call_tree_is_agreed_in_both_directions_and_shows_in_the_summary() {
    let mut s = Scene::opened();
    s.vt_does(3, Command::AgreeCallTree { rules: both_ways() });
    let state = s.state();
    assert_eq!(state.agreement().call_tree, both_ways());
    assert_says(
        &OnSceneSummary::build(&state, t(4)).render_text(Lang::Nl),
        &[
            "Wie belt wie wanneer als er iets verandert in de mate van onveiligheid",
            "Politie → Veilig Thuis: bij vrijlating van de verdachte",
            "Veilig Thuis → Politie: bij een nieuw incident",
        ],
    );
    // Withdrawing every rule is an agreement too.
    s.vt_does(4, Command::AgreeCallTree { rules: vec![] });
    assert!(s.state().agreement().call_tree.is_empty());
}

#[test]
fn the_suggested_rules_are_the_protocols_sentence_in_dutch_in_both_directions() {
    let rules = suggested_call_rules();
    assert!(rules.iter().any(|r| r.caller == Organisation::VeiligThuis
        && r.callee == Organisation::Police
        && r.when.contains("mate van onveiligheid")));
    assert!(rules.iter().any(|r| r.caller == Organisation::Police
        && r.callee == Organisation::VeiligThuis
        && r.when.contains("vrijlating")));
    // A suggestion is no agreement: nothing is written until it is confirmed.
    assert!(Scene::opened().state().agreement().is_empty());
}

#[test]
fn the_case_level_first_contact_shows_in_the_summary_and_on_the_shift_leads_board() {
    let mut s = Scene::opened();
    s.police_does(
        2,
        police_agree(measure_id(3), MeasureKind::TijdelijkHuisverbod, Some(t(2))),
    );
    s.vt_does(3, agree_first_contact(Organisation::VeiligThuis));
    let state = s.state();
    let contact = state.agreement().first_contact.expect("agreed");
    assert_eq!(contact.organisation, Organisation::VeiligThuis);
    let summary = OnSceneSummary::build(&state, t(4));
    assert_eq!(summary.first_contact_agreed_by, Some(vt_worker()));
    assert_says(
        &summary.render_text(Lang::Nl),
        &["Eerste aanspreekpunt voor het totaal aan veiligheidsmaatregelen: D. Proef (Veilig Thuis), 0800-0000002"],
    );
    let items = board([&state], t(4));
    assert_eq!(items[0].case_first_contact, Some(contact));
    assert_eq!(items[0].first_contact, None);
}

#[test]
fn a_case_level_first_contact_without_a_phone_is_refused_and_the_fold_skips_a_forged_one() {
    let mut s = Scene::opened();
    let empty_phone = Assignment::CaseFirstContact {
        contact: Some(ContactPoint {
            organisation: Organisation::Police,
            person: "Agent A. Voorbeeld".into(),
            phone: "  ".into(),
        }),
    };
    let refused = s.state().decide(Command::Set(empty_phone.clone()), &officer(), t(2));
    assert!(matches!(refused, Err(Refusal::Measure(_))), "{refused:?}");
    s.police_writes(2, offline_set(empty_phone));
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(state.agreement().first_contact.is_none());
}

#[test]
fn two_first_contacts_agreed_offline_are_a_conflict_to_resolve() {
    let mut s = Scene::opened();
    let contact = |organisation, person: &str| Assignment::CaseFirstContact {
        contact: Some(ContactPoint {
            organisation,
            person: person.into(),
            phone: "0800-0000003".into(),
        }),
    };
    s.police_writes(2, offline_set(contact(Organisation::Police, "Agent A. Voorbeeld")));
    s.vt_writes(2, offline_set(contact(Organisation::VeiligThuis, "B. Proef (VT)")));
    let conflicts = s.state().conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].key, FieldKey::CaseFirstContact);
    assert_says(conflicts[0].key.label(Lang::Nl), &["Eerste aanspreekpunt"]);
}

#[test]
fn a_measure_without_its_own_first_contact_is_not_open_once_the_case_level_one_is_agreed() {
    let mut s = Scene::opened();
    s.police_does(
        2,
        police_agree(measure_id(4), MeasureKind::TijdelijkHuisverbod, Some(t(2))),
    );
    let open = |s: &Scene| {
        s.state()
            .progress(t(3))
            .into_iter()
            .find(|p| p.step == Step::Veiligheidsmaatregelen)
            .map(|p| p.open)
    };
    assert_eq!(open(&s), Some(1), "the case-level first contact is missing");
    s.police_does(
        3,
        Command::AgreeFirstContact {
            organisation: Organisation::Police,
            person: ShortText::parse("Agent A. Voorbeeld").unwrap(),
            phone: ShortText::parse("0800-0000001").unwrap(),
        },
    );
    assert_eq!(open(&s), Some(0));
}
