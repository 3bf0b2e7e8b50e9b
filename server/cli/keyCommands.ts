import { rotateKeys, type Rotation } from "../auth/signingKeys";
import type { SigningKey, Store } from "../persistence/Store";

/** A key as the CLI shows it: never its secret. */
const shown = (k: SigningKey) => ({ kid: k.kid, createdAt: k.createdAt, retiredAt: k.retiredAt, ...(k.legacy ? { legacy: true } : {}) });

/** `key list`: the signing keys, newest first: the one in use, then the retired ones that still verify. */
export async function keyList(store: Store): Promise<string> {
  return JSON.stringify({ keys: (await store.signingKeys()).map(shown) }, null, 2);
}

/**
 * `key rotate [--drop-old]`: a new key signs from now on. The ones it replaces keep verifying
 * the tokens they signed until those expire (the server sees the change within seconds); with
 * `--drop-old` they are removed at once, for a key that got out: their tokens and sessions are
 * refused and everyone signs in again.
 */
export async function keyRotate(store: Store, dropOld: boolean): Promise<string> {
  let rotation: Rotation | null = null;
  const keys = await store.updateSigningKeys((current) => {
    rotation = rotateKeys(current, new Date(), { dropOld });
    return rotation.keys;
  });
  const { added, dropped } = rotation!;
  return JSON.stringify({ kid: added.kid, keys: keys.map(shown), dropped: dropped.map((k) => k.kid) }, null, 2);
}
