import { expect } from "vitest";
import * as Y from "yjs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { io as connectControl, type Socket } from "socket.io-client";
import type { WebsocketProvider } from "y-websocket";
import { addItem, itemTextPath, newId, textAt } from "../../shared/meeting";
import { SOCKET_IO_PATH } from "../../shared/protocol/paths";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol/events";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { startServer, type LiveMinutesServer } from "../../server/createServer";
import { connectProvider, synced } from "../helpers/server";
import { eventually } from "../helpers/eventually";
import { tempDir } from "../helpers/tempDir";
import { FaultyStore } from "./faultyStore";

// Shared by the disk-fault tests: a server in this process over a store whose writes a test
// can make fail, clerks to work it, and a look at what reached the files.

/** Something to undo after a test, last first. */
export type Cleanup = () => Promise<unknown> | unknown;
/** What `meeting:saved` carries. */
export type Saved = Parameters<ServerToClientEvents["meeting:saved"]>[0];
/** One line the server logged, parsed. */
export type LogLine = { level: string; message: string; meetingId?: string; error?: string; unsaved?: number };

/** The running server, its store and one meeting. */
export interface Rig {
  server: LiveMinutesServer;
  store: FaultyStore;
  dir: string;
  meetingId: string;
  logged: LogLine[];
  wsUrl: string;
  token(role: "clerk" | "viewer"): Promise<string>;
  /** Stops the server once; later calls wait for the same stop. */
  stop(): Promise<void>;
}

/** A server in this process over a store whose writes the test can make fail. */
export async function rig(cleanups: Cleanup[], overrides: { idleUnloadMs?: number; dataDir?: string } = {}): Promise<Rig> {
  let dir = overrides.dataDir;
  if (!dir) {
    const temp = await tempDir("live-minutes-disk-");
    cleanups.push(temp.cleanup);
    dir = temp.dir;
  }
  const store = new FaultyStore(new LowdbStore(dir));
  const logged: LogLine[] = [];
  const config = loadConfig(
    { LOG_LEVEL: "info" },
    { port: 0, host: "127.0.0.1", dataDir: dir, clientDir: "", idleUnloadMs: overrides.idleUnloadMs ?? 60_000 },
  );
  const server = await startServer(
    config,
    store,
    createLogger("info", (line) => logged.push(JSON.parse(line) as LogLine)),
  );
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= server.close());
  cleanups.push(() => {
    store.fault = null;
    return stop();
  });
  const meetingId = newId();
  const now = new Date().toISOString();
  await store.saveMeeting({
    id: meetingId,
    title: "Disk",
    committee: "",
    date: "",
    status: "live",
    public: false,
    roles: {},
    createdAt: now,
    updatedAt: now,
  });
  const token = (role: "clerk" | "viewer") => server.signer.sign({ k: "meeting", m: meetingId, r: role, e: Date.now() + 3600_000 });
  return { server, store, dir, meetingId, logged, wsUrl: `ws://127.0.0.1:${server.port}/yjs`, token, stop };
}

/** What a meeting's document files hold: the compacted state's file and the lines of the update log. */
export interface DocFiles {
  file: { state: string; updates: string[] };
  log: string[];
}

/** The meeting as a fresh store reads it from the files, and the files' raw shape. */
export async function onDisk(dir: string, meetingId: string): Promise<{ doc: Y.Doc } & DocFiles> {
  const store = new LowdbStore(dir);
  await store.open();
  const doc = new Y.Doc();
  for (const u of await store.loadDocument(meetingId)) Y.applyUpdate(doc, u);
  // The state file appears with the first compaction; until then everything is in the log.
  const file = await readFile(path.join(dir, "meetings", `${meetingId}.json`), "utf8").then(
    (t) => JSON.parse(t) as DocFiles["file"],
    () => ({ state: "", updates: [] }),
  );
  const log = await readFile(path.join(dir, "meetings", `${meetingId}.log`), "utf8").then(
    (t) => t.split("\n").filter(Boolean),
    () => [],
  );
  return { doc, file, log };
}

/** A clerk typing into one text of its own until stopped. */
export function typing(provider: WebsocketProvider, text: () => Y.Text) {
  let running = true;
  let count = 0;
  const loop = (async () => {
    for (let n = 0; running && n < 100_000; n++) {
      const t = text();
      t.insert(t.length, String.fromCharCode(97 + (n % 26)));
      count++;
      // Typing cadence, not a wait for anything.
      await new Promise((resolve) => setTimeout(resolve, 4));
    }
  })();
  return {
    get count() {
      return count;
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Two clerks, one on an item title and one on the committee name, and a control-plane client watching save status. */
export async function clerks(r: Rig, cleanups: Cleanup[]) {
  const a = connectProvider(r.wsUrl, r.meetingId, await r.token("clerk"));
  const b = connectProvider(r.wsUrl, r.meetingId, await r.token("clerk"));
  cleanups.push(
    () => a.destroy(),
    () => b.destroy(),
  );
  await Promise.all([synced(a), synced(b)]);
  const itemId = addItem(a.doc, { title: "" });
  const path = itemTextPath(itemId, "title");
  await eventually(() => expect(textAt(b.doc, path)).not.toBeNull());
  const control: Socket<ServerToClientEvents, ClientToServerEvents> = connectControl(`http://127.0.0.1:${r.server.port}`, {
    path: SOCKET_IO_PATH,
    auth: { token: await r.token("clerk") },
    transports: ["websocket"],
  });
  cleanups.push(() => control.disconnect());
  const saved: Saved[] = [];
  control.on("meeting:saved", (s) => saved.push(s));
  await eventually(() => expect(control.connected).toBe(true));
  expect(await control.emitWithAck("meeting:join", { meetingId: r.meetingId })).toMatchObject({ ok: true });
  return { a, b, path, saved, titleOf: (doc: Y.Doc) => textAt(doc, path)!.toString() };
}
