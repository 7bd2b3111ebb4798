//! Issue 16 §2: a token of a disabled account or a revoked device is
//! answered 401 with its own error code, so the phone wipes its vault at
//! that contact; an expired or logged-out token keeps `unauthorized`.

use reqwest::StatusCode;
use samenop_core::wire::SessionResponse;
use samenop_server::storage;
use samenop_server::users_cmd;

use crate::helpers::*;

#[tokio::test]
async fn a_disabled_accounts_token_is_told_account_disabled() {
    let app = spawn_app().await;
    let db = app.database.clone().unwrap();
    let token = app.login("agent.a").await;
    users_cmd::disable(&db, "agent.a").await.unwrap();
    let body = app.get_error(&token, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["error"], "account_disabled");
    // Enabled again, the old token stays dead (the phone wiped itself).
    users_cmd::enable(&db, "agent.a").await.unwrap();
    let body = app.get_error(&token, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["error"], "account_disabled");
    app.login("agent.a").await;
}

#[tokio::test]
async fn a_revoked_device_is_told_so_and_the_users_other_device_keeps_working() {
    let app = spawn_app().await;
    let db = app.database.clone().unwrap();
    let lost = app.login("agent.a").await;
    let kept = app.login("agent.a").await;
    let device = app.device_of(&lost).to_string();
    let out = users_cmd::revoke_device(&db, "agent.a", &device).await.unwrap();
    assert!(out.contains("1 session(s) ended"), "{out}");
    let body = app.get_error(&lost, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["error"], "device_revoked");
    assert_eq!(app.get(&kept, "/api/v1/events").await.status(), StatusCode::OK);
    let listed = users_cmd::sessions(&db, "agent.a").await.unwrap();
    assert!(
        !listed.contains(&device),
        "a revoked device is no live session: {listed}"
    );
    let audit = storage::auth_audit_of(&app.db, "agent.a").await.unwrap();
    let revoked = audit.iter().find(|r| r.action == "device_revoked").expect("audited");
    assert_eq!(revoked.device_id.as_deref(), Some(device.as_str()));
}

#[tokio::test]
async fn a_logged_out_token_keeps_the_plain_unauthorized_code() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    app.logout(&token).await;
    let body = app.get_error(&token, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    assert_eq!(body["error"], "unauthorized");
}

#[tokio::test]
async fn sign_in_tells_the_device_its_no_sync_limit() {
    let app = spawn_app_with(|c| c.max_offline_hours = 48).await;
    let resp = app.login_raw("agent.a", PASSWORD).await;
    let session: SessionResponse = resp.json().await.unwrap();
    assert_eq!(session.max_offline_hours, 48);
}

#[tokio::test]
async fn every_pull_tells_the_phone_how_long_it_keeps_a_handed_over_case() {
    let app = spawn_app_with(|c| c.device_keep = samenop_core::retention::DeviceKeep { hours: 6 }).await;
    let token = app.login("agent.a").await;
    let page = app.pull_page(&token, "", 10).await;
    assert_eq!(page.device_keep_hours, Some(6));
    let default = spawn_app().await;
    let token = default.login("agent.a").await;
    assert_eq!(default.pull_page(&token, "", 10).await.device_keep_hours, Some(0));
}

#[test]
fn an_older_servers_sign_in_answer_means_the_default_limit() {
    let old = serde_json::json!({
        "token": "t",
        "expires_at": "2026-11-29T12:00:00Z",
        "account": {"username": "agent.a", "display_name": "A", "organisation": "police", "role": "police", "region": "Testregio"}
    });
    let session: SessionResponse = serde_json::from_value(old).unwrap();
    assert_eq!(session.max_offline_hours, samenop_core::wire::DEFAULT_MAX_OFFLINE_HOURS);
}
