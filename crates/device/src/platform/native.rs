//! Desktop and mobile: SQLite file in the app's data directory, tokio timers;
//! the network is found by trying.

use std::path::PathBuf;

pub use super::sqlite::SqliteBackend as StoreBackend;
use crate::store::StoreError;

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Where the vault lives: `SAMENOP_DATA_DIR`, else the working directory's
/// `samenop-device`. On Android/iOS the bundle's files dir is the working dir.
pub fn data_dir() -> PathBuf {
    std::env::var_os("SAMENOP_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("samenop-device"))
}

pub fn open_backend() -> Result<StoreBackend, StoreError> {
    let dir = data_dir();
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Backend(e.to_string()))?;
    StoreBackend::open(&dir.join("vault.sqlite"))
}

pub async fn sleep_ms(ms: u64) {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

pub fn default_server() -> String {
    std::env::var("SAMENOP_SERVER").unwrap_or_else(|_| "http://127.0.0.1:8080".into())
}

/// Native platforms learn about the network by trying.
pub fn known_offline() -> bool {
    false
}

pub fn take_online_signal() -> bool {
    false
}
