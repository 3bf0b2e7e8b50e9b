import { randomBytes } from "node:crypto";
import type { SigningKey } from "../persistence/Store";

/**
 * The longest a token may live, in hours (a year and a day): a meeting token's `--hours` and
 * SESSION_HOURS are held to it, so a retired key is known to have nothing left to verify
 * this long after it was retired.
 */
export const MAX_TOKEN_HOURS = 24 * 366;
const MAX_TOKEN_MS = MAX_TOKEN_HOURS * 3600_000;

/** A new random key (256 bits, as HS256 wants) with a random id, which names it in every token it signs. */
export function newSigningKey(now = new Date(), secret: Uint8Array = new Uint8Array(randomBytes(32)), legacy = false): SigningKey {
  return { kid: randomBytes(9).toString("base64url"), secret, createdAt: now.toISOString(), retiredAt: null, legacy };
}

/** The key that signs: the newest not retired. */
export function signingKeyOf(keys: readonly SigningKey[]): SigningKey {
  const key = keys.find((k) => k.retiredAt === null);
  if (!key) throw new Error("No signing key is in use: every key is retired. Run `minutes key rotate` to add one.");
  return key;
}

/**
 * Whether `key` may vouch for a token that expires at `expiresAt` (ms): a key in use, any;
 * a retired key, only a token that could have been signed before it was retired, since no
 * token lives longer than MAX_TOKEN_HOURS. A token past that is not one this server made.
 */
export function mayVerify(key: SigningKey, expiresAt: number): boolean {
  return key.retiredAt === null || expiresAt <= Date.parse(key.retiredAt) + MAX_TOKEN_MS;
}

/** What a rotation did. */
export interface Rotation {
  keys: SigningKey[];
  added: SigningKey;
  dropped: SigningKey[];
}

/**
 * Adds a new signing key, which signs from `now` on, and retires the ones in use: they keep
 * verifying the tokens they signed until those would have expired. Keys retired longer ago
 * than any token lives are dropped; `dropOld` drops every other key at once (a key that got
 * out), so everything they signed is refused and everyone signs in again.
 */
export function rotateKeys(keys: readonly SigningKey[], now = new Date(), { dropOld = false } = {}): Rotation {
  const added = newSigningKey(now);
  const retired = keys.map((k) => (k.retiredAt === null ? { ...k, retiredAt: now.toISOString() } : k));
  const kept = dropOld ? [] : retired.filter((k) => Date.parse(k.retiredAt!) + MAX_TOKEN_MS >= now.getTime());
  return { keys: [added, ...kept], added, dropped: retired.filter((k) => !kept.includes(k)) };
}
