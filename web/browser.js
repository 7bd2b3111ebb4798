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

// Display preferences kept on this device (issue 17 §5): the colour theme
// ("system", "light", "dark") and the language. Neither is personal data.
export function loadPref(key) {
  try { return localStorage.getItem("samenop-" + key) ?? ""; } catch { return ""; }
}

export function savePref(key, value) {
  try { localStorage.setItem("samenop-" + key, value); } catch { /* private mode: this session only */ }
  if (key === "theme") applyTheme(value);
}

// The page colour of each theme (assets/app.css), for the browser's bar.
const THEME_COLOURS = { light: "#f6f7f9", dark: "#0f1115" };

export function applyTheme(theme) {
  const root = document.documentElement;
  if (theme === "light" || theme === "dark") root.dataset.theme = theme;
  else delete root.dataset.theme;
  // The browser's bar follows the chosen theme, not only the system's:
  // each media-bound theme-color says the chosen colour, or its own on "system".
  for (const meta of document.querySelectorAll("meta[name=theme-color]")) {
    const own = (meta.media || "").includes("dark") ? "dark" : "light";
    meta.content = THEME_COLOURS[theme] ?? THEME_COLOURS[own];
  }
}

/** Scrolls the element with `id` into view (step 5's jump to its button). */
export function scrollToId(id) {
  document.getElementById(id)?.scrollIntoView({ block: "start" });
}
