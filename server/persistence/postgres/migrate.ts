import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { AppError } from "../../errors";
import { describeDatabase } from "./database";

/** The table node-pg-migrate records applied migrations in. */
export const MIGRATIONS_TABLE = "pgmigrations";

/**
 * The folder of ordered SQL migrations. From source it sits beside this file; the server
 * bundle (dist/server) finds it in the source tree it was built from.
 */
export function migrationsDir(): string {
  const candidates = [new URL("./migrations/", import.meta.url), new URL("../../server/persistence/postgres/migrations/", import.meta.url)];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(dir)) return dir;
  }
  throw new AppError(
    "internal",
    `The database migrations are missing: looked in ${candidates.map((c) => fileURLToPath(c)).join(" and ")}.`,
  );
}

/** The migrations this code knows, by the name node-pg-migrate records (the file name without .sql), in order. */
export function knownMigrations(dir = migrationsDir()): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .map((name) => name.slice(0, -".sql".length))
    .sort();
}

/**
 * Brings the database's schema up to date with this code, under node-pg-migrate's advisory
 * lock (a second process starting at the same moment waits, then finds nothing to do).
 * A database that has migrations this code does not know was set up by a newer version:
 * it is refused, naming them, rather than used with a schema the code cannot read.
 * Resolves with the names of the migrations applied now.
 */
export async function migrate(client: pg.ClientBase, url: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const dir = migrationsDir();
  const known = knownMigrations(dir);
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [MIGRATIONS_TABLE]);
  if (exists.rows[0]?.t) {
    const applied = await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY run_on, id`);
    const unknown = applied.rows.map((r) => r.name).filter((name) => !known.includes(name));
    if (unknown.length > 0)
      throw new AppError(
        "store-unreadable",
        `The database at ${describeDatabase(url)} has a newer schema than this version of live-minutes knows ` +
          `(migrations ${unknown.join(", ")}; this version knows up to ${known.at(-1)}). ` +
          `Run the newer version of live-minutes, or restore the database from before it was upgraded.`,
      );
  }
  // Loaded only here: it costs a few hundred ms at start, which the lowdb store and the CLI's other commands need not pay.
  const { runner } = await import("node-pg-migrate");
  const run = await runner({
    dbClient: client,
    dir,
    migrationsTable: MIGRATIONS_TABLE,
    direction: "up",
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: "wait",
    logger: { debug: () => {}, info: () => {}, warn: log, error: log },
  });
  return run.map((m) => path.basename(m.name));
}
