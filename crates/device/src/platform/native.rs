//! Desktop and mobile: SQLite file in the app's data directory, tokio timers;
//! the network is found by trying.

use std::path::PathBuf;

pub use super::sqlite::SqliteBackend as StoreBackend;
use crate::store::StoreError;

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Where the vault lives (MASVS-STORAGE-2): `SAMENOP_DATA_DIR` when set
/// (tests, a managed desktop), else the app's private directory — never the
/// working directory, which on a desktop may be a shared or synced folder.
pub fn data_dir() -> PathBuf {
    std::env::var_os("SAMENOP_DATA_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(private_dir)
}

/// Android: the app's internal files dir (`Context.getFilesDir()`, only
/// this app's uid can read it; excluded from backup by the manifest).
#[cfg(target_os = "android")]
fn private_dir() -> PathBuf {
    android_files_dir()
        .unwrap_or_else(|| PathBuf::from("/data/local/tmp/samenop-unavailable"))
        .join("samenop")
}

#[cfg(target_os = "android")]
fn android_files_dir() -> Option<PathBuf> {
    let ctx = ndk_context::android_context();
    // SAFETY: ndk-context hands out the process's JavaVM and the activity
    // context, valid for the life of the app (set up by the Dioxus launcher).
    let vm = unsafe { jni::JavaVM::from_raw(ctx.vm().cast()) }.ok()?;
    let mut env = vm.attach_current_thread().ok()?;
    let context = unsafe { jni::objects::JObject::from_raw(ctx.context().cast()) };
    let dir = env
        .call_method(&context, "getFilesDir", "()Ljava/io/File;", &[])
        .ok()?
        .l()
        .ok()?;
    let path = env
        .call_method(&dir, "getAbsolutePath", "()Ljava/lang/String;", &[])
        .ok()?
        .l()
        .ok()?;
    let path: String = env.get_string(&jni::objects::JString::from(path)).ok()?.into();
    Some(PathBuf::from(path))
}

/// iOS: `Library/Application Support` in the app's sandbox; files there get
/// the data-protection class of the entitlement
/// `com.apple.developer.default-data-protection` (NSFileProtectionComplete).
#[cfg(target_os = "ios")]
fn private_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
        .join("Library/Application Support/samenop")
}

/// Desktop: the OS's per-user data dir ($XDG_DATA_HOME/samenop,
/// ~/Library/Application Support/samenop, %APPDATA%\samenop).
#[cfg(not(any(target_os = "android", target_os = "ios")))]
fn private_dir() -> PathBuf {
    desktop_dir(dirs::data_dir())
}

#[cfg(not(any(target_os = "android", target_os = "ios")))]
fn desktop_dir(os_data_dir: Option<PathBuf>) -> PathBuf {
    // No data dir known (no HOME): the temp dir is still per-machine,
    // never the folder the app was started from.
    os_data_dir.unwrap_or_else(std::env::temp_dir).join("samenop")
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

static NUDGED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True once after `nudge_sync`: native platforms learn about the network
/// by trying, so only a nudge ends the wait early.
pub fn take_online_signal() -> bool {
    NUDGED.swap(false, std::sync::atomic::Ordering::Relaxed)
}

/// Asks the sync loop for a round now (a shift lead opened a case).
pub fn nudge_sync() {
    NUDGED.store(true, std::sync::atomic::Ordering::Relaxed);
}

#[cfg(all(test, not(any(target_os = "android", target_os = "ios"))))]
mod data_dir_tests {
    use super::*;

    #[test]
    fn the_desktop_vault_lives_in_the_os_data_dir_not_the_working_dir() {
        let dir = desktop_dir(Some(PathBuf::from("/home/agent/.local/share")));
        assert_eq!(dir, PathBuf::from("/home/agent/.local/share/samenop"));
        assert!(desktop_dir(None).is_absolute());
        assert!(private_dir().is_absolute(), "{}", private_dir().display());
        assert_ne!(private_dir(), PathBuf::from("samenop-device"));
    }
}
