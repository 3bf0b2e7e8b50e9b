// Set up for each test file of the PostgreSQL pass (vitest.postgres.config.ts): test servers use PostgreSQL.
process.env.TEST_STORE = "postgres";
