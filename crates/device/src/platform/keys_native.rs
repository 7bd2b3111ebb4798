//! The device-bound secret on native platforms. Desktop: the OS key store
//! through `keyring` (Linux: kernel keyutils, no D-Bus; macOS Keychain;
//! Windows Credential Manager), one entry per install, holding the secret
//! and the wrong-PIN counter. Android/iOS: no Keystore/Keychain binding
//! yet — see the crate README ("on paper"); there the secret is a file in
//! the app's private directory, which binds the vault to the install only
//! as far as the OS keeps that directory private.

use std::path::{Path, PathBuf};

use crate::store::{DeviceSecret, KeyStore, StoreError};

const SECRET_LEN: usize = 32;

fn io(e: std::io::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// This install's id: a random name kept in the data directory beside
/// (never inside) the vault file, naming the key-store entry. A vault file
/// copied to another install finds no entry under that install's id.
pub fn install_id(dir: &Path) -> Result<String, StoreError> {
    let path = dir.join("install-id");
    match std::fs::read_to_string(&path) {
        Ok(id) if !id.trim().is_empty() => Ok(id.trim().to_string()),
        _ => {
            std::fs::create_dir_all(dir).map_err(io)?;
            let mut b = [0u8; 16];
            getrandom::fill(&mut b).map_err(|_| StoreError::Crypto)?;
            let id: String = b.iter().map(|x| format!("{x:02x}")).collect();
            write_atomic(&path, id.as_bytes())?;
            Ok(id)
        }
    }
}

/// The key store of the vault in `dir` on this device.
pub fn key_store_in(dir: &Path) -> Result<Box<dyn KeyStore + Send>, StoreError> {
    let id = install_id(dir)?;
    #[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
    {
        let _ = dir;
        Ok(Box::new(OsKeyStore::new(&id)?))
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        let _ = id;
        Ok(Box::new(FileKeyStore {
            path: dir.join("device-secret"),
        }))
    }
}

/// Forgets this app's device secret (a wipe while locked: the vault is not
/// open, so `Vault::wipe` cannot do it).
pub fn forget_device_secret() -> Result<(), StoreError> {
    key_store_in(&super::data_dir())?.destroy()
}

/// The key store of this app's vault (`data_dir`). Async like the web's.
pub async fn open_key_store() -> Result<Box<dyn KeyStore + Send>, StoreError> {
    key_store_in(&super::data_dir())
}

/// secret (32 bytes) || wrong-PIN counter (u32, big endian).
fn decode(raw: &[u8]) -> Option<(DeviceSecret, u32)> {
    let secret: [u8; SECRET_LEN] = raw.get(..SECRET_LEN)?.try_into().ok()?;
    let counter = raw
        .get(SECRET_LEN..SECRET_LEN + 4)
        .and_then(|c| c.try_into().ok())
        .map_or(0, u32::from_be_bytes);
    Some((DeviceSecret::from_bytes(secret), counter))
}

fn encode(secret: &DeviceSecret, counter: u32) -> zeroize::Zeroizing<Vec<u8>> {
    let mut out = zeroize::Zeroizing::new(Vec::with_capacity(SECRET_LEN + 4));
    out.extend_from_slice(secret.as_bytes());
    out.extend_from_slice(&counter.to_be_bytes());
    out
}

/// One keyring entry per install.
#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
pub struct OsKeyStore {
    entry: keyring::Entry,
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
impl OsKeyStore {
    pub fn new(install_id: &str) -> Result<Self, StoreError> {
        // A process started outside a login session (a service, a
        // container) has no session keyring, and `keyring` then finds no
        // entry: make one. Its keys last only as long as the session (or
        // the persistent keyring's few days) and never past a reboot.
        #[cfg(target_os = "linux")]
        linux_keyutils::KeyRing::from_special_id(linux_keyutils::KeyRingIdentifier::Session, true)
            .map_err(|e| StoreError::Backend(format!("key store: session keyring: {e:?}")))?;
        let entry = keyring::Entry::new("samenop-vault", install_id).map_err(keyring_err)?;
        Ok(Self { entry })
    }

    fn read(&self) -> Result<Option<(DeviceSecret, u32)>, StoreError> {
        match self.entry.get_secret() {
            Ok(raw) => Ok(decode(&zeroize::Zeroizing::new(raw))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_err(e)),
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
fn keyring_err(e: keyring::Error) -> StoreError {
    StoreError::Backend(format!("key store: {e}"))
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
impl KeyStore for OsKeyStore {
    fn secret(&self) -> Result<Option<DeviceSecret>, StoreError> {
        Ok(self.read()?.map(|(s, _)| s))
    }

    fn create_secret(&mut self) -> Result<DeviceSecret, StoreError> {
        let secret = DeviceSecret::random()?;
        self.entry.set_secret(&encode(&secret, 0)).map_err(keyring_err)?;
        Ok(secret)
    }

    fn counter(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.read()?.map(|(_, c)| c))
    }

    fn set_counter(&mut self, wrong: u32) -> Result<(), StoreError> {
        match self.read()? {
            Some((secret, _)) => self.entry.set_secret(&encode(&secret, wrong)).map_err(keyring_err),
            None => Ok(()),
        }
    }

    fn destroy(&mut self) -> Result<(), StoreError> {
        match self.entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_err(e)),
        }
    }
}

/// Android/iOS until the Keystore/Keychain binding exists: a file in the
/// app's private directory. Explicitly weaker (README).
pub struct FileKeyStore {
    pub path: PathBuf,
}

impl FileKeyStore {
    fn read(&self) -> Result<Option<(DeviceSecret, u32)>, StoreError> {
        match std::fs::read(&self.path) {
            Ok(raw) => Ok(decode(&zeroize::Zeroizing::new(raw))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(e)),
        }
    }
}

/// Written whole or not at all (temp file, fsync, rename): the counter is
/// rewritten at every unlock, and a torn write would lose the secret and so
/// the vault (found by the crash test's kill -9).
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

impl KeyStore for FileKeyStore {
    fn secret(&self) -> Result<Option<DeviceSecret>, StoreError> {
        Ok(self.read()?.map(|(s, _)| s))
    }

    fn create_secret(&mut self) -> Result<DeviceSecret, StoreError> {
        let secret = DeviceSecret::random()?;
        write_atomic(&self.path, encode(&secret, 0).as_slice())?;
        Ok(secret)
    }

    fn counter(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.read()?.map(|(_, c)| c))
    }

    fn set_counter(&mut self, wrong: u32) -> Result<(), StoreError> {
        match self.read()? {
            Some((secret, _)) => write_atomic(&self.path, encode(&secret, wrong).as_slice()),
            None => Ok(()),
        }
    }

    fn destroy(&mut self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
        }
    }
}
