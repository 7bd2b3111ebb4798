//! Print and the PDF download. In the browser through wasm-bindgen
//! (`web/browser.js`): the page's Content-Security-Policy allows no `eval`.
//! In the desktop/mobile webview (no server CSP) print and the theme go
//! through `document::eval`; the PDF is fetched in Rust (`download_pdf`).

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/web/browser.js")]
    extern "C" {
        #[wasm_bindgen(js_name = printPage)]
        pub fn print_page();
        #[wasm_bindgen(js_name = loadPref)]
        pub fn load_pref(key: &str) -> String;
        #[wasm_bindgen(js_name = savePref)]
        pub fn save_pref(key: &str, value: &str);
        #[wasm_bindgen(js_name = scrollToId)]
        pub fn scroll_to_id(id: &str);
        #[wasm_bindgen(js_name = downloadPdf)]
        pub async fn download_pdf(url: &str, token: &str, filename: &str) -> JsValue;
    }
}

/// The browser's print dialog.
pub fn print() {
    #[cfg(target_arch = "wasm32")]
    js::print_page();
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = dioxus::prelude::document::eval("window.print()");
    }
}

/// Scrolls the element with `id` into view.
pub fn scroll_to(id: &str) {
    #[cfg(target_arch = "wasm32")]
    js::scroll_to_id(id);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let js = format!("document.getElementById({id:?})?.scrollIntoView({{ block: 'start' }})");
        let _ = dioxus::prelude::document::eval(&js);
    }
}

/// A display preference kept on this device (`theme`, `lang`); "" when none.
/// Not personal data: it may live outside the vault (issue 17 §5).
pub fn load_pref(key: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    return js::load_pref(key);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        String::new()
    }
}

/// Keeps a display preference on this device; `theme` also applies it at once.
pub fn save_pref(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    js::save_pref(key, value);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let (key, value) = (key.to_owned(), value.to_owned());
        if key == "theme" {
            let js = format!(
                "if ({value:?} === 'system') delete document.documentElement.dataset.theme; else document.documentElement.dataset.theme = {value:?};"
            );
            let _ = dioxus::prelude::document::eval(&js);
        }
    }
}

/// The shift lead's PDF of `case_id`: fetched with the bearer token in the
/// `Authorization` header (never in the address), then saved. In the
/// browser by `web/browser.js` (fetch, a blob object URL, a download link —
/// no `eval`, the CSP allows none); natively by the device engine's own
/// client (the configured TLS trust), written to the export folder. `Ok`
/// carries the saved path natively, `None` in the browser.
pub async fn download_pdf(
    server: &str,
    token: &str,
    case_id: samenop_core::CaseId,
    lang: samenop_core::Lang,
) -> Result<Option<String>, String> {
    let filename = samenop_device::platform::export_file_name(case_id);
    #[cfg(target_arch = "wasm32")]
    {
        let _ = lang;
        let url = format!("{server}/api/v1/cases/{case_id}/summary.pdf");
        let message = js::download_pdf(&url, token, &filename)
            .await
            .as_string()
            .unwrap_or_default();
        if message.is_empty() { Ok(None) } else { Err(message) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let bytes = samenop_device::export::summary_pdf(server, token, case_id)
            .await
            .map_err(|e| e.text(lang))?;
        let dir = samenop_device::platform::export_dir();
        let path = dir.join(filename);
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, bytes))
            .map_err(|e| e.to_string())?;
        Ok(Some(path.display().to_string()))
    }
}
