import type pg from "pg";
import type { SigningKey } from "../Store";
import { bytes, toKey, type KeyRow } from "./rows";

/** The signing keys, newest first. */
export async function readSigningKeys(db: pg.Pool | pg.ClientBase): Promise<SigningKey[]> {
  return (await db.query<KeyRow>("SELECT * FROM signing_keys ORDER BY position")).rows.map(toKey);
}

/**
 * Replaces the signing keys with what `change` makes of them, inside the caller's
 * transaction. Servers and the CLI may rotate at once: the table lock makes them take turns,
 * each seeing the other's keys, while reads (SELECT) go on.
 */
export async function changeSigningKeys(client: pg.ClientBase, change: (keys: SigningKey[]) => SigningKey[]): Promise<SigningKey[]> {
  await client.query("LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE");
  const keys = change(await readSigningKeys(client));
  await client.query("DELETE FROM signing_keys");
  await client.query(
    `INSERT INTO signing_keys (kid, secret, created_at, retired_at, legacy, position)
     SELECT * FROM unnest($1::text[], $2::bytea[], $3::timestamptz[], $4::timestamptz[], $5::boolean[], $6::int[])`,
    [
      keys.map((k) => k.kid),
      keys.map((k) => bytes(k.secret)),
      keys.map((k) => k.createdAt),
      keys.map((k) => k.retiredAt),
      keys.map((k) => k.legacy),
      keys.map((_, i) => i),
    ],
  );
  return keys;
}

/** Keys brought from another store merged into those here: both kept (by id), newest first by creation. */
export function mergeSigningKeys(here: readonly SigningKey[], incoming: readonly SigningKey[]): SigningKey[] {
  const kids = new Set(here.map((k) => k.kid));
  return [...here, ...incoming.filter((k) => !kids.has(k.kid))].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
