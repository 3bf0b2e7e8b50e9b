import { chmod } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { newSigningKey } from "../auth/signingKeys";
import { openJsonFile, parseJson, readText, withFileLock, writeError } from "./jsonFile";
import type { SigningKey } from "./Store";

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64");
const keysSchema = z.object({
  keys: z.array(
    z.object({
      kid: z.string().min(1),
      key: base64,
      createdAt: z.iso.datetime(),
      retiredAt: z.iso.datetime().nullable(),
      legacy: z.boolean().default(false),
    }),
  ),
});
/** The single key data folders held before keys were rotated; it becomes their first key. */
const legacySchema = z.object({ key: base64 });

const toKey = (k: z.infer<typeof keysSchema>["keys"][number]): SigningKey => ({
  kid: k.kid,
  secret: new Uint8Array(Buffer.from(k.key, "base64")),
  createdAt: k.createdAt,
  retiredAt: k.retiredAt,
  legacy: k.legacy,
});
const fromKey = (k: SigningKey) => ({
  kid: k.kid,
  key: Buffer.from(k.secret).toString("base64"),
  createdAt: k.createdAt,
  retiredAt: k.retiredAt,
  legacy: k.legacy,
});

/**
 * The signing keys in `signing-keys.json` (mode 0600), shared by the server and the CLI and
 * changed only under the file's lock. A data folder from before rotation has `secret.json`
 * instead: its key becomes the first one, marked legacy, so every token it signed still
 * verifies; the old file is left as it is.
 */
export class SigningKeysFile {
  private readonly file: string;
  private readonly legacyFile: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, "signing-keys.json");
    this.legacyFile = path.join(dataDir, "secret.json");
  }

  /** Fails, naming the file, when the keys file exists but cannot be read (checked when the store opens). */
  async check(): Promise<void> {
    const text = await readText(this.file);
    if (text !== null) parseJson(this.file, text, keysSchema);
  }

  /** The keys, newest first; the first read of a data folder makes them. */
  async read(): Promise<SigningKey[]> {
    const text = await readText(this.file);
    const keys = text === null ? [] : parseJson(this.file, text, keysSchema).keys.map(toKey);
    return keys.length > 0 ? keys : this.update((current) => current);
  }

  /** The keys as they stand, newest first, without making any: a folder with none gives [] (or its legacy key, unwritten). */
  async peek(): Promise<SigningKey[]> {
    const text = await readText(this.file);
    const keys = text === null ? [] : parseJson(this.file, text, keysSchema).keys.map(toKey);
    if (keys.length > 0) return keys;
    return (await readText(this.legacyFile)) === null ? [] : [await this.firstKey()];
  }

  /** Reads, changes and writes the keys under the lock; a data folder with none gets its first key before `change` sees them. */
  async update(change: (keys: SigningKey[]) => SigningKey[]): Promise<SigningKey[]> {
    return withFileLock(this.file, async () => {
      const db = openJsonFile(this.file, keysSchema, { keys: [] });
      await db.read();
      let keys = db.data.keys.map(toKey);
      if (keys.length === 0) keys = [await this.firstKey()];
      keys = change(keys);
      db.data = { keys: keys.map(fromKey) };
      try {
        await db.write();
        // Secrets: readable by the account the server runs as, nobody else.
        await chmod(this.file, 0o600);
      } catch (error) {
        throw writeError(this.file, error);
      }
      return keys;
    });
  }

  private async firstKey(): Promise<SigningKey> {
    const legacy = await readText(this.legacyFile);
    if (legacy === null) return newSigningKey();
    return newSigningKey(new Date(), new Uint8Array(Buffer.from(parseJson(this.legacyFile, legacy, legacySchema).key, "base64")), true);
  }
}
