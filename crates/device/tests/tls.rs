//! The sync client's trust against the real server speaking TLS with a
//! certificate from a private test CA (rcgen): without configuration the
//! client refuses it (public roots only); with the private CA it signs in;
//! with the CA and the right SPKI pin it signs in; with a wrong pin it is
//! refused, and the error says the key matches no pin. Also: an `http://`
//! address to another machine is refused before anything is sent.
//!
//! The environment is process-wide, so every step that sets it runs in
//! this one test, in order; no other test in this binary reads it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use samenop_core::wire::Account;
use samenop_core::{DeviceId, Organisation, Role};
use samenop_device::platform::trust::{CA_VAR, PINS_VAR, Trust, spki_sha256};
use samenop_device::sync::{self, SyncError};
use samenop_server::Application;
use samenop_server::auth::password;
use samenop_server::config::{Config, DatabaseConfig};
use samenop_server::storage;

const PASSWORD: &str = "test-wachtwoord-123";

/// A test CA and a server certificate for `localhost` signed by it, as files.
struct Pki {
    ca_pem: PathBuf,
    cert_pem: PathBuf,
    key_pem: PathBuf,
    /// The base64 SHA-256 of the server certificate's SPKI.
    server_pin: String,
}

fn make_pki(dir: &Path) -> Pki {
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "SamenOp test CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA certificate");

    let server_key = rcgen::KeyPair::generate().expect("server key");
    let server_params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).expect("server params");
    let server_cert = server_params.signed_by(&server_key, &ca).expect("server certificate");

    let pin = spki_sha256(server_cert.der()).expect("the server certificate parses");
    let pki = Pki {
        ca_pem: dir.join("ca.pem"),
        cert_pem: dir.join("server.pem"),
        key_pem: dir.join("server-key.pem"),
        server_pin: base64::engine::general_purpose::STANDARD.encode(pin),
    };
    std::fs::write(&pki.ca_pem, ca.pem()).expect("write CA");
    std::fs::write(&pki.cert_pem, server_cert.pem()).expect("write cert");
    std::fs::write(&pki.key_pem, server_key.serialize_pem()).expect("write key");
    pki
}

async fn start_tls_server(dir: &Path, pki: &Pki) -> (String, tokio::sync::oneshot::Sender<()>) {
    let database = DatabaseConfig::Sqlite {
        path: dir.join("server.db"),
    };
    let listen: SocketAddr = "127.0.0.1:0".parse().expect("address");
    let config = Config::new(listen, database)
        .with_tls(Some(pki.cert_pem.clone()), Some(pki.key_pem.clone()))
        .expect("TLS config");
    let app = Application::build(config).await.expect("build the server");
    let port = app.local_addr().port();
    let hash = password::hash(PASSWORD).expect("hash");
    let account = Account {
        username: "agent.a".into(),
        display_name: "Test agent.a".into(),
        organisation: Organisation::Police,
        role: Role::Police,
        region: "Testregio".into(),
    };
    storage::insert_user(&app.db(), &account, &hash)
        .await
        .expect("add a user");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    // The certificate names `localhost`, so the client must use that name.
    (format!("https://localhost:{port}"), stop)
}

fn configure(ca: Option<&Path>, pins: Option<&str>) {
    // SAFETY: only this test in this binary reads or writes these variables,
    // and it runs its steps one after another.
    unsafe {
        match ca {
            Some(p) => std::env::set_var(CA_VAR, p),
            None => std::env::remove_var(CA_VAR),
        }
        match pins {
            Some(p) => std::env::set_var(PINS_VAR, p),
            None => std::env::remove_var(PINS_VAR),
        }
    }
}

async fn sign_in(server: &str) -> Result<(), SyncError> {
    sync::login(server, "agent.a", PASSWORD, None, DeviceId::generate())
        .await
        .map(drop)
}

/// The whole chain of an error, for asserting on its reason.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sync_client_trusts_only_the_configured_ca_and_pinned_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pki = make_pki(dir.path());
    let (server, _stop) = start_tls_server(dir.path(), &pki).await;
    let wrong_pin = base64::engine::general_purpose::STANDARD.encode([0u8; 32]);

    // Not configured: only the public web PKI is trusted.
    configure(None, None);
    assert_eq!(
        sign_in(&server).await,
        Err(SyncError::Untrusted),
        "untrusted CA accepted"
    );

    // The private CA configured: signs in.
    configure(Some(&pki.ca_pem), None);
    assert_eq!(sign_in(&server).await, Ok(()));

    // The private CA and the right pin (with the optional prefix, beside a
    // second pin for the next key): signs in.
    let pins = format!("{wrong_pin}, sha256/{}", pki.server_pin);
    configure(Some(&pki.ca_pem), Some(&pins));
    assert_eq!(sign_in(&server).await, Ok(()));

    // A wrong pin: refused although the chain is valid.
    configure(Some(&pki.ca_pem), Some(&wrong_pin));
    assert_eq!(
        sign_in(&server).await,
        Err(SyncError::Untrusted),
        "a wrong pin was accepted"
    );

    // A pin alone does not replace the chain check.
    configure(None, Some(&pki.server_pin));
    assert_eq!(
        sign_in(&server).await,
        Err(SyncError::Untrusted),
        "pin without a trusted chain"
    );

    // A trust configuration that cannot be read refuses instead of trusting less.
    configure(Some(&dir.path().join("missing.pem")), None);
    match sign_in(&server).await {
        Err(SyncError::Refused(reason)) => assert!(reason.contains("server CA"), "{reason}"),
        other => panic!("a missing CA file must refuse, got {other:?}"),
    }
    configure(None, Some("not-a-pin"));
    assert!(matches!(sign_in(&server).await, Err(SyncError::Refused(_))));
    configure(None, None);

    // The reason a wrong pin gives, as it reaches the log.
    let trust = Trust::default()
        .with_ca_pem(&std::fs::read(&pki.ca_pem).expect("read CA"))
        .expect("CA parses");
    let pinned_wrong = Trust {
        pins: vec![[0u8; 32]],
        ..trust.clone()
    };
    let err = pinned_wrong
        .client()
        .expect("client")
        .get(format!("{server}/healthz"))
        .send()
        .await
        .expect_err("a wrong pin must refuse the connection");
    assert!(
        chain(&err).contains("matches none of the pinned keys"),
        "{}",
        chain(&err)
    );
    let ok = trust
        .client()
        .expect("client")
        .get(format!("{server}/healthz"))
        .send()
        .await
        .expect("the private CA is trusted");
    assert!(ok.status().is_success());
}

#[tokio::test]
async fn plain_http_to_another_machine_is_refused_before_sending() {
    // Nothing listens on 10.1.2.3 here: the refusal must come first, not a
    // connection error (which would be `Offline`).
    let result = sign_in("http://10.1.2.3:8080").await;
    match result {
        Err(SyncError::Refused(reason)) => {
            assert!(reason.contains("https://"), "{reason}");
        }
        other => panic!("http:// to another machine must be refused, got {other:?}"),
    }
}
