import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { startPrivatePostgres, type PrivatePostgres } from "./privatePostgres";

/** Where the Postgres tests create their databases, as the global set-up found it: a server's URL, or why there is none. */
export type PostgresServer = { url: string; source: string } | { error: string };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresServer;
  }
}

/** True when a server answers at `url` within a few seconds. */
export async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The server the Postgres tests use: TEST_DATABASE_URL or DATABASE_URL when one answers
 * (the tests create a database of their own on it per file), else a private server started
 * from the installed binaries, which `stop` ends. Never throws: without either, it says why,
 * and each Postgres test fails with that.
 */
export async function resolvePostgres(
  env: Record<string, string | undefined> = process.env,
  start: () => Promise<PrivatePostgres> = () => startPrivatePostgres(),
): Promise<{ server: PostgresServer; stop: () => Promise<void> }> {
  for (const name of ["TEST_DATABASE_URL", "DATABASE_URL"] as const) {
    const url = env[name];
    if (url && (await answers(url))) return { server: { url, source: name }, stop: async () => {} };
  }
  try {
    const own = await start();
    return { server: { url: own.url, source: `a private PostgreSQL in ${own.dir}` }, stop: own.stop };
  } catch (error) {
    return { server: { error: (error as Error).message }, stop: async () => {} };
  }
}

/** The server the global set-up provided; fails the calling test, saying what to install, where there is none. */
export function postgresServer(): { url: string; source: string } {
  const server = inject("postgres");
  if (!server) throw new Error("The Postgres tests need the global set-up tests/helpers/postgresGlobalSetup.ts (vitest.config.ts).");
  if ("error" in server) throw new Error(`No PostgreSQL for the tests: ${server.error}`);
  return server;
}

/** `url` with its database replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A database of the calling test file's own on the tests' server (random name), and how to drop it. */
export async function createTestDatabase(serverUrl = postgresServer().url): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `lm_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Names cannot be parameters; this one is made here of hex digits, and quoted besides.
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Ends every connection to `database` but the caller's own (pg_terminate_backend): what a database restart does to a server's pool. */
export async function terminateConnections(serverUrl: string, database: string): Promise<number> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    const r = await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [
      database,
    ]);
    return r.rowCount ?? 0;
  } finally {
    await c.end();
  }
}
