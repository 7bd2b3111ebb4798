//! Synthetic session and fast vault settings shared by the app's tests.
#![allow(dead_code)]

use samenop_core::wire::Account;
use samenop_core::{DeviceId, Organisation, Role};
use samenop_device::field::Field;
use samenop_device::platform::keys_native::{FileKeyStore, KeyFileSeal};
use samenop_device::platform::sqlite::SqliteBackend;
use samenop_device::store::{KdfParams, KeyStore, Session};

/// Light KDF settings so tests run fast; the app uses `KdfParams::default()`.
pub const TEST_KDF: KdfParams = KdfParams {
    m_cost_kib: 256,
    t_cost: 1,
};
pub const PIN: &str = "482915";

/// The key store of the "device" whose vault lives in `dir`: a sealed
/// file beside it and its sealing key (the stand-in for the Android
/// Keystore), so a child process of the crash test finds the same device
/// secret. Another dir is another device.
pub fn keys(dir: &tempfile::TempDir) -> Box<dyn KeyStore + Send> {
    keys_at(dir.path())
}

pub fn keys_at(dir: &std::path::Path) -> Box<dyn KeyStore + Send> {
    Box::new(FileKeyStore {
        path: dir.join("device-secret"),
        seal: Box::new(KeyFileSeal {
            key_path: dir.join("device-key"),
        }),
    })
}

pub fn session() -> Session {
    Session {
        server: "http://127.0.0.1:9".into(),
        token: "token-that-must-not-leak".into(),
        expires_at: chrono::Utc::now() + chrono::Duration::hours(8),
        account: Account {
            username: "agent.voorbeeld".into(),
            display_name: "Agent A. Voorbeeld".into(),
            organisation: Organisation::Police,
            role: Role::Police,
            region: "Testregio".into(),
        },
        device_id: DeviceId::generate(),
    }
}

pub fn backend(dir: &tempfile::TempDir) -> SqliteBackend {
    SqliteBackend::open(&dir.path().join("vault.sqlite")).expect("open backend")
}

/// A field signed in with `session`, in a new vault in `dir` locked by `PIN`.
pub fn field_for(dir: &tempfile::TempDir, session: Session) -> Field {
    let mut field = Field::default();
    field
        .create(backend(dir), keys(dir), PIN, session, TEST_KDF)
        .expect("create the vault");
    field
}

/// A field signed in with the synthetic `session()`.
pub fn signed_in(dir: &tempfile::TempDir) -> Field {
    field_for(dir, session())
}

/// The field of the vault already in `dir`, unlocked with `PIN`.
pub fn reopened(dir: &tempfile::TempDir) -> Field {
    let mut field = Field::default();
    field.unlock(backend(dir), keys(dir), PIN).expect("unlock the vault");
    field
}

/// The server's answer that a core rule refused event `id`: its English
/// line and core's words (issue 17 §6).
pub fn refused_by_core(
    id: samenop_core::EventId,
    code: samenop_core::wire::RejectCode,
    refusal: &samenop_core::Refusal,
) -> samenop_core::wire::PushResult {
    samenop_core::wire::PushResult {
        id,
        outcome: samenop_core::wire::PushOutcome::Rejected {
            code,
            reason: refusal.to_string(),
            words: Some(samenop_core::wire::RefusalWords::of(refusal)),
        },
    }
}

/// The password of the accounts the sync tests add to their real server.
pub const PASSWORD: &str = "test-wachtwoord-123";

/// Signs `username` in on a new device, as the login screen does: the
/// session the vault keeps.
pub async fn signed_in_session(server: &str, username: &str) -> Session {
    let device_id = DeviceId::generate();
    let r = samenop_device::sync::login(server, username, PASSWORD, None, device_id)
        .await
        .expect("sign in");
    Session {
        server: server.into(),
        token: r.token,
        expires_at: r.expires_at,
        account: r.account,
        device_id,
    }
}
