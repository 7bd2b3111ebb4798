//! The app's own platform bits, for the UI only. Everything device-level
//! (clock, randomness, storage, timers, network, default server) is in
//! `samenop_device::platform`, re-exported here so screens have one place
//! to look; no `#[cfg]` is needed in the app itself.

pub use samenop_device::platform::*;

mod browser;
pub use browser::{download_pdf, load_pref, print, save_pref, scroll_to};

/// A `tel:` link for a phone number, digits and + only.
pub fn tel_href(number: &str) -> String {
    let digits: String = number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

/// The national Veilig Thuis number (003: 0800-2000, free, 24/7).
pub const VEILIG_THUIS_NUMBER: &str = "0800-2000";
