import * as Y from "yjs";
import { CLIENT_ROOTS, confirmedResolutionAt, resolutionIdTakenElsewhere } from "../../shared/meeting/locks";
import type { Slot } from "../../shared/meeting/slots";
import { GUARD_LIMITS } from "../../shared/protocol/limits";
import { Misplaced, NOWHERE, PathCache, PlaceResolver, type Struct } from "./structPlaces";
import { pendingProblem, newParts, type DeleteSet } from "./integration";
import { encodeDeletes, encodeUpdate, type Ranges } from "./updateEncoding";
import { countStructs } from "./countStructs";

export { PathCache } from "./structPlaces";

/** What was refused of an update the server otherwise applies. */
export interface Refusal {
  /** The first reason, in words. */
  reason: string;
  /** For the sender: deletes its refused characters, so its copy matches the server's (null when none). */
  undo: Uint8Array | null;
  /** True when the sender's copy cannot be brought level by an undo (it removed or replaced what is kept): it must re-sync. */
  resync: boolean;
}

/**
 * What the guard decided about one client update. `ok` updates are applied as `update`
 * (the client's own bytes when nothing was refused); an update refused whole never
 * touches the document: malformed, crafted (no honest Yjs client makes it), pending (it
 * builds on changes the server never got, which Yjs would keep waiting for ever), or too
 * large.
 */
export type Verdict =
  | { ok: true; update: Uint8Array; refused: Refusal | null }
  | { ok: false; kind: "malformed" | "crafted" | "pending" | "too-large"; reason: string };

/**
 * Checks a client's Yjs update before it is applied (SPEC 6, 7, 13, 14), deciding on what
 * Yjs would actually integrate: the new part of each struct (what the document already
 * holds is skipped, as Yjs skips it), placed where Yjs will link it, and deletions of
 * what is not yet deleted. Inserts that may not stand where they land are kept as
 * deleted characters (or, at a map key, as collected structs) so the client's later
 * changes still find their neighbours; deletions of what must stay are dropped; the rest
 * is applied, so a clerk's other work is never lost with a refused part.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, cache: PathCache = new PathCache()): Verdict {
  // Every struct takes two bytes or more, so only a larger update can hold too many.
  if (update.byteLength > 2 * GUARD_LIMITS.structsPerUpdate) {
    const counted = countStructs(update, GUARD_LIMITS.structsPerUpdate);
    if (counted > GUARD_LIMITS.structsPerUpdate) return tooMany(counted);
  }
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DeleteSet };
  } catch (error) {
    return { ok: false, kind: "malformed", reason: `invalid Yjs update: ${(error as Error).message || "cannot decode"}` };
  }
  const { structs, ds } = decoded;
  if (structs.length > GUARD_LIMITS.structsPerUpdate) return tooMany(structs.length);
  let deleteRanges = 0;
  for (const ranges of ds.clients.values()) deleteRanges += ranges.length;
  if (deleteRanges > GUARD_LIMITS.deleteRangesPerUpdate)
    return {
      ok: false,
      kind: "too-large",
      reason: `${deleteRanges} deleted ranges in one update; the limit is ${GUARD_LIMITS.deleteRangesPerUpdate}`,
    };

  const parts = newParts(doc, structs);
  if ("kind" in parts) return { ok: false, ...parts };
  const pending = pendingProblem(doc, parts, ds);
  if (pending) return { ok: false, kind: "pending", reason: pending };

  const places = new PlaceResolver(doc, structs, cache, parts.offsets);
  // Refused items, and whether each stands at a map key (true) or in a sequence (false).
  const refusedItems = new Map<Y.Item, boolean>();
  // Map keys whose new value is refused: the value it would replace is kept, so the sender's delete of that value is refused too.
  const keptKeys = new Set<readonly string[]>();
  let firstReason: string | null = null;
  let resync = false;
  try {
    for (const s of parts.added) {
      if (!(s instanceof Y.Item)) continue;
      const place = places.ofItem(s);
      if (place === NOWHERE) continue;
      const problem = check(doc, place, s) ?? misfit(place, cache.slot(place), s.content);
      if (!problem) continue;
      // (A decoded item with an origin carries no key of its own: where it lands says.)
      const atKey = place[place.length - 1] !== "#";
      refusedItems.set(s, atKey);
      firstReason ??= problem;
      // A map key's new value replaces the old even when deleted, so it is kept as a collected struct, which the client cannot be brought level with.
      if (atKey) {
        resync = true;
        keptKeys.add(place);
      }
    }
  } catch (error) {
    if (error instanceof Misplaced) return { ok: false, kind: "crafted", reason: error.message };
    throw error;
  }

  const kept: Ranges = new Map();
  for (const [client, ranges] of ds.clients) {
    const keep: { clock: number; len: number }[] = [];
    for (const { clock, len } of ranges) {
      for (const piece of deletable(doc, places, keptKeys, client, clock, len)) {
        if (piece.problem) {
          firstReason ??= piece.problem;
          resync = true;
        } else keep.push(piece);
      }
    }
    if (keep.length) kept.set(client, keep);
  }
  if (!firstReason) return { ok: true, update, refused: null };

  const undo: Ranges = new Map();
  for (const [item, atKey] of refusedItems) {
    if (atKey) continue;
    const offset = parts.offsets.get(item) ?? 0;
    const list = undo.get(item.id.client) ?? [];
    list.push({ clock: item.id.clock + offset, len: item.length - offset });
    undo.set(item.id.client, list);
  }
  return {
    ok: true,
    update: encodeUpdate(structs, (s) => (s instanceof Y.Item && refusedItems.has(s) ? neutralised(s, refusedItems.get(s)!) : s), kept),
    refused: { reason: firstReason, undo: undo.size ? encodeDeletes(undo) : null, resync },
  };
}

function tooMany(count: number): Verdict {
  return {
    ok: false,
    kind: "too-large",
    reason: `more than ${GUARD_LIMITS.structsPerUpdate} structs in one update (${count} counted); the limit is ${GUARD_LIMITS.structsPerUpdate}`,
  };
}

/** A refused item as it will be kept: deleted characters in a sequence, a collected struct at a map key. */
function neutralised(item: Y.Item, atKey: boolean): Struct {
  if (atKey) return new Y.GC(item.id, item.length);
  return new Y.Item(
    item.id,
    null,
    item.origin,
    null,
    item.rightOrigin,
    item.parent as never,
    item.parentSub,
    new Y.ContentDeleted(item.length),
  );
}

/**
 * The document's live structs in a deleted range, split into runs that may be deleted and
 * runs that may not (already-deleted structs change nothing and are kept as they are, so
 * an honest reconnect's whole delete set passes; a map key whose new value was refused
 * keeps its old one). The update's own new structs in the
 * range were judged where they land.
 */
function* deletable(
  doc: Y.Doc,
  places: PlaceResolver,
  keptKeys: ReadonlySet<readonly string[]>,
  client: number,
  clock: number,
  len: number,
): Generator<{ clock: number; len: number; problem?: string }> {
  const end = clock + len;
  const structs = doc.store.clients.get(client);
  const known = structs?.length ? Y.getState(doc.store, client) : 0;
  let from = clock;
  if (structs && clock < known) {
    for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
      const s = structs[i]!;
      if (!(s instanceof Y.Item) || s.deleted) continue;
      const place = places.ofItem(s);
      const kept = place === NOWHERE ? undefined : [...keptKeys].find((key) => key.every((k, i) => place[i] === k));
      const problem =
        place === NOWHERE ? null : kept ? `${where(kept)} keeps its value, as the new one was refused` : check(doc, place, null);
      if (!problem) continue;
      const start = Math.max(s.id.clock, clock);
      if (start > from) yield { clock: from, len: start - from };
      from = Math.min(s.id.clock + s.length, end);
      yield { clock: start, len: from - start, problem };
    }
  }
  if (end > from) yield { clock: from, len: end - from };
}

/** Why `content` may not stand at `path`, where `slot` may (SPEC 13), or null when it may. */
function misfit(path: readonly string[], slot: Slot | null, content: Y.Item["content"]): string | null {
  if (content instanceof Y.ContentDeleted) return null;
  if (!slot) return `nothing belongs at ${where(path)}`;
  const type = content instanceof Y.ContentType ? content.type : null;
  if (slot.kind === "text") return type instanceof Y.Text ? null : `${where(path)} must be a text`;
  if (slot.kind === "map") return type instanceof Y.Map ? null : `${where(path)} must be a map`;
  if (slot.kind === "chars") return type ? `${where(path)} holds characters, not a ${type.constructor.name}` : null;
  if (slot.kind !== "value") return null;
  if (!(content instanceof Y.ContentAny)) return `${where(path)} must be a plain value`;
  return content.arr.every((v) => slot.accepts(v)) ? null : `${where(path)} does not accept ${JSON.stringify(content.arr).slice(0, 80)}`;
}

// A function of its own, not a closure in misfit: under tsx (keepNames) every closure made
// per call is also named per call, which cost more than the check itself.
function where(path: readonly string[]): string {
  return path.join("/");
}

/** Why nothing may change at `path` (a server-only root, locked wording, a taken id), or null. `added` is a new struct standing there. */
function check(doc: Y.Doc, path: readonly string[], added: Y.Item | null): string | null {
  const root = path[0]!;
  if (!CLIENT_ROOTS.includes(root)) return `the update writes to "${root}", which only the server may change`;
  const locked = confirmedResolutionAt(doc, path);
  if (locked) return `resolution ${locked} is confirmed by the chair; its wording is locked until the chair reopens it`;
  if (added && added.content instanceof Y.ContentType && resolutionIdTakenElsewhere(doc, path))
    return `a resolution with id ${path[3]} already stands under another item; ids are unique (SPEC 14)`;
  return null;
}

/**
 * True when applying `update` would change nothing: every struct is held already and every
 * deletion already made (a viewer's reconnect, whose sync step 2 carries its whole delete
 * set). False for anything else, malformed included.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: { structs: Struct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as unknown as { structs: Struct[]; ds: DeleteSet };
  } catch {
    return false;
  }
  const parts = newParts(doc, decoded.structs);
  if ("kind" in parts || parts.added.length > 0) return false;
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (!structs || clock + len > state) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++)
        if (!structs[i]!.deleted) return false;
    }
  }
  return true;
}
