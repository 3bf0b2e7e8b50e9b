import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

/** One client's entry in a y-protocols awareness update. */
export interface AwarenessEntry {
  id: number;
  clock: number;
  /** The state as sent, JSON ("null" when the client left). */
  json: string;
}

/** The entries of an awareness update; throws on a malformed one (a state that is not JSON included). */
export function readAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    JSON.parse(json);
    entries.push({ id, clock, json });
  }
  return entries;
}

/** An awareness update of the given entries, as y-protocols encodes one. */
export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { id, clock, json } of entries) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
