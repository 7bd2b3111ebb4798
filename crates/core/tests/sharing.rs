//! Issue 14: sharing by the pairs of Bijlage 1 (004 l.489-527), the OM
//! contact as its own event (004 l.113) and consultations (004 l.27).
//! Given the events of a case, when a person sends a command, then core
//! records it or refuses it; the server admits pushes with the same rules.

mod common;

use common::given_when::given;

use common::{Scene, consult, officer, om_contact, t, vt_worker};
use samenop_core::command::Command;
use samenop_core::sharing::consultation::{ConsultTopic, partners_consulted};
use samenop_core::sharing::{InfoCategory, LegalGround, SharingError, needs_weighty_interest};
use samenop_core::text::{SharedSummary, ShortText};
use samenop_core::{CaseState, Event, EventKind, Lang, Organisation, Refusal};
use uuid::Uuid;

struct Share {
    from: Organisation,
    to: Organisation,
    category: InfoCategory,
    ground: Option<LegalGround>,
    om: Option<u128>,
    vital: Option<&'static str>,
    weighty: Option<bool>,
}

fn share(from: Organisation, to: Organisation, category: InfoCategory) -> Share {
    Share {
        from,
        to,
        category,
        ground: None,
        om: None,
        vital: None,
        weighty: None,
    }
}

impl Share {
    fn command(self) -> Command {
        Command::ShareInformation {
            record_id: Uuid::from_u128(0x99),
            from: self.from,
            to: self.to,
            category: self.category,
            legal_ground: self
                .ground
                .or_else(|| LegalGround::default_for(self.from, self.to, self.category))
                .expect("a ground"),
            summary: SharedSummary::parse("Kort en zakelijk").unwrap(),
            om_contact_id: self.om.map(Uuid::from_u128),
            vital_interest: self.vital.map(|v| ShortText::parse(v).unwrap()),
            weighty_interest: self.weighty.unwrap_or(needs_weighty_interest(self.from)),
        }
    }
}

fn record_of(kind: EventKind) -> samenop_core::sharing::SharingRecord {
    match kind {
        EventKind::InformationShared { record } => record,
        other => panic!("{other:?}"),
    }
}

/// 004 l.521: RvdK → VT on 6.1.e AVG jo 5.2.6 Wmo, recorded by VT, who
/// asked the Raad (004 l.110, l.186).
#[test]
fn vt_records_what_the_rvdk_shared_on_5_2_6_wmo() {
    let s = Scene::opened();
    let record = record_of(
        given(&s.events)
            .when(
                &vt_worker(),
                share(
                    Organisation::Rvdk,
                    Organisation::VeiligThuis,
                    InfoCategory::ChildProtectionInfo,
                )
                .command(),
                t(5),
            )
            .then_event(),
    );
    assert_eq!(record.legal_ground, LegalGround::AvgWmo526);
    assert_eq!(record.from, Organisation::Rvdk);
}

/// The old "1:238 BW jo 5.2.6 Wmo" is no longer offered (004 l.521 gives 5.2.6 Wmo alone).
#[test]
fn the_old_1_238_bw_5_2_6_wmo_ground_is_refused_for_a_new_record() {
    let mut cmd = share(
        Organisation::Rvdk,
        Organisation::VeiligThuis,
        InfoCategory::ChildProtectionInfo,
    );
    cmd.ground = Some(LegalGround::AvgBw1238Wmo526);
    given(&Scene::opened().events)
        .when(&vt_worker(), cmd.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::GroundDoesNotFit {
            ground: LegalGround::AvgBw1238Wmo526,
            from: Organisation::Rvdk,
            to: Organisation::VeiligThuis,
        }));
}

/// No "toestemming" for police (004 l.510 gives only the Wpg).
#[test]
fn consent_is_refused_for_the_police() {
    let mut cmd = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::PoliceRegistrations,
    );
    cmd.ground = Some(LegalGround::Consent);
    given(&Scene::opened().events)
        .when(&officer(), cmd.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::GroundDoesNotFit {
            ground: LegalGround::Consent,
            from: Organisation::Police,
            to: Organisation::VeiligThuis,
        }));
}

/// 004 l.510: the police share only with a zwaarwegend belang, confirmed.
#[test]
fn the_police_share_only_after_confirming_zwaarwegend_belang() {
    let mut cmd = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::PoliceRegistrations,
    );
    cmd.weighty = Some(false);
    given(&Scene::opened().events)
        .when(&officer(), cmd.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::WeightyInterestNotConfirmed {
            from: Organisation::Police,
        }));
}

/// 004 l.495: vital interest only for AVG senders, with a reason.
#[test]
fn vital_interest_is_an_extra_for_vt_with_a_reason_and_never_for_the_police() {
    let mut vt = share(
        Organisation::VeiligThuis,
        Organisation::Police,
        InfoCategory::VeiligThuisRecords,
    );
    vt.vital = Some("Direct levensgevaar voor moeder");
    let record = record_of(
        given(&Scene::opened().events)
            .when(&vt_worker(), vt.command(), t(5))
            .then_event(),
    );
    assert_eq!(
        record.legal_ground,
        LegalGround::AvgWmo411,
        "the sender's own ground stays"
    );
    assert!(record.vital_interest.is_some());

    let mut police = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::PoliceRegistrations,
    );
    police.vital = Some("Direct levensgevaar");
    given(&Scene::opened().events)
        .when(&officer(), police.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::VitalInterestNotForSender {
            from: Organisation::Police,
        }));
}

/// A lokale partner has no Bijlage 1 ground; 6.1.d AVG needs its reason.
#[test]
fn a_lokale_partner_shares_on_vital_interest_only_with_a_reason() {
    let cmd = share(
        Organisation::LocalCare,
        Organisation::VeiligThuis,
        InfoCategory::CareProviderInfo,
    );
    given(&Scene::opened().events)
        .when(&vt_worker(), cmd.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::VitalInterestReasonMissing));
    let mut cmd = share(
        Organisation::LocalCare,
        Organisation::VeiligThuis,
        InfoCategory::CareProviderInfo,
    );
    cmd.vital = Some("Kind in acuut gevaar");
    given(&Scene::opened().events)
        .when(&vt_worker(), cmd.command(), t(5))
        .then_event();
}

/// 004 l.113: no art 9 Wpg information without an OM contact before it.
#[test]
fn art9_information_without_an_om_contact_event_is_refused() {
    given(&Scene::opened().events)
        .when(
            &officer(),
            share(
                Organisation::Police,
                Organisation::VeiligThuis,
                InfoCategory::CriminalInvestigation,
            )
            .command(),
            t(5),
        )
        .then_refused(Refusal::Sharing(SharingError::Art9WithoutOmContact));
    // Referring to a contact the case does not hold is the same.
    let mut cmd = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
    );
    cmd.om = Some(0xbad);
    given(&Scene::opened().events)
        .when(&officer(), cmd.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::Art9WithoutOmContact));
}

/// 004 l.113: after the OM said yes, art 9 data goes "via OM (reguliere lijn)".
#[test]
fn art9_information_after_the_om_said_yes_goes_via_the_om() {
    let mut s = Scene::opened();
    s.police_does(4, om_contact(0x0a, true));
    let mut cmd = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
    );
    cmd.om = Some(0x0a);
    let record = record_of(given(&s.events).when(&officer(), cmd.command(), t(5)).then_event());
    assert_eq!(record.legal_ground, LegalGround::ViaOm);
    // Never art 18 for art 9 data (004 l.510 "alleen ... artikel 8 politiegegevens").
    let mut art18 = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
    );
    art18.om = Some(0x0a);
    art18.ground = Some(LegalGround::Wpg18Bpg42);
    assert!(matches!(
        given(&s.events).when(&officer(), art18.command(), t(5)).0,
        Err(Refusal::Sharing(SharingError::GroundDoesNotFit { .. }))
    ));
}

/// 004 l.113: the OM decides; a "no" stops the sharing.
#[test]
fn art9_information_after_the_om_said_no_is_refused() {
    let mut s = Scene::opened();
    s.police_does(4, om_contact(0x0b, false));
    let mut cmd = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
    );
    cmd.om = Some(0x0b);
    given(&s.events)
        .when(&officer(), cmd.command(), t(5))
        .then_refused(Refusal::Sharing(SharingError::Art9OmSaidNo));
    assert!(
        Refusal::Sharing(SharingError::Art9OmSaidNo)
            .text(Lang::Nl)
            .contains("niet gedeeld")
    );
}

/// The OM contact is a police fact (004 l.113): VT does not record it.
#[test]
fn only_the_police_record_the_om_contact() {
    given(&Scene::opened().events)
        .when(&vt_worker(), om_contact(0x0c, true), t(5))
        .then_refused(Refusal::OmContactByPoliceOnly);
}

/// The receiver's fold holds the art 9 item though the OM contact it rests
/// on is hidden from it (a police fact); the server checked the contact.
#[test]
fn vt_keeps_the_police_art9_item_whose_om_contact_it_cannot_see() {
    let mut s = Scene::opened();
    s.police_does(4, om_contact(0x0f, true));
    let mut cmd = share(
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
    );
    cmd.om = Some(0x0f);
    s.police_does(5, cmd.command());
    let vt_view: Vec<Event> =
        samenop_core::event::visible_events(s.events.clone(), Organisation::VeiligThuis).collect();
    let vt = CaseState::fold(&vt_view);
    assert!(vt.om_contacts().is_empty());
    assert_eq!(vt.shared().len(), 1, "{:?}", vt.skipped);
    // The whole case (the server's) still refuses a sharing whose contact is missing.
    let mut forged = s.events.last().unwrap().clone();
    if let EventKind::InformationShared { record } = &mut forged.kind {
        record.om_contact_id = Some(Uuid::from_u128(0xdead));
    }
    let before = CaseState::fold(&s.events[..s.events.len() - 1]);
    assert_eq!(
        before.check_whole_case(&forged),
        Err(Refusal::Sharing(SharingError::Art9WithoutOmContact))
    );
}

/// Issue 17 §2: a form sent twice (a double tap, a retried command) keeps
/// its id, and the case records the shared item, the OM contact and the
/// consultation once; the second is refused, never a second copy.
#[test]
fn a_share_an_om_contact_and_a_consultation_sent_twice_are_recorded_once() {
    let mut s = Scene::opened();
    let sharing = share(Organisation::Police, Organisation::VeiligThuis, InfoCategory::KnownTo).command();
    s.police_does(4, sharing.clone());
    s.police_does(5, om_contact(0x0b, true));
    s.police_does(6, consult(Organisation::Om, ConsultTopic::OmPowers));
    for (minute, again) in [
        (7, sharing),
        (8, om_contact(0x0b, true)),
        (9, consult(Organisation::Om, ConsultTopic::OmPowers)),
    ] {
        given(&s.events)
            .when(&officer(), again, t(minute))
            .then_refused(Refusal::AlreadyRecorded);
    }
    let state = s.state();
    assert_eq!(state.shared().len(), 1);
    assert_eq!(partners_consulted(&state).len(), 1);

    // Another device writing the same share again (as a server receives
    // it) is skipped by the fold, not added.
    let again = s.events[s.events.len() - 3].kind.clone();
    s.police_writes(10, again);
    assert_eq!(s.state().shared().len(), 1);
    assert_eq!(s.state().skipped.len(), 1);
}

/// The fold finds a record it already holds by its id in a set kept beside
/// the shared list (a scan of the list per shared record made a busy
/// case's fold quadratic: 1,000 shares in 10,000 events were a tenth of
/// it). Many shares, some written again by another device, folded in
/// either order: each record once, each repeat skipped.
#[test]
fn among_many_shares_each_record_is_held_once_whatever_the_order() {
    let mut s = Scene::opened();
    for n in 0..40u128 {
        let mut command = share(Organisation::Police, Organisation::VeiligThuis, InfoCategory::KnownTo).command();
        if let Command::ShareInformation { record_id, .. } = &mut command {
            *record_id = Uuid::from_u128(0x1000 + n);
        }
        s.police_does(4 + n as i64, command);
    }
    let shares: Vec<EventKind> = s.events[s.events.len() - 40..].iter().map(|e| e.kind.clone()).collect();
    for (k, again) in shares.iter().step_by(7).enumerate() {
        s.police_writes(50 + k as i64, again.clone());
    }
    let repeats = shares.iter().step_by(7).count();
    let mut reversed = s.events.clone();
    reversed.reverse();
    for state in [s.state(), CaseState::fold(&reversed)] {
        assert_eq!(state.shared().len(), 40);
        assert_eq!(state.skipped.len(), repeats, "{:?}", state.skipped);
    }
}
