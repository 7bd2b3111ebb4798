//! The vault key is bound to the device (issue 16 §1), wrong PINs are
//! counted and the tenth wipes (§2), and removed records are noticed (§2).

mod common;

use common::{PIN, TEST_KDF, backend, keys, signed_in};
use samenop_core::Lang;
use samenop_device::platform::sqlite::SqliteBackend;
use samenop_device::store::attempts::MAX_WRONG;
use samenop_device::store::{Backend, KdfParams, Record, SALT_LEN, StoreError, Vault, VaultKey};

const WRONG: &str = "739462";
/// Far enough apart that no progressive wait is in the way.
const MINUTE: i64 = 60_000;

fn unlock(dir: &tempfile::TempDir, pin: &str, at: i64) -> Result<(), StoreError> {
    Vault::unlock(backend(dir), keys(dir), pin, at).map(|_| ())
}

fn meta(dir: &tempfile::TempDir, name: &str) -> Option<Vec<u8>> {
    backend(dir).meta(name).unwrap()
}

#[test]
fn ten_wrong_pins_in_a_row_wipe_the_vault_and_its_device_key() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    for i in 1..MAX_WRONG {
        let err = unlock(&dir, WRONG, i as i64 * MINUTE).unwrap_err();
        assert!(
            matches!(err, StoreError::WrongPin { left } if left == MAX_WRONG - i),
            "{i}: {err:?}"
        );
    }
    let err = unlock(&dir, WRONG, 10 * MINUTE).unwrap_err();
    assert!(matches!(err, StoreError::Wiped), "{err:?}");
    assert!(!Vault::exists(&backend(&dir)).unwrap());
    assert!(backend(&dir).read_all().unwrap().is_empty(), "the records are gone");
    assert!(!dir.path().join("device-secret").exists(), "the device key is gone");
    // Not even the right PIN opens what is left.
    assert!(unlock(&dir, PIN, 11 * MINUTE).is_err());
}

#[test]
fn the_user_is_told_how_many_tries_remain_in_their_language() {
    let err = StoreError::WrongPin { left: 3 };
    assert!(
        err.text(Lang::Nl).contains("Nog 3 keer proberen"),
        "{}",
        err.text(Lang::Nl)
    );
    assert!(err.text(Lang::En).contains("Tries left: 3;"), "{}", err.text(Lang::En));
}

#[test]
fn a_right_pin_resets_the_wrong_pin_count() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    for i in 1..=7 {
        unlock(&dir, WRONG, i * MINUTE).unwrap_err();
    }
    unlock(&dir, PIN, 8 * MINUTE).expect("the right PIN opens");
    let err = unlock(&dir, WRONG, 9 * MINUTE).unwrap_err();
    assert!(matches!(err, StoreError::WrongPin { left: 9 }), "{err:?}");
}

#[test]
fn after_three_wrong_pins_the_next_try_waits() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    for _ in 0..4 {
        unlock(&dir, WRONG, 1_000).unwrap_err();
    }
    // The fourth wrong PIN at t=1 s: the fifth try waits a second.
    let err = unlock(&dir, PIN, 1_500).unwrap_err();
    assert!(matches!(err, StoreError::Wait { seconds: 1 }), "{err:?}");
    unlock(&dir, PIN, 2_000).expect("after the wait the right PIN opens");
}

#[test]
fn a_rolled_back_counter_in_the_vault_file_gives_no_more_tries() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    let fresh = meta(&dir, "attempts").expect("a sealed counter");
    for i in 1..=6 {
        unlock(&dir, WRONG, i * MINUTE).unwrap_err();
    }
    // Put the counter of before the six wrong PINs back into the vault.
    backend(&dir).set_meta("attempts", &fresh).unwrap();
    let err = unlock(&dir, WRONG, 7 * MINUTE).unwrap_err();
    assert!(matches!(err, StoreError::WrongPin { left: 3 }), "{err:?}");
}

#[test]
fn an_edited_counter_counts_as_the_limit_reached() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    backend(&dir)
        .set_meta("attempts", b"{\"wrong\":0,\"last_at\":0}")
        .unwrap();
    assert!(matches!(unlock(&dir, PIN, MINUTE), Err(StoreError::Wiped)));
}

/// Regression (security review): on the web the key store keeps no second
/// copy of the counter, and removing the vault's copy every nine tries gave
/// unlimited guesses. A wrapped vault without its counter counts as the
/// limit reached.
#[test]
fn a_removed_counter_counts_as_the_limit_reached() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    for i in 1..=3 {
        unlock(&dir, WRONG, i * MINUTE).unwrap_err();
    }
    // Removed (an empty value reads as none, as in browser storage).
    backend(&dir).set_meta("attempts", b"").unwrap();
    assert!(matches!(unlock(&dir, PIN, 4 * MINUTE), Err(StoreError::Wiped)));
    assert!(!Vault::exists(&backend(&dir)).unwrap());
}

#[test]
fn a_copied_vault_does_not_open_on_another_device_even_with_the_right_pin() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("vault.sqlite"), other.path().join("vault.sqlite")).unwrap();
    let err = unlock(&other, PIN, MINUTE).unwrap_err();
    assert!(matches!(err, StoreError::OtherDevice), "{err:?}");
    assert!(err.text(Lang::Nl).contains("Log opnieuw in"));
    // The other device's own secret does not help either.
    keys(&other).create_secret().unwrap();
    assert!(matches!(unlock(&other, PIN, MINUTE), Err(StoreError::OtherDevice)));
    unlock(&dir, PIN, MINUTE).expect("the vault still opens on its own device");
}

/// Android seals the device secret's file with a Keystore key that never
/// leaves the phone (`keys_android`); here a key file plays that key. A
/// copy of the app's whole directory without the key (root, a backup) does
/// not open with the right PIN, and the file holds no secret in the clear.
#[test]
fn a_copied_app_directory_without_its_sealing_key_does_not_open_with_the_right_pin() {
    let dir = tempfile::tempdir().unwrap();
    drop(signed_in(&dir));
    let secret_file = std::fs::read(dir.path().join("device-secret")).unwrap();
    assert!(secret_file.starts_with(b"SOKS1"), "the secret's file is sealed");
    let secret = keys(&dir).secret().unwrap().expect("this device has its secret");
    assert!(
        !secret_file.windows(32).any(|w| w == secret.as_bytes()),
        "the secret is not in the file in the clear"
    );
    let other = tempfile::tempdir().unwrap();
    for file in ["vault.sqlite", "device-secret"] {
        std::fs::copy(dir.path().join(file), other.path().join(file)).unwrap();
    }
    assert!(keys(&other).secret().unwrap().is_none(), "no key, no secret");
    assert!(matches!(unlock(&other, PIN, MINUTE), Err(StoreError::OtherDevice)));
    unlock(&dir, PIN, MINUTE).expect("the vault still opens on its own device");
}

/// Regression guard for phones updated from a version that kept the
/// secret in the clear: it is read once and sealed at the next write.
#[test]
fn a_secret_file_from_before_sealing_is_sealed_at_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let clear = [7u8; 32];
    let mut old = clear.to_vec();
    old.extend(2u32.to_be_bytes());
    std::fs::write(dir.path().join("device-secret"), &old).unwrap();
    let mut store = keys(&dir);
    assert_eq!(store.secret().unwrap().map(|s| *s.as_bytes()), Some(clear));
    assert_eq!(store.counter().unwrap(), Some(2));
    store.set_counter(3).unwrap();
    let now = std::fs::read(dir.path().join("device-secret")).unwrap();
    assert!(now.starts_with(b"SOKS1"));
    assert_eq!(store.secret().unwrap().map(|s| *s.as_bytes()), Some(clear));
    assert_eq!(store.counter().unwrap(), Some(3));
    store.destroy().unwrap();
    assert!(!dir.path().join("device-key").exists() && !dir.path().join("device-secret").exists());
}

/// A vault of before the device binding: key = Argon2id(PIN) directly.
fn legacy_vault(dir: &tempfile::TempDir, pin: &str) {
    let mut b: SqliteBackend = backend(dir);
    let salt = [3u8; SALT_LEN];
    let key = VaultKey::derive(pin, &salt, TEST_KDF).unwrap();
    b.set_meta("salt", &salt).unwrap();
    b.set_meta("kdf", &serde_json::to_vec(&TEST_KDF).unwrap()).unwrap();
    b.set_meta(
        "verifier",
        &key.seal(b"verifier", b"samenop-vault-v1", [1; 24]).unwrap(),
    )
    .unwrap();
    let record = serde_json::to_vec(&Record::Cursor { cursor: "c-7".into() }).unwrap();
    b.append(1, &[key.seal(b"samenop-log:1", &record, [2; 24]).unwrap()])
        .unwrap();
}

#[test]
fn a_pin_only_vault_opens_once_and_is_bound_to_the_device_at_that_unlock() {
    let dir = tempfile::tempdir().unwrap();
    legacy_vault(&dir, "48213");
    assert!(Vault::exists(&backend(&dir)).unwrap());
    let (_, local) = Vault::unlock(backend(&dir), keys(&dir), "48213", MINUTE).expect("an old vault opens");
    assert_eq!(local.cursor.as_deref(), Some("c-7"));
    assert!(meta(&dir, "wrapped").is_some_and(|w| !w.is_empty()));
    assert_eq!(meta(&dir, "salt"), Some(Vec::new()), "the PIN-only salt is gone");
    // From now on: PIN + this device.
    let (mut vault, local) = Vault::unlock(backend(&dir), keys(&dir), "48213", 2 * MINUTE).unwrap();
    assert_eq!(local.cursor.as_deref(), Some("c-7"));
    vault.append(&[Record::Cursor { cursor: "c-8".into() }]).unwrap();
    drop(vault);
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("vault.sqlite"), other.path().join("vault.sqlite")).unwrap();
    assert!(matches!(unlock(&other, "48213", MINUTE), Err(StoreError::OtherDevice)));
    let (_, local) = Vault::unlock(backend(&dir), keys(&dir), "48213", 3 * MINUTE).unwrap();
    assert_eq!(local.cursor.as_deref(), Some("c-8"));
}

#[test]
fn a_wrong_pin_on_a_pin_only_vault_counts_too() {
    let dir = tempfile::tempdir().unwrap();
    legacy_vault(&dir, "48213");
    let err = unlock(&dir, "48214", MINUTE).unwrap_err();
    assert!(matches!(err, StoreError::WrongPin { left: 9 }), "{err:?}");
}

fn delete_record(dir: &tempfile::TempDir, which: &str) {
    let conn = rusqlite::Connection::open(dir.path().join("vault.sqlite")).unwrap();
    conn.execute(&format!("DELETE FROM log WHERE seq = ({which})"), [])
        .unwrap();
}

fn vault_with_records(dir: &tempfile::TempDir) {
    let mut field = signed_in(dir);
    let case = field
        .open_case(samenop_core::event::ReportSource::PoliceReport, "Teststraat")
        .unwrap();
    field
        .send(case, samenop_core::Command::JoinCase { reason: None })
        .unwrap();
}

#[test]
fn deleting_trailing_records_of_the_log_is_reported_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    vault_with_records(&dir);
    unlock(&dir, PIN, MINUTE).expect("whole log opens");
    delete_record(&dir, "SELECT max(seq) FROM log");
    let err = unlock(&dir, PIN, 2 * MINUTE).unwrap_err();
    assert!(matches!(err, StoreError::Truncated), "{err:?}");
    assert!(err.text(Lang::Nl).contains("ontbreken"));
    assert!(err.text(Lang::En).contains("missing"));
}

#[test]
fn deleting_a_record_in_the_middle_is_reported_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    vault_with_records(&dir);
    delete_record(&dir, "SELECT min(seq) + 1 FROM log");
    assert!(matches!(unlock(&dir, PIN, MINUTE), Err(StoreError::Truncated)));
}

#[test]
fn a_purged_case_keeps_the_head_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = signed_in(&dir);
    let case = field
        .open_case(samenop_core::event::ReportSource::PoliceReport, "Teststraat")
        .unwrap();
    field.purge(case).unwrap();
    drop(field);
    unlock(&dir, PIN, MINUTE).expect("a vault with erased records opens");
}

#[test]
fn new_vaults_cost_more_per_guess_than_the_old_parameters() {
    let old = KdfParams {
        m_cost_kib: 19 * 1024,
        t_cost: 2,
    };
    let new = KdfParams::default();
    assert!(new.m_cost_kib as u64 * new.t_cost as u64 > old.m_cost_kib as u64 * old.t_cost as u64);
}

/// The desktop key store (Linux: kernel keyutils): a vault file copied to
/// another install (another data dir, so another install id and keyring
/// entry) does not open with the right PIN; its own install opens it.
#[cfg(target_os = "linux")]
#[test]
fn a_copied_vault_file_does_not_open_in_another_install_with_the_os_key_store() {
    use samenop_device::platform::keys_native::key_store_in;
    let dir = tempfile::tempdir().unwrap();
    let mut field = samenop_device::Field::default();
    field
        .create(
            backend(&dir),
            key_store_in(dir.path()).unwrap(),
            PIN,
            common::session(),
            TEST_KDF,
        )
        .expect("create with the OS key store");
    drop(field);
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("vault.sqlite"), other.path().join("vault.sqlite")).unwrap();
    let err = Vault::unlock(backend(&other), key_store_in(other.path()).unwrap(), PIN, MINUTE)
        .err()
        .expect("must not open");
    assert!(matches!(err, StoreError::OtherDevice), "{err:?}");
    let (vault, local) =
        Vault::unlock(backend(&dir), key_store_in(dir.path()).unwrap(), PIN, MINUTE).expect("opens at home");
    assert!(local.session.is_some());
    // Clean up the keyring entry: a wipe forgets it.
    vault.wipe().unwrap();
    assert!(key_store_in(dir.path()).unwrap().secret().unwrap().is_none());
}
