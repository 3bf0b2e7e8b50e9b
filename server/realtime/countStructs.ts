import * as decoding from "lib0/decoding";

const BIT8 = 0x80;
const BIT7 = 0x40;
const BIT6 = 0x20;
const BITS5 = 0x1f;

/**
 * Counts the structs of a v1 update without building them, stopping once past `limit`:
 * a message of hundreds of thousands of tiny structs is refused after reading `limit` of
 * them, before Y.decodeUpdate would allocate every one. Follows Yjs's v1 struct layout
 * (readClientsStructRefs); anything it cannot read is left for decodeUpdate to name.
 */
export function countStructs(update: Uint8Array, limit: number): number {
  const d = decoding.createDecoder(update);
  let count = 0;
  try {
    // Counts are the structs actually read, not the ones declared: a short, garbled update
    // is malformed (decodeUpdate says so), not too large.
    const clients = decoding.readVarUint(d);
    for (let c = 0; c < clients; c++) {
      const structs = decoding.readVarUint(d);
      decoding.readVarUint(d); // client
      decoding.readVarUint(d); // clock
      for (let i = 0; i < structs; i++) {
        skipStruct(d);
        if (++count > limit) return count;
      }
    }
  } catch {
    return count;
  }
  return count;
}

function skipString(d: decoding.Decoder): void {
  const len = decoding.readVarUint(d);
  if (d.pos + len > d.arr.length) throw new RangeError("string past the end");
  d.pos += len;
}

function skipId(d: decoding.Decoder): void {
  decoding.readVarUint(d);
  decoding.readVarUint(d);
}

function skipStruct(d: decoding.Decoder): void {
  const info = decoding.readUint8(d);
  const ref = info & BITS5;
  if (ref === 0 || ref === 10) return void decoding.readVarUint(d); // GC or Skip: a length
  if (info & BIT8) skipId(d); // origin
  if (info & BIT7) skipId(d); // right origin
  if ((info & (BIT8 | BIT7)) === 0) {
    if (decoding.readVarUint(d) === 1)
      skipString(d); // a root, by name
    else skipId(d); // an item id
    if (info & BIT6) skipString(d); // map key
  }
  switch (ref) {
    case 1: // deleted
      return void decoding.readVarUint(d);
    case 2: // JSON
      for (let n = decoding.readVarUint(d); n > 0; n--) skipString(d);
      return;
    case 3: // binary
      return void decoding.readVarUint8Array(d);
    case 4: // string
    case 5: // embed
      return skipString(d);
    case 6: // format: key, value
      skipString(d);
      return skipString(d);
    case 7: {
      const typeRef = decoding.readVarUint(d);
      if (typeRef === 3 || typeRef === 5) skipString(d); // XML element or hook: a name
      return;
    }
    case 8: // any
      for (let n = decoding.readVarUint(d); n > 0; n--) decoding.readAny(d);
      return;
    case 9: // subdocument: guid, options
      skipString(d);
      return void decoding.readAny(d);
    default:
      throw new RangeError(`unknown content ${ref}`);
  }
}
