import { generateKeyBetween } from "fractional-indexing";

/** Anything kept in an ordered collection: its id and its fractional position key. */
export interface Positioned {
  id: string;
  pos: string;
}

/** Sort order for ordered collections; ties (two concurrent inserts at one spot) break by id so every replica agrees. */
export function byPosition(a: Positioned, b: Positioned): number {
  if (a.pos !== b.pos) return a.pos < b.pos ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The position key for an entry placed at `index` among `sortedKeys`.
 * Concurrent inserts can leave equal keys side by side; a key strictly between
 * equal keys does not exist, so step past them to the next greater one.
 * A key can also be missing (""): when a move arrives ahead of an earlier update it
 * depends on, Yjs applies its delete of the old key at once but holds the new key back
 * until the gap is filled. Such entries sort first and count as no bound.
 */
export function keyAt(sortedKeys: readonly string[], index: number): string {
  const i = Math.max(0, Math.min(index, sortedKeys.length));
  const before = (i > 0 && sortedKeys[i - 1]) || null;
  const after = sortedKeys.slice(i).find((k) => k !== "" && (before === null || k > before)) ?? null;
  return generateKeyBetween(before, after);
}
