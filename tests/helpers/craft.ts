import * as Y from "yjs";
import * as encoding from "lib0/encoding";

/** One struct of a hand-made update. */
export interface CraftedStruct {
  client: number;
  clock: number;
  /** Characters; a deleted run when a number. */
  content: string | number;
  origin?: Y.ID | null;
  rightOrigin?: Y.ID | null;
  /** A root's name or a type's item id; written only when neither origin is. */
  parent?: string | Y.ID;
  parentSub?: string | null;
}

/**
 * Encodes an update (v1) struct by struct with Yjs's own writers, so a test can send what
 * no honest client would: overlaps, gaps, neighbours in one list and a parent in another.
 * Structs of one client must be given together and in clock order, without gaps unless
 * the test wants them (a gap starts a new run of that client, as hostile updates do).
 */
export function craftUpdate(structs: CraftedStruct[], deletes: [number, number, number][] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const runs: CraftedStruct[][] = [];
  for (const s of structs) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.client === s.client && prev.clock + length(prev) === s.clock) last.push(s);
    else runs.push([s]);
  }
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(run[0]!.client);
    encoding.writeVarUint(encoder.restEncoder, run[0]!.clock);
    for (const s of run) {
      const content = typeof s.content === "number" ? new Y.ContentDeleted(s.content) : new Y.ContentString(s.content);
      new Y.Item(
        Y.createID(s.client, s.clock),
        null,
        s.origin ?? null,
        null,
        s.rightOrigin ?? null,
        (s.parent ?? null) as never,
        s.parentSub ?? null,
        content,
      ).write(encoder, 0);
    }
  }
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, len] of deletes) byClient.set(client, [...(byClient.get(client) ?? []), [clock, len]]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [clock, len] of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

function length(s: CraftedStruct): number {
  return typeof s.content === "number" ? s.content : s.content.length;
}
