import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { MESSAGE } from "../../shared/protocol/closeCodes";
import { actionSchemas } from "../../shared/protocol/events";
import type { Rng } from "../helpers/random";

/**
 * Seeded generators of hostile input for each way into the server: y-websocket frames,
 * socket.io events, raw engine.io packets and REST requests. Each returns data only; the
 * fuzz test sends it. The same seed always makes the same input.
 */

/** One hostile thing to send. */
export type FuzzCase =
  | { kind: "ws"; what: string; role: "clerk" | "viewer"; frames: (Uint8Array | string)[] }
  | { kind: "io"; what: string; event: string; args: unknown[] }
  | { kind: "engine"; what: string; packets: string[] }
  | { kind: "rest"; what: string; method: string; path: string; body: string; contentType: string };

const frame = (type: number, write: (e: encoding.Encoder) => void = () => {}) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
};

const syncFrame = (kind: number, payload: Uint8Array) =>
  frame(MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, kind);
    encoding.writeVarUint8Array(e, payload);
  });

function randomBytes(rng: Rng, max: number): Uint8Array {
  const out = new Uint8Array(1 + rng.int(max));
  for (let i = 0; i < out.length; i++) out[i] = rng.int(256);
  return out;
}

/** Flips, drops, duplicates or overwrites a few bytes, or cuts the tail off. */
function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  let out = Array.from(bytes);
  for (let n = 1 + rng.int(3); n > 0 && out.length > 0; n--) {
    const at = rng.int(out.length);
    switch (rng.int(5)) {
      case 0:
        out[at] = out[at]! ^ (1 << rng.int(8));
        break;
      case 1:
        out.splice(at, 1);
        break;
      case 2:
        out.splice(at, 0, rng.int(256));
        break;
      case 3:
        out[at] = rng.pick([0, 0x7f, 0x80, 0xff]);
        break;
      default:
        out = out.slice(0, at);
        break;
    }
  }
  return new Uint8Array(out);
}

const LEGIT_ROOTS = ["committee", "title", "venue"] as const;

/** A real update from a scratch replica: the shape a client sends, before it is tampered with. */
function realUpdate(rng: Rng): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1 + rng.int(2 ** 30);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText(rng.pick(LEGIT_ROOTS));
  for (let i = 0, n = 1 + rng.int(4); i < n; i++)
    text.insert(rng.int(text.length + 1), rng.pick(["a", "bc", "£", "😀", "\u0000", "x".repeat(50)]));
  if (rng.chance(0.5) && text.length > 1) text.delete(rng.int(text.length - 1), 1);
  // An empty item; a value of the wrong type here is a known hole (see "a clerk's update of the wrong shape" in fuzz.test.ts).
  if (rng.chance(0.3)) doc.getMap("items").set(`fz${rng.int(1000)}`, new Y.Map());
  if (rng.chance(0.2))
    doc.getMap(rng.pick(["confirmations", "control", "__proto__", "constructor"])).set("k", rng.pick([1, null, new Y.Map()]));
  const merged = Y.mergeUpdates(updates);
  doc.destroy();
  return merged;
}

/** An update whose structs depend on clocks nobody sent: the document cannot place it. */
function gappedUpdate(rng: Rng): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1 + rng.int(2 ** 30);
  const text = doc.getText(rng.pick(LEGIT_ROOTS));
  text.insert(0, "held back ");
  const before = Y.encodeStateVector(doc);
  text.insert(text.length, "never placed");
  const tail = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return tail;
}

function awarenessPayload(rng: Rng): Uint8Array {
  const e = encoding.createEncoder();
  switch (rng.int(5)) {
    case 0: // a declared count far beyond what follows
      encoding.writeVarUint(e, 2 ** 31);
      encoding.writeVarUint(e, 1);
      break;
    case 1: // not JSON
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, rng.int(2 ** 31));
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, rng.pick(["{", "undefined", "\u0000", '{"a":}']));
      break;
    case 2: {
      // JSON with prototype keys and deep nesting
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1 + rng.int(2 ** 30));
      encoding.writeVarUint(e, 1 + rng.int(100));
      encoding.writeVarString(
        e,
        rng.pick([
          '{"__proto__":{"polluted":true}}',
          '{"constructor":{"prototype":{"polluted":true}}}',
          "[".repeat(500) + "]".repeat(500),
          JSON.stringify({ user: { name: "x".repeat(20_000) } }),
        ]),
      );
      break;
    }
    case 3: {
      // a real update for two clients at once
      const a = new awarenessProtocol.Awareness(new Y.Doc());
      a.setLocalStateField("user", { name: "Mallory" });
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]));
      a.destroy();
      return mutate(rng, encoding.toUint8Array(e).slice(1));
    }
    default:
      return randomBytes(rng, 64);
  }
  return encoding.toUint8Array(e);
}

/** Hostile y-websocket frames. */
function wsCase(rng: Rng): FuzzCase {
  const role = rng.chance(0.8) ? "clerk" : "viewer";
  const pick = rng.int(11);
  const one = (what: string, data: Uint8Array | string): FuzzCase => ({ kind: "ws", what, role, frames: [data] });
  switch (pick) {
    case 0:
      return one("truncated varint", new Uint8Array([...randomBytes(rng, 4).map((b) => b | 0x80)]));
    case 1:
      return one(
        "huge declared length",
        frame(MESSAGE.sync, (e) => {
          encoding.writeVarUint(e, rng.int(3));
          encoding.writeVarUint(e, 2 ** (20 + rng.int(33)));
          encoding.writeUint8Array(e, randomBytes(rng, 16));
        }),
      );
    case 2:
      return one("invalid Yjs update", syncFrame(rng.pick([1, 2]), randomBytes(rng, 64)));
    case 3:
      return one(
        "wrong message type",
        frame(rng.pick([MESSAGE.auth, 4, 5, 127, 128, 2 ** 31, 2 ** 53 - 1]), (e) => encoding.writeUint8Array(e, randomBytes(rng, 8))),
      );
    case 4:
      return one("random bytes", randomBytes(rng, 256));
    case 5:
      return one("sync step 2 with garbage", syncFrame(syncProtocol.messageYjsSyncStep2, mutate(rng, realUpdate(rng))));
    case 6:
      return one("tampered update", syncFrame(syncProtocol.messageYjsUpdate, mutate(rng, realUpdate(rng))));
    case 7:
      return one(
        "awareness garbage",
        frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, awarenessPayload(rng))),
      );
    case 8:
      return one(
        "sync step 1 with a garbage state vector",
        syncFrame(
          syncProtocol.messageYjsSyncStep1,
          rng.chance(0.5) ? randomBytes(rng, 32) : new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xff, 0xff, 0xff, 0xff, 0x0f]),
        ),
      );
    case 9:
      return {
        kind: "ws",
        what: "untampered oddities",
        role,
        frames: Array.from({ length: 1 + rng.int(3) }, () =>
          syncFrame(syncProtocol.messageYjsUpdate, rng.chance(0.5) ? realUpdate(rng) : gappedUpdate(rng)),
        ),
      };
    default:
      return one("a text frame", rng.pick(["hello", "", "\u0000", "{}".repeat(100)]));
  }
}

const PROTO_KEYS = ["__proto__", "constructor", "prototype"];

function junkValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return rng.int(2 ** 31) * (rng.chance(0.5) ? -1 : 1);
    case 2:
      return rng.pick([NaN, Infinity, 1e308, -0, 0.5]);
    case 3:
      return rng.chance(0.5);
    case 4:
      return rng.pick([
        "",
        "x".repeat(rng.pick([1 + rng.int(1000), 100_000, 300_000])),
        "m".repeat(65),
        "../../etc/passwd",
        "a/b",
        "\u0000",
        "😀",
      ]);
    case 5:
      return "valid_id_" + rng.int(100);
    case 6:
      return undefined;
    case 7:
      return Array.from({ length: rng.int(4) }, () => junkValue(rng, depth + 1));
    default:
      return junkObject(rng, depth + 1);
  }
}

function junkObject(rng: Rng, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = ["meetingId", "itemId", "resolutionId", "status", "vote", "title", "text", "phrases", "role", ...PROTO_KEYS];
  for (let i = 0, n = rng.int(5); i < n; i++) {
    // defineProperty, so "__proto__" becomes an own key as JSON.parse would make it.
    Object.defineProperty(out, rng.pick(keys), { value: junkValue(rng, depth), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Hostile socket.io events: every action with the wrong payload, and names no one handles. */
function ioCase(rng: Rng, meetingId: string): FuzzCase {
  const event = rng.chance(0.85)
    ? rng.pick(Object.keys(actionSchemas))
    : rng.pick(["__proto__", "constructor", "hasOwnProperty", "nope", "x".repeat(1000)]);
  const payload = rng.chance(0.3) ? { ...junkObject(rng), meetingId: rng.chance(0.5) ? meetingId : junkValue(rng) } : junkValue(rng);
  const args = rng.chance(0.1) ? [] : rng.chance(0.1) ? [payload, junkValue(rng), junkValue(rng)] : [payload];
  return { kind: "io", what: `event ${event.slice(0, 40)}`, event, args };
}

/** Raw engine.io/socket.io packets on a WebSocket to the socket.io path, under the client library. */
function engineCase(rng: Rng): FuzzCase {
  const packets = [
    "40", // connect to the main namespace (unauthenticated: refused, but parsed)
    rng.pick([
      "42[",
      '42["meeting:join",',
      '451-["x",{"_placeholder":true,"num":"__proto__"}]',
      '451-["x",{"_placeholder":true,"num":99}]',
      "4",
      "9",
      "42",
      "43",
      "44{",
      "40/admin,",
      "4" + "2".repeat(1000),
      '42["lobby:list",{"__proto__":{"polluted":true}}]',
      "2probe",
      "",
    ]),
  ];
  if (rng.chance(0.4)) packets.push(String.fromCharCode(...randomBytes(rng, 40)));
  return { kind: "engine", what: `packet ${packets[1]!.slice(0, 30)}`, packets };
}

/** Hostile REST requests. */
function restCase(rng: Rng, meetingId: string): FuzzCase {
  const drawn = rng.pick(["POST", "PATCH", "PUT", "POST", "GET", "DELETE"]);
  const path = rng.pick([
    "/api/meetings",
    `/api/meetings/${meetingId}`,
    `/api/meetings/${meetingId}/import`,
    `/api/meetings/${meetingId}/versions`,
    `/api/meetings/${meetingId}/roles/nobody`,
    "/api/users",
    "/api/session",
    "/api/phrasebooks/Scrutiny",
    `/api/meetings/${meetingId}/export?format=${rng.pick(["pdf", "text", "__proto__"])}&variant[]=x&item=${rng.pick(["nope", "%00", "a".repeat(100)])}`,
    "/api/%E0%A4%A",
    "/api/meetings/__proto__",
  ]);
  // An admin deleting the meeting is allowed and would end the test, not find a fault.
  const method = drawn === "DELETE" && path === `/api/meetings/${meetingId}` ? "PATCH" : drawn;
  const contentType = rng.pick([
    "application/json",
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "application/json; charset=utf-16",
  ]);
  let body: string;
  switch (rng.int(6)) {
    case 0:
      body = rng.pick(["{", '{"a":}', "[1,", "nul", '"\\u0"', '{"title":"\\ud800"}']);
      break;
    case 1:
      body = JSON.stringify(junkValue(rng)) ?? "null";
      break;
    case 2:
      body = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"title":"x"}';
      break;
    case 3:
      body = JSON.stringify({ ...junkObject(rng), unknownField: 1, title: rng.pick(["t", 5, null]) });
      break;
    case 4:
      body = JSON.stringify({ text: "x".repeat(rng.pick([10, 2_000_001, 5 * 1024 * 1024])) });
      break;
    default:
      body = JSON.stringify({ phrases: [{ abbreviation: "__proto__", phrase: "x" }], constructor: { prototype: { polluted: true } } });
  }
  return { kind: "rest", what: `${method} ${path.slice(0, 60)} with ${body.slice(0, 30)}`, method, path, body, contentType };
}

/** One hostile case, drawn from every way in (half of them y-websocket frames). */
export function fuzzCase(rng: Rng, meetingId: string): FuzzCase {
  const r = rng.next();
  if (r < 0.5) return wsCase(rng);
  if (r < 0.7) return ioCase(rng, meetingId);
  if (r < 0.8) return engineCase(rng);
  return restCase(rng, meetingId);
}
