import { stat } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config";
import { LowdbStore } from "../persistence/lowdbStore";
import { PostgresStore } from "../persistence/postgres/PostgresStore";
import { importDataFolder } from "../persistence/postgres/importDataFolder";
import { CliError } from "./CliError";

/** The database the db commands work on: DATABASE_URL, whatever STORE says (the import runs before the server is switched over). */
function databaseOf(config: Config): PostgresStore {
  const url = config.database?.url;
  if (!url)
    throw new CliError("db commands need DATABASE_URL (postgres://user:password@host:port/database), in the environment or .env.", 2);
  return new PostgresStore(url, { poolSize: 2 });
}

/** `db migrate`: brings the database's schema up to date (the server does the same at start); prints the migrations applied. */
export async function dbMigrate(config: Config): Promise<string> {
  const store = databaseOf(config);
  try {
    await store.open();
    return JSON.stringify({ database: store.where, applied: store.applied });
  } finally {
    await store.close();
  }
}

/** `db import --from-dir DIR`: copies a lowdb data folder into the database (server/persistence/postgres/importDataFolder.ts). */
export async function dbImport(config: Config, fromDir: string | undefined): Promise<string> {
  if (!fromDir) throw new CliError("db import needs --from-dir DIR, the data folder to copy.", 2);
  const dir = path.resolve(fromDir);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(`db import --from-dir ${dir}: no such folder.`);
  const store = databaseOf(config);
  try {
    await store.open();
    const report = await importDataFolder(new LowdbStore(dir), store);
    return JSON.stringify({ from: dir, database: store.where, ...report });
  } finally {
    await store.close();
  }
}
