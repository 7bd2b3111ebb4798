// Starts the app (the page has no inline script: the CSP forbids it).
import init from "./samenop.js";
import { applyTheme, loadPref } from "./browser.js";
// The colour theme chosen in the app, with the browser bar's colour, before
// the first frame (issue 17 §5); no storage: follow the system.
applyTheme(loadPref("theme"));
init({ module_or_path: "./samenop_bg.wasm" });
// The offline app shell (sw.js): the app opens without a network.
if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js");
