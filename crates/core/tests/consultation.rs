//! Consultations (004 l.27, l.186): VT or the police record that they
//! consulted a partner, on what and with what advice; the partner must fit
//! the topic, and a consultation reaches only the recording organisation
//! and the one consulted (the OM contact only police and OM).

mod common;

use common::given_when::given;
use common::{Scene, consult, om_contact, t, vt_worker};
use samenop_core::command::Command;
use samenop_core::sharing::consultation::{ConsultTopic, partners_consulted};
use samenop_core::text::SharedSummary;
use samenop_core::{CaseState, Event, Lang, Organisation, Refusal};
use uuid::Uuid;

/// 004 l.27, l.186: a consultation is recorded with whom, on what, the advice.
#[test]
fn a_consultation_names_the_fitting_partner_and_counts_for_the_figures() {
    let mut s = Scene::opened();
    given(&s.events)
        .when(
            &vt_worker(),
            consult(Organisation::Om, ConsultTopic::ChildProtection),
            t(5),
        )
        .then_refused(Refusal::ConsultedPartnerDoesNotFit {
            topic: ConsultTopic::ChildProtection,
            with: Organisation::Om,
        });
    s.vt_does(5, consult(Organisation::Rvdk, ConsultTopic::ChildProtection));
    s.police_does(6, om_contact(0x0d, true));
    let state = s.state();
    assert_eq!(state.consultations().len(), 1);
    assert_eq!(
        state.consultations()[0].consultation.advice,
        "Geen spoedmaatregel nodig"
    );
    assert_eq!(partners_consulted(&state), vec![Organisation::Om, Organisation::Rvdk]);
    // Regression (protocol review): for a minor suspect the RvdK takes over
    // the role of 3RO (002 l.1214–1216), so it may be consulted on
    // supervision too.
    let on_supervision = Command::RecordConsultation {
        consultation_id: Uuid::from_u128(0xc1),
        with: Organisation::Rvdk,
        topic: ConsultTopic::Supervision,
        consulted_at: None,
        advice: SharedSummary::parse("Toezicht via de jeugdreclassering").unwrap(),
    };
    assert!(s.state().decide(on_supervision, &vt_worker(), t(7)).is_ok());
}

/// OM contacts are seen by police and OM; a consultation by the recording
/// organisation and the one consulted; VT's summary holds neither of the police's.
#[test]
fn om_contacts_and_consultations_reach_only_those_who_may_see_them() {
    let mut s = Scene::opened();
    let om = s.police_does(4, om_contact(0x0e, true)).clone();
    let c = s
        .police_does(5, consult(Organisation::Om, ConsultTopic::OmPowers))
        .clone();
    for org in [Organisation::Police, Organisation::Om] {
        assert!(om.visible_to(org) && c.visible_to(org), "{org:?}");
    }
    for org in [
        Organisation::VeiligThuis,
        Organisation::Rvdk,
        Organisation::Reclassering,
    ] {
        assert!(!om.visible_to(org) && !c.visible_to(org), "{org:?}");
    }
    let vt_view: Vec<Event> =
        samenop_core::event::visible_events(s.events.clone(), Organisation::VeiligThuis).collect();
    let summary = samenop_core::OnSceneSummary::build(&CaseState::fold(&vt_view), t(10));
    let text = summary.render_text(Lang::Nl);
    assert!(!text.contains("piket-OvJ"), "{text}");
    let police = samenop_core::OnSceneSummary::build(&s.state(), t(10)).render_text(Lang::Nl);
    assert!(police.contains("piket-OvJ mr. Proef"), "{police}");
    assert!(police.contains("Geen spoedmaatregel nodig"), "{police}");
}
