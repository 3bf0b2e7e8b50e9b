import { build } from "vite";
import { fileURLToPath } from "node:url";

/** Builds the client once for the browser tests, as `npm start` would serve it. */
export default async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL("../../vite.config.ts", import.meta.url)), logLevel: "warn" });
}
