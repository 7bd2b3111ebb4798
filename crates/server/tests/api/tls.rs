use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn the_server_speaks_tls_with_a_configured_certificate() {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();

    let app = spawn_app_with(|c| {
        c.tls = Some(samenop_server::config::TlsConfig {
            cert_pem: cert.clone(),
            key_pem: key.clone(),
        })
    })
    .await;
    assert!(app.address.starts_with("https://"));
    let port = app.address.rsplit(':').next().unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap())
        .build()
        .unwrap();
    let resp = client
        .post(format!("https://localhost:{port}/api/v1/sessions"))
        .json(&serde_json::json!({ "username": "agent.a", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);

    // A client that does not trust the certificate cannot talk to it.
    let untrusting = reqwest::Client::new();
    assert!(
        untrusting
            .get(format!("https://localhost:{port}/healthz"))
            .send()
            .await
            .is_err()
    );
    // Plain HTTP on the TLS port gets no answer.
    let plain = reqwest::get(format!("http://localhost:{port}/healthz")).await;
    assert!(!plain.is_ok_and(|r| r.status().is_success()));
}

#[tokio::test]
async fn plain_http_off_loopback_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let config = samenop_server::Config::new(
        "0.0.0.0:0".parse().unwrap(),
        samenop_server::config::DatabaseConfig::Sqlite {
            path: dir.path().join("x.db"),
        },
    );
    let err = samenop_server::Application::build(config).await.err().expect("refused");
    assert!(err.to_string().contains("without TLS"), "{err}");
}
