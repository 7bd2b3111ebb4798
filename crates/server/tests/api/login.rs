use reqwest::StatusCode;
use samenop_core::Role;
use samenop_core::wire::SessionResponse;

use crate::helpers::*;
use crate::login_checks::*;

#[tokio::test]
async fn login_with_the_right_password_gives_a_token_and_the_account() {
    let app = spawn_app().await;
    let resp = app.login_raw("vt.b", PASSWORD).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let session: SessionResponse = resp.json().await.unwrap();
    assert_eq!(session.token.len(), 64);
    assert_eq!(session.account.role, Role::VeiligThuis);
    assert_eq!(session.account.region, REGION);
    assert!(session.expires_at > chrono::Utc::now());
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_401() {
    let app = spawn_app().await;
    let wrong = assert_json_error(
        app.login_raw("vt.b", "niet-het-wachtwoord").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let unknown = assert_json_error(app.login_raw("niemand", PASSWORD).await, StatusCode::UNAUTHORIZED).await;
    assert_eq!(wrong, unknown);
}

#[tokio::test]
async fn five_wrong_passwords_make_even_the_right_one_wait_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let resp = app.login_raw("agent.a", "fout-wachtwoord").await;
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    }
    let resp = app.login_raw("agent.a", PASSWORD).await;
    assert!(resp.headers().contains_key("retry-after"));
    let body = assert_json_error(resp, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(body["error"], "too_many_attempts");
    // Other accounts are not affected.
    assert_eq!(app.login_raw("vt.b", PASSWORD).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_success_resets_the_failure_count() {
    let app = spawn_app().await;
    for _ in 0..4 {
        app.login_raw("agent.a", "fout-wachtwoord").await;
    }
    app.login("agent.a").await;
    for _ in 0..4 {
        app.login_raw("agent.a", "fout-wachtwoord").await;
    }
    app.login("agent.a").await;
}

#[tokio::test]
async fn missing_and_forged_tokens_get_401_json() {
    let app = spawn_app().await;
    let resp = app.get_anonymous("/api/v1/events").await;
    assert_json_error(resp, StatusCode::UNAUTHORIZED).await;
    let forged = "ab".repeat(32);
    app.get_error(&forged, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    let basic = app
        .client
        .get(app.url("/api/v1/events"))
        .header("authorization", "Basic YWdlbnQuYTp4");
    assert_refused(basic, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn an_expired_token_gets_401_and_stores_nothing() {
    let (app, token) = lapsed_session(|c| c.session_ttl = std::time::Duration::from_secs(1)).await;
    let case_id = samenop_core::CaseId::generate();
    let resp = app.push_raw(&token, vec![opened("agent.a", case_id, REGION)]).await;
    assert_json_error(resp, StatusCode::UNAUTHORIZED).await;
    app.assert_sees_no_events("lead.c").await;
}

#[tokio::test]
async fn logout_ends_the_token() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    assert_eq!(app.logout(&token).await.status(), StatusCode::NO_CONTENT);
    app.get_error(&token, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_disabled_account_can_neither_log_in_nor_use_its_token() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    samenop_server::storage::set_disabled(&app.db, "agent.a", true)
        .await
        .unwrap();
    app.get_error(&token, "/api/v1/events", StatusCode::UNAUTHORIZED).await;
    assert_json_error(app.login_raw("agent.a", PASSWORD).await, StatusCode::UNAUTHORIZED).await;
}
