import * as Y from "yjs";
import type { Struct } from "./structPlaces";

/** The delete set of a decoded update: per client, the deleted clock ranges. */
export type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

/** The structs of an update that Yjs would integrate, as Yjs's integrateStructs would find them. */
export interface NewParts {
  /** Structs with something the document does not hold yet, in the update's order. */
  added: Struct[];
  /** For a struct the document partly holds: how many of its clocks it holds (Yjs integrates the rest). */
  offsets: Map<Struct, number>;
}

/**
 * Works out which structs of an update are new to the document, and how much of each.
 * Returns a problem in words instead for an update no Yjs encoder writes (a client's
 * structs in two places), or one that starts past what the server holds (a gap: Yjs
 * would keep it pending, and every later update of that client behind it, for ever).
 */
export function newParts(doc: Y.Doc, structs: readonly Struct[]): NewParts | { kind: "crafted" | "pending"; reason: string } {
  const added: Struct[] = [];
  const offsets = new Map<Struct, number>();
  const seen = new Set<number>();
  let client = -1;
  let state = 0;
  for (const s of structs) {
    if (s.id.client !== client) {
      client = s.id.client;
      if (seen.has(client)) return { kind: "crafted", reason: `client ${client}'s changes appear twice in one update` };
      seen.add(client);
      state = Y.getState(doc.store, client);
    }
    if (s instanceof Y.Skip) continue;
    const offset = state - s.id.clock;
    if (offset < 0)
      return { kind: "pending", reason: `the update builds on client ${client}'s changes from clock ${state}, which the server never got` };
    if (offset >= s.length) continue;
    added.push(s);
    if (offset > 0) offsets.set(s, offset);
    state = s.id.clock + s.length;
  }
  return { added, offsets };
}

/**
 * Why Yjs would leave part of the update pending (a neighbour or parent that neither the
 * document nor the update holds, or a cycle of them), or a delete of clocks nobody holds;
 * null when all of it integrates. Mirrors integrateStructs, which follows a struct's
 * missing neighbour into the update before giving up on it.
 */
export function pendingProblem(doc: Y.Doc, parts: NewParts, ds: DeleteSet): string | null {
  if (allHeld(doc, parts, ds)) return null;
  const known = new Map<number, number>();
  const stateOf = (client: number) => known.get(client) ?? Y.getState(doc.store, client);
  const sections = new Map<number, { structs: Struct[]; next: number }>();
  for (const s of parts.added) {
    const section = sections.get(s.id.client);
    if (section) section.structs.push(s);
    else sections.set(s.id.client, { structs: [s], next: 0 });
  }
  const waiting = new Map<number, number[]>();
  const queue = [...sections.keys()];
  let problem: string | null = null;
  while (queue.length > 0 && !problem) {
    const client = queue.pop()!;
    const section = sections.get(client)!;
    const before = section.next;
    while (section.next < section.structs.length) {
      const s = section.structs[section.next]!;
      const start = s.id.clock + (parts.offsets.get(s) ?? 0);
      let blocked: Y.ID | null = null;
      if (s instanceof Y.Item) {
        const parent = s.parent instanceof Y.ID ? s.parent : null;
        for (const ref of [s.origin, s.rightOrigin, parent]) {
          if (!ref) continue;
          if (ref.client === client) {
            // Yjs looks a struct's own client's neighbours up without waiting: they must be integrated already.
            if (ref.clock >= start)
              problem = `struct ${client}:${s.id.clock} names a later change of its own client (${ref.clock}) beside it`;
          } else if (ref.clock >= stateOf(ref.client)) blocked = ref;
          if (problem || blocked) break;
        }
      }
      if (problem) break;
      if (blocked) {
        const list = waiting.get(blocked.client) ?? [];
        list.push(client);
        waiting.set(blocked.client, list);
        break;
      }
      known.set(client, s.id.clock + s.length);
      section.next++;
    }
    if (section.next > before) {
      queue.push(...(waiting.get(client) ?? []));
      waiting.delete(client);
    }
  }
  if (problem) return problem;
  for (const [client, section] of sections) {
    const s = section.structs[section.next];
    if (s) return `the update's change ${client}:${s.id.clock} builds on changes the server never got`;
  }
  for (const [client, ranges] of ds.clients) {
    const state = stateOf(client);
    for (const { clock, len } of ranges)
      if (clock + len > state)
        return `the update deletes client ${client}'s clocks ${clock}-${clock + len - 1}, which the server never got`;
  }
  return null;
}

/**
 * The common case, checked without building anything: every neighbour and parent of a new
 * struct is already in the document (or an earlier clock of its own client), and every
 * deletion is of clocks the document or the update holds. A keystroke always is.
 */
function allHeld(doc: Y.Doc, parts: NewParts, ds: DeleteSet): boolean {
  for (const s of parts.added) {
    if (!(s instanceof Y.Item)) continue;
    const start = s.id.clock + (parts.offsets.get(s) ?? 0);
    if (!held(doc, s.id.client, start, s.origin) || !held(doc, s.id.client, start, s.rightOrigin)) return false;
    if (s.parent instanceof Y.ID && !held(doc, s.id.client, start, s.parent)) return false;
  }
  if (ds.clients.size === 0) return true;
  const ends = new Map<number, number>();
  for (const s of parts.added) ends.set(s.id.client, s.id.clock + s.length);
  for (const [client, ranges] of ds.clients) {
    const state = Math.max(Y.getState(doc.store, client), ends.get(client) ?? 0);
    for (const { clock, len } of ranges) if (clock + len > state) return false;
  }
  return true;
}

function held(doc: Y.Doc, client: number, start: number, ref: Y.ID | null): boolean {
  if (!ref) return true;
  return ref.client === client ? ref.clock < start : ref.clock < Y.getState(doc.store, ref.client);
}
