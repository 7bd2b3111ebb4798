//! Retention (issue 14 §4): after the period the convenant sets, a case
//! declared "niet meer acuut" is deleted and the devices that held it are
//! told; not before, and never a case still acute. The clock is faked by
//! running retention at a later "now". All cases here are invented.

use chrono::{Duration, Utc};
use samenop_core::CaseId;
use samenop_core::retention::RetentionPeriod;
use samenop_server::retention;
use samenop_server::storage;

use crate::helpers::*;
use crate::membership::declare_not_acute;

const PERIOD: RetentionPeriod = RetentionPeriod { days: 30 };

async fn stored(app: &TestApp, case_id: CaseId) -> usize {
    storage::case_events(&app.db, &case_id).await.unwrap().len()
}

#[tokio::test]
async fn a_handed_over_case_is_deleted_after_the_period_and_not_before() {
    let (app, police, done) = spawn_app_with_case().await;
    declare_not_acute(&app, &police, done).await;
    let acute = app.case_by_agent(&police).await;
    let lead = app.login("lead.c").await;
    app.lead_opens(&lead, done).await;
    let (_, police_cursor) = app.pull_all(&police, "").await;
    let (_, lead_cursor) = app.pull_all(&lead, "").await;
    let before = stored(&app, done).await;
    assert!(before > 5);

    // A day short of the period: nothing goes.
    let now = Utc::now();
    assert_eq!(
        retention::run(&app.db, PERIOD, now + Duration::days(29)).await.unwrap(),
        0
    );
    assert_eq!(stored(&app, done).await, before);

    // Past it: the handed-over case goes, the one still open stays.
    assert_eq!(
        retention::run(&app.db, PERIOD, now + Duration::days(31)).await.unwrap(),
        1
    );
    assert_eq!(stored(&app, done).await, 0);
    assert!(stored(&app, acute).await > 0);
    assert_eq!(storage::case_region(&app.db, &done).await.unwrap(), None);
    app.get_error(
        &lead,
        &format!("/api/v1/cases/{done}/summary"),
        reqwest::StatusCode::NOT_FOUND,
    )
    .await;

    // Audited with the case id only.
    let entries = app.audit_entries(done).await;
    let purge = entries
        .iter()
        .find(|e| e["action"] == "retention_purge")
        .expect("audited");
    assert_eq!(purge["username"], "retention");

    // The participant's and the lead's next pull tell them to drop it, once.
    for (token, cursor) in [(&police, police_cursor), (&lead, lead_cursor)] {
        let page = app.pull_page(token, &cursor, 500).await;
        assert_eq!(page.purged, vec![done]);
        let again = app.pull_page(token, &page.next_cursor, 500).await;
        assert!(again.purged.is_empty());
    }
    // A colleague who never held it is not told.
    let vt = app.login("vt.b").await;
    assert!(app.pull_page(&vt, "", 500).await.purged.is_empty());

    // Nothing more to delete.
    assert_eq!(
        retention::run(&app.db, PERIOD, now + Duration::days(62)).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn new_events_after_a_purge_still_reach_a_device_whose_cursor_passed_it() {
    let (app, police, done) = spawn_app_with_case().await;
    declare_not_acute(&app, &police, done).await;
    let (_, cursor) = app.pull_all(&police, "").await;
    assert_eq!(
        retention::run(&app.db, PERIOD, Utc::now() + Duration::days(31))
            .await
            .unwrap(),
        1
    );
    // The purged case held the highest seq; a new case must come after it.
    let fresh = app.case_by_agent(&police).await;
    let vt = app.login("vt.b").await;
    assert_all_applied(&app.push(&vt, vec![joined("vt.b", fresh)]).await);
    let (events, _) = app.pull_all(&police, &cursor).await;
    assert!(
        events.iter().any(|e| e.case_id == fresh && e.author.user_id == "vt.b"),
        "{events:?}"
    );
}

/// Regression (issue 18 §5): the writer caches each case's region. A purge
/// (by this instance's retention run or another instance's) left it
/// cached, so the next push to the case went for the insert, hit the
/// foreign key and failed the whole group commit: every phone in it got an
/// error. The writer now drops its caches when a purge happened.
#[tokio::test]
async fn a_push_to_a_case_purged_after_the_writer_saw_it_is_refused_alone() {
    let (app, police, done) = spawn_app_with_case().await;
    declare_not_acute(&app, &police, done).await;
    assert_eq!(
        retention::run(&app.db, PERIOD, Utc::now() + Duration::days(31))
            .await
            .unwrap(),
        1
    );
    let late = nature("agent.a", done, samenop_core::event::CaseNature::PartnerViolence);
    let resp = app.push_raw(&police, vec![late]).await;
    assert_eq!(resp.status(), reqwest::StatusCode::OK, "{}", resp.text().await.unwrap());
    let resp: samenop_core::wire::PushResponse = resp.json().await.unwrap();
    assert_eq!(
        outcomes(&resp).iter().map(reject_code).collect::<Vec<_>>(),
        vec![Some(samenop_core::wire::RejectCode::UnknownCase)]
    );
}

/// An opening that reuses a purged case's id is a new case: nothing of the
/// purged one comes back on the lead's list (a security review feared the
/// writer's cached fold would; the writer now drops its folds when a purge
/// happened, so the purged content does not stay in its memory either).
#[tokio::test]
async fn an_opening_that_reuses_a_purged_case_id_starts_from_nothing() {
    let (app, police, done) = spawn_app_with_case().await;
    declare_not_acute(&app, &police, done).await;
    // The lead's list brings the case's row up to date: the writer folds it.
    let lead = app.login("lead.c").await;
    let before: Vec<samenop_core::wire::CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(before[0].status, samenop_core::CaseStatus::HandedOver);
    assert_eq!(
        retention::run(&app.db, PERIOD, Utc::now() + Duration::days(31))
            .await
            .unwrap(),
        1
    );
    assert_all_applied(&app.push(&police, vec![opened("agent.a", done, REGION)]).await);
    let list: Vec<samenop_core::wire::CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    let row = list.iter().find(|r| r.case_id == done).expect("the new case is listed");
    assert_eq!(row.status, samenop_core::CaseStatus::NotAssessed, "{row:?}");
}

/// Regression (security review): retention deleted the cases but kept what
/// shift leads searched for, often an address that names the purged case.
/// After the period the search's text goes; who searched and when stay.
#[tokio::test]
async fn a_lead_search_text_is_cleared_after_the_period() {
    let app = spawn_app().await;
    let lead = app.login("lead.c").await;
    let _: Vec<serde_json::Value> = app.get_json(&lead, "/api/v1/cases?search=Teststraat%209").await;
    let searches = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            storage::list_audit(&db, REGION, None, None, 100)
                .await
                .unwrap()
                .into_iter()
                .filter(|r| r.action == "case_search")
                .map(|r| r.detail)
                .collect::<Vec<_>>()
        }
    };
    retention::run(&app.db, PERIOD, Utc::now()).await.unwrap();
    assert_eq!(searches(&app).await, vec![Some("Teststraat 9".to_string())]);
    retention::run(&app.db, PERIOD, Utc::now() + Duration::days(31))
        .await
        .unwrap();
    assert_eq!(searches(&app).await, vec![None]);
}

/// Regression (security review): a retention run folds a quiet case, then
/// purges it; an event accepted in between (already answered "applied" to
/// the phone) was deleted with it. The purge now goes ahead only when the
/// case's last receipt is still the one the run folded.
#[tokio::test]
async fn a_case_that_received_an_event_after_the_fold_is_not_purged() {
    let (app, police, done) = spawn_app_with_case().await;
    declare_not_acute(&app, &police, done).await;
    let later = Utc::now() + Duration::days(31);
    let before_ms = (later - PERIOD.duration()).timestamp_millis() + 1;
    let quiet = storage::retention::quiet_cases(&app.db, before_ms).await.unwrap();
    let (key, folded_last_ms) = quiet.into_iter().find(|(k, _)| *k == done.to_string()).expect("quiet");
    // Meanwhile a phone writes in the case.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let late = nature("agent.a", done, samenop_core::event::CaseNature::PartnerViolence);
    assert_all_applied(&app.push(&police, vec![late.clone()]).await);
    let purged = storage::retention::purge_case(&app.db, &key, folded_last_ms, later.timestamp_millis())
        .await
        .unwrap();
    assert!(!purged, "the case moved since the fold");
    let (events, _) = app.pull_all(&police, "").await;
    assert!(events.iter().any(|e| e.id == late.id), "the accepted event is kept");
}
