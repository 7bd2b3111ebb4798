use reqwest::StatusCode;

use crate::helpers::*;

/// The server on TLS with a fresh self-signed certificate for `localhost`,
/// and a client that trusts it (shared by the TLS and header tests).
pub struct TlsApp {
    pub app: TestApp,
    pub client: reqwest::Client,
    // Holds the certificate files for as long as the server runs.
    _dir: tempfile::TempDir,
}

impl TlsApp {
    pub async fn spawn() -> Self {
        let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
        std::fs::write(&cert, certified.cert.pem()).unwrap();
        std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
        let app = spawn_app_with(|c| {
            c.tls = Some(samenop_server::config::TlsConfig {
                cert_pem: cert.clone(),
                key_pem: key.clone(),
            })
        })
        .await;
        let client = reqwest::Client::builder()
            .add_root_certificate(reqwest::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap())
            .build()
            .unwrap();
        Self { app, client, _dir: dir }
    }

    pub fn port(&self) -> &str {
        self.app.address.rsplit(':').next().unwrap()
    }
}

#[tokio::test]
async fn the_server_speaks_tls_with_a_configured_certificate() {
    let tls = TlsApp::spawn().await;
    let (app, client) = (&tls.app, &tls.client);
    assert!(app.address.starts_with("https://"));
    let port = tls.port();
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
