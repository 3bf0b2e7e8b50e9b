import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../../server/auth/passwords";
import type { MeetingRecord, UserRecord } from "../../../server/persistence/Store";
import { connectRaw } from "../../helpers/rawClient";
import { startTestServer, type TestServer } from "../../helpers/server";
import { tempDir } from "../../helpers/tempDir";
import { describeRun, runCli, type CliResult } from "./runCli";

/**
 * The `minutes` CLI's admin commands (user add, meeting create, token), run as their own
 * processes over a data folder, alone and beside a real server on the same folder.
 */

const PASSWORD = "correct horse battery staple";
/** Each CLI run starts tsx (about a second, more when the whole suite shares the machine). */
const SLOW = { timeout: 60_000 };

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("live-minutes-cli-admin-"));
});
afterAll(async () => {
  await cleanup();
});

const cli = (args: string[], input?: string) => runCli(args, { dataDir: dir, input });
const addUser = (name: string, role: string, password = PASSWORD) =>
  cli(["user", "add", name, "--role", role, "--password-stdin"], `${password}\n`);
const createMeeting = (title: string) => cli(["meeting", "create", "--title", title]);
const users = async () => (JSON.parse(await readFile(path.join(dir, "users.json"), "utf8")) as { users: UserRecord[] }).users;
const meetings = async () =>
  (JSON.parse(await readFile(path.join(dir, "meetings.json"), "utf8")) as { meetings: MeetingRecord[] }).meetings;
/** The JSON a successful run printed. */
function output<T>(run: CliResult): T {
  expect(run.code, describeRun(run)).toBe(0);
  return JSON.parse(run.stdout) as T;
}

describe("minutes user add", SLOW, () => {
  it("creates an account from a password piped on stdin, storing only its scrypt hash", async () => {
    const printed = output<{ id: string; name: string; role: string }>(await addUser("alice", "admin"));
    expect(printed).toEqual({ id: expect.any(String), name: "alice", role: "admin" });
    const stored = (await users()).find((u) => u.id === printed.id);
    expect(stored).toMatchObject({ name: "alice", role: "admin" });
    expect(stored!.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword(PASSWORD, stored!.passwordHash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, stored!.passwordHash)).toBe(false);
    expect(await readFile(path.join(dir, "users.json"), "utf8")).not.toContain(PASSWORD);
  });

  it("refuses a taken name (in any case), an unknown role and a short password, saying which, and adds nobody", async () => {
    output(await addUser("bob", "clerk"));
    const before = await users();
    const [taken, role, short] = await Promise.all([
      addUser("BOB", "chair"),
      addUser("carol", "boss"),
      addUser("dave", "clerk", "hunter2"),
    ]);
    expect(taken).toMatchObject({ code: 1, stdout: "" });
    expect(taken.stderr).toContain('A user named "BOB" already exists');
    expect(role).toMatchObject({ code: 1, stdout: "" });
    expect(role.stderr).toMatch(/Invalid role: .*one of admin, clerk, chair/);
    expect(short).toMatchObject({ code: 1, stdout: "" });
    expect(short.stderr).toContain("Invalid password: passwords are at least 8 characters");
    expect(await users()).toEqual(before);
  });
});

describe("minutes meeting create and token", SLOW, () => {
  it("meeting create prints the new id and adds the meeting to meetings.json", async () => {
    const { id } = output<{ id: string }>(await createMeeting("Health Scrutiny Committee"));
    expect((await meetings()).find((m) => m.id === id)).toMatchObject({
      title: "Health Scrutiny Committee",
      status: "draft",
      public: false,
    });
  });

  it("refuses a meeting without a title, and a token for an unknown role or meeting, naming what is wrong", async () => {
    const [untitled, role, unknown] = await Promise.all([
      cli(["meeting", "create"]),
      cli(["token", "--meeting", "no-such-meeting", "--role", "mayor"]),
      cli(["token", "--meeting", "no-such-meeting", "--role", "clerk"]),
    ]);
    expect(untitled).toMatchObject({ code: 1, stdout: "" });
    expect(untitled.stderr).toContain("meeting create needs --title");
    expect(role).toMatchObject({ code: 1, stdout: "" });
    expect(role.stderr).toContain('token needs --role clerk|chair|viewer, not "mayor"');
    expect(unknown).toMatchObject({ code: 1, stdout: "" });
    expect(unknown.stderr).toContain('No meeting with id "no-such-meeting"');
  });
});

describe("beside a server running on the same data folder", SLOW, () => {
  let ts: TestServer;
  let bearer: string;
  beforeAll(async () => {
    ts = await startTestServer({}, dir);
    const adminId = await ts.addUser("root", "admin");
    bearer = await ts.server.signer.sign({ k: "session", u: adminId, s: "cli-test", e: Date.now() + 3600_000 });
  });
  afterAll(async () => {
    await ts.stop();
  });

  const rest = async (method: string, route: string, json?: unknown) => {
    const res = await fetch(`${ts.url}/api${route}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it("a token from `token` lets a Yjs client into that meeting, and only that one", async () => {
    const { id } = output<{ id: string }>(await createMeeting("Audit Committee"));
    const otherId = await ts.createMeeting("Planning Committee");
    const run = await cli(["token", "--meeting", id, "--role", "clerk"]);
    expect(run.code, describeRun(run)).toBe(0);
    const token = run.stdout.trim();
    const client = await connectRaw(`${ts.wsUrl}/${id}?token=${encodeURIComponent(token)}`);
    try {
      await client.synced;
      expect(client.doc.getMap("meeting").get("id")).toBe(id);
      expect(client.denied).toEqual([]);
    } finally {
      client.ws.close();
    }
    await expect(connectRaw(`${ts.wsUrl}/${otherId}?token=${encodeURIComponent(token)}`)).rejects.toMatchObject({ status: 403 });
  });

  it("user add and meeting create lose nothing while the server writes the same files, and the server sees what they wrote", async () => {
    // The CLI runs take about a second to start, so three REST writers of meetings and one
    // of users keep writing until every run has finished: the runs' writes land among theirs.
    // (Without the store's file lock this fails every time: lost entries or a failed rename.)
    let cliFinished = false;
    const runs = Promise.all([
      createMeeting("CLI meeting 1"),
      createMeeting("CLI meeting 2"),
      createMeeting("CLI meeting 3"),
      addUser("cli-user-1", "clerk"),
      addUser("cli-user-2", "chair"),
    ]).finally(() => {
      cliFinished = true;
    });
    const restMeetings: string[] = [];
    const restUsers: string[] = [];
    const writeMeetings = async (writer: number) => {
      for (let n = 1; !cliFinished || n === 1; n++) {
        const reply = await rest("POST", "/meetings", { title: `REST meeting ${writer}.${n}` });
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        restMeetings.push((reply.body as { id: string }).id);
      }
    };
    const writeUsers = async () => {
      while (!cliFinished || restUsers.length === 0) {
        const name = `rest-user-${restUsers.length + 1}`;
        const reply = await rest("POST", "/users", { name, role: "clerk", password: PASSWORD });
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        restUsers.push(name);
      }
    };
    const [results] = await Promise.all([runs, writeUsers(), ...[1, 2, 3].map(writeMeetings)]);
    const cliMeetings = results.slice(0, 3).map((r) => output<{ id: string }>(r).id);
    for (const r of results.slice(3)) output(r);

    const onDisk = await meetings();
    for (const id of [...cliMeetings, ...restMeetings])
      expect(
        onDisk.filter((m) => m.id === id),
        `meeting ${id} once in meetings.json`,
      ).toHaveLength(1);
    const names = (await users()).map((u) => u.name);
    for (const name of ["cli-user-1", "cli-user-2", ...restUsers]) expect(names, `user ${name} in users.json`).toContain(name);

    const listed = await rest("GET", "/meetings");
    expect(listed.status).toBe(200);
    expect((listed.body as { id: string }[]).map((m) => m.id)).toEqual(expect.arrayContaining([...cliMeetings, ...restMeetings]));
    const opened = await rest("GET", `/meetings/${cliMeetings[0]}`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ meeting: { id: cliMeetings[0], title: "CLI meeting 1" }, snapshot: { id: cliMeetings[0] } });
  });
});
