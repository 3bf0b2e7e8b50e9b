import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { io as connectControl, type Socket } from "socket.io-client";
import { addItem, itemTextPath, textAt, toSnapshot, type ItemId } from "../../shared/meeting";
import { CLOSE, MESSAGE } from "../../shared/protocol/closeCodes";
import { SOCKET_IO_PATH } from "../../shared/protocol/paths";
import { actionSchemas } from "../../shared/protocol/events";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { connectProvider, startTestServer, synced, type TestServer } from "../helpers/server";
import { connectRaw } from "../helpers/rawClient";
import { createRng } from "../helpers/random";
import { eventually } from "../helpers/eventually";
import { fuzzCase, type FuzzCase } from "./fuzzCases";
import { FULL, collectGarbage, seedsFor, withSeed } from "./mode";
import type { WebsocketProvider } from "y-websocket";

/**
 * Seeded fuzz of every way into the server: malformed y-websocket frames, socket.io events
 * and packets, and REST requests. Throughout, two clerks keep typing in the same meeting
 * and must converge after every round; the server must answer each hostile input with a
 * refusal (a close code, a bad-request ack, a 4xx), never a crash, a hang or a 500; and
 * its heap must stay flat. A failing seed replays with FAULT_SEED and is kept below.
 */

/**
 * Seeds that once failed on a server fault, and what each caught. Run before the fresh ones.
 * None yet: the one fault found so far (an update of the wrong shape, first hit by seed 9102)
 * is kept as its own case below, since its generator is held back until it is fixed.
 */
const REGRESSION_SEEDS: { seed: number; caught: string }[] = [];

const ROUNDS = FULL ? 400 : 80;
/** Live heap growth allowed between the end of warm-up and the last round, after full collections. */
const HEAP_BOUND_BYTES = 16 * 1024 * 1024;
/** Close codes that refuse a hostile Yjs connection on purpose; anything else (1006: no close frame) is a fault. */
const REFUSALS: number[] = [CLOSE.malformed, CLOSE.rejected, CLOSE.rateLimited, CLOSE.tooLarge];

interface Harness {
  ts: TestServer;
  meetingId: string;
  a: WebsocketProvider;
  b: WebsocketProvider;
  itemId: ItemId;
  control: Socket;
  /** How many times the server has closed the control connection. */
  disconnects: { count: number };
  adminToken: string;
}

async function harness(cleanups: (() => Promise<unknown> | unknown)[]): Promise<Harness> {
  const ts = await startTestServer({ maxMessageBytes: 256 * 1024 });
  cleanups.push(
    () => ts.cleanup(),
    () => ts.stop(),
  );
  const meetingId = await ts.createMeeting("Fuzzed Committee");
  const adminId = await ts.addUser("fuzz-admin", "admin");
  const adminToken = await ts.server.signer.sign({ k: "session", u: adminId, s: "fuzz", e: Date.now() + 3600_000 });
  const a = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
  const b = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
  cleanups.push(
    () => a.destroy(),
    () => b.destroy(),
  );
  await Promise.all([synced(a), synced(b)]);
  const itemId = addItem(a.doc, { title: "" });
  await eventually(() => expect(textAt(b.doc, itemTextPath(itemId, "title"))).not.toBeNull());
  const control = connectControl(ts.url, {
    path: SOCKET_IO_PATH,
    auth: { token: await ts.token(meetingId, "clerk") },
    transports: ["websocket"],
    reconnectionDelay: 20,
    reconnectionDelayMax: 100,
  });
  cleanups.push(() => control.disconnect());
  await eventually(() => expect(control.connected).toBe(true));
  const disconnects = { count: 0 };
  control.on("disconnect", () => disconnects.count++);
  return { ts, meetingId, a, b, itemId, control, disconnects, adminToken };
}

/** Sends one Yjs case on its own connection; resolves with the close code, or null if the server kept it open. */
async function sendWs(h: Harness, c: Extract<FuzzCase, { kind: "ws" }>): Promise<number | null> {
  const raw = await connectRaw(`${h.ts.wsUrl}/${h.meetingId}?token=${await h.ts.token(h.meetingId, c.role)}`);
  await raw.synced;
  let answered = false;
  // Only a sync step 1 gets a step 2 back (presence and others' edits arrive unasked).
  raw.ws.on("message", (data: Buffer) => data[0] === MESSAGE.sync && data[1] === syncProtocol.messageYjsSyncStep2 && (answered = true));
  for (const f of c.frames) if (raw.ws.readyState === raw.ws.OPEN) raw.sendRaw(f);
  // Frames are handled in order: an answer to this step 1 means the hostile ones were handled and survived.
  const probe = encoding.createEncoder();
  encoding.writeVarUint(probe, MESSAGE.sync);
  syncProtocol.writeSyncStep1(probe, new Y.Doc());
  if (raw.ws.readyState === raw.ws.OPEN) raw.sendRaw(encoding.toUint8Array(probe));
  let code: number | null = null;
  void raw.closed.then((closed) => (code = closed.code));
  await eventually(() => expect(answered || code !== null).toBe(true));
  if (code === null) {
    raw.ws.close();
    await raw.closed;
    return null;
  }
  return code;
}

/**
 * Sends one socket.io case. An action with one payload must be answered, with a result or a
 * refusal but never an internal error. Events no handler knows, extra arguments (which put the
 * acknowledgement where the handler does not look) and packets over socket.io's size limit
 * (which close that connection) get no answer; the connection must still work after them.
 */
async function sendIo(h: Harness, c: Extract<FuzzCase, { kind: "io" }>): Promise<void> {
  await eventually(() => expect(h.control.connected).toBe(true));
  // Over the server's maxHttpBufferSize (256 KiB); the generators keep clear of the edge.
  const oversized = (JSON.stringify(c.args) ?? "").length > 256 * 1024;
  if (Object.hasOwn(actionSchemas, c.event) && c.args.length <= 1 && !oversized) {
    const ack = (await h.control.timeout(3000).emitWithAck(c.event, ...c.args)) as { ok: boolean; error?: { code: string } };
    expect(ack.ok || ack.error?.code !== "internal", `ack ${JSON.stringify(ack)}`).toBe(true);
  } else {
    const before = h.disconnects.count;
    h.control.emit(c.event, ...c.args);
    if (oversized) await eventually(() => expect(h.disconnects.count).toBeGreaterThan(before));
  }
  await eventually(() => expect(h.control.connected).toBe(true));
  const lobby = (await h.control.timeout(3000).emitWithAck("lobby:list", {})) as { ok: boolean };
  expect(lobby.ok).toBe(true);
}

/** Sends raw engine.io packets; the connection must still connect a namespace afterwards, or be closed. */
async function sendEngine(h: Harness, c: Extract<FuzzCase, { kind: "engine" }>): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${h.ts.server.port}${SOCKET_IO_PATH}/?EIO=4&transport=websocket`);
  const received: string[] = [];
  let closed = false;
  ws.on("message", (data: Buffer) => received.push(data.toString()));
  ws.on("close", () => (closed = true));
  ws.on("error", () => (closed = true));
  await eventually(() => expect(received.length > 0 || closed).toBe(true));
  for (const p of c.packets) if (ws.readyState === ws.OPEN) ws.send(p);
  if (ws.readyState === ws.OPEN) ws.send(`40${JSON.stringify({ token: await h.ts.token(h.meetingId, "clerk") })}`);
  await eventually(() => expect(closed || received.some((m) => m.startsWith("40{"))).toBe(true));
  ws.terminate();
}

/** Sends one REST case; it must be refused with a JSON error or served, never a 500. */
async function sendRest(h: Harness, c: Extract<FuzzCase, { kind: "rest" }>): Promise<void> {
  const res = await fetch(`${h.ts.url}${c.path}`, {
    method: c.method,
    headers: { authorization: `Bearer ${h.adminToken}`, "content-type": c.contentType },
    body: c.method === "GET" ? undefined : c.body,
  });
  const text = await res.text();
  expect(res.status, `${c.method} ${c.path}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

/** Both clerks type one more character; each must see the other's. */
async function typeAndConverge(h: Harness, round: number): Promise<void> {
  const path = itemTextPath(h.itemId, "title");
  const titleA = textAt(h.a.doc, path)!;
  titleA.insert(titleA.length, String.fromCharCode(97 + (round % 26)));
  const committeeB = h.b.doc.getText("committee");
  committeeB.insert(committeeB.length, String.fromCharCode(65 + (round % 26)));
  const expected = { title: titleA.toString(), committee: committeeB.toString() };
  await eventually(() => {
    expect(textAt(h.b.doc, path)?.toString()).toBe(expected.title);
    expect(h.a.doc.getText("committee").toString()).toBe(expected.committee);
  });
}

// Found by seed 9102: a well-formed update that puts a number where an item belongs used to
// be applied, and every reader of the meeting threw on it from then on. The guard now checks
// what stands where (SPEC 13).
describe("a clerk's update of the wrong shape", () => {
  let ts: TestServer | null = null;
  afterEach(async () => {
    await ts?.stop();
    await ts?.cleanup();
  });

  it("is refused, and the meeting still reads (SPEC 13)", async () => {
    ts = await startTestServer();
    const meetingId = await ts.createMeeting();
    const raw = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    await raw.synced;
    raw.sendUpdate(raw.capture((doc) => doc.getMap("items").set("wrong", 5)));
    await eventually(() => expect(raw.denied).toEqual([expect.stringMatching(/^change refused, re-sync: items\/wrong must be a map/)]));
    expect(ts.server.rooms.peek(meetingId)!.doc.getMap("items").has("wrong")).toBe(false);
    raw.ws.close();
    const res = await fetch(`${ts.url}/api/meetings/${meetingId}`, {
      headers: { authorization: `Bearer ${await ts.token(meetingId, "clerk")}` },
    });
    expect(res.status).toBe(200);
  });
});

describe("fuzzing every way into the server", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const seeds = seedsFor(
    9100,
    { fast: 2, full: 8 },
    REGRESSION_SEEDS.map((r) => r.seed),
  );
  for (const seed of seeds) {
    it(
      `seed ${seed}: stays up, refuses cleanly, keeps two clerks converging, and keeps its heap flat`,
      async () => {
        await withSeed(seed, async () => {
          const h = await harness(cleanups);
          const rng = createRng(seed);
          const warmUp = Math.floor(ROUNDS / 4);
          let heapAfterWarmUp = 0;
          const outcomes = { refused: 0, kept: 0 };
          for (let round = 0; round < ROUNDS; round++) {
            const c = fuzzCase(rng, h.meetingId);
            try {
              if (c.kind === "ws") {
                const code = await sendWs(h, c);
                if (code !== null) expect(REFUSALS, `close code ${code}`).toContain(code);
                outcomes[code === null ? "kept" : "refused"]++;
              } else if (c.kind === "io") await sendIo(h, c);
              else if (c.kind === "engine") await sendEngine(h, c);
              else await sendRest(h, c);
              await typeAndConverge(h, round);
            } catch (error) {
              (error as Error).message = `round ${round}, ${c.kind} ${c.what}: ${(error as Error).message}`;
              throw error;
            }
            if (round === warmUp) {
              collectGarbage();
              heapAfterWarmUp = process.memoryUsage().heapUsed;
            }
          }
          collectGarbage();
          const growth = process.memoryUsage().heapUsed - heapAfterWarmUp;
          expect(growth, `live heap grew by ${(growth / 1048576).toFixed(1)} MB over ${ROUNDS - warmUp} rounds`).toBeLessThan(
            HEAP_BOUND_BYTES,
          );
          expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
          // The generators reach both sides of the guard: frames it refuses, and frames it lets through.
          expect(outcomes.refused).toBeGreaterThan(0);
          expect(outcomes.kept).toBeGreaterThan(0);

          // What is stored loads back into the meeting everyone sees.
          const room = h.ts.server.rooms.peek(h.meetingId)!;
          await room.flush();
          const fresh = new LowdbStore(h.ts.dataDir);
          await fresh.open();
          const stored = new Y.Doc();
          for (const u of await fresh.loadDocument(h.meetingId)) Y.applyUpdate(stored, u);
          expect(toSnapshot(stored)).toEqual(toSnapshot(room.doc));
          expect(toSnapshot(h.a.doc)).toEqual(toSnapshot(room.doc));
        });
      },
      30_000 + ROUNDS * 150,
    );
  }
});
