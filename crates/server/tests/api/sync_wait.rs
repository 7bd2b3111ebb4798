//! Long-poll pulls (issue 18 §3): `GET /api/v1/events?since=…&wait=N`
//! answers as soon as something the caller may see is committed, else an
//! empty page after `wait` seconds. The timeouts below are failure
//! conditions of behaviour (it answered because of the push, not because
//! the wait ran out), not measurements of speed.

use std::time::Duration;

use reqwest::StatusCode;
use samenop_core::CaseId;
use samenop_core::event::CaseNature;
use samenop_core::wire::PullResponse;
use samenop_server::Application;
use samenop_server::config::Config;

use crate::helpers::*;

/// Far longer than any wake-up takes, far shorter than the wait asked for.
const WOKEN_WITHIN: Duration = Duration::from_secs(10);

/// A pull of `token` after `since` that waits up to `wait` seconds.
fn waiting_pull(
    app: &TestApp,
    token: &str,
    since: &str,
    wait: u64,
) -> tokio::task::JoinHandle<reqwest::Result<reqwest::Response>> {
    let req = app
        .client
        .get(app.url("/api/v1/events"))
        .query(&[("since", since), ("wait", &wait.to_string())])
        .bearer_auth(token);
    tokio::spawn(req.send())
}

async fn page_of(pull: tokio::task::JoinHandle<reqwest::Result<reqwest::Response>>) -> PullResponse {
    let resp = tokio::time::timeout(WOKEN_WITHIN, pull)
        .await
        .expect("the waiting pull answered before the wait ran out")
        .unwrap()
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.json().await.unwrap()
}

/// VT on agent.a's case, with VT's cursor at the end.
async fn vt_on_the_case(app: &TestApp, case_id: samenop_core::CaseId) -> (String, String) {
    let vt = app.login("vt.b").await;
    assert_all_applied(&app.push(&vt, vec![joined("vt.b", case_id)]).await);
    let (_, cursor) = app.pull_all(&vt, "").await;
    (vt, cursor)
}

#[tokio::test]
async fn a_waiting_pull_answers_as_soon_as_a_colleague_pushes_to_the_case() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let (vt, cursor) = vt_on_the_case(&app, case_id).await;

    let pull = waiting_pull(&app, &vt, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!pull.is_finished(), "nothing new yet: the pull waits");
    let entry = nature("agent.a", case_id, CaseNature::ChildAbuse);
    assert_all_applied(&app.push(&police, vec![entry.clone()]).await);

    let page = page_of(pull).await;
    assert_eq!(page.events.iter().map(|e| e.id).collect::<Vec<_>>(), vec![entry.id]);
    assert_ne!(page.next_cursor, cursor);
    // The pull was audited as before: VT read the case.
    assert!(
        app.audit_of(case_id)
            .await
            .contains(&("vt.b".to_string(), "pull".to_string()))
    );
}

#[tokio::test]
async fn a_waiting_pull_answers_at_once_when_news_is_already_there() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let (vt, cursor) = vt_on_the_case(&app, case_id).await;
    let entry = nature("agent.a", case_id, CaseNature::Other);
    app.push(&police, vec![entry.clone()]).await;
    let page = page_of(waiting_pull(&app, &vt, &cursor, 20)).await;
    assert_eq!(page.events.iter().map(|e| e.id).collect::<Vec<_>>(), vec![entry.id]);
}

#[tokio::test]
async fn a_waiting_pull_is_not_woken_into_answering_by_a_case_it_may_not_see() {
    let (app, police, case_id) = spawn_app_with_case().await;
    // VT takes no part in agent.a's case.
    let vt = app.login("vt.b").await;
    let (_, cursor) = app.pull_all(&vt, "").await;
    let audit_before = app.audit_of(case_id).await;

    let pull = waiting_pull(&app, &vt, &cursor, 1);
    tokio::time::sleep(Duration::from_millis(200)).await;
    app.push(&police, vec![nature("agent.a", case_id, CaseNature::Other)])
        .await;
    let started = std::time::Instant::now();
    let page = page_of(pull).await;
    assert!(page.events.is_empty() && page.purged.is_empty() && !page.more);
    assert_eq!(page.next_cursor, cursor, "an empty page keeps the cursor");
    // It kept waiting after the push until its second ran out (behaviour,
    // with a wide margin: the push came ~0.2 s into a 1 s wait).
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        app.audit_of(case_id).await,
        audit_before,
        "an empty pull audits nothing"
    );
}

#[tokio::test]
async fn wait_above_the_cap_is_refused_with_a_clear_error_and_zero_answers_at_once() {
    let (app, _police, _case_id) = spawn_app_with_case().await;
    let vt = app.login("vt.b").await;
    let body = app
        .get_error(&vt, "/api/v1/events?wait=26", StatusCode::BAD_REQUEST)
        .await;
    assert!(
        body["message"].as_str().unwrap_or_default().contains("`wait`"),
        "{body}"
    );
    app.get_error(&vt, "/api/v1/events?wait=-1", StatusCode::BAD_REQUEST)
        .await;
    let page = page_of(waiting_pull(&app, &vt, "", 0)).await;
    assert!(page.events.is_empty());
}

#[tokio::test]
async fn a_graceful_shutdown_is_not_held_up_by_waiting_pulls() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), fresh_database(dir.path()).await);
    config.require_second_factor = false;
    let (app, stop) = serve_until_stopped(Application::build(config).await.unwrap());
    app.seed_users().await;
    let vt = app.login("vt.b").await;
    let pull = waiting_pull(&app, &vt, "", 20);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!pull.is_finished());
    let started = std::time::Instant::now();
    stop.now().await;
    assert!(started.elapsed() < WOKEN_WITHIN, "stopped without waiting out the pull");
    let page = page_of(pull).await;
    assert!(page.events.is_empty());
}

/// On PostgreSQL: a second server process on `app`'s database (issue 18
/// §5), with agent.a signed in there. `None` on SQLite, where a second
/// server on one file is refused (`two_instances.rs`).
async fn second_server(app: &TestApp) -> Option<(TestApp, String)> {
    let database = app.database.clone()?;
    if !matches!(database, samenop_server::config::DatabaseConfig::Postgres { .. }) {
        return None;
    }
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), database);
    config.require_second_factor = false;
    let other = serve(Application::build(config).await.unwrap());
    let police_there = other.login("agent.a").await;
    Some((other, police_there))
}

/// Two server processes on one database (issue 18 §5): a pull waiting on
/// one is woken by a push through the other, by the once-a-second re-check
/// (PostgreSQL only, `second_server`).
#[tokio::test]
async fn a_waiting_pull_sees_a_push_made_through_another_server_on_the_same_database() {
    let (app, _police, case_id) = spawn_app_with_case().await;
    let Some((other, police_there)) = second_server(&app).await else {
        return;
    };
    let (vt, cursor) = vt_on_the_case(&app, case_id).await;

    let pull = waiting_pull(&app, &vt, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let entry = nature("agent.a", case_id, CaseNature::Other);
    assert_all_applied(&other.push(&police_there, vec![entry.clone()]).await);
    let page = page_of(pull).await;
    assert_eq!(page.events.iter().map(|e| e.id).collect::<Vec<_>>(), vec![entry.id]);
}

/// The same for a shift lead's region (issue 18 §3, §5): a new case opened
/// through the other server moves the region's mark in the shared
/// database, and the lead's pull waiting on this one answers with it.
#[tokio::test]
async fn a_leads_waiting_pull_hears_of_a_case_opened_through_another_server() {
    let (app, _police, _case_id) = spawn_app_with_case().await;
    let Some((other, police_there)) = second_server(&app).await else {
        return;
    };
    let lead = app.login("lead.c").await;
    let (_, cursor) = app.pull_all(&lead, "").await;

    let pull = waiting_pull(&app, &lead, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    assert!(!pull.is_finished());
    assert_all_applied(
        &other
            .push(&police_there, vec![opened("agent.a", CaseId::generate(), REGION)])
            .await,
    );
    let page = page_of(pull).await;
    assert!(page.events.is_empty());
    assert_ne!(page.next_cursor, cursor, "the region's mark moved on the other server");
}

/// A refusal noted through the other server changes the lead's list (the
/// case is flagged as bounced) without a new event: the once-a-second
/// watcher sees the region's mark move too, and the lead's pull answers.
#[tokio::test]
async fn a_leads_waiting_pull_hears_of_a_refusal_noted_through_another_server() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let Some((other, police_there)) = second_server(&app).await else {
        return;
    };
    let original = nature("agent.a", case_id, CaseNature::PartnerViolence);
    assert_all_applied(&app.push(&police, vec![original.clone()]).await);
    let lead = app.login("lead.c").await;
    let (_, cursor) = app.pull_all(&lead, "").await;

    let pull = waiting_pull(&app, &lead, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    // The same event id with other content: refused, and noted.
    let changed = samenop_core::Event {
        kind: nature("agent.a", case_id, CaseNature::ElderAbuse).kind,
        ..original
    };
    let resp = other.push(&police_there, vec![changed]).await;
    assert_eq!(
        reject_code(&resp.results[0].outcome),
        Some(samenop_core::wire::RejectCode::ConflictingContent)
    );
    let page = page_of(pull).await;
    assert!(page.events.is_empty());
    assert_ne!(page.next_cursor, cursor, "the refusal moved the region's mark");
}

/// Waiting pulls are bounded per account (`changes::MAX_WAITING_PER_USER`);
/// a pull the phone dropped (a new entry broke it off) frees its place, so
/// a phone that breaks off often still gets to wait.
#[tokio::test]
async fn a_dropped_waiting_pull_frees_its_place_and_past_the_bound_a_pull_answers_at_once() {
    use samenop_server::storage::changes::MAX_WAITING_PER_USER;
    let app = spawn_app().await;
    let vt = app.login("vt.b").await;
    let (_, cursor) = app.pull_all(&vt, "").await;
    let full: Vec<_> = (0..MAX_WAITING_PER_USER)
        .map(|_| waiting_pull(&app, &vt, &cursor, 20))
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(full.iter().all(|p| !p.is_finished()), "all wait");
    // One more answers at once, empty, as a pull without `wait`.
    let page = page_of(waiting_pull(&app, &vt, &cursor, 20)).await;
    assert!(page.events.is_empty());
    assert_eq!(page.next_cursor, cursor);
    // The phone drops them (its fetches aborted): the places are free again.
    for p in &full {
        p.abort();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let again = waiting_pull(&app, &vt, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!again.is_finished(), "a dropped pull freed its place");
    again.abort();
}

/// Regression (found by signout.test.mjs): a phone whose pull waits must
/// learn that its account was disabled — by the `users` command, another
/// process — while it waits, not at a request 25 s later (issue 16 §2).
#[tokio::test]
async fn a_waiting_pull_of_an_account_disabled_meanwhile_is_told_account_disabled() {
    let app = spawn_app().await;
    let vt = app.login("vt.b").await;
    let (_, cursor) = app.pull_all(&vt, "").await;
    let pull = waiting_pull(&app, &vt, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(300)).await;
    samenop_server::users_cmd::disable(&app.database.clone().unwrap(), "vt.b")
        .await
        .unwrap();
    let resp = tokio::time::timeout(WOKEN_WITHIN, pull)
        .await
        .expect("the waiting pull answered before the wait ran out")
        .unwrap()
        .unwrap();
    let body = assert_json_error(resp, StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["error"], "account_disabled");
}

/// A shift lead's list shows the whole region, not only the cases the lead
/// opened (issue 18 §3): the lead's waiting pull answers when a colleague
/// writes anywhere in the lead's region (with no event: the lead's pull
/// carries only opened cases), its cursor moves, so the lead's phone lists
/// again; a pull from that cursor waits again. Another region's case does
/// not wake it into answering.
#[tokio::test]
async fn a_leads_waiting_pull_answers_when_the_region_changes_and_only_then() {
    let (app, police, _case_id) = spawn_app_with_case().await;
    let lead = app.login("lead.c").await;
    let (_, cursor) = app.pull_all(&lead, "").await;

    // Quiet region: it waits out its second with the same cursor.
    let page = page_of(waiting_pull(&app, &lead, &cursor, 1)).await;
    assert!(page.events.is_empty());
    assert_eq!(page.next_cursor, cursor, "nothing changed: the same cursor");

    // Another region's new case: not the lead's list.
    let elsewhere = app.login("agent.e").await;
    let pull = waiting_pull(&app, &lead, &cursor, 2);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_all_applied(
        &app.push(&elsewhere, vec![opened("agent.e", CaseId::generate(), OTHER_REGION)])
            .await,
    );
    let started = std::time::Instant::now();
    let page = page_of(pull).await;
    assert!(started.elapsed() >= Duration::from_millis(1_000), "it kept waiting");
    assert_eq!(page.next_cursor, cursor);

    // A colleague's new case in the region: the pull answers, no event for
    // the lead, a moved cursor.
    let pull = waiting_pull(&app, &lead, &cursor, 20);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    assert!(!pull.is_finished());
    let new_case = CaseId::generate();
    assert_all_applied(&app.push(&police, vec![opened("agent.a", new_case, REGION)]).await);
    let pushed = std::time::Instant::now();
    let page = page_of(pull).await;
    assert!(pushed.elapsed() < WOKEN_WITHIN);
    assert!(page.events.is_empty(), "the lead did not open it: no event");
    assert_ne!(page.next_cursor, cursor, "the region moved: a new cursor");
    // What the lead's list then shows has the new case.
    let listed: Vec<samenop_core::wire::CaseListItem> = app.get_json(&lead, "/api/v1/cases").await;
    assert!(listed.iter().any(|c| c.case_id == new_case));

    // From the new cursor it waits again.
    let moved = page.next_cursor;
    let page = page_of(waiting_pull(&app, &lead, &moved, 1)).await;
    assert_eq!(page.next_cursor, moved);
    // A field user's cursor keeps its old form (no region part).
    let (_, police_cursor) = app.pull_all(&police, "").await;
    assert!(police_cursor.split('.').count() <= 3, "{police_cursor}");
}
