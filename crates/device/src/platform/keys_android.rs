//! Android: the key that seals the device secret's file lives in the
//! Android Keystore (`keys_native::FileKeyStore`), generated there as a
//! non-exportable AES-256-GCM key, in StrongBox where the phone has one
//! (API 28+), else in the TEE. The key never leaves the Keystore: the app
//! hands it bytes to encrypt or decrypt, so a copy of the app's files, even
//! by root or from a backup, opens on no other phone (MASVS-STORAGE-1,
//! MASVS-CRYPTO-2). Type-checked in CI (`scripts/check-android.sh`); no
//! phone runs here, so its behaviour on a device is proven only on paper
//! (crate README).

use jni::JNIEnv;
use jni::objects::{JByteArray, JObject, JValue};

use super::keys_native::FileSeal;
use crate::store::StoreError;

const PROVIDER: &str = "AndroidKeyStore";
const TRANSFORMATION: &str = "AES/GCM/NoPadding";
const KEY_BITS: i32 = 256;
const TAG_BITS: i32 = 128;
/// `KeyProperties.PURPOSE_ENCRYPT | PURPOSE_DECRYPT`.
const PURPOSES: i32 = 1 | 2;
/// `Cipher.ENCRYPT_MODE`, `Cipher.DECRYPT_MODE`.
const ENCRYPT: i32 = 1;
const DECRYPT: i32 = 2;
const BUILDER: &str = "android/security/keystore/KeyGenParameterSpec$Builder";

/// The Keystore key of one install (alias `samenop-vault-<install id>`).
pub struct KeystoreSeal {
    alias: String,
}

impl KeystoreSeal {
    pub fn new(install_id: &str) -> Self {
        Self {
            alias: format!("samenop-vault-{install_id}"),
        }
    }
}

fn backend(what: &str, e: jni::errors::Error) -> StoreError {
    StoreError::Backend(format!("Android Keystore: {what}: {e}"))
}

/// Runs `f` with this thread attached to the app's Java VM; a Java
/// exception is cleared (and reported as the error) so the VM stays usable.
fn with_env<T>(what: &str, f: impl FnOnce(&mut JNIEnv) -> jni::errors::Result<T>) -> Result<T, StoreError> {
    let ctx = ndk_context::android_context();
    // SAFETY: ndk-context hands out the process's JavaVM, valid for the
    // life of the app (set up by the Dioxus launcher), as in `native.rs`.
    let vm = unsafe { jni::JavaVM::from_raw(ctx.vm().cast()) }.map_err(|e| backend("VM", e))?;
    let mut env = vm.attach_current_thread().map_err(|e| backend("attach", e))?;
    let out = f(&mut env);
    if env.exception_check().unwrap_or(false) {
        let _ = env.exception_clear();
    }
    out.map_err(|e| backend(what, e))
}

/// The loaded `KeyStore.getInstance("AndroidKeyStore")`.
fn key_store<'l>(env: &mut JNIEnv<'l>) -> jni::errors::Result<JObject<'l>> {
    let provider = env.new_string(PROVIDER)?;
    let ks = env
        .call_static_method(
            "java/security/KeyStore",
            "getInstance",
            "(Ljava/lang/String;)Ljava/security/KeyStore;",
            &[JValue::Object(&provider)],
        )?
        .l()?;
    env.call_method(
        &ks,
        "load",
        "(Ljava/security/KeyStore$LoadStoreParameter;)V",
        &[JValue::Object(&JObject::null())],
    )?;
    Ok(ks)
}

/// The install's key, or a null object when the Keystore has none.
fn find_key<'l>(env: &mut JNIEnv<'l>, alias: &str) -> jni::errors::Result<JObject<'l>> {
    let ks = key_store(env)?;
    let alias = env.new_string(alias)?;
    env.call_method(
        &ks,
        "getKey",
        "(Ljava/lang/String;[C)Ljava/security/Key;",
        &[JValue::Object(&alias), JValue::Object(&JObject::null())],
    )?
    .l()
}

/// A one-element `String[]`.
fn strings<'l>(env: &mut JNIEnv<'l>, one: &str) -> jni::errors::Result<JObject<'l>> {
    let s = env.new_string(one)?;
    Ok(env.new_object_array(1, "java/lang/String", &s)?.into())
}

/// Generates the install's key in the Keystore, in StrongBox when asked.
fn generate<'l>(env: &mut JNIEnv<'l>, alias: &str, strongbox: bool) -> jni::errors::Result<JObject<'l>> {
    let name = env.new_string(alias)?;
    let builder = env.new_object(
        BUILDER,
        "(Ljava/lang/String;I)V",
        &[JValue::Object(&name), JValue::Int(PURPOSES)],
    )?;
    let sig = format!("([Ljava/lang/String;)L{BUILDER};");
    let gcm = strings(env, "GCM")?;
    let builder = env
        .call_method(&builder, "setBlockModes", &sig, &[JValue::Object(&gcm)])?
        .l()?;
    let none = strings(env, "NoPadding")?;
    let builder = env
        .call_method(&builder, "setEncryptionPaddings", &sig, &[JValue::Object(&none)])?
        .l()?;
    let builder = env
        .call_method(
            &builder,
            "setKeySize",
            format!("(I)L{BUILDER};"),
            &[JValue::Int(KEY_BITS)],
        )?
        .l()?;
    let builder = env
        .call_method(
            &builder,
            "setIsStrongBoxBacked",
            format!("(Z)L{BUILDER};"),
            &[JValue::Bool(u8::from(strongbox))],
        )?
        .l()?;
    let spec = env
        .call_method(
            &builder,
            "build",
            "()Landroid/security/keystore/KeyGenParameterSpec;",
            &[],
        )?
        .l()?;
    let (aes, provider) = (env.new_string("AES")?, env.new_string(PROVIDER)?);
    let generator = env
        .call_static_method(
            "javax/crypto/KeyGenerator",
            "getInstance",
            "(Ljava/lang/String;Ljava/lang/String;)Ljavax/crypto/KeyGenerator;",
            &[JValue::Object(&aes), JValue::Object(&provider)],
        )?
        .l()?;
    env.call_method(
        &generator,
        "init",
        "(Ljava/security/spec/AlgorithmParameterSpec;)V",
        &[JValue::Object(&spec)],
    )?;
    env.call_method(&generator, "generateKey", "()Ljavax/crypto/SecretKey;", &[])?
        .l()
}

fn cipher<'l>(env: &mut JNIEnv<'l>) -> jni::errors::Result<JObject<'l>> {
    let t = env.new_string(TRANSFORMATION)?;
    env.call_static_method(
        "javax/crypto/Cipher",
        "getInstance",
        "(Ljava/lang/String;)Ljavax/crypto/Cipher;",
        &[JValue::Object(&t)],
    )?
    .l()
}

/// `cipher.doFinal(bytes)`.
fn finish(env: &mut JNIEnv, cipher: &JObject, bytes: &[u8]) -> jni::errors::Result<Vec<u8>> {
    let input = env.byte_array_from_slice(bytes)?;
    let out = env
        .call_method(cipher, "doFinal", "([B)[B", &[JValue::Object(&input)])?
        .l()?;
    env.convert_byte_array(JByteArray::from(out))
}

impl FileSeal for KeystoreSeal {
    /// iv length (1 byte) ‖ iv ‖ AES-GCM ciphertext; the Keystore picks the iv.
    fn seal(&mut self, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        let alias = self.alias.clone();
        with_env("seal", |env| {
            let mut key = find_key(env, &alias)?;
            if key.is_null() {
                // StrongBox is missing on many phones: then the TEE.
                key = match generate(env, &alias, true) {
                    Ok(k) => k,
                    Err(_) => {
                        let _ = env.exception_clear();
                        generate(env, &alias, false)?
                    }
                };
            }
            let c = cipher(env)?;
            env.call_method(
                &c,
                "init",
                "(ILjava/security/Key;)V",
                &[JValue::Int(ENCRYPT), JValue::Object(&key)],
            )?;
            let iv = env.call_method(&c, "getIV", "()[B", &[])?.l()?;
            let iv = env.convert_byte_array(JByteArray::from(iv))?;
            let body = finish(env, &c, plain)?;
            let mut out = Vec::with_capacity(1 + iv.len() + body.len());
            out.push(u8::try_from(iv.len()).unwrap_or(u8::MAX));
            out.extend(iv);
            out.extend(body);
            Ok(out)
        })
    }

    fn open(&self, sealed: &[u8]) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, StoreError> {
        let (&iv_len, rest) = sealed.split_first().ok_or(StoreError::Corrupt)?;
        let (iv, body) = rest.split_at_checked(usize::from(iv_len)).ok_or(StoreError::Corrupt)?;
        let alias = self.alias.clone();
        with_env("open", |env| {
            let key = find_key(env, &alias)?;
            if key.is_null() {
                // Another phone, or a wipe: not this device's vault.
                return Ok(None);
            }
            let iv = env.byte_array_from_slice(iv)?;
            let spec = env.new_object(
                "javax/crypto/spec/GCMParameterSpec",
                "(I[B)V",
                &[JValue::Int(TAG_BITS), JValue::Object(&iv)],
            )?;
            let c = cipher(env)?;
            env.call_method(
                &c,
                "init",
                "(ILjava/security/Key;Ljava/security/spec/AlgorithmParameterSpec;)V",
                &[JValue::Int(DECRYPT), JValue::Object(&key), JValue::Object(&spec)],
            )?;
            Ok(Some(zeroize::Zeroizing::new(finish(env, &c, body)?)))
        })
    }

    fn forget(&mut self) -> Result<(), StoreError> {
        let alias = self.alias.clone();
        with_env("forget", |env| {
            let ks = key_store(env)?;
            let alias = env.new_string(&alias)?;
            env.call_method(&ks, "deleteEntry", "(Ljava/lang/String;)V", &[JValue::Object(&alias)])?;
            Ok(())
        })
    }
}
