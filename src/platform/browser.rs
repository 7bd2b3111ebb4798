//! Print and the PDF download. In the browser through wasm-bindgen
//! (`web/browser.js`): the page's Content-Security-Policy allows no `eval`.
//! In the desktop/mobile webview (no server CSP) through `document::eval`.

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/web/browser.js")]
    extern "C" {
        #[wasm_bindgen(js_name = printPage)]
        pub fn print_page();
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

/// Fetches `url` with the bearer token and saves it as `filename`; an error
/// text when the server refused.
pub async fn download_pdf(url: &str, token: &str, filename: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    let message = js::download_pdf(url, token, filename)
        .await
        .as_string()
        .unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    let message = {
        let js = format!(
            "const r = await fetch({url:?}, {{ headers: {{ authorization: 'Bearer ' + {token:?} }} }});
             if (!r.ok) return 'PDF: ' + r.status;
             const a = document.createElement('a');
             a.href = URL.createObjectURL(await r.blob());
             a.download = {filename:?};
             document.body.appendChild(a); a.click(); a.remove();
             return '';"
        );
        match dioxus::prelude::document::eval(&js).await {
            Ok(v) => v.as_str().unwrap_or_default().to_string(),
            Err(e) => e.to_string(),
        }
    };
    if message.is_empty() { Ok(()) } else { Err(message) }
}
