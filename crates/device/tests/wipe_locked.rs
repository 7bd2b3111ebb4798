//! A wipe while the vault is locked (a revoked phone that has not been
//! unlocked, issue 16 §2) also forgets the device secret in the OS key
//! store, as `Vault::wipe` does when open. Its own test binary: it points
//! `SAMENOP_DATA_DIR` at a temporary directory for the whole process.

mod common;

use common::{PIN, TEST_KDF};
use samenop_device::field::Field;
use samenop_device::platform::{self, keys_native::key_store_in};
use samenop_device::store::Vault;

#[test]
fn a_wipe_while_locked_forgets_the_device_secret_too() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary; nothing else reads the env.
    unsafe { std::env::set_var("SAMENOP_DATA_DIR", dir.path()) };
    let mut field = Field::default();
    field
        .create(
            platform::open_backend().unwrap(),
            key_store_in(dir.path()).unwrap(),
            PIN,
            common::session(),
            TEST_KDF,
        )
        .expect("create with the OS key store");
    assert!(key_store_in(dir.path()).unwrap().secret().unwrap().is_some());
    field.lock();
    field.wipe().expect("wipe while locked");
    assert!(!Vault::exists(&platform::open_backend().unwrap()).unwrap());
    assert!(
        key_store_in(dir.path()).unwrap().secret().unwrap().is_none(),
        "the device secret is forgotten"
    );
}
