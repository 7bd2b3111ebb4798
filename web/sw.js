// Offline app shell: the page, its JS and its wasm are kept in the cache so
// SamenOp opens at the door without a network. Only these public files are
// cached; API calls (case data) always go to the network and are never stored
// here — case data lives only in the encrypted vault.
// scripts/build-web.sh fills in the build's files (wasm-bindgen snippets
// included) and a version, so a new build replaces the old shell.
const CACHE = "samenop-shell-/*VERSION*/";
const SHELL = ["./", /*FILES*/];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  // Network first, so a new version arrives whenever the server is reachable;
  // the cached shell when it is not.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      })
      .catch(() =>
        caches.match(event.request, { ignoreSearch: true })
          .then((hit) => hit ?? (event.request.mode === "navigate" ? caches.match("./index.html") : Response.error())),
      ),
  );
});
