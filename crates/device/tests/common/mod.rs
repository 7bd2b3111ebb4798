//! Synthetic session and fast vault settings shared by the app's tests.
#![allow(dead_code)]

use samenop_core::wire::Account;
use samenop_core::{DeviceId, Organisation, Role};
use samenop_device::field::Field;
use samenop_device::platform::sqlite::SqliteBackend;
use samenop_device::store::{KdfParams, Session};

/// Light KDF settings so tests run fast; the app uses `KdfParams::default()`.
pub const TEST_KDF: KdfParams = KdfParams {
    m_cost_kib: 256,
    t_cost: 1,
};
pub const PIN: &str = "48213";

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
        .create(backend(dir), PIN, session, TEST_KDF)
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
    field.unlock(backend(dir), PIN).expect("unlock the vault");
    field
}
