//! Issue 14: the server refuses on push what core's admission refuses for
//! sharing by Bijlage 1 (004 l.489-527): art 9 Wpg information without an
//! earlier OM contact event, or after the OM said no (004 l.113). OM
//! contacts reach the police and the OM only; consultations the recording
//! organisation and the one consulted. All people and cases are invented.

use samenop_core::sharing::consultation::{ConsultTopic, Consultation};
use samenop_core::sharing::{InfoCategory, OmContactRecord, SharingRecord};
use samenop_core::wire::RejectCode;
use samenop_core::{CaseId, Event, EventKind, OnSceneSummary, Organisation};

use crate::export::pdf_text;
use crate::helpers::*;

pub(crate) fn om_contact(case_id: CaseId, contact_id: uuid::Uuid, may_share: bool) -> Event {
    event(
        "agent.a",
        case_id,
        EventKind::OmContacted {
            contact: OmContactRecord {
                contact_id,
                contacted_at: chrono::Utc::now() - chrono::Duration::minutes(1),
                officer: "piket-OvJ mr. Synthetisch".into(),
                may_share,
                decision: "Alleen dat er een onderzoek loopt".into(),
            },
        },
    )
}

fn art9(case_id: CaseId, om_contact_id: Option<uuid::Uuid>) -> Event {
    let mut record = SharingRecord::on_default_ground(
        uuid::Uuid::now_v7(),
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::CriminalInvestigation,
        "Onderzoek naar bedreiging loopt (synthetisch)",
    )
    .expect("via OM");
    record.om_contact_id = om_contact_id;
    event("agent.a", case_id, EventKind::InformationShared { record })
}

#[tokio::test]
async fn art9_sharing_without_an_earlier_om_contact_event_is_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let contact_id = uuid::Uuid::now_v7();
    // No contact at all, and a contact named but pushed after the sharing.
    let codes = app
        .push_codes(
            &police,
            vec![
                art9(case_id, None),
                art9(case_id, Some(contact_id)),
                om_contact(case_id, contact_id, true),
            ],
        )
        .await;
    assert_eq!(codes, vec![Some(RejectCode::Invalid), Some(RejectCode::Invalid), None]);
    // Once the contact is stored, a later push refers to it (the server folds the stored case).
    let codes = app.push_codes(&police, vec![art9(case_id, Some(contact_id))]).await;
    assert_eq!(codes, vec![None]);
}

#[tokio::test]
async fn art9_sharing_after_the_om_said_no_is_refused() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let contact_id = uuid::Uuid::now_v7();
    assert_eq!(
        app.push_codes(&police, vec![om_contact(case_id, contact_id, false)])
            .await,
        vec![None]
    );
    let resp = app.push(&police, vec![art9(case_id, Some(contact_id))]).await;
    let codes: Vec<_> = resp.results.iter().map(|r| reject_code(&r.outcome)).collect();
    assert_eq!(codes, vec![Some(RejectCode::Invalid)]);
    let reason = format!("{:?}", resp.results[0].outcome);
    assert!(reason.contains("OM said"), "{reason}");
}

#[tokio::test]
async fn veilig_thuis_cannot_record_an_om_contact() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let mut e = om_contact(case_id, uuid::Uuid::now_v7(), true);
    e.author = actor("vt.b");
    let codes = app.push_codes(&vt, vec![joined("vt.b", case_id), e]).await;
    assert_eq!(codes, vec![None, Some(RejectCode::Invalid)]);
}

#[tokio::test]
async fn om_contacts_reach_police_only_and_consultations_their_two_organisations() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let consult = |author: &str, with, topic, advice: &str| {
        event(
            author,
            case_id,
            EventKind::PartnerConsulted {
                consultation: Consultation {
                    consultation_id: uuid::Uuid::now_v7(),
                    with,
                    topic,
                    consulted_at: chrono::Utc::now() - chrono::Duration::minutes(1),
                    advice: advice.into(),
                },
            },
        )
    };
    assert_all_applied(
        &app.push(
            &police,
            vec![
                om_contact(case_id, uuid::Uuid::now_v7(), true),
                consult(
                    "agent.a",
                    Organisation::Om,
                    ConsultTopic::OmPowers,
                    "Contactverbod overwegen",
                ),
            ],
        )
        .await,
    );
    assert_all_applied(
        &app.push(
            &vt,
            vec![
                joined("vt.b", case_id),
                consult(
                    "vt.b",
                    Organisation::Rvdk,
                    ConsultTopic::ChildProtection,
                    "Geen spoed-OTS",
                ),
            ],
        )
        .await,
    );
    // The VT phone: its own consultation, none of the police's facts.
    let (events, _) = app.pull_all(&vt, "").await;
    assert!(!events.iter().any(|e| matches!(e.kind, EventKind::OmContacted { .. })));
    let advices: Vec<_> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::PartnerConsulted { consultation } => Some(consultation.advice.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(advices, vec!["Geen spoed-OTS"]);

    // The police shift lead: the OM contact and the police consultation, in summary and PDF.
    let lead = app.login("lead.c").await;
    let s: OnSceneSummary = app.get_json(&lead, &format!("/api/v1/cases/{case_id}/summary")).await;
    assert_eq!(s.om_contacts.len(), 1);
    assert_eq!(s.consultations.len(), 1);
    let resp = app.get(&lead, &format!("/api/v1/cases/{case_id}/summary.pdf")).await;
    let pdf = pdf_text(&resp.bytes().await.unwrap());
    assert!(pdf.contains("piket-OvJ mr. Synthetisch"), "{pdf}");
    assert!(pdf.contains("Contactverbod overwegen"), "{pdf}");
    assert!(!pdf.contains("Geen spoed-OTS"), "{pdf}");
}

/// A client cannot get past Bijlage 1 by writing an older schema: a
/// schema 2 sharing on the legacy "toestemming" ground is refused on push.
#[tokio::test]
async fn an_older_schema_does_not_bring_back_a_legacy_ground() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let mut record = SharingRecord::on_default_ground(
        uuid::Uuid::now_v7(),
        Organisation::Police,
        Organisation::VeiligThuis,
        InfoCategory::PoliceRegistrations,
        "Bekend bij politie (synthetisch)",
    )
    .expect("art 18");
    record.legal_ground = samenop_core::sharing::LegalGround::Consent;
    let mut old = event("agent.a", case_id, EventKind::InformationShared { record });
    old.schema = samenop_core::Schema(2);
    assert_eq!(
        app.push_codes(&police, vec![old]).await,
        vec![Some(RejectCode::Invalid)]
    );
}
