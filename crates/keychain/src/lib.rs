//! One Keychain item of generic-password class, made with
//! `kSecAttrAccessibleWhenUnlockedThisDeviceOnly` and never synchronised:
//! it is readable only while the phone is unlocked, is not in iCloud
//! Keychain, and is not restored from a backup onto another iPhone
//! (MASVS-STORAGE-1, MASVS-CRYPTO-2; issue 16 §1). `keyring`'s Apple
//! backend leaves accessibility at the default `WhenUnlocked`, which a
//! restored encrypted backup brings along, hence this crate.
//!
//! Type-checked for `aarch64-apple-ios` in CI (`scripts/check-ios.sh`); no
//! iPhone or iOS SDK is on the build machines, so it has not run.

#[cfg(target_vendor = "apple")]
mod item;
#[cfg(target_vendor = "apple")]
pub use item::{Item, KeychainError};
