//! Every `#[cfg]` of the app lives here: clock, randomness, storage
//! location, timers and the default server. Nothing else in `src/` is
//! conditionally compiled.

#[cfg(not(target_arch = "wasm32"))]
mod native;
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

/// A `tel:` link for a phone number, digits and + only.
pub fn tel_href(number: &str) -> String {
    let digits: String = number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

/// The national Veilig Thuis number (003: 0800-2000, free, 24/7).
pub const VEILIG_THUIS_NUMBER: &str = "0800-2000";
