import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import { connectProvider, synced } from "../helpers/server";
import { createTestDatabase } from "../helpers/postgres";
import { freePort, spawnServer, type ServerProcess } from "../helpers/serverProcess";
import { runMinutes } from "../helpers/minutesCli";
import { eventually } from "../helpers/eventually";
import { tempDir } from "../helpers/tempDir";

/** The server and the CLI with STORE=postgres: the same commands and clients as on lowdb, the data in the database. */
describe("STORE=postgres", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let cleanupDir: () => Promise<void>;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    ({ dir, cleanup: cleanupDir } = await tempDir());
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.child.kill("SIGKILL");
      await s.exited;
    }
  });
  afterAll(async () => {
    await db?.drop();
    await cleanupDir?.();
  });
  const env = () => ({ STORE: "postgres", DATABASE_URL: db.url });

  it("a server that cannot reach its database says so at start, naming it without the password, and exits non-zero", async () => {
    const closed = await freePort();
    const start = spawnServer(dir, await freePort(), {
      STORE: "postgres",
      DATABASE_URL: `postgres://clerk:hunter2@127.0.0.1:${closed}/minutes`,
    });
    const error = await start.then(
      () => null,
      (e: Error) => e.message,
    );
    expect(error).toContain("code 1");
    expect(error).toContain(`live-minutes could not start: Cannot reach the database at postgres://clerk@127.0.0.1:${closed}/minutes`);
    expect(error).not.toContain("hunter2");
  });

  it("a server on a database set up by a newer version refuses to start, naming the migrations it does not know", async () => {
    const migrate = await runMinutes(["db", "migrate"], env());
    expect(migrate.code, migrate.stderr).toBe(0);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query("INSERT INTO pgmigrations (name, run_on) VALUES ($1, now())", ["9999999999999_later"]);
      const error = await spawnServer(dir, await freePort(), env()).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(error).toContain("code 1");
      expect(error).toContain(`has a newer schema than this version of live-minutes knows (migrations 9999999999999_later`);
    } finally {
      await c.query("DELETE FROM pgmigrations WHERE name = $1", ["9999999999999_later"]);
      await c.end();
    }
  });

  it("the CLI makes an account, a meeting and a token there, and two stock providers edit it through the server; a restart keeps it", async () => {
    const user = await runMinutes(["user", "add", "Carla Clerk", "--role", "clerk", "--password-stdin"], env(), "a long password here\n");
    expect(user.code, user.stderr).toBe(0);
    expect(user.stderr).toContain(`minutes: database ${db.url}`);
    const meeting = await runMinutes(["meeting", "create", "--title", "Planning"], env());
    expect(meeting.code, meeting.stderr).toBe(0);
    const { id } = JSON.parse(meeting.stdout) as { id: string };
    const token = await runMinutes(["token", "--meeting", id, "--role", "clerk"], env());
    expect(token.code, token.stderr).toBe(0);

    const port = await freePort();
    servers.push(await spawnServer(dir, port, env()));
    const url = `ws://127.0.0.1:${port}/yjs`;
    const a = connectProvider(url, id, token.stdout.trim());
    const b = connectProvider(url, id, token.stdout.trim());
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getText("committee").insert(0, "Planning Committee");
      b.doc.getText("venue").insert(0, "Room 1");
      await eventually(() => {
        expect(a.doc.getText("venue").toString()).toBe("Room 1");
        expect(b.doc.getText("committee").toString()).toBe("Planning Committee");
      });
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toMatchObject({ ok: true });
      const signIn = await fetch(`http://127.0.0.1:${port}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
        body: JSON.stringify({ name: "carla clerk", password: "a long password here" }),
      });
      expect(signIn.status).toBe(200);
    } finally {
      a.destroy();
      b.destroy();
    }
    const server = servers.pop()!;
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);

    const store = new PostgresStore(db.url);
    await store.open();
    try {
      const doc = new Y.Doc();
      for (const u of await store.loadDocument(id)) Y.applyUpdate(doc, u);
      expect(doc.getText("committee").toString()).toBe("Planning Committee");
      expect(doc.getText("venue").toString()).toBe("Room 1");
    } finally {
      await store.close();
    }
  });
});
