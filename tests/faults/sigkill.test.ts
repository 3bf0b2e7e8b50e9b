import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import { addItem, itemTextPath, newId, textAt, type TextPath } from "../../shared/meeting";
import { MESSAGE } from "../../shared/protocol/closeCodes";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import type { Store } from "../../server/persistence/Store";
import { createTestDatabase } from "../helpers/postgres";
import { TokenSigner } from "../../server/auth/tokens";
import { connectProvider, synced } from "../helpers/server";
import { connectRaw, type RawClient } from "../helpers/rawClient";
import { freePort, spawnServer, type ServerProcess } from "../helpers/serverProcess";
import { createRng, type Rng } from "../helpers/random";
import { eventually } from "../helpers/eventually";
import { tempDir } from "../helpers/tempDir";
import { seedsFor, withSeed } from "./mode";

/**
 * SIGKILL at random moments, over many seeded runs, on each store (lowdb, and PostgreSQL
 * with STORE=postgres). Each run starts the real server as
 * its own process, has two or three clerks type through stock y-websocket providers and
 * one raw client send keystrokes straight onto the wire, kills the server with SIGKILL
 * (sometimes twice, the second time while the clients are re-syncing), and restarts it
 * on the same port and data. Checked each run:
 * - the disk holds every raw keystroke the server had taken more than 100 ms before the kill;
 * - once the providers reconnect, no keystroke of theirs is lost, live or on disk.
 */

/** Seeds that once failed, and what each caught. Run before the fresh ones. */
const REGRESSION_SEEDS: { seed: number; caught: string }[] = [];

/** The longest a received edit may wait in memory before it is on disk. */
const MAX_LOSS_MS = 100;

type Cleanup = () => Promise<unknown> | unknown;

type StoreKind = "lowdb" | "postgres";

interface Meeting {
  dir: string;
  meetingId: string;
  /** The settings that point the server at the store. */
  env: Record<string, string>;
  token(role: "clerk" | "viewer"): Promise<string>;
  /** The document as the store holds it. */
  onDisk(): Promise<Y.Doc>;
}

/** A data folder (and for postgres a database of its own) holding one live meeting, and tokens for it. */
async function prepare(cleanups: Cleanup[], kind: StoreKind): Promise<Meeting> {
  const { dir, cleanup } = await tempDir("live-minutes-kill-");
  cleanups.push(cleanup);
  let store: Store;
  let env: Record<string, string> = {};
  if (kind === "postgres") {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const pg = new PostgresStore(db.url);
    cleanups.push(() => pg.close());
    store = pg;
    env = { STORE: "postgres", DATABASE_URL: db.url };
  } else store = new LowdbStore(dir);
  await store.open();
  const meetingId = newId();
  const now = new Date().toISOString();
  await store.saveMeeting({
    id: meetingId,
    title: "Kill",
    committee: "",
    date: "",
    status: "live",
    public: false,
    roles: {},
    createdAt: now,
    updatedAt: now,
  });
  const signer = new TokenSigner(store);
  return {
    dir,
    meetingId,
    env,
    token: (role) => signer.sign({ k: "meeting", m: meetingId, r: role, e: Date.now() + 3600_000 }),
    async onDisk() {
      const doc = new Y.Doc();
      for (const u of await store.loadDocument(meetingId)) Y.applyUpdate(doc, u);
      await store.releaseDocument(meetingId);
      return doc;
    },
  };
}

/** A clerk typing into a field of its own through a stock provider, with random inserts and deletes. */
interface Typist {
  provider: WebsocketProvider;
  path: TextPath;
  typed: number;
  stop(): Promise<void>;
}

function startTyping(provider: WebsocketProvider, path: TextPath, rng: Rng): Typist {
  let running = true;
  const typist: Typist = {
    provider,
    path,
    typed: 0,
    stop: async () => {
      running = false;
      await loop;
    },
  };
  const pace = 2 + rng.int(6);
  const loop = (async () => {
    for (let n = 0; running && n < 100_000; n++) {
      const text = textAt(provider.doc, path)!;
      if (text.length > 3 && rng.chance(0.15)) text.delete(rng.int(text.length), 1);
      else text.insert(rng.chance(0.8) ? text.length : rng.int(text.length + 1), String.fromCharCode(97 + rng.int(26)));
      typist.typed++;
      // Typing cadence, not a wait for anything: a keystroke every few milliseconds.
      await new Promise((resolve) => setTimeout(resolve, pace));
    }
  })();
  return typist;
}

/**
 * A raw client appending keystrokes to its own field, each followed by a sync step 1. The
 * server answers frames in order and nothing but a step 1 gets a step 2 back, so a step 2's
 * arrival is when the server had certainly taken every keystroke sent before it.
 */
interface Keystrokes {
  /** Per keystroke: the field's text after it, and when the server had certainly taken it (Infinity until known). */
  log: { text: string; takenBy: number }[];
  stop(): Promise<void>;
}

function startKeystrokes(raw: RawClient, field: string, rng: Rng): Keystrokes {
  let running = true;
  const log: Keystrokes["log"] = [];
  let answered = 0;
  raw.ws.on("message", (data: Buffer) => {
    if (data[0] === MESSAGE.sync && data[1] === syncProtocol.messageYjsSyncStep2 && answered < log.length)
      log[answered++]!.takenBy = performance.now();
  });
  const text = raw.doc.getText(field);
  const pace = 6 + rng.int(6);
  const loop = (async () => {
    for (let i = 0; running && raw.ws.readyState === raw.ws.OPEN && i < 100_000; i++) {
      raw.sendUpdate(raw.capture(() => text.insert(text.length, String.fromCharCode(65 + (i % 26)))));
      log.push({ text: text.toString(), takenBy: Infinity });
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE.sync);
      syncProtocol.writeSyncStep1(step1, raw.doc);
      raw.sendRaw(encoding.toUint8Array(step1));
      await new Promise((resolve) => setTimeout(resolve, pace));
    }
  })();
  return {
    log,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

const total = (typists: Typist[]) => typists.reduce((n, t) => n + t.typed, 0);

async function killRun(seed: number, cleanups: Cleanup[], kind: StoreKind): Promise<void> {
  const rng = createRng(seed);
  const m = await prepare(cleanups, kind);
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}/yjs`;
  let server: ServerProcess = await spawnServer(m.dir, port, m.env);
  cleanups.push(() => server.child.kill("SIGKILL"));

  const clerkToken = await m.token("clerk");
  const providers = Array.from({ length: 2 + rng.int(2) }, () => connectProvider(url, m.meetingId, clerkToken));
  cleanups.push(() => providers.forEach((p) => p.destroy()));
  await Promise.all(providers.map(synced));
  // An item made with the meeting operations, so clerks also type inside the item tree.
  const itemId = addItem(providers[0]!.doc, { title: "" });
  await eventually(() => providers.forEach((p) => expect(textAt(p.doc, itemTextPath(itemId, "title"))).not.toBeNull()));
  // Each writer has a field of its own, so its own replica says what the field must hold.
  const [rawField, ...otherRoots] = rng.shuffle(["committee", "venue", "title"] as const);
  const fields: TextPath[] = rng.shuffle([
    ...otherRoots.map((f) => [f]),
    itemTextPath(itemId, "title"),
    itemTextPath(itemId, "discussionIntro"),
    itemTextPath(itemId, "number"),
  ]);
  const raw = await connectRaw(`${url}/${m.meetingId}?token=${await m.token("clerk")}`);
  cleanups.push(() => raw.ws.terminate());
  await raw.synced;
  // Each typing loop draws from its own stream: they run interleaved in time, and must not
  // shift the run's own choices (fields, kill moments), which a seed replays exactly.
  const typists = providers.map((p, i) => startTyping(p, fields[i]!, createRng(seed * 16 + i + 1)));
  cleanups.push(() => Promise.all(typists.map((t) => t.stop())));
  const keystrokes = startKeystrokes(raw, rawField!, createRng(seed * 16));

  // The first kill lands after a random amount of typing, and a random time after the raw
  // client's first keystroke was taken (never under 100 ms, so the disk check has something
  // to check); a second kill, in some runs, lands while the clients re-sync.
  const typing = 20 + rng.int(300);
  const rawFor = MAX_LOSS_MS + 20 + rng.int(500);
  await eventually(
    () => {
      expect(total(typists)).toBeGreaterThan(typing);
      expect(performance.now() - (keystrokes.log[0]?.takenBy ?? Infinity)).toBeGreaterThan(rawFor);
    },
    { timeout: 10_000 },
  );
  const killedAt = performance.now();
  server.child.kill("SIGKILL");
  await server.exited;
  await keystrokes.stop();

  const disk = await m.onDisk();
  const stored = disk.getText(rawField!).toString();
  const mustHave = keystrokes.log.filter((k) => k.takenBy < killedAt - MAX_LOSS_MS).at(-1)?.text ?? "";
  expect(
    stored.length,
    `the raw field on disk holds ${stored.length} characters, but the server had taken it up to ${mustHave.length} more than ${MAX_LOSS_MS} ms before the kill`,
  ).toBeGreaterThanOrEqual(mustHave.length);
  expect((keystrokes.log.at(-1)?.text ?? "").startsWith(stored), `on disk "${stored}" is not what was typed, in order`).toBe(true);

  // Typing goes on while the server is down, then it comes back on the same port.
  const offlineTyping = total(typists) + 10 + rng.int(100);
  await eventually(() => expect(total(typists)).toBeGreaterThan(offlineTyping), { timeout: 10_000 });
  server = await spawnServer(m.dir, port, m.env);
  if (rng.chance(0.35)) {
    const connectedFirst = rng.chance(0.5);
    if (connectedFirst) await eventually(() => expect(providers.some((p) => p.wsconnected)).toBe(true), { timeout: 10_000 });
    server.child.kill("SIGKILL");
    await server.exited;
    server = await spawnServer(m.dir, port, m.env);
  }
  await eventually(() => expect(providers.every((p) => p.wsconnected && p.synced)).toBe(true), { timeout: 10_000 });
  const afterReconnect = total(typists);
  await eventually(() => expect(total(typists)).toBeGreaterThan(afterReconnect + 20), { timeout: 10_000 });
  await Promise.all(typists.map((t) => t.stop()));

  // Zero loss, live: every clerk and a newcomer see each clerk's field exactly as that clerk has it.
  const viewer = connectProvider(url, m.meetingId, await m.token("viewer"));
  cleanups.push(() => viewer.destroy());
  await synced(viewer);
  const expected = typists.map((t) => ({ path: t.path.join("/"), text: textAt(t.provider.doc, t.path)!.toString() }));
  await eventually(
    () => {
      for (const doc of [viewer.doc, ...providers.map((p) => p.doc)]) {
        expect(typists.map((t) => ({ path: t.path.join("/"), text: textAt(doc, t.path)?.toString() }))).toEqual(expected);
      }
    },
    { timeout: 10_000 },
  );

  // Zero loss, on disk: a clean stop writes it all.
  server.child.kill("SIGTERM");
  expect((await server.exited).code).toBe(0);
  const final = await m.onDisk();
  expect(typists.map((t) => ({ path: t.path.join("/"), text: textAt(final, t.path)?.toString() }))).toEqual(expected);
}

const RUNS: Record<StoreKind, { fast: number; full: number }> = { lowdb: { fast: 3, full: 25 }, postgres: { fast: 2, full: 15 } };

describe.each(["lowdb", "postgres"] as const)("SIGKILL at random moments (%s)", (kind) => {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  for (const seed of seedsFor(
    7103,
    RUNS[kind],
    REGRESSION_SEEDS.map((r) => r.seed),
  )) {
    it(
      `seed ${seed}: loses no provider edit once clients reconnect, and at most ${MAX_LOSS_MS} ms of raw edits in the store`,
      () => withSeed(seed, () => killRun(seed, cleanups, kind)),
      60_000,
    );
  }
});
