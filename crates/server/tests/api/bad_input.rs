//! Every bad input gets a clear 4xx JSON error and stores nothing.

use reqwest::StatusCode;
use samenop_core::CaseId;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::login_checks::*;

async fn post_raw(app: &TestApp, token: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/events"))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// A push that must fail with `status` and a JSON error; returns the body.
async fn post_error(app: &TestApp, token: &str, body: impl Into<reqwest::Body>, status: StatusCode) -> Value {
    assert_json_error(post_raw(app, token, body).await, status).await
}

async fn assert_nothing_stored(app: &TestApp) {
    app.assert_sees_no_events("lead.c").await;
}

fn valid_batch() -> Value {
    let case_id = CaseId::generate();
    json!({
        "device_id": samenop_core::DeviceId::generate(),
        "events": [opened("agent.a", case_id, REGION), nature("agent.a", case_id, samenop_core::event::CaseNature::Other)],
    })
}

/// `valid_batch()` changed by `spoil`, pushed: it must fail with `status`
/// and a JSON error; returns the body.
async fn post_spoiled(app: &TestApp, token: &str, spoil: impl FnOnce(&mut Value), status: StatusCode) -> Value {
    let mut batch = valid_batch();
    batch["device_id"] = json!(app.device_of(token));
    spoil(&mut batch);
    post_error(app, token, batch.to_string(), status).await
}

#[tokio::test]
async fn malformed_json_is_400_and_stores_nothing() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    let mut text = valid_batch().to_string();
    text.truncate(text.len() - 5);
    let body = post_error(&app, &token, text, StatusCode::BAD_REQUEST).await;
    assert!(body["message"].as_str().unwrap().contains("malformed JSON"), "{body}");
    let trailing = format!("{} garbage", valid_batch());
    post_error(&app, &token, trailing, StatusCode::BAD_REQUEST).await;
    assert_nothing_stored(&app).await;
}

#[tokio::test]
async fn a_wrong_type_is_422_naming_the_path_and_stores_nothing() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    let spoil = |b: &mut Value| b["events"][1]["stamp"]["wall_ms"] = json!("gisteren");
    let body = post_spoiled(&app, &token, spoil, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        body["message"].as_str().unwrap().contains("events[1].stamp.wall_ms"),
        "{body}"
    );
    assert_nothing_stored(&app).await;
}

#[tokio::test]
async fn an_unknown_field_anywhere_in_an_event_is_422_and_stores_nothing() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    for (pointer, expect) in [
        ("/events/1", "events[1]"),
        ("/events/0/kind", "events[0].kind"),
        ("/events/1/author", "events[1].author"),
        ("", "at `bsn`"),
    ] {
        let spoil = |b: &mut Value| b.pointer_mut(pointer).unwrap()["bsn"] = json!("123456789");
        let body = post_spoiled(&app, &token, spoil, StatusCode::UNPROCESSABLE_ENTITY).await;
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("bsn") && message.contains(expect), "{message}");
    }
    assert_nothing_stored(&app).await;
}

#[tokio::test]
async fn an_oversized_body_is_413_json_and_stores_nothing() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    let spoil = |b: &mut Value| b["padding"] = json!("x".repeat(3 * 1024 * 1024));
    let body = post_spoiled(&app, &token, spoil, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(body["error"], "payload_too_large");
    assert_nothing_stored(&app).await;
}

#[tokio::test]
async fn bad_query_parameters_are_400_json() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    for q in ["since=banaan", "since=1", "limit=0", "limit=veel", "since=0.0&extra=1"] {
        app.get_error(&token, &format!("/api/v1/events?{q}"), StatusCode::BAD_REQUEST)
            .await;
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let app = spawn_app().await;
    let token = app.login("agent.a").await;
    app.get_error(&token, "/api/v1/nope", StatusCode::NOT_FOUND).await;
    let put = app.client.put(app.url("/api/v1/events")).bearer_auth(&token);
    assert_refused(put, StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn a_login_body_with_unknown_fields_is_422() {
    let app = spawn_app().await;
    let resp = app
        .login_body(json!({ "username": "agent.a", "password": PASSWORD, "remember": true }))
        .await;
    assert_json_error(resp, StatusCode::UNPROCESSABLE_ENTITY).await;
}
