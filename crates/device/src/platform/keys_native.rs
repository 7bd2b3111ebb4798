//! The device-bound secret on native platforms. Desktop: the OS key store
//! through `keyring` (Linux: kernel keyutils, no D-Bus; macOS Keychain;
//! Windows Credential Manager), one entry per install, holding the secret
//! and the wrong-PIN counter. iOS: a Keychain item of this device only
//! (`samenop_keychain`: `WhenUnlockedThisDeviceOnly`, never synced, not
//! restored from a backup onto another iPhone). Android: a file in the app's private directory sealed with an
//! AES key that lives in the Android Keystore (StrongBox where the phone has
//! one) and never leaves it (`keys_android`): a copy of the file, even with
//! the whole directory, opens on no other phone (MASVS-STORAGE-1,
//! MASVS-CRYPTO-2).

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
    #[cfg(target_os = "ios")]
    {
        let _ = dir;
        Ok(Box::new(KeychainKeyStore {
            item: samenop_keychain::Item::new("samenop-vault", &id),
        }))
    }
    #[cfg(target_os = "android")]
    {
        Ok(Box::new(FileKeyStore {
            path: dir.join("device-secret"),
            seal: Box::new(super::keys_android::KeystoreSeal::new(&id)),
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

/// Native builds have no screen-lock unlock yet (crate README).
pub async fn screen_lock_available() -> bool {
    false
}

/// The key store for a new vault: the same store (its secret is made
/// anew by `create_secret`). The web enrolls an authenticator here.
pub async fn new_key_store() -> Result<Box<dyn KeyStore + Send>, StoreError> {
    open_key_store().await
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

/// Where a native key store keeps the secret and counter (`encode`): the
/// keyring entry, the iOS Keychain item and the sealed file differ only in
/// that, so each says how it loads, saves and erases, and `KeyStore`
/// follows for all three (below).
pub trait SecretSlot: Send {
    /// The secret and counter, or `None` when there are none here (or the
    /// bytes do not open on this device).
    fn load(&self) -> Result<Option<(DeviceSecret, u32)>, StoreError>;
    /// Stores `bytes`: `fresh` for a new vault's secret, replacing any old
    /// one; else the same secret with another counter.
    fn save(&mut self, bytes: &[u8], fresh: bool) -> Result<(), StoreError>;
    /// Forgets the secret and the counter (wipe).
    fn erase(&mut self) -> Result<(), StoreError>;
}

impl<S: SecretSlot> KeyStore for S {
    fn secret(&self) -> Result<Option<DeviceSecret>, StoreError> {
        Ok(self.load()?.map(|(s, _)| s))
    }

    fn create_secret(&mut self) -> Result<DeviceSecret, StoreError> {
        let secret = DeviceSecret::random()?;
        self.save(&encode(&secret, 0), true)?;
        Ok(secret)
    }

    fn counter(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.load()?.map(|(_, c)| c))
    }

    fn set_counter(&mut self, wrong: u32) -> Result<(), StoreError> {
        match self.load()? {
            Some((secret, _)) => self.save(&encode(&secret, wrong), false),
            None => Ok(()),
        }
    }

    fn destroy(&mut self) -> Result<(), StoreError> {
        self.erase()
    }
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
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
fn keyring_err(e: keyring::Error) -> StoreError {
    StoreError::Backend(format!("key store: {e}"))
}

#[cfg(any(target_os = "linux", target_os = "macos", target_os = "windows"))]
impl SecretSlot for OsKeyStore {
    fn load(&self) -> Result<Option<(DeviceSecret, u32)>, StoreError> {
        match self.entry.get_secret() {
            Ok(raw) => Ok(decode(&zeroize::Zeroizing::new(raw))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_err(e)),
        }
    }

    fn save(&mut self, bytes: &[u8], _fresh: bool) -> Result<(), StoreError> {
        self.entry.set_secret(bytes).map_err(keyring_err)
    }

    fn erase(&mut self) -> Result<(), StoreError> {
        match self.entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_err(e)),
        }
    }
}

/// iOS: the secret and counter in one Keychain item of this device only.
#[cfg(target_os = "ios")]
pub struct KeychainKeyStore {
    item: samenop_keychain::Item,
}

#[cfg(target_os = "ios")]
fn keychain_err(e: samenop_keychain::KeychainError) -> StoreError {
    StoreError::Backend(e.to_string())
}

#[cfg(target_os = "ios")]
impl SecretSlot for KeychainKeyStore {
    fn load(&self) -> Result<Option<(DeviceSecret, u32)>, StoreError> {
        Ok(self.item.read().map_err(keychain_err)?.and_then(|raw| decode(&raw)))
    }

    /// A new secret makes the item anew (with its protection); a counter
    /// is one `SecItemUpdate`, never delete-then-add.
    fn save(&mut self, bytes: &[u8], fresh: bool) -> Result<(), StoreError> {
        let saved = if fresh {
            self.item.create(bytes)
        } else {
            self.item.update(bytes)
        };
        saved.map_err(keychain_err)
    }

    fn erase(&mut self) -> Result<(), StoreError> {
        self.item.delete().map_err(keychain_err)
    }
}

/// What keeps a key-store file useless off this device: it seals the
/// file's bytes with a key that cannot be copied (Android: an AES key
/// inside the Android Keystore). `open` answers `None` when that key is not
/// there (another phone, or wiped): the vault then counts as another
/// device's, never as a fresh one.
pub trait FileSeal: Send {
    fn seal(&mut self, plain: &[u8]) -> Result<Vec<u8>, StoreError>;
    fn open(&self, sealed: &[u8]) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, StoreError>;
    /// Deletes the sealing key (wipe).
    fn forget(&mut self) -> Result<(), StoreError>;
}

/// Marks a sealed file; a file without it is from an app version that
/// kept the secret in the clear, read once and sealed at the next write.
const SEALED: &[u8; 5] = b"SOKS1";

/// The secret and counter in a file of the app's private directory,
/// sealed by `seal`.
pub struct FileKeyStore {
    pub path: PathBuf,
    pub seal: Box<dyn FileSeal>,
}

impl SecretSlot for FileKeyStore {
    fn load(&self) -> Result<Option<(DeviceSecret, u32)>, StoreError> {
        let raw = match std::fs::read(&self.path) {
            Ok(raw) => zeroize::Zeroizing::new(raw),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        match raw.strip_prefix(SEALED.as_slice()) {
            Some(sealed) => Ok(match self.seal.open(sealed)? {
                Some(plain) => decode(&plain),
                None => None,
            }),
            None => Ok(decode(&raw)),
        }
    }

    fn save(&mut self, bytes: &[u8], _fresh: bool) -> Result<(), StoreError> {
        let mut out = SEALED.to_vec();
        out.extend(self.seal.seal(bytes)?);
        write_atomic(&self.path, &out)
    }

    fn erase(&mut self) -> Result<(), StoreError> {
        // The key first: without it the file is noise even if removing
        // the file fails.
        self.seal.forget()?;
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
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

/// A seal whose key is a file elsewhere: the stand-in for a hardware key
/// store in tests and the crash test's child process (the key file plays
/// the Keystore key; a vault directory copied without it is another
/// device's). Never used by the app on a phone.
pub struct KeyFileSeal {
    pub key_path: PathBuf,
}

impl KeyFileSeal {
    fn key(&self, create: bool) -> Result<Option<chacha20poly1305::XChaCha20Poly1305>, StoreError> {
        use chacha20poly1305::KeyInit;
        let bytes = match std::fs::read(&self.key_path) {
            Ok(b) => zeroize::Zeroizing::new(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
                let mut b = zeroize::Zeroizing::new(vec![0u8; 32]);
                getrandom::fill(&mut b).map_err(|_| StoreError::Crypto)?;
                write_atomic(&self.key_path, &b)?;
                b
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        chacha20poly1305::XChaCha20Poly1305::new_from_slice(&bytes)
            .map(Some)
            .map_err(|_| StoreError::Crypto)
    }
}

impl FileSeal for KeyFileSeal {
    fn seal(&mut self, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        use chacha20poly1305::aead::Aead;
        let cipher = self.key(true)?.ok_or(StoreError::Crypto)?;
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| StoreError::Crypto)?;
        let mut out = nonce.to_vec();
        out.extend(cipher.encrypt(&nonce.into(), plain).map_err(|_| StoreError::Crypto)?);
        Ok(out)
    }

    fn open(&self, sealed: &[u8]) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, StoreError> {
        use chacha20poly1305::aead::Aead;
        let Some(cipher) = self.key(false)? else {
            return Ok(None);
        };
        let (nonce, body) = sealed.split_at_checked(24).ok_or(StoreError::Corrupt)?;
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| StoreError::Corrupt)?;
        // Another key (a different device's stand-in): not this device's.
        Ok(cipher.decrypt(&nonce.into(), body).ok().map(zeroize::Zeroizing::new))
    }

    fn forget(&mut self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.key_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
        }
    }
}
