// Browser calls the web app makes through wasm-bindgen (src/platform/browser.rs),
// so the page needs no eval and no inline script (the server's CSP forbids both).

export function printPage() {
  window.print();
}

// The PDF is fetched with the bearer token (which stays in memory, never in
// a URL) and handed to the browser as a blob. Returns "" or an error text.
export async function downloadPdf(url, token, filename) {
  const r = await fetch(url, { headers: { authorization: "Bearer " + token }, cache: "no-store" });
  if (!r.ok) return "PDF: " + r.status;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(await r.blob());
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  return "";
}
