// App-shell cache: lets the minute-taking screen load again while offline. The minutes
// themselves live in IndexedDB (y-indexeddb) and sync when the connection returns.
const CACHE = "live-minutes-shell-v1";

// The shell and every built file (the build lists them), so a reload works offline on
// any screen from the first visit.
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const [shell, list] = await Promise.all([fetch("/", { cache: "no-store" }), fetch("/asset-list.json", { cache: "no-store" })]);
  await cache.put("/", shell);
  const assets = list.ok ? await list.json() : [];
  await cache.addAll(["/favicon.svg", ...assets.filter((a) => a.startsWith("/assets/"))]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/yjs/") || url.pathname.startsWith("/socket.io/")) return;
  if (event.request.mode === "navigate") {
    // Network first for pages, so a new release shows at once; the cached shell when offline.
    event.respondWith(
      fetch(event.request)
        .then((response) => {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put("/", copy));
          return response;
        })
        .catch(() => caches.match("/")),
    );
    return;
  }
  // Hashed assets never change: cache first.
  event.respondWith(
    caches.match(event.request).then(
      (hit) =>
        hit ||
        fetch(event.request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(event.request, copy));
          }
          return response;
        }),
    ),
  );
});
