//! Password hashing with argon2id.
//!
//! Parameters: m = 7 MiB, t = 5, p = 1, one of the OWASP-recommended
//! equivalent settings. The small memory cost keeps the server's RSS low;
//! at most two hashes run at once (a semaphore), so a burst of logins
//! cannot exhaust memory or the two cores.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

fn argon2() -> Argon2<'static> {
    // Constant, valid parameters; `Params::new` only fails on out-of-range values.
    let params = Params::new(7 * 1024, 5, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify(phc: &str, password: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the username is unknown, so that the
/// answer takes as long as for a real account.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("samenop-no-such-user").unwrap_or_default())
}

/// Runs argon2 off the async threads, at most `permits` at a time.
#[derive(Clone)]
pub struct Hasher {
    gate: Arc<Semaphore>,
    /// Verifications run so far (real and dummy): what the login throttle
    /// must keep small, read by tests and probes.
    verified: Arc<AtomicU64>,
}

impl Hasher {
    pub fn new(permits: usize) -> Self {
        Self {
            gate: Arc::new(Semaphore::new(permits)),
            verified: Arc::new(AtomicU64::new(0)),
        }
    }

    /// How many passwords this hasher has verified.
    pub fn verifications(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }

    /// Verifies `password` against `phc`, or against a dummy hash if there
    /// is no account (the result is then always false).
    pub async fn verify(&self, phc: Option<String>, password: String) -> bool {
        let Ok(_permit) = self.gate.acquire().await else {
            return false;
        };
        self.verified.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || match phc {
            Some(phc) => verify(&phc, &password),
            None => {
                verify(dummy_hash(), &password);
                false
            }
        })
        .await
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_only() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(&h, "correct horse"));
        assert!(!verify(&h, "wrong horse"));
    }
}
