//! The vault: seals records, appends them, and replays them at unlock.

use super::crypto::{KdfParams, SALT_LEN, VaultKey};
use super::{Backend, Local, Record, StoreError};

const META_SALT: &str = "salt";
const META_KDF: &str = "kdf";
const META_VERIFIER: &str = "verifier";
const VERIFIER_PLAIN: &[u8] = b"samenop-vault-v1";

/// The place a record is bound to, so records cannot be reordered or swapped.
fn aad(seq: u64) -> Vec<u8> {
    format!("samenop-log:{seq}").into_bytes()
}

pub struct Vault<B: Backend> {
    backend: B,
    key: VaultKey,
    next_seq: u64,
}

impl<B: Backend> Vault<B> {
    pub fn exists(backend: &B) -> Result<bool, StoreError> {
        Ok(backend.meta(META_VERIFIER)?.is_some())
    }

    /// Creates a new vault protected by `pin`. Any old content is wiped.
    pub fn create(mut backend: B, pin: &str, params: KdfParams) -> Result<Self, StoreError> {
        backend.wipe()?;
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(|_| StoreError::Crypto)?;
        let key = VaultKey::derive(pin, &salt, params)?;
        let verifier = key.seal(b"verifier", VERIFIER_PLAIN, nonce()?)?;
        let kdf = serde_json::to_vec(&params).map_err(|e| StoreError::Backend(e.to_string()))?;
        backend.set_meta(META_SALT, &salt)?;
        backend.set_meta(META_KDF, &kdf)?;
        backend.set_meta(META_VERIFIER, &verifier)?;
        Ok(Self {
            backend,
            key,
            next_seq: 1,
        })
    }

    /// Opens the vault with `pin` and replays every record.
    pub fn unlock(backend: B, pin: &str) -> Result<(Self, Local), StoreError> {
        let salt: [u8; SALT_LEN] = backend
            .meta(META_SALT)?
            .ok_or(StoreError::NoVault)?
            .try_into()
            .map_err(|_| StoreError::Corrupt)?;
        let params: KdfParams = match backend.meta(META_KDF)? {
            Some(raw) => serde_json::from_slice(&raw).map_err(|_| StoreError::Corrupt)?,
            None => return Err(StoreError::Corrupt),
        };
        let key = VaultKey::derive(pin, &salt, params)?;
        let verifier = backend.meta(META_VERIFIER)?.ok_or(StoreError::NoVault)?;
        if key.open(b"verifier", &verifier).is_err() {
            return Err(StoreError::WrongPin);
        }
        let mut local = Local::default();
        let mut next_seq = 1;
        for (seq, sealed) in backend.read_all()? {
            let plain = key.open(&aad(seq), &sealed)?;
            let record: Record = serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)?;
            local.apply(&record);
            next_seq = seq + 1;
        }
        Ok((Self { backend, key, next_seq }, local))
    }

    /// Seals and appends records atomically. When this returns Ok, they
    /// are on disk.
    pub fn append(&mut self, records: &[Record]) -> Result<(), StoreError> {
        let mut sealed = Vec::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let plain =
                zeroize::Zeroizing::new(serde_json::to_vec(record).map_err(|e| StoreError::Backend(e.to_string()))?);
            sealed.push(self.key.seal(&aad(self.next_seq + i as u64), &plain, nonce()?)?);
        }
        self.backend.append(self.next_seq, &sealed)?;
        self.next_seq += records.len() as u64;
        Ok(())
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Wipes the vault (sign out on a shared device).
    pub fn wipe(mut self) -> Result<B, StoreError> {
        self.backend.wipe()?;
        Ok(self.backend)
    }
}

fn nonce() -> Result<[u8; 24], StoreError> {
    let mut n = [0u8; 24];
    getrandom::fill(&mut n).map_err(|_| StoreError::Crypto)?;
    Ok(n)
}
