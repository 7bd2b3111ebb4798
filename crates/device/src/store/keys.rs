//! The device-bound secret: 32 bytes that live only in the platform's key
//! store (OS keyring, Android Keystore, a non-extractable WebCrypto key) and
//! never in the vault. Without it a copied vault cannot be opened, even
//! with the right PIN. The same store keeps a copy of the wrong-PIN counter
//! where it can, so rolling the vault file back does not give more tries.

use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

use super::StoreError;

/// The device-bound secret. Wiped from memory on drop.
#[derive(Clone)]
pub struct DeviceSecret(pub(crate) Zeroizing<[u8; 32]>);

impl DeviceSecret {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub fn random() -> Result<Self, StoreError> {
        let mut b = Zeroizing::new([0u8; 32]);
        getrandom::fill(b.as_mut()).map_err(|_| StoreError::Crypto)?;
        Ok(Self(b))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// A platform key store holding one vault's device-bound secret.
pub trait KeyStore {
    /// The secret, if this device has one for the vault.
    fn secret(&self) -> Result<Option<DeviceSecret>, StoreError>;
    /// Makes and keeps a new secret (a new vault), replacing any old one.
    fn create_secret(&mut self) -> Result<DeviceSecret, StoreError>;
    /// The key store's copy of the wrong-PIN counter, where it keeps one.
    fn counter(&self) -> Result<Option<u32>, StoreError>;
    fn set_counter(&mut self, wrong: u32) -> Result<(), StoreError>;
    /// Forgets the secret and the counter (wipe).
    fn destroy(&mut self) -> Result<(), StoreError>;
    /// Whether the secret was released only after the platform verified
    /// the person (the web's WebAuthn PRF with user verification): then
    /// the secret alone may unlock, if the person chose so (`quick`).
    fn verifies_user(&self) -> bool {
        false
    }
}

#[derive(Default)]
struct MemoryState {
    secret: Option<DeviceSecret>,
    counter: Option<u32>,
}

/// A key store in memory: for tests (clones share one store, like one
/// device's keyring), and on the web, where the secret is derived
/// asynchronously from a non-extractable WebCrypto key before unlock and
/// handed in here (`keeps_counter: false`: no second copy of the counter).
#[derive(Clone, Default)]
pub struct MemoryKeyStore {
    state: Arc<Mutex<MemoryState>>,
    no_counter: bool,
    verified: bool,
}

impl MemoryKeyStore {
    /// A store that already holds `secret` and keeps no counter copy.
    pub fn holding(secret: Option<DeviceSecret>) -> Self {
        Self {
            state: Arc::new(Mutex::new(MemoryState { secret, counter: None })),
            no_counter: true,
            verified: false,
        }
    }

    /// As `holding`, for a secret the platform released only after it
    /// verified the person (`KeyStore::verifies_user`).
    pub fn holding_verified(secret: DeviceSecret) -> Self {
        Self {
            verified: true,
            ..Self::holding(Some(secret))
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut MemoryState) -> T) -> Result<T, StoreError> {
        let mut state = self
            .state
            .lock()
            .map_err(|_| StoreError::Backend("key store poisoned".into()))?;
        Ok(f(&mut state))
    }
}

impl KeyStore for MemoryKeyStore {
    fn secret(&self) -> Result<Option<DeviceSecret>, StoreError> {
        self.with(|s| s.secret.clone())
    }

    fn create_secret(&mut self) -> Result<DeviceSecret, StoreError> {
        let fresh = DeviceSecret::random()?;
        self.with(|s| {
            // The web hands in a secret derived from its WebCrypto key: keep it.
            if self.no_counter && s.secret.is_some() {
                return s.secret.clone().unwrap_or(fresh);
            }
            s.secret = Some(fresh.clone());
            s.counter = None;
            fresh
        })
    }

    fn counter(&self) -> Result<Option<u32>, StoreError> {
        if self.no_counter {
            return Ok(None);
        }
        self.with(|s| s.counter)
    }

    fn set_counter(&mut self, wrong: u32) -> Result<(), StoreError> {
        if self.no_counter {
            return Ok(());
        }
        self.with(|s| s.counter = Some(wrong))
    }

    fn verifies_user(&self) -> bool {
        self.verified
    }

    fn destroy(&mut self) -> Result<(), StoreError> {
        // The web's secret stands for its WebCrypto key, which stays in
        // IndexedDB for the next vault: only the wrapped key goes.
        if self.no_counter {
            return Ok(());
        }
        self.with(|s| *s = MemoryState::default())
    }
}
