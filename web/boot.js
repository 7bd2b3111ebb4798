// Starts the app (the page has no inline script: the CSP forbids it).
import init from "./samenop.js";
init({ module_or_path: "./samenop_bg.wasm" });
// The offline app shell (sw.js): the app opens without a network.
if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js");
