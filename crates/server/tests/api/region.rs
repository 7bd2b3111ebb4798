use samenop_core::event::CaseNature;
use samenop_core::wire::{JoinableCase, RejectCode};

use crate::helpers::*;

#[tokio::test]
async fn nobody_writes_into_another_regions_case() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let elsewhere = app.login("agent.e").await;
    let intrusion = vec![
        joined("agent.e", case_id),
        nature("agent.e", case_id, CaseNature::Other),
    ];
    // The same answer as for a case that does not exist (issue 13 §5).
    assert_eq!(
        app.push_codes(&elsewhere, intrusion).await,
        vec![Some(RejectCode::UnknownCase); 2]
    );
    let (events, _) = app.pull_all(&police, "").await;
    assert_eq!(events.len(), 2, "nothing stored");
}

#[tokio::test]
async fn a_case_can_only_be_opened_in_ones_own_region() {
    let app = spawn_app().await;
    let codes = app.open_new_case_as("agent.a", OTHER_REGION).await;
    assert_eq!(codes, vec![Some(RejectCode::Forbidden)]);
    app.assert_sees_no_events("lead.f").await;
}

#[tokio::test]
async fn nobody_pulls_or_lists_another_regions_cases() {
    let (app, _, _) = spawn_app_with_case().await;
    for who in ["agent.e", "lead.f"] {
        app.assert_sees_no_events(who).await;
    }
    let elsewhere = app.login("agent.e").await;
    let joinable: Vec<JoinableCase> = app.get_json(&elsewhere, "/api/v1/cases/joinable").await;
    assert!(joinable.is_empty());
    let lead_elsewhere = app.login("lead.f").await;
    let list: Vec<serde_json::Value> = app.get_json(&lead_elsewhere, "/api/v1/cases").await;
    assert!(list.is_empty());
}

#[tokio::test]
async fn another_regions_case_summary_is_not_found_like_a_missing_one() {
    let (app, _, case_id) = spawn_app_with_case().await;
    let lead_elsewhere = app.login("lead.f").await;
    app.assert_hidden_like_missing(&lead_elsewhere, case_id, "/summary")
        .await;
}

#[tokio::test]
async fn a_colleague_who_is_not_on_the_case_does_not_pull_it() {
    let (app, _, _) = spawn_app_with_case().await;
    app.assert_sees_no_events("vt.b").await;
}
