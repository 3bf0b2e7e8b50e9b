import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/e2e/globalSetup.ts", "tests/helpers/postgresGlobalSetup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
