//! A shift lead sees their own organisation's view of the region's cases
//! with activity in the lead window; older ones only by an explicit,
//! audited search; their device pulls only the cases they opened (issue
//! 14 §4; 004 l.442). All people and cases here are invented.

use chrono::Duration;
use reqwest::StatusCode;
use samenop_core::board::BoardItem;
use samenop_core::sharing::{InfoCategory, SharingRecord};
use samenop_core::wire::CaseListItem;
use samenop_core::{CaseId, Event, EventKind, Organisation, Role};
use samenop_server::storage::{self, Db};

use crate::helpers::*;

/// Moves every event of `case_id` `days` into the past, as if the case
/// had been quiet since (the server's receipt is the activity it counts),
/// and the receipt times its read models copied with them.
pub async fn age_case(db: &Db, case_id: CaseId, days: i64) {
    let shift = Duration::days(days).num_milliseconds();
    for sql in [
        "UPDATE events SET received_at_ms = received_at_ms - $1 WHERE case_id = $2",
        "UPDATE cases SET last_received_ms = last_received_ms - $1 WHERE case_id = $2",
        "UPDATE case_rows SET last_received_ms = last_received_ms - $1, \
         last_visible_ms = last_visible_ms - $1 WHERE case_id = $2",
        "UPDATE board_rows SET last_received_ms = last_received_ms - $1 WHERE case_id = $2",
    ] {
        run_sql!(db, sql, shift, case_id.to_string()).unwrap();
    }
}

fn ids(list: &[CaseListItem]) -> Vec<CaseId> {
    list.iter().map(|c| c.case_id).collect()
}

#[tokio::test]
async fn a_lead_lists_only_active_cases_and_finds_an_older_one_by_an_audited_search() {
    let (app, police, recent) = spawn_app_with_case().await;
    let old = app.case_by_agent(&police).await;
    age_case(&app.db, old, 20).await;
    let lead = app.login("lead.c").await;

    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(ids(&list), vec![recent], "only the case active in the last 14 days");
    assert_eq!(list[0].address_hint, "Teststraat 1, achterom");
    let _: Vec<BoardItem> = app.get_json(&lead, "/api/v1/board").await;
    assert!(app.audit_of(old).await.is_empty(), "the old case was not read");

    // A search too short to name a case is refused, and finds nothing.
    app.get_error(&lead, "/api/v1/cases?search=ab", StatusCode::BAD_REQUEST)
        .await;
    // The old case by its id.
    let found: Vec<CaseListItem> = app.get_json(&lead, &format!("/api/v1/cases?search={old}")).await;
    assert_eq!(ids(&found), vec![old]);
    // By its address hint: both, whatever their age.
    let found: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases?search=teststr").await;
    assert_eq!(found.len(), 2);
    // A LIKE wildcard is taken literally.
    let found: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases?search=%25%25%25").await;
    assert!(found.is_empty());

    // Each search is audited with what was searched; the found case's read too.
    let searches: Vec<(String, Option<String>)> = storage::list_audit(&app.db, REGION, None, None, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "case_search")
        .map(|r| (r.username, r.detail))
        .collect();
    assert!(
        searches.contains(&("lead.c".into(), Some(old.to_string()))),
        "{searches:?}"
    );
    assert!(
        searches.contains(&("lead.c".into(), Some("teststr".into()))),
        "{searches:?}"
    );
    assert!(app.audit_of(old).await.contains(&("lead.c".into(), "case_list".into())));
}

#[tokio::test]
async fn the_window_is_a_server_option() {
    let app = spawn_app_with(|c| c.lead_window_days = 3).await;
    let police = app.login("agent.a").await;
    let case_id = app.case_by_agent(&police).await;
    age_case(&app.db, case_id, 4).await;
    let lead = app.login("lead.c").await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert!(list.is_empty());
    age_case(&app.db, case_id, -2).await;
    let list: Vec<CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert_eq!(ids(&list), vec![case_id]);
}

#[tokio::test]
async fn a_lead_pulls_only_the_cases_they_opened_older_history_included() {
    let (app, police, first) = spawn_app_with_case().await;
    let second = app.case_by_agent(&police).await;
    let lead = app.login("lead.c").await;
    let (events, cursor) = app.pull_all(&lead, "").await;
    assert!(events.is_empty(), "no region history without opening a case");

    app.lead_opens(&lead, second).await;
    // Opening twice changes nothing; another region's case is unknown.
    app.lead_opens(&lead, second).await;
    let other = app.login("lead.f").await;
    let resp = app
        .client
        .post(app.url(&format!("/api/v1/cases/{second}/open")))
        .bearer_auth(&other)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);

    // The opened case's whole history comes after the lead's old cursor.
    let (events, _) = app.pull_all(&lead, &cursor).await;
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.case_id == second));
    assert!(
        app.audit_of(second)
            .await
            .contains(&("lead.c".into(), "lead_open".into()))
    );
    assert!(!app.audit_of(first).await.iter().any(|(who, _)| who == "lead.c"));
}

fn shared(author: &str, case_id: CaseId, to: Organisation, summary: &str) -> Event {
    let from = actor(author).organisation;
    event(
        author,
        case_id,
        EventKind::InformationShared {
            record: SharingRecord::on_default_ground(uuid::Uuid::now_v7(), from, to, InfoCategory::KnownTo, summary)
                .expect("a ground fits"),
        },
    )
}

#[tokio::test]
async fn a_veilig_thuis_lead_does_not_see_police_items_shared_with_others() {
    let (app, police, case_id) = spawn_app_with_case().await;
    const TO_OM: &str = "Politie aan OM (synthetisch)";
    assert_all_applied(
        &app.push(&police, vec![shared("agent.a", case_id, Organisation::Om, TO_OM)])
            .await,
    );
    app.add_account(&account("lead.vt", Organisation::VeiligThuis, Role::ShiftLead, REGION))
        .await;
    let vt_lead = app.login("lead.vt").await;
    app.lead_opens(&vt_lead, case_id).await;
    let (events, _) = app.pull_all(&vt_lead, "").await;
    assert!(!events.is_empty());
    assert!(!serde_json::to_string(&events).unwrap().contains(TO_OM));
    let summary: serde_json::Value = app
        .get_json(&vt_lead, &format!("/api/v1/cases/{case_id}/summary"))
        .await;
    assert!(!summary.to_string().contains(TO_OM), "{summary}");
    // The police lead does see it.
    let lead = app.login("lead.c").await;
    let summary: serde_json::Value = app.get_json(&lead, &format!("/api/v1/cases/{case_id}/summary")).await;
    assert!(summary.to_string().contains(TO_OM));
}

#[tokio::test]
async fn the_weekly_figures_are_for_shift_leads_only() {
    let (app, police, _case_id) = spawn_app_with_case().await;
    app.get_error(&police, "/api/v1/figures", StatusCode::FORBIDDEN).await;
    let lead = app.login("lead.c").await;
    let weeks: Vec<samenop_core::evaluation::WeekFigures> = app.get_json(&lead, "/api/v1/figures").await;
    assert_eq!(weeks.len(), 1, "{weeks:?}");
}

/// Regression (issue 18 §5): a case the lead opens when their cursor has
/// already reached the newest event still comes with its whole history.
/// `opened_seq` used to be the highest seq stored, which the cursor could
/// already sit on, so the older events sorted at or before it: skipped.
#[tokio::test]
async fn a_case_opened_when_the_cursor_is_at_the_newest_event_still_comes_whole() {
    let app = spawn_app().await;
    let police = app.login("agent.a").await;
    let lead = app.login("lead.c").await;
    let older = app.case_by_agent(&police).await;
    let newest = app.case_by_agent(&police).await;
    app.lead_opens(&lead, newest).await;
    let (first, cursor) = app.pull_all(&lead, "").await;
    assert_eq!(first.len(), 2);
    assert!(first.iter().all(|e| e.case_id == newest));

    app.lead_opens(&lead, older).await;
    let (second, _) = app.pull_all(&lead, &cursor).await;
    assert_eq!(second.len(), 2, "the older case's history after the cursor");
    assert!(second.iter().all(|e| e.case_id == older));
}
