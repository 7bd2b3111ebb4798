use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn healthz_answers_without_auth() {
    let app = spawn_app().await;
    let body = app.get_anonymous_json("/healthz").await;
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn the_openapi_document_lists_every_route() {
    let app = spawn_app().await;
    let doc = app.get_anonymous_json("/api/v1/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for (path, methods) in [
        ("/healthz", &["get"][..]),
        ("/api/v1/sessions", &["post", "delete"]),
        ("/api/v1/events", &["post", "get"]),
        ("/api/v1/cases", &["get"]),
        ("/api/v1/cases/counts", &["get"]),
        ("/api/v1/cases/joinable", &["get"]),
        ("/api/v1/cases/{case_id}/summary", &["get"]),
        ("/api/v1/cases/{case_id}/summary.pdf", &["get"]),
        ("/api/v1/cases/{case_id}/open", &["post"]),
        ("/api/v1/figures", &["get"]),
        ("/api/v1/board", &["get"]),
        ("/api/v1/audit", &["get"]),
        ("/api/v1/audit/writes", &["get"]),
        ("/api/v1/openapi.json", &["get"]),
    ] {
        for m in methods {
            assert!(doc["paths"][path][m].is_object(), "{m} {path} missing");
        }
    }
    assert_eq!(doc["paths"].as_object().unwrap().len(), 14, "a route not tested here");
}

#[tokio::test]
async fn a_graceful_stop_keeps_every_acknowledged_event_across_a_restart() {
    use samenop_server::{Application, Config};

    let dir = tempfile::tempdir().unwrap();
    let database = fresh_database(dir.path()).await;
    let build = || Application::build(Config::new("127.0.0.1:0".parse().unwrap(), database.clone()));

    let (first, stop) = serve_until_stopped(build().await.unwrap());
    first.seed_users().await;
    let police = first.login("agent.a").await;
    let case_id = first.case_by_agent(&police).await;
    stop.now().await;

    let second = serve(build().await.unwrap());
    let police = second.login("agent.a").await;
    let (events, _) = second.pull_all(&police, "").await;
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e.case_id == case_id));
    drop(dir);
}

#[tokio::test]
async fn the_web_app_is_served_with_a_strict_policy_and_unknown_api_paths_stay_json() {
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<div id=\"main\"></div>").unwrap();
    let dir = web.path().to_path_buf();
    let app = spawn_app_with(move |c| c.web_dir = Some(dir)).await;

    let page = app.get_anonymous("/").await;
    assert_eq!(page.status(), StatusCode::OK);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("connect-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert!(page.text().await.unwrap().contains("id=\"main\""));

    let api = app.get_anonymous("/api/v1/nothing-here").await;
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    let body: Value = api.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
}

/// The pool hands out a PostgreSQL connection without a ping when it was
/// used within the last second (one round trip less per statement); one
/// idle for longer is pinged first and replaced when the database has
/// dropped it (a restart, a failover, a proxy's timeout), so the next
/// request does not fail on it.
#[tokio::test]
async fn after_the_database_drops_every_connection_the_next_request_still_succeeds() {
    let app = spawn_app().await;
    let Some(samenop_server::config::DatabaseConfig::Postgres { url }) = app.database.clone() else {
        return; // SQLite has no server end to drop a connection.
    };
    let police = app.login("agent.a").await;
    assert_eq!(
        app.get(&police, "/api/v1/cases/joinable").await.status(),
        StatusCode::OK
    );
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await.unwrap();
    let dropped: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert!(dropped.iter().any(|d| *d), "the server's connections were dropped");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    for _ in 0..3 {
        assert_eq!(
            app.get(&police, "/api/v1/cases/joinable").await.status(),
            StatusCode::OK
        );
    }
}
