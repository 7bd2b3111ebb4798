//! The wrong-PIN limit: a short wait after the third wrong PIN in a row,
//! growing with each one, and the vault wiped at the tenth. The counter is
//! read before unlock, so it cannot be sealed with the PIN: it is sealed
//! with a key from the device-bound secret (a copy edited or moved in from
//! elsewhere does not open), and the platform key store keeps a second
//! copy where it can; the higher of the two counts.

use serde::{Deserialize, Serialize};

use super::StoreError;
use super::keys::{DeviceSecret, KeyStore};
use super::wrap::device_key;

/// Wrong PINs in a row that wipe the vault.
pub const MAX_WRONG: u32 = 10;
const AAD: &[u8] = b"samenop-attempts-v2";

/// How long to wait (ms) before the next try after `wrong` wrong PINs in a
/// row: none for the first three, then 1, 2, 4, 8, 16, 30, 30 s.
pub fn wait_after(wrong: u32) -> i64 {
    match wrong {
        0..=3 => 0,
        n => (1000i64 << (n - 4).min(5)).min(30_000),
    }
}

/// The sealed counter as stored in the vault's meta.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempts {
    pub wrong: u32,
    /// When the last wrong PIN was tried (device clock, ms).
    pub last_at: i64,
}

impl Attempts {
    pub fn left(&self) -> u32 {
        MAX_WRONG.saturating_sub(self.wrong)
    }

    /// When the next try is allowed.
    pub fn not_before(&self) -> i64 {
        self.last_at.saturating_add(wait_after(self.wrong))
    }

    pub fn seal(&self, secret: &DeviceSecret) -> Result<Vec<u8>, StoreError> {
        let plain = serde_json::to_vec(self).map_err(|e| StoreError::Backend(e.to_string()))?;
        device_key(secret, "attempts")?.seal(AAD, &plain, super::log::nonce()?)
    }

    /// The counter from the vault's sealed copy and the key store's copy,
    /// the higher wins. A sealed copy that does not open (edited, or from
    /// another device) counts as the limit reached.
    pub fn read(sealed: Option<&[u8]>, secret: &DeviceSecret, keys: &dyn KeyStore) -> Result<Self, StoreError> {
        let mut out = match sealed {
            None => Self::default(),
            Some(raw) => match device_key(secret, "attempts")?.open(AAD, raw) {
                Ok(plain) => serde_json::from_slice(&plain).map_err(|_| StoreError::Corrupt)?,
                Err(_) => Self {
                    wrong: MAX_WRONG,
                    last_at: 0,
                },
            },
        };
        if let Some(kept) = keys.counter()? {
            out.wrong = out.wrong.max(kept);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_three_wrong_pins_cost_no_wait_then_the_wait_grows() {
        assert_eq!([0, 1, 2, 3].map(wait_after), [0, 0, 0, 0]);
        assert_eq!(wait_after(4), 1000);
        assert!(wait_after(5) > wait_after(4));
        assert_eq!(wait_after(9), 30_000);
    }
}
