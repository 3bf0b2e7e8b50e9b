import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { newId } from "../../shared/meeting";
import { TokenSigner } from "../../server/auth/tokens";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import { connectProvider, synced } from "../helpers/server";
import { createTestDatabase, postgresServer, terminateConnections } from "../helpers/postgres";
import { startPrivatePostgres } from "../helpers/privatePostgres";
import { freePort, spawnServer, type ServerProcess } from "../helpers/serverProcess";
import { eventually } from "../helpers/eventually";
import { tempDir } from "../helpers/tempDir";
import { typing, type Cleanup } from "./faultyServer";

/**
 * The database going away under a server with STORE=postgres while two clerks type: its
 * connections killed (pg_terminate_backend) again and again, then refused altogether for a
 * while; or the database server shut down and started again. The server keeps the edits in
 * memory, says so on /api/health, retries with backoff and writes them once the database is
 * back: nothing lost, nothing stored twice.
 */

/** How the database goes away: `down` makes it unreachable (after any trouble short of that), `up` brings it back. */
interface Outage {
  /** Where the test's database lives, and its name. */
  database(cleanups: Cleanup[]): Promise<{ url: string; name: string; serverUrl: string }>;
  down(db: { name: string; serverUrl: string }, cleanups: Cleanup[], typed: () => number): Promise<void>;
  up(): Promise<void>;
  /** What /api/health says while it is down. */
  error: RegExp;
}

/** Where the stored rows overlap: the same (client, clock) in two rows means an edit was stored twice. */
function storedTwice(rows: Uint8Array[]): string[] {
  const byClient = new Map<number, { from: number; to: number; row: number }[]>();
  rows.forEach((row, i) => {
    for (const s of Y.decodeUpdate(row).structs) {
      if (s.constructor.name === "Skip") continue;
      const list = byClient.get(s.id.client) ?? [];
      list.push({ from: s.id.clock, to: s.id.clock + s.length, row: i });
      byClient.set(s.id.client, list);
    }
  });
  const twice: string[] = [];
  for (const [client, list] of byClient) {
    list.sort((x, y) => x.from - y.from);
    for (let i = 1; i < list.length; i++)
      if (list[i]!.from < list[i - 1]!.to)
        twice.push(`client ${client} clocks ${list[i]!.from}-${list[i - 1]!.to} in rows ${list[i - 1]!.row} and ${list[i]!.row}`);
  }
  return twice;
}

/** Connections killed five times under load, then refused (ALLOW_CONNECTIONS false) until allowed again. */
function killedThenRefused(): Outage {
  let allow: (yes: boolean) => Promise<unknown> = async () => {};
  return {
    async database(cleanups) {
      const db = await createTestDatabase();
      cleanups.push(() => db.drop());
      return { url: db.url, name: db.name, serverUrl: postgresServer().url };
    },
    async down(db, cleanups, typed) {
      for (let i = 0; i < 5; i++) {
        const before = typed();
        await terminateConnections(db.serverUrl, db.name);
        await eventually(() => expect(typed()).toBeGreaterThan(before + 20));
      }
      const c = new pg.Client({ connectionString: db.serverUrl });
      await c.connect();
      cleanups.push(() => c.end());
      allow = (yes) => c.query(`ALTER DATABASE ${c.escapeIdentifier(db.name)} ALLOW_CONNECTIONS ${yes ? "true" : "false"}`);
      cleanups.push(() => allow(true));
      await allow(false);
      await terminateConnections(db.serverUrl, db.name);
    },
    up: async () => void (await allow(true)),
    error: /not currently accepting connections/,
  };
}

/** A PostgreSQL of this test's own, shut down (fast) and started again on the same port. */
function restarted(): Outage {
  let server: Awaited<ReturnType<typeof startPrivatePostgres>>;
  return {
    async database(cleanups) {
      server = await startPrivatePostgres();
      cleanups.push(() => server.stop());
      const db = await createTestDatabase(server.url);
      return { url: db.url, name: db.name, serverUrl: server.url };
    },
    down: () => server.halt(),
    up: () => server.start(),
    error: /Cannot reach the database at postgres:\/\/postgres@127\.0\.0\.1:\d+\/lm_test_/,
  };
}

describe("a database that goes away under load (STORE=postgres)", () => {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  for (const [name, outage] of [
    ["connections killed, then refused", killedThenRefused],
    ["the database server restarted", restarted],
  ] as const)
    it(
      `${name}: keeps edits in memory, says so on /api/health, and writes each of them once when the database is back`,
      () => outageRun(outage(), cleanups),
      90_000,
    );
});

async function outageRun(outage: Outage, cleanups: Cleanup[]): Promise<void> {
  const db = await outage.database(cleanups);
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const store = new PostgresStore(db.url);
  cleanups.push(() => store.close());
  await store.open();
  const meetingId = newId();
  const now = new Date().toISOString();
  await store.saveMeeting({
    id: meetingId,
    title: "Outage",
    committee: "",
    date: "",
    status: "live",
    public: false,
    roles: {},
    createdAt: now,
    updatedAt: now,
  });
  const token = await new TokenSigner(store).sign({ k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 3600_000 });

  const port = await freePort();
  const server: ServerProcess = await spawnServer(dir, port, { STORE: "postgres", DATABASE_URL: db.url });
  cleanups.push(async () => {
    server.child.kill("SIGKILL");
    await server.exited;
  });
  let exit = "";
  void server.exited.then((e) => (exit = `code ${e.code}, signal ${e.signal}: ${e.stderr}`));
  const health = async () => {
    // A server that died must say why, not leave the test to time out on a refused connection.
    if (exit) throw new Error(`the server exited (${exit})`);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; unsaved: { unsaved: number; error: string }[] } };
  };
  const url = `ws://127.0.0.1:${port}/yjs`;
  const a = connectProvider(url, meetingId, token);
  const b = connectProvider(url, meetingId, token);
  cleanups.push(
    () => a.destroy(),
    () => b.destroy(),
  );
  await Promise.all([synced(a), synced(b)]);
  const typeA = typing(a, () => a.doc.getText("committee"));
  const typeB = typing(b, () => b.doc.getText("venue"));
  cleanups.push(
    () => typeA.stop(),
    () => typeB.stop(),
  );
  await eventually(() => expect(typeA.count + typeB.count).toBeGreaterThan(50));

  await outage.down(db, cleanups, () => typeA.count + typeB.count);
  const down = await eventually(
    async () => {
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.body.unsaved[0]?.unsaved).toBeGreaterThan(0);
      // The latest failure: a write in flight when connections were killed fails first with that.
      expect(h.body.unsaved[0]?.error).toMatch(outage.error);
      return h.body;
    },
    { timeout: 10_000 },
  );
  expect(down.ok).toBe(false);
  expect(down.unsaved[0]!.error).toContain(db.name);
  const typedWhileDown = typeA.count + typeB.count;
  await eventually(() => expect(typeA.count + typeB.count).toBeGreaterThan(typedWhileDown + 100), { timeout: 10_000 });
  expect((await health()).status).toBe(503);

  await outage.up();
  await eventually(async () => expect(await health()).toMatchObject({ status: 200, body: { ok: true, unsaved: [] } }), {
    timeout: 15_000,
  });
  await Promise.all([typeA.stop(), typeB.stop()]);
  const committee = a.doc.getText("committee").toString();
  const venue = b.doc.getText("venue").toString();
  expect(committee.length).toBe(typeA.count);
  expect(venue.length).toBe(typeB.count);

  // Everything typed is in the database, and no edit in it twice.
  await eventually(
    async () => {
      const doc = new Y.Doc();
      for (const u of await store.loadDocument(meetingId)) Y.applyUpdate(doc, u);
      expect(doc.getText("committee").toString()).toBe(committee);
      expect(doc.getText("venue").toString()).toBe(venue);
    },
    { timeout: 10_000 },
  );
  expect(storedTwice([...(await store.loadDocument(meetingId))])).toEqual([]);
  expect(server.child.exitCode).toBeNull();
}
