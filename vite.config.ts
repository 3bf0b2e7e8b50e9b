import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

// Lists every built file, so the service worker can cache the whole app (lazy screens
// included) at install and a clerk can reload any screen while offline.
function assetList(): Plugin {
  return {
    name: "live-minutes-asset-list",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.endsWith(".map")).map((name) => `/${name}`);
      this.emitFile({ type: "asset", fileName: "asset-list.json", source: JSON.stringify(files) });
    },
  };
}

// The client is built into dist/client and served by the Express server; during
// `npm run dev:client` Vite proxies the API and both realtime endpoints to it.
export default defineConfig({
  root: "client",
  plugins: [react(), assetList()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/yjs": { target: "ws://localhost:3000", ws: true },
      "/socket.io": { target: "ws://localhost:3000", ws: true },
    },
  },
});
