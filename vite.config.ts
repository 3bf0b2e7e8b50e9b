import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The client is built into dist/client and served by the Express server; during
// `npm run dev:client` Vite proxies the API and both realtime endpoints to it.
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/yjs": { target: "ws://localhost:3000", ws: true },
      "/socket.io": { target: "ws://localhost:3000", ws: true },
    },
  },
});
