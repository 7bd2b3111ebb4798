//! TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) as the second factor
//! for shift leads and admins. Written out (25 lines) rather than pulling
//! a crate: HMAC-SHA1 and base32 are already in the dependency tree.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

const STEP_SECS: i64 = 30;
const DIGITS: u32 = 6;

/// A fresh secret (160 bits, as RFC 4226 recommends), base32 without padding.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The `otpauth://` URL authenticator apps read (as text or QR code).
pub fn otpauth_url(secret: &str, username: &str) -> String {
    let label: String = username
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    format!("otpauth://totp/SamenOp:{label}?secret={secret}&issuer=SamenOp&algorithm=SHA1&digits=6&period=30")
}

/// The code of time step `step` for the raw key.
fn code_at(key: &[u8], step: i64) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let off = usize::from(h[19] & 0x0f);
    let bin = u32::from_be_bytes([h[off] & 0x7f, h[off + 1], h[off + 2], h[off + 3]]);
    Some(bin % 10u32.pow(DIGITS))
}

/// The time step `code` belongs to, if it is right for now ±1 step (a
/// phone's clock may be 30 s off) and later than `last_step` (a code is
/// used once, so an overheard code cannot be replayed).
pub fn check(secret: &str, code: &str, unix_secs: i64, last_step: Option<i64>) -> Option<i64> {
    let code = code.trim();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let want: u32 = code.parse().ok()?;
    let key = data_encoding::BASE32_NOPAD.decode(secret.as_bytes()).ok()?;
    let now = unix_secs.div_euclid(STEP_SECS);
    (now - 1..=now + 1)
        .filter(|s| last_step.is_none_or(|last| *s > last))
        .find(|s| code_at(&key, *s) == Some(want))
}

/// The current code, for tests and the enrolment check.
pub fn current_code(secret: &str, unix_secs: i64) -> Option<String> {
    let key = data_encoding::BASE32_NOPAD.decode(secret.as_bytes()).ok()?;
    code_at(&key, unix_secs.div_euclid(STEP_SECS)).map(|c| format!("{c:06}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_6238_sha1_vectors_give_their_last_six_digits() {
        let key = b"12345678901234567890";
        assert_eq!(code_at(key, 59 / 30), Some(287_082));
        assert_eq!(code_at(key, 1_111_111_109 / 30), Some(81_804));
        assert_eq!(code_at(key, 2_000_000_000 / 30), Some(279_037));
    }

    #[test]
    fn a_code_is_accepted_once_and_only_near_its_time() {
        let secret = new_secret();
        let t = 1_700_000_000;
        let code = current_code(&secret, t).unwrap();
        let step = check(&secret, &code, t, None).unwrap();
        assert_eq!(check(&secret, &code, t, Some(step)), None, "replayed");
        assert_eq!(check(&secret, &code, t + 120, None), None, "too late");
        assert_eq!(check(&secret, "12a456", t, None), None);
    }
}
