//! Unlocking with the phone's screen lock alone, where the person chose it
//! (issue 16 §1: "unlocked by the PIN (or biometrics, as the user
//! chooses)"). Offered only where the device secret itself is released
//! after the platform verified the person (`KeyStore::verifies_user`: the
//! web's WebAuthn PRF with user verification). The data key is then also
//! sealed under a key from that secret alone, so the fingerprint, face or
//! device code opens the vault without the app's PIN; the PIN keeps
//! working. The platform counts and limits failed verifications itself;
//! a copy of the vault without the authenticator's credential opens
//! neither way.

use super::attempts::Attempts;
use super::log::{META_WRAPPED, present, store_attempts};
use super::wrap::{Wrapped, device_key};
use super::{Backend, KeyStore, Local, StoreError, Vault, VaultKey};

const META_QUICK: &str = "quick";
const QUICK_AAD: &[u8] = b"samenop-quick-unlock-v1";
const PURPOSE: &str = "quick-unlock";

impl<B: Backend> Vault<B> {
    /// Whether this device's vault opens with the screen lock alone.
    pub fn has_quick_unlock(backend: &B) -> Result<bool, StoreError> {
        Ok(present(backend, META_QUICK)?.is_some())
    }

    /// Lets the screen lock alone open the vault from now on. Refused
    /// where the key store does not verify the person.
    pub fn enable_quick_unlock(&mut self) -> Result<(), StoreError> {
        if !self.keys.verifies_user() {
            return Err(StoreError::Authenticator(
                "this device secret does not verify the person".into(),
            ));
        }
        let secret = self.keys.secret()?.ok_or(StoreError::OtherDevice)?;
        let sealed = device_key(&secret, PURPOSE)?.seal(QUICK_AAD, self.key.as_bytes(), super::log::nonce()?)?;
        self.backend.set_meta(META_QUICK, &sealed)
    }

    /// Back to the PIN only.
    pub fn disable_quick_unlock(&mut self) -> Result<(), StoreError> {
        self.backend.set_meta(META_QUICK, &[])
    }

    /// Opens the vault with the secret the screen lock released, without
    /// the PIN; a successful verification also clears the wrong-PIN count.
    pub fn unlock_quick(mut backend: B, mut keys: Box<dyn KeyStore + Send>) -> Result<(Self, Local), StoreError> {
        let sealed = present(&backend, META_QUICK)?.ok_or(StoreError::NoVault)?;
        if !keys.verifies_user() {
            return Err(StoreError::Authenticator("the screen lock was not asked".into()));
        }
        let wrapped: Wrapped = serde_json::from_slice(&present(&backend, META_WRAPPED)?.ok_or(StoreError::NoVault)?)
            .map_err(|_| StoreError::Corrupt)?;
        let secret = match keys.secret()? {
            Some(s) if wrapped.is_bound_to(&s) => s,
            _ => return Err(StoreError::OtherDevice),
        };
        let plain = device_key(&secret, PURPOSE)?
            .open(QUICK_AAD, &sealed)
            .map_err(|_| StoreError::OtherDevice)?;
        let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| StoreError::Corrupt)?;
        store_attempts(&mut backend, keys.as_mut(), &secret, Attempts::default())?;
        Self::opened(backend, keys, VaultKey::from_bytes(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::sqlite::SqliteBackend;
    use crate::store::{DeviceSecret, KdfParams, MemoryKeyStore};

    const LIGHT: KdfParams = KdfParams {
        m_cost_kib: 64,
        t_cost: 1,
    };

    fn verified(secret: &DeviceSecret) -> Box<dyn KeyStore + Send> {
        Box::new(MemoryKeyStore::holding_verified(secret.clone()))
    }

    #[test]
    fn the_screen_lock_alone_opens_only_where_chosen_and_only_with_its_secret() {
        let dir = tempfile::tempdir().unwrap();
        let open = || SqliteBackend::open(&dir.path().join("vault.db")).unwrap();
        let secret = DeviceSecret::random().unwrap();
        let mut vault = Vault::create(open(), verified(&secret), "482915", LIGHT).unwrap();
        assert!(!Vault::has_quick_unlock(vault.backend()).unwrap());
        vault.enable_quick_unlock().unwrap();
        drop(vault);
        assert!(Vault::has_quick_unlock(&open()).unwrap());

        assert!(Vault::unlock_quick(open(), verified(&secret)).is_ok());
        // Another authenticator's secret: another device.
        let other = DeviceSecret::random().unwrap();
        assert!(matches!(
            Vault::unlock_quick(open(), verified(&other)),
            Err(StoreError::OtherDevice)
        ));
        // The same secret not released by a verification: refused.
        let unverified = Box::new(MemoryKeyStore::holding(Some(secret.clone())));
        assert!(matches!(
            Vault::unlock_quick(open(), unverified),
            Err(StoreError::Authenticator(_))
        ));
        // The PIN still opens; turned off, the screen lock alone no longer does.
        let (mut vault, _) = Vault::unlock(open(), verified(&secret), "482915", 0).unwrap();
        vault.disable_quick_unlock().unwrap();
        drop(vault);
        assert!(matches!(
            Vault::unlock_quick(open(), verified(&secret)),
            Err(StoreError::NoVault)
        ));
    }

    #[test]
    fn a_key_store_that_does_not_verify_the_person_cannot_turn_it_on() {
        let dir = tempfile::tempdir().unwrap();
        let backend = SqliteBackend::open(&dir.path().join("vault.db")).unwrap();
        let keys = Box::new(MemoryKeyStore::default());
        let mut vault = Vault::create(backend, keys, "482915", LIGHT).unwrap();
        assert!(matches!(vault.enable_quick_unlock(), Err(StoreError::Authenticator(_))));
        assert!(!Vault::has_quick_unlock(vault.backend()).unwrap());
    }
}
