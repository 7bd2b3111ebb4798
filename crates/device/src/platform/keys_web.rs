//! Web: the device-bound secret comes from a non-extractable WebCrypto
//! HMAC key, made on first use and kept in IndexedDB (a structured clone
//! keeps it non-extractable: script can use it, never read it). The secret
//! is HMAC(that key, a fixed label), so it exists only in this browser
//! profile. A copy of localStorage in another profile or device has no
//! such key and does not open, even with the PIN. Malware running inside
//! this profile can still use the key; the PIN and the attempt limit still
//! guard the vault then (README).
//!
//! Where the browser has a platform authenticator with the PRF extension,
//! a new vault also gets a WebAuthn credential and the secret becomes
//! HKDF(HMAC secret || PRF output) (`webauthn`): every unlock then needs the
//! phone's screen lock as well, and malware in the profile can no longer
//! try PINs on its own.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::store::{DeviceSecret, KeyStore, MemoryKeyStore, StoreError};

const DB: &str = "samenop-keys";
const STORE: &str = "keys";
const KEY: &str = "device";
const LABEL: &[u8] = b"samenop-device-secret-v1";
/// The vault's WebAuthn credential id and PRF salt, when it has one.
const PRF: &str = "prf";

fn err(e: JsValue) -> StoreError {
    StoreError::Backend(format!("device key: {e:?}"))
}

fn missing(what: &str) -> StoreError {
    StoreError::Backend(format!("device key: no {what}"))
}

/// Waits for an IndexedDB request and returns its result.
async fn done(req: &web_sys::IdbRequest) -> Result<JsValue, StoreError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await.map_err(err)?;
    req.result().map_err(err)
}

async fn open_db() -> Result<web_sys::IdbDatabase, StoreError> {
    let factory = web_sys::window()
        .ok_or_else(|| missing("window"))?
        .indexed_db()
        .map_err(err)?
        .ok_or_else(|| missing("IndexedDB"))?;
    let req = factory.open_with_u32(DB, 1).map_err(err)?;
    let upgrading = req.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = upgrading.result() {
            let _ = db.unchecked_into::<web_sys::IdbDatabase>().create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = done(&req).await?;
    drop(on_upgrade);
    Ok(db.unchecked_into())
}

fn subtle() -> Result<web_sys::SubtleCrypto, StoreError> {
    Ok(web_sys::window()
        .ok_or_else(|| missing("window"))?
        .crypto()
        .map_err(err)?
        .subtle())
}

/// This profile's device key, made (non-extractable) on first use.
async fn device_key() -> Result<web_sys::CryptoKey, StoreError> {
    let db = open_db().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readonly)
        .map_err(err)?;
    let found = done(&tx.object_store(STORE).map_err(err)?.get(&KEY.into()).map_err(err)?).await?;
    if let Ok(key) = found.dyn_into::<web_sys::CryptoKey>() {
        return Ok(key);
    }
    let algo = js_sys::Object::new();
    js_sys::Reflect::set(&algo, &"name".into(), &"HMAC".into()).map_err(err)?;
    js_sys::Reflect::set(&algo, &"hash".into(), &"SHA-256".into()).map_err(err)?;
    let usages = js_sys::Array::of1(&"sign".into());
    let made = subtle()?.generate_key_with_object(&algo, false, &usages).map_err(err)?;
    let key: web_sys::CryptoKey = JsFuture::from(made).await.map_err(err)?.unchecked_into();
    let tx = db
        .transaction_with_str_and_mode(STORE, web_sys::IdbTransactionMode::Readwrite)
        .map_err(err)?;
    done(
        &tx.object_store(STORE)
            .map_err(err)?
            .put_with_key(&key, &KEY.into())
            .map_err(err)?,
    )
    .await?;
    Ok(key)
}

/// On the web the non-extractable key stays in IndexedDB after a wipe: with
/// the wrapped data key and the records gone it guards nothing, and a new
/// vault on this profile is bound to it again.
pub fn forget_device_secret() -> Result<(), StoreError> {
    Ok(())
}

async fn store_tx(mode: web_sys::IdbTransactionMode) -> Result<web_sys::IdbObjectStore, StoreError> {
    open_db()
        .await?
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(err)?
        .object_store(STORE)
        .map_err(err)
}

/// The secret from the non-extractable WebCrypto key alone.
async fn webcrypto_secret() -> Result<zeroize::Zeroizing<[u8; 32]>, StoreError> {
    let key = device_key().await?;
    let signed = subtle()?.sign_with_str_and_u8_array("HMAC", &key, LABEL).map_err(err)?;
    let bytes = zeroize::Zeroizing::new(js_sys::Uint8Array::new(&JsFuture::from(signed).await.map_err(err)?).to_vec());
    let secret: [u8; 32] = bytes.as_slice().try_into().map_err(|_| missing("32-byte secret"))?;
    Ok(zeroize::Zeroizing::new(secret))
}

/// HKDF-SHA256(WebCrypto secret || PRF output): needs both the profile's
/// key and the phone's authenticator.
fn joined(base: &[u8; 32], prf: &[u8]) -> Result<DeviceSecret, StoreError> {
    let mut ikm = zeroize::Zeroizing::new(base.to_vec());
    ikm.extend_from_slice(prf);
    let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"samenop-web-prf-v1"), &ikm);
    let mut out = [0u8; 32];
    hk.expand(b"device-secret", &mut out).map_err(|_| StoreError::Crypto)?;
    Ok(DeviceSecret::from_bytes(out))
}

/// The credential id and salt kept for this profile's vault, if any.
async fn prf_record() -> Result<Option<(Vec<u8>, Vec<u8>)>, StoreError> {
    let store = store_tx(web_sys::IdbTransactionMode::Readonly).await?;
    let found = done(&store.get(&PRF.into()).map_err(err)?).await?;
    if found.is_undefined() || found.is_null() {
        return Ok(None);
    }
    let field = |name: &str| {
        js_sys::Reflect::get(&found, &name.into())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec())
            .map_err(err)
    };
    Ok(Some((field("id")?, field("salt")?)))
}

async fn keep_prf_record(record: Option<(&[u8], &[u8])>) -> Result<(), StoreError> {
    let store = store_tx(web_sys::IdbTransactionMode::Readwrite).await?;
    let req = match record {
        Some((id, salt)) => {
            let value = js_sys::Object::new();
            js_sys::Reflect::set(&value, &"id".into(), &js_sys::Uint8Array::from(id)).map_err(err)?;
            js_sys::Reflect::set(&value, &"salt".into(), &js_sys::Uint8Array::from(salt)).map_err(err)?;
            store.put_with_key(&value, &PRF.into()).map_err(err)?
        }
        None => store.delete(&PRF.into()).map_err(err)?,
    };
    done(&req).await.map(|_| ())
}

fn holding(secret: DeviceSecret) -> Box<dyn KeyStore + Send> {
    Box::new(MemoryKeyStore::holding(Some(secret)))
}

/// The key store of this browser profile: the secret derived through the
/// non-extractable key (and the authenticator, where the vault has a
/// credential), held for the synchronous vault. No second copy of the
/// wrong-PIN counter on the web (README).
pub async fn open_key_store() -> Result<Box<dyn KeyStore + Send>, StoreError> {
    let base = webcrypto_secret().await?;
    match prf_record().await? {
        Some((id, salt)) => {
            let prf = super::webauthn::evaluate(&id, &salt).await?;
            Ok(Box::new(MemoryKeyStore::holding_verified(joined(&base, &prf)?)))
        }
        None => Ok(holding(DeviceSecret::from_bytes(*base))),
    }
}

/// Whether this browser can bind a new vault to the phone's screen lock
/// (a user-verifying platform authenticator; PRF shows only at set-up).
pub async fn screen_lock_available() -> bool {
    super::webauthn::platform_authenticator().await
}

/// The key store for a new vault: enrolls a WebAuthn PRF credential where
/// the browser has a platform authenticator that offers PRF; else (none,
/// no PRF, or the person declined) the WebCrypto binding alone, as before.
pub async fn new_key_store() -> Result<Box<dyn KeyStore + Send>, StoreError> {
    let base = webcrypto_secret().await?;
    let enrolled = if super::webauthn::platform_authenticator().await {
        super::webauthn::enroll().await.unwrap_or_else(|e| {
            web_sys::console::warn_1(&format!("vault: no authenticator binding: {e}").into());
            None
        })
    } else {
        None
    };
    match enrolled {
        Some(e) => {
            keep_prf_record(Some((&e.id, &e.salt))).await?;
            Ok(Box::new(MemoryKeyStore::holding_verified(joined(&base, &e.secret)?)))
        }
        None => {
            // A credential of a wiped vault must not be asked for.
            keep_prf_record(None).await?;
            Ok(holding(DeviceSecret::from_bytes(*base)))
        }
    }
}
