//! Eergerelateerd geweld (EGG), the victim's verblijfplaats: "waaronder haar
//! verblijfplaats, niet worden verstrekt aan derden" (000 l.618); in an EGG
//! case it goes only to the police and the opvang, whoever shares it, and
//! an event a modified client pushes past that is not admitted.

mod common;

use common::given_when::given;
use common::{Scene, share, t, vt_worker};
use samenop_core::command::Command;
use samenop_core::sharing::{InfoCategory, LegalGround, SharingRecord};
use samenop_core::text::SharedSummary;
use samenop_core::{Assignment, EventKind, Organisation, Refusal};
use uuid::Uuid;

fn set(a: Assignment) -> Command {
    Command::Set(a)
}

fn flag() -> Assignment {
    Assignment::HonourBased { honour_based: true }
}

fn share_whereabouts(to: Organisation) -> Command {
    Command::ShareInformation {
        record_id: Uuid::from_u128(0x88),
        from: Organisation::VeiligThuis,
        to,
        category: InfoCategory::Verblijfplaats,
        legal_ground: LegalGround::AvgWmo411,
        summary: SharedSummary::parse("Verblijft elders, adres bekend bij VT").unwrap(),
        om_contact_id: None,
        vital_interest: None,
        weighty_interest: false,
    }
}

/// 000 l.618: "waaronder haar verblijfplaats, niet worden verstrekt aan
/// derden"; only the police and the opvang get it in EGG.
#[test]
fn verblijfplaats_goes_only_to_police_and_opvang_in_egg() {
    let mut s = Scene::opened();
    s.police_does(1, set(flag()));
    let state = s.state();
    for to in [
        Organisation::Rvdk,
        Organisation::Network,
        Organisation::LocalCare,
        Organisation::Om,
    ] {
        assert_eq!(
            state.decide(share_whereabouts(to), &vt_worker(), t(2)),
            Err(Refusal::VerblijfplaatsOnlyToPoliceAndOpvang),
            "{to:?}"
        );
    }
    assert!(
        state
            .decide(share_whereabouts(Organisation::Police), &vt_worker(), t(2))
            .is_ok()
    );
    assert!(
        state
            .decide(share_whereabouts(Organisation::Opvang), &vt_worker(), t(2))
            .is_ok()
    );
    // Outside EGG the category follows the general sharing rules.
    let plain = Scene::opened().state();
    assert!(
        plain
            .decide(share_whereabouts(Organisation::Rvdk), &vt_worker(), t(2))
            .is_ok()
    );
}

/// A modified client's event is refused by admission too (the fold skips it;
/// the server's push runs the same `admit`), and `needs_case` asks for the case.
#[test]
fn a_pushed_verblijfplaats_to_the_rvdk_is_not_admitted_in_egg() {
    let mut s = Scene::opened();
    s.police_does(1, set(flag()));
    let kind = EventKind::InformationShared {
        record: SharingRecord {
            record_id: Uuid::from_u128(0x99),
            from: Organisation::VeiligThuis,
            to: Organisation::Rvdk,
            category: InfoCategory::Verblijfplaats,
            legal_ground: LegalGround::AvgVitalInterest,
            summary: "Opvang in regio".into(),
            om_contact: None,
            om_contact_id: None,
            vital_interest: None,
            weighty_interest: false,
        },
    };
    assert!(samenop_core::CaseState::needs_case(&kind));
    s.vt_writes(2, kind);
    let state = s.state();
    assert_eq!(state.skipped.len(), 1);
    assert!(state.shared().is_empty());
}

/// Given an eergerelateerd-geweld case, when Veilig Thuis shares the
/// victim's verblijfplaats with the RvdK, then core refuses it ("waaronder
/// haar verblijfplaats, niet worden verstrekt aan derden", 000 l.618); to
/// the police it is recorded.
#[test]
fn in_an_egg_case_the_verblijfplaats_is_refused_to_the_rvdk_and_recorded_for_the_police() {
    let mut s = Scene::opened();
    s.police_does(1, set(Assignment::HonourBased { honour_based: true }));
    s.vt_writes(2, EventKind::CaseJoined { reason: None });
    let g = given(&s.events);
    g.when(
        &vt_worker(),
        share(
            Organisation::VeiligThuis,
            Organisation::Rvdk,
            InfoCategory::Verblijfplaats,
            LegalGround::AvgWmo411,
        ),
        t(3),
    )
    .then_refused(Refusal::VerblijfplaatsOnlyToPoliceAndOpvang);
    let event = g
        .when(
            &vt_worker(),
            share(
                Organisation::VeiligThuis,
                Organisation::Police,
                InfoCategory::Verblijfplaats,
                LegalGround::AvgWmo411,
            ),
            t(3),
        )
        .then_event();
    assert!(matches!(event, EventKind::InformationShared { .. }));
}
