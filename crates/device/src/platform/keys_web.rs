//! Web: the device-bound secret comes from a non-extractable WebCrypto
//! HMAC key, made on first use and kept in IndexedDB (a structured clone
//! keeps it non-extractable: script can use it, never read it). The secret
//! is HMAC(that key, a fixed label), so it exists only in this browser
//! profile. A copy of localStorage in another profile or device has no
//! such key and does not open, even with the PIN. Malware running inside
//! this profile can still use the key; the PIN and the attempt limit still
//! guard the vault then (README).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::store::{DeviceSecret, KeyStore, MemoryKeyStore, StoreError};

const DB: &str = "samenop-keys";
const STORE: &str = "keys";
const KEY: &str = "device";
const LABEL: &[u8] = b"samenop-device-secret-v1";

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

/// The key store of this browser profile: the secret derived through the
/// non-extractable key, held for the synchronous vault. No second copy of
/// the wrong-PIN counter on the web (README).
pub async fn open_key_store() -> Result<Box<dyn KeyStore + Send>, StoreError> {
    let key = device_key().await?;
    let signed = subtle()?.sign_with_str_and_u8_array("HMAC", &key, LABEL).map_err(err)?;
    let bytes = js_sys::Uint8Array::new(&JsFuture::from(signed).await.map_err(err)?).to_vec();
    let secret: [u8; 32] = bytes.try_into().map_err(|_| missing("32-byte secret"))?;
    Ok(Box::new(MemoryKeyStore::holding(Some(DeviceSecret::from_bytes(
        secret,
    )))))
}
