import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { entryTextPath, itemIds, newId, readItem, type ItemId, type TextPath } from "../../shared/meeting";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { TokenSigner } from "../../server/auth/tokens";
import { hashPassword } from "../../server/auth/passwords";
import { freePort, spawnServer, type ServerProcess } from "../../tests/helpers/serverProcess";
import type * as Y from "yjs";
import { buildSyntheticMeeting } from "../syntheticMeeting";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The built client the server serves. */
export const CLIENT_DIR = path.join(ROOT, "dist/client");

/** The local clerk's account. */
export const CLERK = { name: "Bench Clerk", password: "correct horse battery" } as const;

/** Builds the client as `npm start` does (React's production build). */
export async function buildClient(): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(ROOT, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = previous;
  }
}

/** One case of the bench: a meeting, the item the local clerk minutes, and where each remote clerk types. */
export interface BenchMeeting {
  label: string;
  id: string;
  items: number;
  stateBytes: number;
  openItem: string;
  /** Per remote clerk: the item and the text (a comment's response) it types into. */
  remote: { itemId: string; path: TextPath }[];
  /** Clerk tokens for the remote clerks' providers, as the tests obtain them (signed with the folder's key). */
  tokens: string[];
}

/** A data folder with the account and both meetings, and the server serving the built client over it. */
export interface BenchServer {
  url: string;
  wsUrl: string;
  /** The large meeting with colleagues in other items, then in the open item; then the one-item meeting. */
  meetings: BenchMeeting[];
  server: ServerProcess;
  stop(): Promise<void>;
}

/**
 * Writes a large meeting (`items` items, `hours` of typing) and a one-item meeting with the
 * same typing per item into a fresh data folder, then starts the real server on a free
 * loopback port. The remote clerks type into comments' responses in items other than the open
 * one where there are any; in the one-item meeting, into other comments of that item.
 */
export async function startBenchServer(options: { items: number; hours: number; remoteClerks: number }): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "live-minutes-bench-client-"));
  const store = new LowdbStore(dataDir);
  await store.open();
  await store.saveUser({
    id: newId(),
    name: CLERK.name,
    displayName: CLERK.name,
    role: "clerk",
    passwordHash: await hashPassword(CLERK.password),
    createdAt: new Date().toISOString(),
  });
  const signer = new TokenSigner(store);
  const meetings: BenchMeeting[] = [];
  const specs = [
    { label: `${options.items} items`, items: options.items, hours: options.hours },
    { label: "1 item", items: 1, hours: options.hours / options.items },
  ];
  for (const spec of specs) {
    const id = newId();
    const synthetic = buildSyntheticMeeting({ items: spec.items, hours: spec.hours, id });
    const now = new Date().toISOString();
    await store.saveMeeting({
      id,
      title: `Bench meeting, ${spec.label}`,
      committee: "",
      date: "",
      status: "live",
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    await store.replaceDocument(id, synthetic.state);
    const ids = itemIds(synthetic.doc);
    const openItem = ids[0]!;
    // A comment's response each: in items spread over the agenda away from the open one, or
    // in the open item's comments (the only choice in a one-item meeting).
    const inOtherItems = Array.from({ length: ids.length > 1 ? options.remoteClerks : 0 }, (_, i) => {
      const itemId = ids[1 + Math.floor(((i + 0.5) * (ids.length - 1)) / options.remoteClerks)]!;
      return { itemId, path: responsePath(synthetic.doc, itemId, 0) };
    });
    const inOpenItem = Array.from({ length: options.remoteClerks }, (_, i) => ({
      itemId: openItem,
      path: responsePath(synthetic.doc, openItem, i),
    }));
    const expires = Date.now() + 6 * 3600_000;
    const tokens = await Promise.all(inOpenItem.map(() => signer.sign({ k: "meeting", m: id, r: "clerk", e: expires })));
    const base = { id, items: spec.items, stateBytes: synthetic.state.byteLength, openItem, tokens };
    if (ids.length > 1) {
      meetings.push({ ...base, label: `${spec.label}, colleagues in other items`, remote: inOtherItems });
      meetings.push({ ...base, label: `${spec.label}, colleagues in the open item`, remote: inOpenItem });
    } else meetings.push({ ...base, label: `${spec.label}, colleagues in the open item`, remote: inOpenItem });
    synthetic.doc.destroy();
  }
  await store.close();
  const port = await freePort();
  const server = await spawnServer(dataDir, port, { CLIENT_DIR, MAX_CONNECTIONS_PER_ADDRESS: "0", LOG_LEVEL: "warn" });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/yjs`,
    meetings,
    server,
    async stop() {
      server.child.kill("SIGTERM");
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The response of the `index`th comment of an item (the index wraps around). */
function responsePath(doc: Y.Doc, itemId: ItemId, index: number): TextPath {
  const discussion = readItem(doc, itemId).discussion;
  return entryTextPath(itemId, "discussion", discussion[index % discussion.length]!.id, "response");
}
