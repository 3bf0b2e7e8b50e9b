import type pg from "pg";
import pgModule from "pg";
import { AppError } from "../../errors";

/** How long opening a connection may take before it counts as failed (milliseconds). */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * Longest a statement may run. A database that stops answering (paused, a network cut) must
 * surface as a failed write, so the server reports it and retries, not as a write that hangs.
 */
const QUERY_TIMEOUT_MS = 15_000;

/** Where a database is, as it may be shown: the URL without its password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    // Query settings can carry a password too (`?password=`): never shown.
    u.search = "";
    return u.toString();
  } catch {
    return "(a DATABASE_URL that is not a valid URL)";
  }
}

/** A pool of connections to the database at `url`; its idle connections' failures are reported to `onError`, never thrown. */
export function createPool(url: string, size: number, onError: (error: Error) => void): pg.Pool {
  const pool = new pgModule.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: "live-minutes",
  });
  // An idle connection the database ends (a restart, pg_terminate_backend) is dropped from the
  // pool with this event; without a listener it would end the process.
  pool.on("error", onError);
  // The same, for a connection ended while checked out (between the statements of a
  // transaction): the pool listens only to idle ones. The statement that uses it next fails,
  // and the connection is then closed rather than given back.
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

/** True for an error that means the database could not be reached, rather than a refused statement. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^(08|57P0)/.test(code)) return true;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return true;
  return /timeout|terminated|Connection terminated|not queryable|ECONNREFUSED/i.test((error as Error).message ?? "");
}

/**
 * What went wrong, in words. A host name with several addresses (localhost: ::1 and
 * 127.0.0.1) fails with an AggregateError whose own message is empty.
 */
export function reason(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: unknown[] };
  if (e?.message) return e.message;
  if (Array.isArray(e?.errors) && e.errors.length > 0) return e.errors.map(reason).join("; ");
  return e?.code ?? String(error);
}

/** Wraps a database failure in an error naming the database (never its password) and what was being done. */
export function databaseError(url: string, doing: string, error: unknown): AppError {
  const where = describeDatabase(url);
  const message = reason(error);
  if (isConnectionError(error))
    return new AppError("store-unwritable", `Cannot reach the database at ${where} (${doing}): ${message}`, { cause: error });
  return new AppError("store-unwritable", `The database at ${where} refused ${doing}: ${message}`, { cause: error });
}

/** Runs one statement on the pool; a failure names the database and what was being done. */
export async function runQuery<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  url: string,
  doing: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  try {
    return (await pool.query<R>(sql, params)).rows;
  } catch (error) {
    throw databaseError(url, doing, error);
  }
}

/**
 * Runs `fn` in a transaction on a connection of its own. AppErrors it raises (a refused
 * input) pass through; database failures are named. A connection that failed is closed
 * rather than given back to the pool in an unknown state.
 */
export async function inTransaction<T>(pool: pg.Pool, url: string, doing: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw databaseError(url, doing, error);
  }
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release(error as Error);
    if (error instanceof AppError) throw error;
    throw databaseError(url, doing, error);
  }
}
