use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn healthz_answers_without_auth() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let doc: Value = resp.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (path, methods) in [
        ("/healthz", &["get"][..]),
        ("/api/v1/sessions", &["post", "delete"]),
        ("/api/v1/events", &["post", "get"]),
        ("/api/v1/cases", &["get"]),
        ("/api/v1/cases/joinable", &["get"]),
        ("/api/v1/cases/{case_id}/summary", &["get"]),
        ("/api/v1/audit", &["get"]),
        ("/api/v1/openapi.json", &["get"]),
    ] {
        for m in methods {
            assert!(doc["paths"][path][m].is_object(), "{m} {path} missing");
        }
    }
    assert_eq!(doc["paths"].as_object().unwrap().len(), 8, "a route not tested here");
}
