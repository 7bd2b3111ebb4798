//! Issue 13 part 5: what every answer tells the browser (and proxies):
//! do not cache case data, no inline script or eval, no sniffing, no
//! referrer, no device features, HTTPS only when TLS is on.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::helpers::*;

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

/// The headers every answer carries.
fn assert_hardened(h: &HeaderMap) {
    let csp = header(h, "content-security-policy");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "{csp}");
    assert!(
        !csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(header(h, "x-content-type-options"), "nosniff");
    assert_eq!(header(h, "referrer-policy"), "no-referrer");
    let permissions = header(h, "permissions-policy");
    assert!(
        permissions.contains("camera=()") && permissions.contains("geolocation=()"),
        "{permissions}"
    );
}

#[tokio::test]
async fn no_api_answer_with_case_data_may_be_cached_and_every_answer_is_hardened() {
    let (app, police, case_id) = spawn_app_with_case().await;
    let answers = vec![
        app.get(&police, "/api/v1/events").await,
        app.get(&police, &format!("/api/v1/cases/{case_id}/summary")).await,
        app.get(&police, "/api/v1/cases/joinable").await,
        app.get_anonymous("/api/v1/events").await,
        app.login_raw("agent.a", "fout-wachtwoord").await,
        app.get_anonymous("/api/v1/nergens").await,
    ];
    for resp in &answers {
        let h = resp.headers();
        assert_eq!(header(h, "cache-control"), "no-store", "{}", resp.url());
        assert_hardened(h);
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    assert_eq!(answers[0].status(), StatusCode::OK);
    assert_hardened(app.get_anonymous("/healthz").await.headers());
}

#[tokio::test]
async fn with_tls_on_browsers_are_told_to_use_https_only() {
    let tls = crate::tls::TlsApp::spawn().await;
    let (client, port) = (&tls.client, tls.port());
    let resp = client
        .get(format!("https://localhost:{port}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(header(resp.headers(), "strict-transport-security"), "max-age=31536000");
    assert_hardened(resp.headers());
}
