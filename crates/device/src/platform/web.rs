//! Browser: sealed records in localStorage, the page's origin as server.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use crate::store::{Backend, StoreError};

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

pub async fn sleep_ms(ms: u64) {
    gloo_timers::future::TimeoutFuture::new(ms.min(u32::MAX as u64) as u32).await;
}

pub fn default_server() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The browser's own TLS and trust store: a page served over TLS can
/// only reach its own origin over TLS anyway (mixed content is blocked).
pub fn http_client() -> Result<reqwest::Client, String> {
    Ok(reqwest::Client::new())
}

thread_local! {
    static ONLINE_AGAIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True when the browser knows it has no network: no point trying.
pub fn known_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// True once after the browser reports the network is back, so the sync
/// loop tries at once instead of waiting out its back-off.
pub fn take_online_signal() -> bool {
    if !LISTENING.with(|l| l.replace(true)) {
        use wasm_bindgen::JsCast;
        let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| ONLINE_AGAIN.with(|o| o.set(true)));
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        }
        // Lives as long as the page.
        on_online.forget();
    }
    ONLINE_AGAIN.with(|o| o.replace(false))
}

/// Asks the sync loop for a round now (a shift lead opened a case).
pub fn nudge_sync() {
    ONLINE_AGAIN.with(|o| o.set(true));
}

/// A browser's downloads are the browser's: the app keeps no export
/// folder of its own to clear (`exports` natively).
pub fn forget_exports() -> Result<(), StoreError> {
    Ok(())
}

/// As `forget_exports`: nothing of the app's own to remove.
pub fn forget_case_export(_case_id: samenop_core::CaseId) -> Result<(), StoreError> {
    Ok(())
}

/// localStorage holds only base64 of sealed bytes. `setItem` is atomic per
/// key; a batch is written record by record and the count last, so a torn
/// batch is never read.
pub struct StoreBackend {
    storage: web_sys::Storage,
}

const PREFIX: &str = "samenop.";

fn err<E: std::fmt::Debug>(e: E) -> StoreError {
    StoreError::Backend(format!("{e:?}"))
}

pub fn open_backend() -> Result<StoreBackend, StoreError> {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| StoreError::Backend("no browser storage".into()))?;
    Ok(StoreBackend { storage })
}

impl StoreBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(&format!("{PREFIX}{key}")).map_err(err)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(&format!("{PREFIX}{key}"), value).map_err(err)
    }

    fn count(&self) -> Result<u64, StoreError> {
        Ok(self.get("log.count")?.and_then(|c| c.parse().ok()).unwrap_or(0))
    }
}

impl Backend for StoreBackend {
    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self.get(&format!("meta.{name}"))? {
            Some(v) => B64.decode(v).map(Some).map_err(|_| StoreError::Corrupt),
            None => Ok(None),
        }
    }

    fn set_meta(&mut self, name: &str, value: &[u8]) -> Result<(), StoreError> {
        self.set(&format!("meta.{name}"), &B64.encode(value))
    }

    fn append(&mut self, first_seq: u64, sealed: &[Vec<u8>]) -> Result<(), StoreError> {
        for (i, blob) in sealed.iter().enumerate() {
            self.set(&format!("log.{}", first_seq + i as u64), &B64.encode(blob))?;
        }
        // The count moves last: records past it are ignored on read.
        self.set("log.count", &(first_seq + sealed.len() as u64 - 1).to_string())
    }

    fn read_all(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let mut out = Vec::new();
        for seq in 1..=self.count()? {
            let raw = self.get(&format!("log.{seq}"))?.ok_or(StoreError::Corrupt)?;
            out.push((seq, B64.decode(raw).map_err(|_| StoreError::Corrupt)?));
        }
        Ok(out)
    }

    fn replace(&mut self, sealed: &[(u64, Vec<u8>)]) -> Result<(), StoreError> {
        // One synchronous write per record: localStorage has no
        // transaction; a cut-off replace leaves records that are each whole.
        for (seq, blob) in sealed {
            self.set(&format!("log.{seq}"), &B64.encode(blob))?;
        }
        Ok(())
    }

    fn wipe(&mut self) -> Result<(), StoreError> {
        let len = self.storage.length().map_err(err)?;
        let keys: Vec<String> = (0..len).filter_map(|i| self.storage.key(i).ok().flatten()).collect();
        for key in keys.into_iter().filter(|k| k.starts_with(PREFIX)) {
            self.storage.remove_item(&key).map_err(err)?;
        }
        Ok(())
    }
}

/// In the browser a TLS failure is the browser's: `fetch` only says it
/// failed, so it reads as no connection.
pub fn is_trust_failure(_error: &(dyn std::error::Error + 'static)) -> bool {
    false
}
