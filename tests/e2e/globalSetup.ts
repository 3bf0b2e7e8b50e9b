import { build } from "vite";
import { fileURLToPath } from "node:url";

/** Builds the client once for the browser tests, exactly as `npm start` builds it. */
export default async function setup(): Promise<void> {
  // vitest runs with NODE_ENV=test, which would give React's development build.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: fileURLToPath(new URL("../../vite.config.ts", import.meta.url)), logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
