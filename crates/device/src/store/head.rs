//! The sealed head: how many records the log holds and a hash chain over
//! their sealed bytes, sealed with the data key. Each record is already
//! bound to its place (AEAD with its seq), so it cannot be swapped; the
//! head also catches records deleted from the end or the middle.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::StoreError;
use super::crypto::VaultKey;

const AAD: &[u8] = b"samenop-head-v2";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub count: u64,
    pub chain: [u8; 32],
}

impl Head {
    /// The head after the record `seq` with `sealed` bytes.
    pub fn next(&self, seq: u64, sealed: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(self.chain);
        h.update(seq.to_be_bytes());
        h.update(sealed);
        Self {
            count: self.count + 1,
            chain: h.finalize().into(),
        }
    }

    /// The head over a whole log.
    pub fn over<'a>(log: impl IntoIterator<Item = (u64, &'a [u8])>) -> Self {
        log.into_iter().fold(Self::default(), |h, (seq, s)| h.next(seq, s))
    }

    pub fn seal(&self, key: &VaultKey) -> Result<Vec<u8>, StoreError> {
        let plain = serde_json::to_vec(self).map_err(|e| StoreError::Backend(e.to_string()))?;
        key.seal(AAD, &plain, super::log::nonce()?)
    }

    pub fn open(key: &VaultKey, sealed: &[u8]) -> Result<Self, StoreError> {
        let plain = key.open(AAD, sealed).map_err(|_| StoreError::Truncated)?;
        serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)
    }
}

/// Checks the log read at unlock against the sealed heads (the head, and
/// the one written before a replace that may have been cut off). A log
/// longer than the head is fine when its first `count` records match: the
/// app stopped between appending and moving the head. Returns the head of
/// the whole log.
pub fn check(log: &[(u64, Vec<u8>)], heads: &[Head]) -> Result<Head, StoreError> {
    let mut h = Head::default();
    let mut seen = vec![h];
    for (seq, sealed) in log {
        h = h.next(*seq, sealed);
        seen.push(h);
    }
    let ok = heads
        .iter()
        .any(|want| seen.get(want.count as usize).is_some_and(|got| got == want));
    if ok { Ok(h) } else { Err(StoreError::Truncated) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(n: u64) -> Vec<(u64, Vec<u8>)> {
        (1..=n).map(|s| (s, vec![s as u8; 8])).collect()
    }

    #[test]
    fn a_log_cut_short_or_missing_a_middle_record_does_not_match_its_head() {
        let full = log(5);
        let head = Head::over(full.iter().map(|(s, b)| (*s, b.as_slice())));
        assert!(check(&full, &[head]).is_ok());
        assert!(matches!(check(&log(4), &[head]), Err(StoreError::Truncated)));
        let mut gap = full.clone();
        gap.remove(2);
        assert!(matches!(check(&gap, &[head]), Err(StoreError::Truncated)));
    }

    #[test]
    fn a_log_one_append_ahead_of_its_head_is_accepted() {
        let head = Head::over(log(4).iter().map(|(s, b)| (*s, b.as_slice())));
        assert_eq!(check(&log(5), &[head]).unwrap().count, 5);
    }
}
