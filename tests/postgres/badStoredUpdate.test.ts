import pg from "pg";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type MeetingSnapshot } from "../../shared/meeting";
import { loadConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import { startServer, type LiveMinutesServer } from "../../server/createServer";
import { createTestDatabase } from "../helpers/postgres";

/** Bytes Yjs cannot read as an update. */
const GARBAGE = Buffer.from("garbage-not-yjs-at-all-");

/** A meeting's state with `venue` set. */
function stateWith(venue: string): Buffer {
  const doc = new Y.Doc();
  doc.getText("venue").insert(0, venue);
  return Buffer.from(Y.encodeStateAsUpdate(doc));
}

/** The same as tests/server/integration/badStoredUpdate.test.ts, with the rows in PostgreSQL: one meeting fails, naming the row; the rest load; nothing is written over. */
describe("a database row that holds a bad Yjs update", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: LiveMinutesServer;
  const ids = { good: newId(), badState: newId(), badRow: newId() };
  let badSeq = 0;
  const rows = async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const r = await c.query<{ meeting_id: string; data: Buffer }>(
        `SELECT meeting_id, state AS data FROM meeting_states UNION ALL SELECT meeting_id, update FROM meeting_updates ORDER BY 1, 2`,
      );
      // The good meeting is the server's to write; the bad ones must stay as they are.
      return r.rows.filter((x) => x.meeting_id !== ids.good).map((x) => `${x.meeting_id}:${x.data.toString("hex")}`);
    } finally {
      await c.end();
    }
  };
  let before: string[];
  const url = () => `http://127.0.0.1:${server.port}`;
  const get = async (meetingId: string) => {
    const token = await server.signer.sign({ k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 3600_000 });
    const res = await fetch(`${url()}/api/meetings/${meetingId}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; snapshot?: MeetingSnapshot } };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const setup = new PostgresStore(db.url);
    await setup.open();
    const now = new Date().toISOString();
    for (const id of Object.values(ids))
      await setup.saveMeeting({
        id,
        title: id,
        committee: "",
        date: "",
        status: "live",
        public: false,
        roles: {},
        createdAt: now,
        updatedAt: now,
      });
    await setup.close();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const state = "INSERT INTO meeting_states (meeting_id, state) VALUES ($1, $2)";
      await c.query(state, [ids.good, stateWith("Town Hall")]);
      await c.query(state, [ids.badState, GARBAGE]);
      await c.query(state, [ids.badRow, stateWith("Room 2")]);
      const row = "INSERT INTO meeting_updates (meeting_id, batch, update) VALUES ($1, gen_random_uuid(), $2) RETURNING seq";
      await c.query(row, [ids.badRow, stateWith("Room 3")]);
      badSeq = Number((await c.query<{ seq: string }>(row, [ids.badRow, GARBAGE])).rows[0]!.seq);
    } finally {
      await c.end();
    }
    before = await rows();
    const config = loadConfig({ LOG_LEVEL: "silent" }, { port: 0, host: "127.0.0.1", clientDir: "" });
    server = await startServer(config, new PostgresStore(db.url), createLogger("silent"));
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("the other meetings load", async () => {
    const good = await get(ids.good);
    expect(good.status).toBe(200);
    expect(good.body.snapshot?.venue).toBe("Town Hall");
  });

  it("fails loading a meeting whose state is not a Yjs update, naming the database and the meeting, never the password", async () => {
    const res = await get(ids.badState);
    expect(res.status).toBe(500);
    expect(res.body.error?.code).toBe("store-unreadable");
    expect(res.body.error?.message).toContain(`Database ${db.url}, meeting "${ids.badState}": the stored state is not a valid Yjs update`);
  });

  it("names the row when an update row is bad", async () => {
    const res = await get(ids.badRow);
    expect(res.status).toBe(500);
    expect(res.body.error?.message).toContain(`meeting "${ids.badRow}": update row ${badSeq} is not a valid Yjs update`);
  });

  it("never writes over the bad rows, even once the server stops", async () => {
    expect((await get(ids.badState)).status).toBe(500);
    await server.close();
    expect(await rows()).toEqual(before);
  });
});
