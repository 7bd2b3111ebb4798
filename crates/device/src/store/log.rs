//! The vault: seals records, appends them, and replays them at unlock.

use super::attempts::{Attempts, MAX_WRONG};
use super::crypto::{KdfParams, SALT_LEN, VaultKey};
use super::head::{self, Head};
use super::keys::KeyStore;
use super::wrap::Wrapped;
use super::{Backend, Local, Record, StoreError};

/// The PIN-only vault of before (read once, then blanked).
const META_SALT: &str = "salt";
const META_KDF: &str = "kdf";
const META_VERIFIER: &str = "verifier";
/// The data key wrapped for PIN + device secret (`wrap::Wrapped`, JSON).
pub(super) const META_WRAPPED: &str = "wrapped";
/// The wrong-PIN counter, sealed with a key from the device secret.
const META_ATTEMPTS: &str = "attempts";
/// The sealed head, and the one a replace in progress leads to.
const META_HEAD: &str = "head";
const META_HEAD_NEXT: &str = "head_next";

/// The place a record is bound to, so records cannot be reordered or swapped.
fn aad(seq: u64) -> Vec<u8> {
    format!("samenop-log:{seq}").into_bytes()
}

fn meta_aad(name: &str) -> Vec<u8> {
    format!("samenop-sealed:{name}").into_bytes()
}

pub struct Vault<B: Backend> {
    pub(super) backend: B,
    pub(super) keys: Box<dyn KeyStore + Send>,
    pub(super) key: VaultKey,
    next_seq: u64,
    head: Head,
}

fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(value).map_err(|e| StoreError::Backend(e.to_string()))
}

/// A meta value that is present and not blanked out.
pub(super) fn present<B: Backend>(backend: &B, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(backend.meta(name)?.filter(|v| !v.is_empty()))
}

impl<B: Backend> Vault<B> {
    pub fn exists(backend: &B) -> Result<bool, StoreError> {
        Ok(present(backend, META_WRAPPED)?.is_some() || present(backend, META_VERIFIER)?.is_some())
    }

    /// Creates a new vault protected by `pin` and this device's key store:
    /// a random data key, wrapped for PIN + device secret. Any old content
    /// is wiped.
    pub fn create(
        mut backend: B,
        mut keys: Box<dyn KeyStore + Send>,
        pin: &str,
        params: KdfParams,
    ) -> Result<Self, StoreError> {
        backend.wipe()?;
        let secret = keys.create_secret()?;
        let key = VaultKey::random()?;
        let wrapped = Wrapped::new(&key, pin, params, &secret)?;
        store_attempts(&mut backend, keys.as_mut(), &secret, Attempts::default())?;
        let head = Head::default();
        backend.set_meta(META_HEAD, &head.seal(&key)?)?;
        // Last: a vault "exists" once its key is stored, with all the rest.
        backend.set_meta(META_WRAPPED, &json(&wrapped)?)?;
        Ok(Self {
            backend,
            keys,
            key,
            next_seq: 1,
            head,
        })
    }

    /// Opens the vault with `pin` on this device and replays every record.
    /// Counts wrong PINs (`attempts`): waits, then wipes at the tenth. A
    /// vault of the PIN-only kind opens once and is wrapped on the way.
    pub fn unlock(
        mut backend: B,
        mut keys: Box<dyn KeyStore + Send>,
        pin: &str,
        now_ms: i64,
    ) -> Result<(Self, Local), StoreError> {
        let wrapped: Option<Wrapped> = match present(&backend, META_WRAPPED)? {
            Some(raw) => Some(serde_json::from_slice(&raw).map_err(|_| StoreError::Corrupt)?),
            None => None,
        };
        let secret = match &wrapped {
            Some(w) => match keys.secret()? {
                Some(s) if w.is_bound_to(&s) => s,
                _ => return Err(StoreError::OtherDevice),
            },
            None if present(&backend, META_VERIFIER)?.is_none() => return Err(StoreError::NoVault),
            // A PIN-only vault: bind it to this device from now on.
            None => match keys.secret()? {
                Some(s) => s,
                None => keys.create_secret()?,
            },
        };
        let sealed_attempts = present(&backend, META_ATTEMPTS)?;
        // A wrapped vault always has its counter: `create` and the
        // migration store it before the key. One gone missing was removed
        // to start the count again (on the web no second copy is kept), so
        // it counts as the limit reached, as an edited one does
        // (regression, security review).
        if wrapped.is_some() && sealed_attempts.is_none() {
            return Err(wipe_all(backend, keys));
        }
        let before = Attempts::read(sealed_attempts.as_deref(), &secret, keys.as_ref())?;
        if before.wrong >= MAX_WRONG {
            return Err(wipe_all(backend, keys));
        }
        if now_ms < before.not_before() {
            return Err(StoreError::Wait {
                seconds: (before.not_before() - now_ms + 999) / 1000,
            });
        }
        // This try counts before the slow derivation: stopping the app
        // halfway through does not give a free try.
        let tried = Attempts {
            wrong: before.wrong + 1,
            last_at: now_ms,
        };
        store_attempts(&mut backend, keys.as_mut(), &secret, tried)?;
        let key = match &wrapped {
            Some(w) => w.unwrap_key(pin, &secret)?,
            None => legacy_key(&backend, pin)?,
        };
        let Some(key) = key else {
            if tried.wrong >= MAX_WRONG {
                return Err(wipe_all(backend, keys));
            }
            return Err(StoreError::WrongPin { left: tried.left() });
        };
        store_attempts(&mut backend, keys.as_mut(), &secret, Attempts::default())?;
        if wrapped.is_some() {
            return Self::opened(backend, keys, key);
        }
        // Migration: wrap the same data key for PIN + device, and blank
        // the salt, so the key can no longer be derived from the PIN.
        let log = backend.read_all()?;
        let replayed = replay(&log, &key)?;
        let head = Head::over(log.iter().map(|(s, b)| (*s, b.as_slice())));
        let w = Wrapped::new(&key, pin, KdfParams::default(), &secret)?;
        backend.set_meta(META_HEAD, &head.seal(&key)?)?;
        backend.set_meta(META_WRAPPED, &json(&w)?)?;
        for name in [META_SALT, META_VERIFIER, META_KDF] {
            backend.set_meta(name, &[])?;
        }
        Self::assemble(backend, keys, key, replayed, head)
    }

    /// The vault opened with its data key: every record replayed, then the
    /// sealed head checked (a record that was altered reports as such in
    /// the replay; one that is missing only shows here).
    pub(super) fn opened(
        backend: B,
        keys: Box<dyn KeyStore + Send>,
        key: VaultKey,
    ) -> Result<(Self, Local), StoreError> {
        let log = backend.read_all()?;
        let replayed = replay(&log, &key)?;
        let mut heads = Vec::new();
        for name in [META_HEAD, META_HEAD_NEXT] {
            if let Some(raw) = present(&backend, name)? {
                heads.push(Head::open(&key, &raw)?);
            }
        }
        let head = head::check(&log, &heads)?;
        Self::assemble(backend, keys, key, replayed, head)
    }

    /// The open vault from a replayed log and its checked head, which is
    /// stored as the current one (it may have been the next of a replace).
    fn assemble(
        backend: B,
        keys: Box<dyn KeyStore + Send>,
        key: VaultKey,
        (local, next_seq): (Local, u64),
        head: Head,
    ) -> Result<(Self, Local), StoreError> {
        let mut vault = Self {
            backend,
            keys,
            key,
            next_seq,
            head,
        };
        vault.store_head(META_HEAD, Some(head))?;
        Ok((vault, local))
    }

    fn store_head(&mut self, name: &str, head: Option<Head>) -> Result<(), StoreError> {
        match head {
            Some(h) => {
                let sealed = h.seal(&self.key)?;
                self.backend.set_meta(name, &sealed)
            }
            None => self.backend.set_meta(name, &[]),
        }
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
        // The head moves after the records: a stop in between leaves a
        // log one append ahead of its head, which unlock accepts.
        let mut head = self.head;
        for (i, blob) in sealed.iter().enumerate() {
            head = head.next(self.next_seq + i as u64, blob);
        }
        self.next_seq += records.len() as u64;
        self.head = head;
        self.store_head(META_HEAD, Some(head))
    }

    /// Seals `plain` under `name` outside the log: a small record that is
    /// overwritten, never appended and never synced (where the user was
    /// and what they were typing, issue 17 §1). The backend sees only
    /// ciphertext, as for the log.
    pub fn put_sealed(&mut self, name: &str, plain: &[u8]) -> Result<(), StoreError> {
        let sealed = self.key.seal(&meta_aad(name), plain, nonce()?)?;
        self.backend.set_meta(&format!("sealed.{name}"), &sealed)
    }

    /// The record `put_sealed` wrote under `name`, opened.
    pub fn get_sealed(&self, name: &str) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, StoreError> {
        match self.backend.meta(&format!("sealed.{name}"))? {
            Some(sealed) => self.key.open(&meta_aad(name), &sealed).map(Some),
            None => Ok(None),
        }
    }

    /// Seals every earlier record of `case_id` (its events, their outcomes
    /// and receipts) again as `Record::Erased` at the same place, so the
    /// case's ciphertext is gone from the device, not just hidden. Returns
    /// how many records were overwritten. Append `Record::Purged` first:
    /// if this is cut off, the replay still drops the case.
    pub fn erase_case(&mut self, case_id: samenop_core::CaseId) -> Result<usize, StoreError> {
        let mut opened = Vec::new();
        let mut blobs = Vec::new();
        for (seq, sealed) in self.backend.read_all()? {
            let plain = zeroize::Zeroizing::new(self.key.open(&aad(seq), &sealed)?);
            let record: Record = serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)?;
            opened.push((seq, record));
            blobs.push((seq, sealed));
        }
        let ids: std::collections::HashSet<_> = opened
            .iter()
            .filter_map(|(_, r)| match r {
                Record::Event { event, .. } if event.case_id == case_id => Some(event.id),
                _ => None,
            })
            .collect();
        let erased = serde_json::to_vec(&Record::Erased).map_err(|e| StoreError::Backend(e.to_string()))?;
        let mut sealed = Vec::new();
        for (seq, r) in &opened {
            let of_case = match r {
                Record::Event { event, .. } => event.case_id == case_id,
                Record::Outcome { id, .. } | Record::Received { id, .. } => ids.contains(id),
                _ => false,
            };
            if of_case {
                sealed.push((*seq, self.key.seal(&aad(*seq), &erased, nonce()?)?));
            }
        }
        // The head of the log after the replace is written first, beside
        // the current one: a replace cut off halfway matches one of them.
        let replaced: std::collections::HashMap<u64, &Vec<u8>> = sealed.iter().map(|(s, b)| (*s, b)).collect();
        let next = Head::over(
            blobs
                .iter()
                .map(|(s, b)| (*s, replaced.get(s).map_or(b.as_slice(), |n| n.as_slice()))),
        );
        self.store_head(META_HEAD_NEXT, Some(next))?;
        self.backend.replace(&sealed)?;
        self.head = next;
        self.store_head(META_HEAD, Some(next))?;
        self.store_head(META_HEAD_NEXT, None)?;
        Ok(sealed.len())
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Wipes the vault (sign out on a shared device): the records, the
    /// wrapped key and the device secret in the key store.
    pub fn wipe(mut self) -> Result<B, StoreError> {
        self.backend.wipe()?;
        self.keys.destroy()?;
        Ok(self.backend)
    }
}

/// Every record opened and applied in order; the next sequence number.
fn replay(log: &[(u64, Vec<u8>)], key: &VaultKey) -> Result<(Local, u64), StoreError> {
    let mut local = Local::default();
    let mut next_seq = 1;
    for (seq, sealed) in log {
        let plain = key.open(&aad(*seq), sealed)?;
        let record: Record = serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)?;
        local.apply(&record);
        next_seq = seq + 1;
    }
    Ok((local, next_seq))
}

/// The PIN-only data key of a vault from before the device binding, or
/// `None` for a wrong PIN.
fn legacy_key<B: Backend>(backend: &B, pin: &str) -> Result<Option<VaultKey>, StoreError> {
    let salt: [u8; SALT_LEN] = present(backend, META_SALT)?
        .ok_or(StoreError::Corrupt)?
        .try_into()
        .map_err(|_| StoreError::Corrupt)?;
    let params: KdfParams = match present(backend, META_KDF)? {
        Some(raw) => serde_json::from_slice(&raw).map_err(|_| StoreError::Corrupt)?,
        None => return Err(StoreError::Corrupt),
    };
    let key = VaultKey::derive(pin, &salt, params)?;
    let verifier = present(backend, META_VERIFIER)?.ok_or(StoreError::NoVault)?;
    Ok(key.open(b"verifier", &verifier).ok().map(|_| key))
}

pub(super) fn store_attempts<B: Backend>(
    backend: &mut B,
    keys: &mut dyn KeyStore,
    secret: &super::keys::DeviceSecret,
    attempts: Attempts,
) -> Result<(), StoreError> {
    keys.set_counter(attempts.wrong)?;
    backend.set_meta(META_ATTEMPTS, &attempts.seal(secret)?)
}

/// The tenth wrong PIN: the records, the wrapped key and the device
/// secret go. What is left cannot be opened by anyone.
fn wipe_all<B: Backend>(mut backend: B, mut keys: Box<dyn KeyStore + Send>) -> StoreError {
    let data = backend.wipe();
    let key = keys.destroy();
    match data.and(key) {
        Ok(()) => StoreError::Wiped,
        Err(e) => e,
    }
}

pub(crate) fn nonce() -> Result<[u8; 24], StoreError> {
    let mut n = [0u8; 24];
    getrandom::fill(&mut n).map_err(|_| StoreError::Crypto)?;
    Ok(n)
}
