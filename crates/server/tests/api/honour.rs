//! Eergerelateerd geweld (issue 15) over HTTP: the server re-checks the EGG
//! rules on every push (the verblijfplaats only to the police and the
//! opvang, 000 l.618), keeps the case acute while the network has access
//! after one arrest (002 l.358-365), and gives the shift lead the EGG steps
//! with which are still open, naming the configured expertise centre.

use samenop_core::honour::HonourPrompt;
use samenop_core::sharing::{InfoCategory, LegalGround, SharingRecord};
use samenop_core::triage::{Criterion, LiftingRoute};
use samenop_core::wire::{PushOutcome, RejectCode};
use samenop_core::{Answer, Assignment, CaseStatus, EventKind, OnSceneSummary, Organisation};

use crate::helpers::*;

const CENTRE: &str = "Expertisecentrum Testregio (synthetisch)";

fn whereabouts(to: Organisation) -> EventKind {
    EventKind::InformationShared {
        record: SharingRecord {
            record_id: uuid::Uuid::now_v7(),
            from: Organisation::VeiligThuis,
            to,
            category: InfoCategory::Verblijfplaats,
            // VT's own Bijlage 1 ground (004 l.502-503): only the EGG rule
            // can refuse the RvdK.
            legal_ground: LegalGround::AvgWmo411,
            summary: "Verblijft elders (synthetisch)".into(),
            om_contact: None,
            om_contact_id: None,
            vital_interest: None,
            weighty_interest: false,
        },
    }
}

#[tokio::test]
async fn the_shift_lead_sees_the_egg_steps_still_open_and_the_case_stays_acute_after_one_arrest() {
    let app = spawn_app_with(|c| c.egg_expertise_centre = CENTRE.into()).await;
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    let set = |a: Assignment| assigned("agent.a", case_id, a);
    let resp = app
        .push(
            &police,
            vec![
                set(Assignment::HonourBased { honour_based: true }),
                set(Assignment::Criterion {
                    criterion: Criterion::InjuryOrStrangulation,
                    answer: Answer::Yes,
                }),
                set(Assignment::ThirdPartyOversight { answer: Answer::No }),
                set(Assignment::LiftingRoute {
                    route: LiftingRoute::ArrestedArt53Sv,
                    applied: true,
                }),
                set(Assignment::HonourPrompt {
                    prompt: HonourPrompt::AddressMarked,
                    done: true,
                }),
            ],
        )
        .await;
    assert_all_applied(&resp);

    let lead = app.login("lead.c").await;
    let summary: OnSceneSummary = app.get_json(&lead, &format!("/api/v1/cases/{case_id}/summary")).await;
    // One arrest, but the network (not asked yet) counts as having access.
    assert_eq!(summary.status, CaseStatus::Acute);
    let h = summary.honour.as_ref().expect("the EGG part of the summary");
    assert_eq!(h.expertise_centre, CENTRE);
    let marked = h
        .prompts
        .iter()
        .find(|p| p.prompt == HonourPrompt::AddressMarked)
        .unwrap();
    assert!(marked.done);
    assert_eq!(marked.by.as_ref().map(|a| a.user_id.as_str()), Some("agent.a"));
    let open: Vec<HonourPrompt> = h.open().map(|p| p.prompt).collect();
    assert!(open.contains(&HonourPrompt::OpvangDecision), "{open:?}");
    assert!(open.contains(&HonourPrompt::RiskScreening), "{open:?}");
    assert!(!open.contains(&HonourPrompt::AddressMarked));
    let text = summary.render_text(samenop_core::Lang::Nl);
    assert!(text.contains(CENTRE), "{text}");
    assert!(text.contains("Geef familie en derden geen informatie"), "{text}");
}

#[tokio::test]
async fn a_pushed_verblijfplaats_goes_to_the_police_but_not_to_the_rvdk_in_egg() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    let flag = assigned("agent.a", case_id, Assignment::HonourBased { honour_based: true });
    assert_all_applied(&app.push(&police, vec![flag]).await);
    let vt = app.login("vt.b").await;
    assert_all_applied(&app.push(&vt, vec![joined("vt.b", case_id)]).await);
    let resp = app
        .push(
            &vt,
            vec![
                event("vt.b", case_id, whereabouts(Organisation::Rvdk)),
                event("vt.b", case_id, whereabouts(Organisation::Police)),
            ],
        )
        .await;
    let got = outcomes(&resp);
    assert_eq!(reject_code(&got[0]), Some(RejectCode::Invalid), "{got:?}");
    assert!(
        format!("{:?}", got[0]).contains("erblijfplaats"),
        "refused by the EGG rule: {got:?}"
    );
    assert_eq!(got[1], PushOutcome::Applied);
}

#[tokio::test]
async fn a_pushed_measure_owned_by_the_network_is_rejected_in_egg() {
    use samenop_core::measures::{AgreedMeasure, MeasureId, MeasureKind, MeasureOwner};
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    let measure = |organisation| {
        let m = AgreedMeasure::new(
            MeasureId(uuid::Uuid::now_v7()),
            MeasureKind::Veiligheidsafspraken,
            MeasureOwner {
                organisation,
                person: "Oom (synthetisch)".into(),
            },
        );
        event("agent.a", case_id, EventKind::MeasureAgreed { measure: m })
    };
    // Outside EGG the network may carry veiligheidsafspraken.
    assert_all_applied(&app.push(&police, vec![measure(Organisation::Network)]).await);
    let flag = assigned("agent.a", case_id, Assignment::HonourBased { honour_based: true });
    assert_all_applied(&app.push(&police, vec![flag]).await);
    let got = outcomes(&app.push(&police, vec![measure(Organisation::Network)]).await);
    assert_eq!(reject_code(&got[0]), Some(RejectCode::Invalid), "{got:?}");
}
