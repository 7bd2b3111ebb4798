//! Every `#[cfg]` of the device engine lives here: clock, randomness,
//! storage backend and location, timers, the network signal and the default
//! server. Nothing else in the crate is conditionally compiled.

/// Where native builds save exported files.
#[cfg(not(target_arch = "wasm32"))]
mod exports;
/// Android: the Keystore key that seals the device secret's file.
#[cfg(target_os = "android")]
mod keys_android;
/// The device-bound secret: OS key store (native), WebCrypto (web).
#[cfg(not(target_arch = "wasm32"))]
pub mod keys_native;
#[cfg(target_arch = "wasm32")]
pub mod keys_web;
#[cfg(not(target_arch = "wasm32"))]
mod native;
/// The native store backend (SQLite); the web keeps sealed records in
/// browser storage (`web`).
#[cfg(not(target_arch = "wasm32"))]
pub mod sqlite;
/// The web's WebAuthn PRF binding (platform authenticator).
#[cfg(target_arch = "wasm32")]
mod webauthn;
#[cfg(not(target_arch = "wasm32"))]
pub use exports::{export_dir, forget_case_export, forget_exports};
/// Whom the native sync client trusts: web PKI, a private CA, pins.
#[cfg(not(target_arch = "wasm32"))]
pub mod trust;
#[cfg(target_arch = "wasm32")]
mod web;

/// The HTTP client of the sync: natively with the configured trust
/// (`trust`); in the browser the browser's own TLS.
#[cfg(not(target_arch = "wasm32"))]
pub use trust::{http_client, is_trust_failure};

#[cfg(not(target_arch = "wasm32"))]
pub use keys_native::{forget_device_secret, new_key_store, open_key_store, screen_lock_available};
#[cfg(target_arch = "wasm32")]
pub use keys_web::{forget_device_secret, new_key_store, open_key_store, screen_lock_available};
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use web::*;

/// The name an exported summary of `case_id` is saved under.
pub fn export_file_name(case_id: samenop_core::CaseId) -> String {
    format!("samenop-{case_id}.pdf")
}

/// A random number, for the sync's back-off (`sync::jittered_backoff_ms`);
/// without an entropy source the longest wait (`u32::MAX`).
pub fn random_u32() -> u32 {
    getrandom::u32().unwrap_or(u32::MAX)
}

/// Ten random bytes for an event id.
pub fn random10() -> [u8; 10] {
    let mut b = [0u8; 10];
    // getrandom only fails without an entropy source; ids then stay unique
    // through the timestamp and the device's counter-bearing stamp.
    let _ = getrandom::fill(&mut b);
    b
}
