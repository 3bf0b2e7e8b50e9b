import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../helpers/eventually";
import { startTestServer, type TestServer } from "../../helpers/server";
import { tempDir } from "../../helpers/tempDir";
import { api, PASSWORD, signIn } from "../http/client";
import { describeRun, runCli, type CliResult } from "./runCli";

/**
 * `minutes key list` and `minutes key rotate`, run as their own processes beside a server on
 * the same data folder: a new key signs from then on, the tokens and sessions the old one
 * signed keep working until they expire, and `--drop-old` refuses them at once.
 */

/** Each CLI run starts tsx (about a second, more when the whole suite shares the machine). */
const SLOW = { timeout: 60_000 };

interface Shown {
  kid: string;
  createdAt: string;
  retiredAt: string | null;
}

describe("signing key rotation from the CLI, beside a running server", SLOW, () => {
  let ts: TestServer;
  let data: { dir: string; cleanup: () => Promise<void> };
  let meetingId: string;
  const cli = (...args: string[]) => runCli(args, { dataDir: data.dir });
  const output = <T>(run: CliResult): T => {
    expect(run.code, describeRun(run)).toBe(0);
    return JSON.parse(run.stdout) as T;
  };
  const cliToken = async () => {
    const run = await cli("token", "--meeting", meetingId, "--role", "viewer");
    expect(run.code, describeRun(run)).toBe(0);
    return run.stdout.trim();
  };
  const asViewer = (token: string) => api<{ error?: { message: string } }>(ts, "GET", `/api/meetings/${meetingId}`, { token });
  beforeAll(async () => {
    data = await tempDir("live-minutes-keys-");
    ts = await startTestServer({}, data.dir);
    meetingId = await ts.createMeeting("Audit");
    await ts.addUser("jclerk", "clerk");
  });
  afterAll(async () => {
    await ts.stop();
    await data.cleanup();
  });

  it("lists the keys by id and date, never their secrets, and keeps them in a file only its owner may read", async () => {
    const listed = output<{ keys: Shown[] }>(await cli("key", "list"));
    expect(listed.keys).toEqual([{ kid: expect.any(String), createdAt: expect.any(String), retiredAt: null }]);
    const file = path.join(data.dir, "signing-keys.json");
    const stored = JSON.parse(await readFile(file, "utf8")) as { keys: { key: string }[] };
    expect(JSON.stringify(listed)).not.toContain(stored.keys[0]!.key);
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it("rotates: the new key signs the CLI's tokens and the server's sessions, and the old key's tokens and sessions keep working", async () => {
    const [before] = output<{ keys: Shown[] }>(await cli("key", "list")).keys;
    const oldToken = await cliToken();
    const oldCookie = await signIn(ts, "jclerk");
    expect(decodeProtectedHeader(oldToken).kid).toBe(before!.kid);

    const rotated = output<{ kid: string; keys: Shown[]; dropped: string[] }>(await cli("key", "rotate"));
    expect(rotated.kid).not.toBe(before!.kid);
    expect(rotated.keys.map((k) => [k.kid, k.retiredAt === null])).toEqual([
      [rotated.kid, true],
      [before!.kid, false],
    ]);
    expect(rotated.dropped).toEqual([]);

    const newToken = await cliToken();
    expect(decodeProtectedHeader(newToken).kid).toBe(rotated.kid);
    // The running server takes the new key's token at once, and still the old key's token and session.
    expect((await asViewer(newToken)).status).toBe(200);
    expect((await asViewer(oldToken)).status).toBe(200);
    expect(await api(ts, "GET", "/api/session", { cookie: oldCookie })).toMatchObject({ status: 200, body: { user: { name: "jclerk" } } });
    // Sessions signed from now on carry the new key (the server reads the keys again within seconds).
    await eventually(
      async () => {
        const res = await fetch(`${ts.url}/api/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "jclerk", password: PASSWORD }),
        });
        const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!.split("=")[1]!;
        expect(decodeProtectedHeader(decodeURIComponent(cookie)).kid).toBe(rotated.kid);
      },
      { timeout: 15_000, interval: 200 },
    );
  });

  it("rotates with --drop-old: every older key goes, and what it signed is refused, saying why", async () => {
    const oldToken = await cliToken();
    const oldCookie = await signIn(ts, "jclerk");
    const rotated = output<{ kid: string; keys: Shown[]; dropped: string[] }>(await cli("key", "rotate", "--drop-old"));
    expect(rotated.keys.map((k) => k.kid)).toEqual([rotated.kid]);
    expect(rotated.dropped).toHaveLength(2);
    expect((await asViewer(await cliToken())).status).toBe(200);
    await eventually(
      async () => {
        const refused = await asViewer(oldToken);
        expect(refused.status).toBe(401);
        expect(refused.body.error!.message).toBe(
          "Token refused: the token was signed with a key this server does not hold (signed for other data, or with a key dropped since).",
        );
      },
      { timeout: 15_000, interval: 200 },
    );
    // A session cookie that no longer verifies is nobody's.
    expect(await api(ts, "GET", "/api/session", { cookie: oldCookie })).toMatchObject({ status: 200, body: { user: null } });
  });

  it("refuses a token meant to outlive every key, naming the limit", async () => {
    const run = await cli("token", "--meeting", meetingId, "--role", "viewer", "--hours", "9000");
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain("Invalid --hours 9000: a token lives at most 8784 hours");
  });
});
