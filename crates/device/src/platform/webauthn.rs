//! Web: a WebAuthn PRF secret from the phone's platform authenticator
//! (the secure hardware behind its screen lock: fingerprint, face or the
//! phone's own code) joins the device secret, where the browser offers it
//! (issue 16 §1, MASVS-CRYPTO-2). The authenticator computes
//! HMAC(credential secret, salt) inside that hardware and only after it
//! verified the user, so a copy of this profile's storage, even with its
//! WebCrypto key, cannot try PINs without the phone in hand and unlocked.
//!
//! The credential serves this one purpose: nothing is sent to a server
//! (challenges are random and never checked), only the PRF output is used.
//! Its id and the salt are kept in IndexedDB beside the WebCrypto key; they
//! are not secret.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::store::StoreError;

/// Why the authenticator gave no PRF secret.
fn refused(e: JsValue) -> StoreError {
    // The DOMException's name and message only; nothing of the vault.
    web_sys::console::warn_2(&"vault: the authenticator refused:".into(), &e);
    StoreError::Authenticator(format!("{e:?}"))
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), StoreError> {
    js_sys::Reflect::set(obj, &key.into(), value)
        .map(|_| ())
        .map_err(|e| StoreError::Backend(format!("webauthn options: {e:?}")))
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn object(pairs: &[(&str, JsValue)]) -> Result<js_sys::Object, StoreError> {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        set(&obj, k, v)?;
    }
    Ok(obj)
}

fn bytes(b: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(b).into()
}

fn random(n: usize) -> Result<Vec<u8>, StoreError> {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).map_err(|_| StoreError::Crypto)?;
    Ok(b)
}

fn credentials() -> Result<web_sys::CredentialsContainer, StoreError> {
    Ok(web_sys::window()
        .ok_or_else(|| StoreError::Backend("webauthn: no window".into()))?
        .navigator()
        .credentials())
}

/// `{ prf: { eval: { first: salt } } }`
fn prf_extension(salt: &[u8]) -> Result<js_sys::Object, StoreError> {
    let eval = object(&[("first", bytes(salt))])?;
    let prf = object(&[("eval", eval.into())])?;
    object(&[("prf", prf.into())])
}

/// The credential's client extension results (`undefined` if it has none).
fn extension_results(credential: &JsValue) -> JsValue {
    js_sys::Reflect::get(credential, &"getClientExtensionResults".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(credential).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// The PRF output in a credential's client extension results, if any.
fn prf_first(credential: &JsValue) -> Option<Vec<u8>> {
    let first = get(&get(&get(&extension_results(credential), "prf"), "results"), "first");
    if first.is_undefined() || first.is_null() {
        return None;
    }
    let out = js_sys::Uint8Array::new(&first).to_vec();
    (out.len() == 32).then_some(out)
}

/// Whether this browser has a user-verifying platform authenticator (the
/// phone's screen lock). Without one the vault keeps the WebCrypto binding
/// alone and nobody is asked anything.
pub async fn platform_authenticator() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let class = get(&window, "PublicKeyCredential");
    if !window.is_secure_context() || class.is_undefined() {
        return false;
    }
    let Ok(check) = get(&class, "isUserVerifyingPlatformAuthenticatorAvailable").dyn_into::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = check.call0(&class).and_then(|p| p.dyn_into::<js_sys::Promise>()) else {
        return false;
    };
    JsFuture::from(promise).await.is_ok_and(|v| v.as_bool() == Some(true))
}

/// A credential made for this vault: its id, the salt and the first PRF
/// output. `None` when the authenticator does not do PRF.
pub struct Enrolled {
    pub id: Vec<u8>,
    pub salt: Vec<u8>,
    pub secret: zeroize::Zeroizing<Vec<u8>>,
}

/// Makes a credential on the platform authenticator (user verification
/// required: the PRF output differs with and without it, so every call asks
/// for it) and reads its PRF secret; `Ok(None)` when PRF is not offered.
pub async fn enroll() -> Result<Option<Enrolled>, StoreError> {
    let salt = random(32)?;
    let rp = object(&[("name", "SamenOp".into())])?;
    let user = object(&[
        ("id", bytes(&random(16)?)),
        ("name", "samenop-kluis".into()),
        ("displayName", "SamenOp-kluis".into()),
    ])?;
    let algs = js_sys::Array::new();
    for alg in [-7, -257] {
        algs.push(&object(&[("type", "public-key".into()), ("alg", alg.into())])?.into());
    }
    let selection = object(&[
        ("authenticatorAttachment", "platform".into()),
        ("residentKey", "discouraged".into()),
        ("userVerification", "required".into()),
    ])?;
    let public_key = object(&[
        ("rp", rp.into()),
        ("user", user.into()),
        ("challenge", bytes(&random(32)?)),
        ("pubKeyCredParams", algs.into()),
        ("authenticatorSelection", selection.into()),
        ("timeout", 60_000.into()),
        ("extensions", prf_extension(&salt)?.into()),
    ])?;
    let options = object(&[("publicKey", public_key.into())])?;
    let made = credentials()?
        .create_with_options(options.unchecked_ref())
        .map_err(refused)?;
    let credential = JsFuture::from(made).await.map_err(refused)?;
    if get(&get(&extension_results(&credential), "prf"), "enabled").as_bool() != Some(true) {
        return Ok(None);
    }
    let id = js_sys::Uint8Array::new(&get(&credential, "rawId")).to_vec();
    // Some authenticators answer the PRF already at creation; others only
    // when asked with the credential.
    let secret = match prf_first(&credential) {
        Some(s) => s,
        None => evaluate(&id, &salt).await?.to_vec(),
    };
    Ok(Some(Enrolled {
        id,
        salt,
        secret: zeroize::Zeroizing::new(secret),
    }))
}

/// Asks the authenticator for the PRF output of credential `id` over
/// `salt`, after it verified the user.
pub async fn evaluate(id: &[u8], salt: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, StoreError> {
    let allowed = js_sys::Array::of1(&object(&[("type", "public-key".into()), ("id", bytes(id))])?.into());
    let public_key = object(&[
        ("challenge", bytes(&random(32)?)),
        ("allowCredentials", allowed.into()),
        ("userVerification", "required".into()),
        ("timeout", 60_000.into()),
        ("extensions", prf_extension(salt)?.into()),
    ])?;
    let options = object(&[("publicKey", public_key.into())])?;
    let asked = credentials()?
        .get_with_options(options.unchecked_ref())
        .map_err(refused)?;
    let credential = JsFuture::from(asked).await.map_err(refused)?;
    prf_first(&credential)
        .map(zeroize::Zeroizing::new)
        .ok_or_else(|| StoreError::Authenticator("no PRF output".into()))
}
