//! Each party sees only what it needs (issue 14 §4; 004 l.442, 000
//! l.353-354): a shared item reaches the sender's and the receiver's
//! organisation only, on a phone (pull), in a shift lead's pull and in the
//! summary and its PDF. All people and cases here are invented.

use std::collections::HashSet;

use samenop_core::sharing::{InfoCategory, SharingRecord};
use samenop_core::{CaseId, Event, EventId, EventKind, OnSceneSummary, Organisation, Role};

use crate::export::pdf_text;
use crate::helpers::*;

const TO_RVDK: &str = "Dossier VT bekend sinds 2024 (synthetisch)";
const TO_POLICE: &str = "Gezin bekend bij VT (synthetisch)";
const TO_VT: &str = "Eerdere melding politie (synthetisch)";

fn shared(author: &str, case_id: CaseId, to: Organisation, category: InfoCategory, summary: &str) -> Event {
    let from = actor(author).organisation;
    event(
        author,
        case_id,
        EventKind::InformationShared {
            record: SharingRecord::on_default_ground(uuid::Uuid::now_v7(), from, to, category, summary)
                .expect("a ground fits"),
        },
    )
}

/// The shared summaries among `events`.
fn shared_texts(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::InformationShared { record } => Some(record.summary.clone()),
            _ => None,
        })
        .collect()
}

/// A case opened by agent.a, joined by vt.b, with VT → RvdK, VT → police
/// and police → VT items. Returns the app, both tokens and the case.
async fn case_with_shared_items() -> (TestApp, String, String, CaseId) {
    let (app, police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    assert_all_applied(
        &app.push(
            &vt,
            vec![
                joined("vt.b", case_id),
                shared(
                    "vt.b",
                    case_id,
                    Organisation::Rvdk,
                    InfoCategory::VeiligThuisRecords,
                    TO_RVDK,
                ),
                shared("vt.b", case_id, Organisation::Police, InfoCategory::KnownTo, TO_POLICE),
            ],
        )
        .await,
    );
    assert_all_applied(
        &app.push(
            &police,
            vec![shared(
                "agent.a",
                case_id,
                Organisation::VeiligThuis,
                InfoCategory::PoliceRegistrations,
                TO_VT,
            )],
        )
        .await,
    );
    (app, police, vt, case_id)
}

async fn summary_of(app: &TestApp, lead: &str, case_id: CaseId) -> OnSceneSummary {
    app.get_json(lead, &format!("/api/v1/cases/{case_id}/summary")).await
}

#[tokio::test]
async fn a_shared_item_between_vt_and_rvdk_never_reaches_a_police_phone() {
    let (app, police, _vt, _case_id) = case_with_shared_items().await;
    let (events, _) = app.pull_all(&police, "").await;
    let texts = shared_texts(&events);
    assert!(!texts.iter().any(|t| t == TO_RVDK), "{texts:?}");
    assert!(texts.iter().any(|t| t == TO_POLICE), "{texts:?}");
    assert!(texts.iter().any(|t| t == TO_VT), "{texts:?}");
    // A second police phone of the same officer, from the start: still not there.
    let other_phone = app.login("agent.a").await;
    let (events, _) = app.pull_all(&other_phone, "").await;
    assert!(!shared_texts(&events).iter().any(|t| t == TO_RVDK));
}

/// The issue's own example (issue 14 §4): information the RvdK gave VT,
/// recorded by VT as "RvdK → VT", is for VT only; neither a police phone
/// nor the police shift lead ever gets it, while VT's lead does.
#[tokio::test]
async fn an_rvdk_to_vt_item_recorded_by_vt_never_reaches_police() {
    const FROM_RVDK: &str = "Lopend onderzoek RvdK bekend (synthetisch)";
    let (app, police, case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let record = SharingRecord::on_default_ground(
        uuid::Uuid::now_v7(),
        Organisation::Rvdk,
        Organisation::VeiligThuis,
        InfoCategory::KnownTo,
        FROM_RVDK,
    )
    .expect("Bijlage 1 has a ground for RvdK → VT");
    let item = event("vt.b", case_id, EventKind::InformationShared { record });
    assert_all_applied(&app.push(&vt, vec![joined("vt.b", case_id), item]).await);

    let (events, _) = app.pull_all(&police, "").await;
    assert!(!shared_texts(&events).iter().any(|t| t == FROM_RVDK));
    let police_lead = app.login("lead.c").await;
    app.lead_opens(&police_lead, case_id).await;
    let (events, _) = app.pull_all(&police_lead, "").await;
    assert!(!events.is_empty(), "the lead pulls the opened case");
    assert!(!shared_texts(&events).iter().any(|t| t == FROM_RVDK));
    let summary = summary_of(&app, &police_lead, case_id).await;
    assert!(!serde_json::to_string(&summary).unwrap().contains(FROM_RVDK));

    let (events, _) = app.pull_all(&vt, "").await;
    assert!(
        shared_texts(&events).iter().any(|t| t == FROM_RVDK),
        "VT keeps what it received"
    );
}

#[tokio::test]
async fn the_police_shift_lead_does_not_see_vt_to_rvdk_items_in_summary_or_pdf() {
    let (app, _police, _vt, case_id) = case_with_shared_items().await;
    let lead = app.login("lead.c").await;

    let s = summary_of(&app, &lead, case_id).await;
    let texts: Vec<_> = s.shared.iter().map(|i| i.record.summary.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(!texts.contains(&TO_RVDK), "{texts:?}");

    let resp = app.get(&lead, &format!("/api/v1/cases/{case_id}/summary.pdf")).await;
    assert_eq!(resp.status(), reqwest::StatusCode::OK);
    let pdf = pdf_text(&resp.bytes().await.unwrap());
    assert!(!pdf.contains("Dossier VT bekend"), "{pdf}");
    assert!(pdf.contains("Gezin bekend bij VT"), "{pdf}");

    // Nor in the lead's pull of the case they opened.
    app.lead_opens(&lead, case_id).await;
    let (events, _) = app.pull_all(&lead, "").await;
    assert!(!shared_texts(&events).iter().any(|t| t == TO_RVDK));
    assert!(shared_texts(&events).iter().any(|t| t == TO_VT));
}

#[tokio::test]
async fn sender_and_receiver_organisations_both_see_the_item() {
    let (app, police, vt, case_id) = case_with_shared_items().await;
    // Sender and receiver phones: police → VT and VT → police on both.
    for token in [&police, &vt] {
        let (events, _) = app.pull_all(token, "").await;
        let texts = shared_texts(&events);
        assert!(texts.iter().any(|t| t == TO_VT), "{texts:?}");
        assert!(texts.iter().any(|t| t == TO_POLICE), "{texts:?}");
    }
    // VT, the sender of VT → RvdK, keeps it on its phone.
    let (events, _) = app.pull_all(&vt, "").await;
    assert!(shared_texts(&events).iter().any(|t| t == TO_RVDK));

    // A Veilig Thuis shift lead sees all three in the summary.
    app.add_account(&account("lead.vt", Organisation::VeiligThuis, Role::ShiftLead, REGION))
        .await;
    let vt_lead = app.login("lead.vt").await;
    let s = summary_of(&app, &vt_lead, case_id).await;
    let texts: Vec<_> = s.shared.iter().map(|i| i.record.summary.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.contains(&TO_RVDK));
}

/// Pages `token`'s pull `limit` events at a time; checks the cursor moves
/// on every page and the paging ends. Returns every event id, in order.
async fn page_through(app: &TestApp, token: &str, limit: usize) -> (Vec<EventId>, usize) {
    let mut cursor = String::new();
    let (mut ids, mut empty_pages) = (Vec::new(), 0);
    for _ in 0..100 {
        let page = app.pull_page(token, &cursor, limit).await;
        assert!(page.events.len() <= limit);
        assert_eq!(page.received_at.len(), page.events.len());
        if page.events.is_empty() && page.more {
            empty_pages += 1;
        }
        ids.extend(page.events.iter().map(|e| e.id));
        if !page.more {
            return (ids, empty_pages);
        }
        assert_ne!(page.next_cursor, cursor, "the cursor must move");
        cursor = page.next_cursor;
    }
    panic!("paging never ended");
}

#[tokio::test]
async fn paging_past_hidden_items_neither_skips_nor_repeats() {
    let (app, police, vt, case_id) = case_with_shared_items().await;
    // More hidden rows in a row, then something police may see.
    let mut batch = vec![];
    for n in 0..3 {
        batch.push(shared(
            "vt.b",
            case_id,
            Organisation::Rvdk,
            InfoCategory::VeiligThuisRecords,
            &format!("Verborgen {n} (synthetisch)"),
        ));
    }
    batch.push(shared(
        "vt.b",
        case_id,
        Organisation::Police,
        InfoCategory::KnownTo,
        "Na het verborgene",
    ));
    assert_all_applied(&app.push(&vt, batch).await);
    let lead = app.login("lead.c").await;
    app.lead_opens(&lead, case_id).await;

    for token in [&police, &lead] {
        let (all, _) = app.pull_all(token, "").await;
        let expected: Vec<EventId> = all.iter().map(|e| e.id).collect();
        assert!(shared_texts(&all).iter().any(|t| t == "Na het verborgene"));
        assert!(!shared_texts(&all).iter().any(|t| t.starts_with("Verborgen")));
        for limit in [1, 2, 3] {
            let (ids, empty_pages) = page_through(&app, token, limit).await;
            let unique: HashSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "nothing repeated (limit {limit})");
            assert_eq!(ids, expected, "nothing skipped (limit {limit})");
            if limit == 1 {
                assert!(empty_pages >= 4, "hidden rows pass as empty pages, {empty_pages}");
            }
        }
    }
}
