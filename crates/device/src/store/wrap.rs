//! The key hierarchy. A random data key seals the records; it is stored
//! only wrapped by a key-encryption key (KEK) that needs BOTH the PIN
//! (Argon2id) and the device-bound secret (`keys`). So a copied vault
//! cannot be guessed at offline without the device's key store, and the
//! device's key store alone does not open it without the PIN.

use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::StoreError;
use super::crypto::{KdfParams, SALT_LEN, VaultKey};
use super::keys::DeviceSecret;

const WRAP_AAD: &[u8] = b"samenop-wrapped-key-v2";
const BOUND_AAD: &[u8] = b"samenop-bound-v2";
const BOUND_PLAIN: &[u8] = b"samenop-device-bound-v2";

/// What is stored, unsealed, to unlock: salt, KDF cost, the wrapped data
/// key and a check that this device's secret is the vault's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Wrapped {
    pub salt: [u8; SALT_LEN],
    pub kdf: KdfParams,
    /// nonce || XChaCha20-Poly1305(KEK, data key)
    pub key: Vec<u8>,
    /// Sealed under a key from the device secret alone: tells "other
    /// device" apart from "wrong PIN" without touching the PIN.
    pub bound: Vec<u8>,
}

/// A key from the device secret alone, for `purpose` (device check, the
/// wrong-PIN counter): readable before unlock, useless on another device.
pub fn device_key(secret: &DeviceSecret, purpose: &str) -> Result<VaultKey, StoreError> {
    let hk = Hkdf::<Sha256>::new(Some(b"samenop-device-v2"), secret.as_bytes());
    let mut out = Zeroizing::new([0u8; 32]);
    hk.expand(purpose.as_bytes(), out.as_mut())
        .map_err(|_| StoreError::Crypto)?;
    Ok(VaultKey::from_bytes(*out))
}

/// KEK = HKDF-SHA256(Argon2id(PIN, salt) || device secret).
fn kek(pin: &str, salt: &[u8; SALT_LEN], kdf: KdfParams, secret: &DeviceSecret) -> Result<VaultKey, StoreError> {
    let pin_key = VaultKey::derive(pin, salt, kdf)?;
    let mut ikm = Zeroizing::new([0u8; 64]);
    ikm[..32].copy_from_slice(pin_key.as_bytes());
    ikm[32..].copy_from_slice(secret.as_bytes());
    let hk = Hkdf::<Sha256>::new(Some(salt), ikm.as_ref());
    let mut out = Zeroizing::new([0u8; 32]);
    hk.expand(b"samenop-kek-v2", out.as_mut())
        .map_err(|_| StoreError::Crypto)?;
    Ok(VaultKey::from_bytes(*out))
}

impl Wrapped {
    /// Wraps `data_key` for `pin` on this device, with a fresh salt.
    pub fn new(data_key: &VaultKey, pin: &str, kdf: KdfParams, secret: &DeviceSecret) -> Result<Self, StoreError> {
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(|_| StoreError::Crypto)?;
        let kek = kek(pin, &salt, kdf, secret)?;
        let key = kek.seal(WRAP_AAD, data_key.as_bytes(), super::log::nonce()?)?;
        let bound = device_key(secret, "bound")?.seal(BOUND_AAD, BOUND_PLAIN, super::log::nonce()?)?;
        Ok(Self { salt, kdf, key, bound })
    }

    /// Whether `secret` is the one this vault was wrapped with.
    pub fn is_bound_to(&self, secret: &DeviceSecret) -> bool {
        device_key(secret, "bound").is_ok_and(|k| k.open(BOUND_AAD, &self.bound).is_ok())
    }

    /// The data key, or `None` for a wrong PIN.
    pub fn unwrap_key(&self, pin: &str, secret: &DeviceSecret) -> Result<Option<VaultKey>, StoreError> {
        let kek = kek(pin, &self.salt, self.kdf, secret)?;
        match kek.open(WRAP_AAD, &self.key) {
            Ok(plain) => {
                let bytes: [u8; 32] = plain.as_slice().try_into().map_err(|_| StoreError::Corrupt)?;
                Ok(Some(VaultKey::from_bytes(bytes)))
            }
            Err(_) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIGHT: KdfParams = KdfParams {
        m_cost_kib: 64,
        t_cost: 1,
    };

    #[test]
    fn the_data_key_unwraps_only_with_the_pin_and_the_device_secret() {
        let data = VaultKey::random().unwrap();
        let device = DeviceSecret::random().unwrap();
        let other = DeviceSecret::random().unwrap();
        let w = Wrapped::new(&data, "482915", LIGHT, &device).unwrap();
        let got = w.unwrap_key("482915", &device).unwrap().expect("opens");
        assert_eq!(got.as_bytes(), data.as_bytes());
        assert!(w.unwrap_key("482916", &device).unwrap().is_none());
        assert!(w.unwrap_key("482915", &other).unwrap().is_none());
        assert!(w.is_bound_to(&device));
        assert!(!w.is_bound_to(&other));
    }
}
