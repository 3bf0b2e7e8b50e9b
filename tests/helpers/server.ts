import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { loadConfig, type Config } from "../../server/config";
import { createLogger, type Logger } from "../../server/logger";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import type { Store } from "../../server/persistence/Store";
import { createTestDatabase } from "./postgres";
import { startServer, type LiveMinutesServer } from "../../server/createServer";
import { newId } from "../../shared/meeting";
import type { MeetingRole } from "../../shared/protocol/roles";
import { hashPassword } from "../../server/auth/passwords";
import { TokenSigner, type Claims } from "../../server/auth/tokens";
import { tempDir } from "./tempDir";

/** A real server on a free loopback port over a fresh data folder. */
export interface TestServer {
  server: LiveMinutesServer;
  dataDir: string;
  /** The server's store: lowdb, or PostgreSQL under TEST_STORE=postgres. */
  store: Store;
  url: string;
  wsUrl: string;
  config: Config;
  /** Stops the server (writing open meetings); the data folder stays for a restart. */
  stop(): Promise<void>;
  /** Starts a new server over the same data folder. */
  restart(): Promise<TestServer>;
  /** Removes the data folder. */
  cleanup(): Promise<void>;
  createMeeting(title?: string, extra?: { public?: boolean }): Promise<string>;
  /** A meeting token signed by the server's key in use. */
  token(meetingId: string, role: MeetingRole, hours?: number): Promise<string>;
  addUser(name: string, role: "admin" | "clerk" | "chair", password?: string): Promise<string>;
}

/** Starts a server for a test; `overrides` adjust its config, and `log` (silent by default) takes what it logs. */
/** The database of each test folder while TEST_STORE=postgres, so a restart finds its data. */
const databases = new Map<string, Awaited<ReturnType<typeof createTestDatabase>>>();

export async function startTestServer(
  overrides: Partial<Config> = {},
  existing?: { dir: string; cleanup(): Promise<void> } | string,
  log?: Logger,
): Promise<TestServer> {
  const { dir, cleanup } = typeof existing === "string" ? { dir: existing, cleanup: async () => {} } : (existing ?? (await tempDir()));
  const config = loadConfig(
    { LOG_LEVEL: "silent" },
    { port: 0, host: "127.0.0.1", dataDir: dir, clientDir: "", idleUnloadMs: 60_000, ...overrides },
  );
  // TEST_STORE=postgres runs the same test on PostgreSQL: a database of its own, kept across a
  // restart (as the folder is) and dropped with the folder at cleanup.
  let store: Store;
  let dropDatabase = async () => {};
  if (process.env.TEST_STORE === "postgres") {
    const db = databases.get(dir) ?? (await createTestDatabase());
    databases.set(dir, db);
    dropDatabase = async () => {
      databases.delete(dir);
      await db.drop();
    };
    store = new PostgresStore(db.url);
  } else store = new LowdbStore(dir);
  const server = await startServer(config, store, log ?? createLogger(config.logLevel));
  const url = `http://127.0.0.1:${server.port}`;
  const self: TestServer = {
    server,
    dataDir: dir,
    store,
    url,
    wsUrl: `ws://127.0.0.1:${server.port}/yjs`,
    config,
    stop: () => server.close(),
    // The restarted server owns the same folder, so its cleanup still removes it.
    restart: () => startTestServer(overrides, { dir, cleanup }, log),
    cleanup: async () => {
      await cleanup();
      await dropDatabase();
    },
    async createMeeting(title = "Scrutiny Committee", extra = {}) {
      const id = newId();
      const now = new Date().toISOString();
      await store.saveMeeting({
        id,
        title,
        committee: "",
        date: "",
        status: "live",
        public: extra.public ?? false,
        roles: {},
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },
    token(meetingId, role, hours = 1) {
      return server.signer.sign({ k: "meeting", m: meetingId, r: role, e: Date.now() + hours * 3600_000 });
    },
    async addUser(name, role, password = "correct horse battery") {
      const id = newId();
      await store.saveUser({
        id,
        name,
        displayName: name,
        role,
        passwordHash: await hashPassword(password),
        createdAt: new Date().toISOString(),
      });
      return id;
    },
  };
  return self;
}

/** A stock y-websocket provider connected to a meeting with a token, as any Yjs client would connect. */
export function connectProvider(wsUrl: string, meetingId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(wsUrl, meetingId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // In one Node process the providers would otherwise also talk over BroadcastChannel, around the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
}

/** Resolves once the provider has synced with the server. */
export function synced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const handler = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off("sync", handler);
      resolve();
    };
    provider.on("sync", handler);
  });
}

/**
 * A token for `claims` signed under the server's key ids with another secret: what someone
 * without the keys could make. It must be refused for its signature.
 */
export async function forgeToken(ts: TestServer, claims: Claims): Promise<string> {
  const keys = await ts.store.signingKeys();
  return new TokenSigner({ signingKeys: async () => keys.map((k) => ({ ...k, secret: new Uint8Array(32).fill(7) })) }).sign(claims);
}

/** What is on disk for a meeting of a running test server (its queued edits written first), loaded into a fresh document. */
export async function onDisk(ts: TestServer, meetingId: string): Promise<Y.Doc> {
  await ts.server.rooms.peek(meetingId)?.flush();
  const doc = new Y.Doc();
  for (const u of await ts.store.loadDocument(meetingId)) Y.applyUpdate(doc, u);
  return doc;
}
