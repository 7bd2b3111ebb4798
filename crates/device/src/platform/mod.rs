//! Every `#[cfg]` of the device engine lives here: clock, randomness,
//! storage backend and location, timers, the network signal and the default
//! server. Nothing else in the crate is conditionally compiled.

#[cfg(not(target_arch = "wasm32"))]
mod native;
/// The native store backend (SQLite); the web keeps sealed records in
/// browser storage (`web`).
#[cfg(not(target_arch = "wasm32"))]
pub mod sqlite;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
#[cfg(target_arch = "wasm32")]
pub use web::*;

/// Ten random bytes for an event id.
pub fn random10() -> [u8; 10] {
    let mut b = [0u8; 10];
    // getrandom only fails without an entropy source; ids then stay unique
    // through the timestamp and the device's counter-bearing stamp.
    let _ = getrandom::fill(&mut b);
    b
}
