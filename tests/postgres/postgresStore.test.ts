import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import { knownMigrations } from "../../server/persistence/postgres/migrate";
import { createTestDatabase, postgresServer, withDatabase } from "../helpers/postgres";
import { freePort } from "../helpers/serverProcess";

/** What only the Postgres store has to get right: its rows, group commits, migrations and failures (the shared behaviour is in tests/contracts). */
describe("PostgresStore", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const open: PostgresStore[] = [];
  const store = async () => {
    const s = new PostgresStore(db.url);
    open.push(s);
    await s.open();
    return s;
  };
  const sql = async <R extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<R>(text, params)).rows;
    } finally {
      await c.end();
    }
  };
  const edits = (n: number, text = "x") => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < n; i++) doc.getText("t").insert(i, text);
    return { doc, updates };
  };
  const textOf = (stored: Uint8Array[]) => {
    const doc = new Y.Doc();
    for (const u of stored) Y.applyUpdate(doc, u);
    return doc.getText("t").toString();
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  afterAll(async () => db?.drop());

  it("applies its migrations once, recording them, and finds nothing to do the second time", async () => {
    const first = await store();
    const second = await store();
    expect([...first.applied, ...second.applied]).toEqual(knownMigrations());
    expect((await sql<{ name: string }>("SELECT name FROM pgmigrations")).map((r) => r.name)).toEqual(knownMigrations());
  });

  it("refuses a database whose schema is newer than the code, naming the migrations it does not know", async () => {
    await store();
    await sql("INSERT INTO pgmigrations (name, run_on) VALUES ($1, now())", ["9999999999999_from-the-future"]);
    try {
      const s = new PostgresStore(db.url);
      open.push(s);
      await expect(s.open()).rejects.toThrow(
        /newer schema than this version of live-minutes knows \(migrations 9999999999999_from-the-future/,
      );
    } finally {
      await sql("DELETE FROM pgmigrations WHERE name = $1", ["9999999999999_from-the-future"]);
    }
  });

  it("names the database it cannot reach, without its password", async () => {
    const port = await freePort();
    const s = new PostgresStore(`postgres://clerk:hunter2@127.0.0.1:${port}/minutes`);
    open.push(s);
    const error = await s.open().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain(`Cannot reach the database at postgres://clerk@127.0.0.1:${port}/minutes`);
    expect(error?.message).not.toContain("hunter2");
  });

  it("appends edits as rows and compaction folds them into one state row", async () => {
    const s = await store();
    const { doc, updates } = edits(5);
    await s.appendUpdates("m1", updates);
    expect(await sql("SELECT seq FROM meeting_updates WHERE meeting_id = $1", ["m1"])).toHaveLength(5);
    await s.loadDocument("m1");
    await s.replaceDocument("m1", Y.encodeStateAsUpdate(doc));
    expect(await sql("SELECT seq FROM meeting_updates WHERE meeting_id = $1", ["m1"])).toHaveLength(0);
    expect(await sql("SELECT meeting_id FROM meeting_states WHERE meeting_id = $1", ["m1"])).toHaveLength(1);
    expect(textOf(await s.loadDocument("m1"))).toBe("xxxxx");
  });

  it("compaction keeps a row another writer appended after the state it folds was read", async () => {
    const a = await store();
    const b = await store();
    const { doc, updates } = edits(3, "a");
    await a.appendUpdates("m2", updates);
    await a.loadDocument("m2");
    // Another process's edit, committed between a's load and a's compaction: not in a's state.
    const other = edits(1, "b");
    await b.appendUpdates("m2", other.updates);
    await a.replaceDocument("m2", Y.encodeStateAsUpdate(doc));
    const stored = await a.loadDocument("m2");
    expect(stored).toHaveLength(2);
    const merged = new Y.Doc();
    for (const u of stored) Y.applyUpdate(merged, u);
    expect(merged.getText("t").toString()).toContain("b");
    expect(merged.getText("t").toString()).toContain("aaa");
  });

  it("compaction keeps a row with a lower seq that another writer committed after this store's rows", async () => {
    const a = await store();
    const { doc, updates } = edits(2, "a");
    // Another writer takes a seq first but commits last.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("INSERT INTO meeting_updates (meeting_id, batch, update) VALUES ($1, gen_random_uuid(), $2)", [
        "m3",
        Buffer.from(edits(1, "z").updates[0]!),
      ]);
      await a.appendUpdates("m3", updates);
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    await a.replaceDocument("m3", Y.encodeStateAsUpdate(doc));
    const merged = new Y.Doc();
    for (const u of await a.loadDocument("m3")) Y.applyUpdate(merged, u);
    expect(merged.getText("t").toString()).toContain("z");
    expect(merged.getText("t").toString()).toContain("aa");
  });

  it("puts appends from many meetings that arrive together into fewer commits than appends", async () => {
    const s = await store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.appendUpdates(`g${i}`, edits(1).updates)));
    const [counts] = await sql<{ rows: string; batches: string }>(
      "SELECT count(*) AS rows, count(DISTINCT batch) AS batches FROM meeting_updates WHERE meeting_id LIKE 'g%'",
    );
    expect(Number(counts?.rows)).toBe(20);
    expect(Number(counts?.batches)).toBeLessThan(20);
  });

  it("stores an edit once when a commit succeeded but its caller was told it failed, and the edit was written again", async () => {
    const s = await store();
    const { updates } = edits(4);
    // The first commit reaches the database, then its answer is lost, as when a connection drops after COMMIT.
    const query = s.pool.query.bind(s.pool) as (...args: unknown[]) => Promise<unknown>;
    let lose = true;
    (s.pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
      const result = await query(...args);
      if (lose && String(args[0]).startsWith("INSERT INTO meeting_updates")) {
        lose = false;
        throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "08006" });
      }
      return result;
    };
    await expect(s.appendUpdates("d1", updates.slice(0, 2))).rejects.toThrow(/Cannot reach the database/);
    // As the room does: the failed batch again, merged, with what came since.
    await s.appendUpdates("d1", [Y.mergeUpdates(updates.slice(0, 2)), ...updates.slice(2)]);
    const rows = await sql<{ update: Buffer }>("SELECT update FROM meeting_updates WHERE meeting_id = $1 ORDER BY seq", ["d1"]);
    const ids = rows.flatMap((r) =>
      Y.decodeUpdate(new Uint8Array(r.update)).structs.map((st) => `${st.id.client}:${st.id.clock}+${st.length}`),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(textOf(rows.map((r) => new Uint8Array(r.update)))).toBe("xxxx");
  });

  it("keeps user names unique by their lower-case form, whatever the database's collation", async () => {
    const s = await store();
    const now = new Date().toISOString();
    await s.saveUser({ id: "u1", name: "ÉLODIE", displayName: "", role: "clerk", passwordHash: "h", createdAt: now });
    await expect(
      s.saveUser({ id: "u2", name: "élodie", displayName: "", role: "clerk", passwordHash: "h", createdAt: now }),
    ).rejects.toThrow(/already exists/);
    expect((await s.findUserByName(" élodie "))?.id).toBe("u1");
  });

  it("checks every statement's database: a URL naming another database stays apart", async () => {
    const s = await store();
    await s.saveMeeting({
      id: "apart",
      title: "T",
      committee: "",
      date: "",
      status: "draft",
      public: false,
      roles: {},
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    const other = await createTestDatabase(postgresServer().url);
    try {
      const t = new PostgresStore(withDatabase(postgresServer().url, other.name));
      await t.open();
      expect(await t.getMeeting("apart")).toBeNull();
      await t.close();
    } finally {
      await other.drop();
    }
  });
});
