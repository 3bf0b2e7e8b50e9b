import { defineConfig } from "vitest/config";

// The integration tests a second time, on PostgreSQL: every test server gets a database of its
// own (tests/helpers/server.ts reads TEST_STORE). npm test runs this after the main run.
export default defineConfig({
  test: {
    include: ["tests/server/integration/**/*.test.ts"],
    globalSetup: ["tests/helpers/postgresGlobalSetup.ts"],
    setupFiles: ["tests/helpers/onPostgres.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
