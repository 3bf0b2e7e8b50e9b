import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { compression } from "vite-plugin-compression2";

// Lists every built file, so the service worker can cache the whole app (lazy screens
// included) at install and a clerk can reload any screen while offline.
function assetList(): Plugin {
  return {
    name: "live-minutes-asset-list",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !/\.(map|br|gz)$/.test(name))
        .map((name) => `/${name}`);
      this.emitFile({ type: "asset", fileName: "asset-list.json", source: JSON.stringify(files) });
    },
  };
}

// The client is built into dist/client and served by the Express server; during
// `npm run dev:client` Vite proxies the API and both realtime endpoints to it. Every text
// file is also written brotli- and gzip-compressed at build (the server picks one per
// Accept-Encoding), and source maps are "hidden": written for whoever runs the server, to
// read stack traces by, but not named in the files sent, and the server refuses them.
export default defineConfig({
  root: "client",
  plugins: [react(), assetList(), compression({ algorithms: ["brotliCompress", "gzip"], exclude: [/\.map$/], logLevel: "silent" })],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: "hidden" },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/yjs": { target: "ws://localhost:3000", ws: true },
      "/socket.io": { target: "ws://localhost:3000", ws: true },
    },
  },
});
