use reqwest::StatusCode;
use samenop_core::event::CaseNature;
use samenop_core::wire::CaseListItem;
use samenop_core::{CaseId, CaseStatus, OnSceneSummary};

use crate::helpers::*;

#[tokio::test]
async fn the_shift_lead_lists_the_regions_cases_newest_first_with_filters() {
    let (app, _, older) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let newer = CaseId::generate();
    let mut open = opened("vt.b", newer, REGION);
    if let samenop_core::EventKind::CaseOpened { reported_at, .. } = &mut open.kind {
        *reported_at = chrono::Utc::now() - chrono::Duration::minutes(1);
    }
    app.push(&vt, vec![open]).await;

    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(list.iter().map(|c| c.case_id).collect::<Vec<_>>(), vec![newer, older]);
    assert_eq!(list[1].event_count, 2);
    assert_eq!(
        list[1].on_scene,
        vec![("Test agent.a".to_string(), samenop_core::Organisation::Police)]
    );
    let status = list[0].status;

    // The day filter returns exactly the cases reported on that Amsterdam
    // day. Taken from the cases themselves, not the clock: run just after
    // midnight in Amsterdam, the two cases fall on different days
    // (regression: this failed at 00:03 Amsterdam time).
    let day_of = |c: &CaseListItem| {
        c.reported_at
            .map(|r| r.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive())
    };
    let today = day_of(&list[0]).expect("the newer case has a report time");
    let expected: Vec<CaseId> = list
        .iter()
        .filter(|c| day_of(c) == Some(today))
        .map(|c| c.case_id)
        .collect();
    let on_day: Vec<CaseListItem> = app.get_json(&lead, &format!("/api/v1/cases?day={today}")).await;
    assert_eq!(on_day.iter().map(|c| c.case_id).collect::<Vec<_>>(), expected);
    assert!(!expected.is_empty());
    let other_day: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases?day=2020-01-01").await;
    assert!(other_day.is_empty());

    let status_name = serde_json::to_value(status).unwrap();
    let same: Vec<CaseListItem> = app
        .get(
            &lead,
            &format!("/api/v1/cases?status={}", status_name.as_str().unwrap()),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(same.iter().all(|c| c.status == status) && !same.is_empty());
    let other = if status == CaseStatus::HandedOver {
        "acute"
    } else {
        "handed_over"
    };
    let none: Vec<CaseListItem> = app.get_json(&lead, &format!("/api/v1/cases?status={other}")).await;
    assert!(none.iter().all(|c| c.status != status));

    // Filters that do not parse are refused.
    for filter in ["status=unsafe", "day=23-11-2026"] {
        let path = format!("/api/v1/cases?{filter}");
        app.get_error(&lead, &path, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn the_shift_lead_reads_the_core_summary() {
    let (app, _, case_id) = spawn_app_with_case().await;
    let lead = app.login("lead.c").await;
    let resp = app.get(&lead, &format!("/api/v1/cases/{case_id}/summary")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let summary: OnSceneSummary = resp.json().await.unwrap();
    assert_eq!(summary.case_id, Some(case_id));
    assert_eq!(summary.nature, Some(CaseNature::PartnerViolence));
    assert_eq!(summary.event_count, 2);
}

#[tokio::test]
async fn field_users_and_admins_may_not_review() {
    let (app, _, case_id) = spawn_app_with_case().await;
    for who in ["agent.a", "vt.b", "admin.d"] {
        let token = app.login(who).await;
        app.get_error(&token, "/api/v1/cases", StatusCode::FORBIDDEN).await;
        app.get_error(
            &token,
            &format!("/api/v1/cases/{case_id}/summary"),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let lead = app.login("lead.c").await;
    app.get_error(&lead, "/api/v1/cases/joinable", StatusCode::FORBIDDEN)
        .await;
}

#[tokio::test]
async fn every_case_read_is_audited_and_only_admins_read_the_audit() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let lead = app.login("lead.c").await;
    app.pull_all(&police, "").await;
    app.get(&lead, "/api/v1/cases").await;
    app.get(&lead, &format!("/api/v1/cases/{case_id}/summary")).await;

    for who in ["agent.a", "vt.b", "lead.c"] {
        let token = app.login(who).await;
        app.get_error(&token, "/api/v1/audit", StatusCode::FORBIDDEN).await;
    }
    let entries = app.audit_entries(case_id).await;
    // Newest first.
    assert_eq!(
        who_did_what(&entries),
        vec![
            ("lead.c".into(), "summary".into()),
            ("lead.c".into(), "case_list".into()),
            ("agent.a".into(), "pull".into()),
        ]
    );
    assert!(
        entries
            .iter()
            .all(|e| e["case_id"] == case_id.to_string() && e["at"].is_string())
    );
    // Admins themselves see no case events.
    app.assert_sees_no_events("admin.d").await;
}

#[tokio::test]
async fn the_shift_lead_pulls_the_cases_they_opened_and_sees_bounced_events_flagged() {
    let (app, police, first) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let second = CaseId::generate();
    app.push(&vt, vec![opened("vt.b", second, REGION)]).await;
    // A retry with changed content bounces on the first case.
    let (mine, _) = app.pull_all(&police, "").await;
    let mut changed = mine[1].clone();
    changed.stamp = samenop_core::Hlc::new(changed.stamp.wall_ms + 1, 0);
    app.push(&police, vec![changed]).await;

    let lead = app.login("lead.c").await;
    // Nothing of the region until the lead opens a case (issue 14 §4).
    assert!(app.pull_all(&lead, "").await.0.is_empty());
    assert_eq!(app.lead_opens_listed(&lead).await.len(), 2);
    let (events, _) = app.pull_all(&lead, "").await;
    assert_eq!(events.len(), 3);
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let flag = |id: CaseId| list.iter().find(|c| c.case_id == id).unwrap().flags.rejected_events;
    assert!(flag(first));
    assert!(!flag(second));
}
