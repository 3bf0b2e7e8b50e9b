import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import type { Struct } from "./structPlaces";

/** Clock ranges per client, as a delete set holds them. */
export type Ranges = Map<number, { clock: number; len: number }[]>;

/**
 * Writes an update (v1) from decoded structs, each passed through `transform`, and a
 * delete set: how the guard applies the part of a client's update it accepts. Each
 * client's structs stand together, as the guard requires of what it decodes.
 */
export function encodeUpdate(structs: readonly Struct[], transform: (s: Struct) => Struct, deletes: Ranges): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const sections: Struct[][] = [];
  for (const s of structs) {
    const last = sections[sections.length - 1];
    if (last && last[0]!.id.client === s.id.client) last.push(s);
    else sections.push([s]);
  }
  encoding.writeVarUint(encoder.restEncoder, sections.length);
  for (const section of sections) {
    encoding.writeVarUint(encoder.restEncoder, section.length);
    encoder.writeClient(section[0]!.id.client);
    encoding.writeVarUint(encoder.restEncoder, section[0]!.id.clock);
    for (const s of section) transform(s).write(encoder, 0);
  }
  writeDeletes(encoder, deletes);
  return encoder.toUint8Array();
}

/** An update that only deletes `ranges`. */
export function encodeDeletes(ranges: Ranges): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 0);
  writeDeletes(encoder, ranges);
  return encoder.toUint8Array();
}

function writeDeletes(encoder: Y.UpdateEncoderV1, ranges: Ranges): void {
  encoding.writeVarUint(encoder.restEncoder, ranges.size);
  for (const [client, list] of ranges) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    for (const { clock, len } of list) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
}
