import type { TestProject } from "vitest/node";
import { resolvePostgres } from "./postgres";

/**
 * Finds or starts the PostgreSQL the Postgres tests use, once per run (tests/helpers/postgres.ts),
 * and stops a private one afterwards. Without one, the other tests still run; the Postgres
 * tests fail saying what to install.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, stop } = await resolvePostgres();
  project.provide("postgres", server);
  return stop;
}
