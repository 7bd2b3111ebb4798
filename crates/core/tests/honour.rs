//! Eergerelateerd geweld (EGG), given/when/then: the danger comes from the
//! network (002 l.358-365), so one arrest does not lift it; the flag is
//! suggested by A7 (002 l.1078-1079); the network is never toezichthouder;
//! every EGG case gets the handreiking's steps (000 l.268-677). The
//! verblijfplaats: `honour_whereabouts.rs`.

mod common;

use common::given_when::given;
use common::{Scene, agree, measure_id, officer, t, vt_worker};
use samenop_core::board::LeadFlags;
use samenop_core::command::Command;
use samenop_core::honour::{HonourPrompt, HonourSignal, HonourWarning, OpvangDecision, OpvangFacility, OpvangRegion};
use samenop_core::measures::MeasureKind;
use samenop_core::triage::{Criterion, LiftingRoute, TriageStatus};
use samenop_core::{Answer, Assignment, Lang, OnSceneSummary, Organisation, Refusal, VariantArray};

fn set(a: Assignment) -> Command {
    Command::Set(a)
}

fn flag() -> Assignment {
    Assignment::HonourBased { honour_based: true }
}

/// Given an acute criterion (A1 injury) and no third-party oversight.
fn acute_scene() -> Scene {
    let mut s = Scene::opened();
    s.police_sets(
        1,
        Assignment::Criterion {
            criterion: Criterion::InjuryOrStrangulation,
            answer: Answer::Yes,
        },
    );
    s.police_sets(2, Assignment::ThirdPartyOversight { answer: Answer::No });
    s
}

fn arrest(s: &mut Scene, minute: i64) {
    s.police_sets(
        minute,
        Assignment::LiftingRoute {
            route: LiftingRoute::ArrestedArt53Sv,
            applied: true,
        },
    );
}

/// 002 l.358-365: "gedrag van verdachte en of het netwerk (bijvoorbeeld bij
/// eer gerelateerd geweld)". One arrest lifts the suspect's access only.
#[test]
fn in_egg_one_arrest_leaves_the_case_acute_while_the_network_has_access() {
    let mut plain = acute_scene();
    arrest(&mut plain, 3);
    assert_eq!(plain.state().triage(t(5)).status, TriageStatus::Contained, "not EGG");

    let mut egg = acute_scene();
    egg.police_does(3, set(flag()));
    arrest(&mut egg, 4);
    // Not asked yet: in EGG the network counts as having access.
    assert_eq!(egg.state().triage(t(5)).status, TriageStatus::Acute);
    egg.vt_does(6, set(Assignment::NetworkHasAccess { answer: Answer::Yes }));
    assert_eq!(egg.state().triage(t(7)).status, TriageStatus::Acute);
    // Only a clear "no" for the network makes it beheerst.
    egg.vt_does(8, set(Assignment::NetworkHasAccess { answer: Answer::No }));
    assert_eq!(egg.state().triage(t(9)).status, TriageStatus::Contained);
}

/// The nature "eergerelateerd geweld" counts as the flag too.
#[test]
fn the_nature_honour_based_violence_makes_the_case_egg() {
    let mut s = Scene::opened();
    assert!(!s.state().is_honour_based());
    s.police_does(
        1,
        set(Assignment::Nature {
            nature: samenop_core::event::CaseNature::HonourBasedViolence,
        }),
    );
    assert!(s.state().is_honour_based());
    assert!(s.state().triage_input(t(2)).honour_based);
}

/// 002 l.1078-1079: A7 names threats of killing, FGM and deprivation of
/// liberty; the app suggests the flag and never sets it by itself.
#[test]
fn a7_suggests_the_flag_until_someone_sets_it() {
    let mut s = Scene::opened();
    assert!(s.state().honour_signals().is_empty());
    s.police_does(
        1,
        set(Assignment::Criterion {
            criterion: Criterion::ThreatOfViolence,
            answer: Answer::Yes,
        }),
    );
    assert_eq!(s.state().honour_signals(), vec![HonourSignal::ThreatCriterionA7]);
    assert!(!s.state().is_honour_based(), "suggested, not set");
    s.police_does(2, set(flag()));
    assert!(s.state().honour_signals().is_empty());
}

/// 002 l.1179: huwelijksdwang, huwelijkse gevangenschap or achterlating
/// recorded as structurele onveiligheid suggests the flag too (our choice:
/// the seeds list them beside eergerelateerde problematiek, l.1178).
#[test]
fn forced_marriage_recorded_as_structural_unsafety_suggests_the_flag() {
    use samenop_core::triage::StructuralSubItem;
    let mut s = Scene::opened();
    s.vt_does(
        1,
        set(Assignment::StructuralSubItem {
            item: StructuralSubItem::Partnergeweld,
            recorded: true,
        }),
    );
    assert!(
        s.state().honour_signals().is_empty(),
        "partner violence alone is no EGG signal"
    );
    s.vt_does(
        2,
        set(Assignment::StructuralSubItem {
            item: StructuralSubItem::Achterlating,
            recorded: true,
        }),
    );
    assert_eq!(
        s.state().honour_signals(),
        vec![HonourSignal::MarriageCoercionOrAbandonment]
    );
}

/// Regression (protocol review): "geweld dat samenhangt met eergerelateerde
/// problematiek" recorded as structurele onveiligheid (002 l.1178) did not
/// suggest the EGG flag, while the forms listed beside it did.
#[test]
fn honour_related_violence_recorded_as_structural_unsafety_suggests_the_flag() {
    use samenop_core::triage::StructuralSubItem;
    let mut s = Scene::opened();
    s.vt_does(
        1,
        set(Assignment::StructuralSubItem {
            item: StructuralSubItem::Eergerelateerd,
            recorded: true,
        }),
    );
    assert_eq!(s.state().honour_signals(), vec![HonourSignal::HonourRelatedStructural]);
    s.police_does(2, set(flag()));
    assert!(s.state().honour_signals().is_empty(), "a flagged case asks no more");
}

/// Un-flagging by another organisation is a safety downgrade: it stands as
/// a conflict and the case stays EGG until the first organisation settles it.
#[test]
fn another_organisation_cannot_quietly_unflag_egg() {
    let mut s = Scene::opened();
    s.police_does(1, set(flag()));
    s.vt_does(2, set(Assignment::HonourBased { honour_based: false }));
    let state = s.state();
    assert!(state.is_honour_based());
    assert_eq!(state.conflicts().len(), 1);
}

/// The network is where the danger comes from (002 l.358-365): never
/// toezichthouder in EGG, but still offered outside EGG.
#[test]
fn the_network_cannot_supervise_a_measure_in_egg() {
    let mut s = Scene::opened();
    let kind = MeasureKind::Veiligheidsafspraken;
    assert!(
        s.state()
            .measure_roles(kind)
            .supervises
            .contains(&Organisation::Network)
    );
    assert!(s.state().measure_owners(kind).contains(&Organisation::Network));
    s.police_does(1, set(flag()));
    let state = s.state();
    assert!(!state.measure_roles(kind).supervises.contains(&Organisation::Network));
    assert!(!state.measure_owners(kind).contains(&Organisation::Network));
    let refused = state.decide(
        agree(measure_id(1), kind, Organisation::Network, Some("Oom (familie)"), None),
        &vt_worker(),
        t(2),
    );
    assert_eq!(refused, Err(Refusal::NetworkMayNotSupervise));
    assert!(Refusal::NetworkMayNotSupervise.text(Lang::Nl).contains("netwerk"));
    // VT itself may still own the safety agreements.
    assert!(
        state
            .decide(
                agree(measure_id(2), kind, Organisation::VeiligThuis, None, None),
                &vt_worker(),
                t(3)
            )
            .is_ok()
    );
}

/// 000 l.290, 268, 340, 675, 410, 402, 273, 632: the steps of an EGG case,
/// each with who ticked it and when.
#[test]
fn an_egg_case_lists_its_steps_and_who_did_them() {
    let mut s = Scene::opened();
    assert!(s.state().honour_prompts().is_empty(), "not EGG, no steps");
    s.police_does(1, set(flag()));
    let all: Vec<HonourPrompt> = s.state().honour_prompts().iter().map(|p| p.prompt).collect();
    assert_eq!(all, HonourPrompt::VARIANTS.to_vec());
    // An adult victim and no threat to life: no youth protection, no OM call.
    s.police_does(2, set(Assignment::VictimIsMinor { answer: Answer::No }));
    s.police_does(
        3,
        set(Assignment::Criterion {
            criterion: Criterion::ThreatOfViolence,
            answer: Answer::No,
        }),
    );
    let due: Vec<HonourPrompt> = s.state().honour_prompts().iter().map(|p| p.prompt).collect();
    assert!(!due.contains(&HonourPrompt::YouthProtection));
    assert!(!due.contains(&HonourPrompt::OmPersonalProtection));
    // Regression (protocol review): fear for "haar fysieke integriteit" (000
    // l.675) asks for the OM call too, with A7 "nee" (here: strangulation).
    let mut strangled = Scene::opened();
    strangled.police_does(1, set(flag()));
    for (minute, criterion, answer) in [
        (2, Criterion::ThreatOfViolence, Answer::No),
        (3, Criterion::InjuryOrStrangulation, Answer::Yes),
    ] {
        strangled.police_does(minute, set(Assignment::Criterion { criterion, answer }));
    }
    let due: Vec<HonourPrompt> = strangled.state().honour_prompts().iter().map(|p| p.prompt).collect();
    assert!(due.contains(&HonourPrompt::OmPersonalProtection));

    s.police_does(
        4,
        set(Assignment::HonourPrompt {
            prompt: HonourPrompt::AddressMarked,
            done: true,
        }),
    );
    s.vt_does(
        5,
        set(Assignment::OpvangDecision {
            decision: Some(OpvangDecision {
                region: OpvangRegion::FarAway,
                facility: OpvangFacility::SafeHouse,
            }),
        }),
    );
    let state = s.state();
    let prompts = state.honour_prompts();
    let marked = prompts
        .iter()
        .find(|p| p.prompt == HonourPrompt::AddressMarked)
        .unwrap();
    assert!(marked.done);
    assert_eq!(
        marked.by.as_ref().map(|a| a.user_id.as_str()),
        Some(officer().user_id.as_str())
    );
    assert_eq!(marked.at, Some(t(4)));
    let opvang = prompts
        .iter()
        .find(|p| p.prompt == HonourPrompt::OpvangDecision)
        .unwrap();
    assert!(opvang.done);
    let open = prompts.iter().filter(|p| !p.done).count();
    assert_eq!(open, 3, "police involved, risk screening, afscherming");
    assert_eq!(LeadFlags::of(&state, t(6)).honour_open, 3);
}

/// Every EGG screen and the summary carry the four warnings (000 l.400,
/// l.434, l.411, l.610, l.618); open steps name who does them, and the
/// configured expertise centre.
#[test]
fn the_summary_shows_the_warnings_the_open_steps_and_the_opvang() {
    let mut s = Scene::opened();
    assert!(s.state().honour_warnings().is_empty());
    s.police_does(1, set(flag()));
    s.police_does(
        2,
        set(Assignment::NetworkThreat {
            who: "Vader en twee broers".into(),
        }),
    );
    assert_eq!(s.state().honour_warnings(), HonourWarning::VARIANTS.to_vec());
    let summary = OnSceneSummary::build(&s.state(), t(3));
    let h = summary.honour.as_ref().expect("EGG part");
    assert_eq!(h.threatened_by, "Vader en twee broers");
    let text = summary.render_text(Lang::Nl);
    assert!(text.contains("Geef familie en derden geen informatie"), "{text}");
    assert!(text.contains("Vader en twee broers"), "{text}");
    assert!(text.contains("unit MEP"), "the default centre: {text}");
    // Not EGG: nothing of it in the summary, nor on the wire.
    let plain = OnSceneSummary::build(&Scene::opened().state(), t(3));
    assert!(plain.honour.is_none());
    assert!(!serde_json::to_string(&plain).unwrap().contains("honour"));
}

/// The threatener's description is a bounded text like every other.
#[test]
fn an_overlong_threatener_description_is_refused_and_named() {
    let s = Scene::opened();
    let refused = s.state().decide(
        set(Assignment::NetworkThreat { who: "x".repeat(201) }),
        &officer(),
        t(1),
    );
    let Err(r) = refused else { panic!("accepted") };
    assert!(r.text(Lang::Nl).contains("Wie bedreigt"), "{}", r.text(Lang::Nl));
}

/// A measure the network took on before the case was flagged EGG is named,
/// so someone else takes it over (002 l.358-365).
#[test]
fn a_measure_the_network_carried_before_the_flag_is_named() {
    let mut s = Scene::opened();
    s.vt_does(
        1,
        agree(
            measure_id(3),
            MeasureKind::Veiligheidsafspraken,
            Organisation::Network,
            Some("Oom (familie)"),
            None,
        ),
    );
    assert!(s.state().network_held_measures().is_empty(), "not EGG yet");
    s.police_does(2, set(flag()));
    assert_eq!(
        s.state().network_held_measures(),
        vec![MeasureKind::Veiligheidsafspraken]
    );
    let text = OnSceneSummary::build(&s.state(), t(3)).render_text(Lang::Nl);
    assert!(text.contains("Veiligheidsafspraken ligt bij het netwerk"), "{text}");
}

/// Given an eergerelateerd-geweld case, when the police record the family
/// network as owner of veiligheidsafspraken, then core refuses it: the
/// danger comes from the network (002 l.358-365).
#[test]
fn in_an_egg_case_the_network_cannot_own_a_measure() {
    let mut s = Scene::opened();
    s.police_does(
        1,
        set(Assignment::Nature {
            nature: samenop_core::event::CaseNature::HonourBasedViolence,
        }),
    );
    given(&s.events)
        .when(
            &officer(),
            agree(
                measure_id(9),
                MeasureKind::Veiligheidsafspraken,
                Organisation::Network,
                Some("Broer (familie)"),
                None,
            ),
            t(2),
        )
        .then_refused(Refusal::NetworkMayNotSupervise);
}
