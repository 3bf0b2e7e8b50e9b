import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../../shared/protocol/paths";
import { startTestServer, type TestServer } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";
import { api, PASSWORD, signIn, type ErrorBody } from "./client";

describe("signing in and out (/api/session)", () => {
  let ts: TestServer;
  beforeEach(async () => {
    ts = await startTestServer();
    await ts.addUser("jclerk", "clerk");
  });
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  it("signs in with name and password, setting an HttpOnly SameSite session cookie, and never returns the hash", async () => {
    const res = await api<{ user: Record<string, unknown> }>(ts, "POST", "/api/session", { json: { name: "jclerk", password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: expect.any(String), name: "jclerk", displayName: "jclerk", role: "clerk" });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).toMatch(/; Max-Age=43200/i);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it("refuses a wrong password and an unknown name with the same 401 message", async () => {
    const wrongPassword = await api<ErrorBody>(ts, "POST", "/api/session", { json: { name: "jclerk", password: "not the password" } });
    const unknownName = await api<ErrorBody>(ts, "POST", "/api/session", { json: { name: "nobody", password: PASSWORD } });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toEqual({ error: { code: "unauthenticated", message: "That name and password do not match an account." } });
    expect(unknownName.status).toBe(401);
    expect(unknownName.body).toEqual(wrongPassword.body);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it("takes as long to refuse an unknown name as a wrong password, so timing does not reveal which names exist", async () => {
    const time = async (name: string) => {
      const started = performance.now();
      expect((await api(ts, "POST", "/api/session", { json: { name, password: "not the password" } })).status).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time("jclerk"));
      unknown.push(await time(`nobody${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    // A password check is a deliberately slow scrypt: skipping it for unknown names would make them many times faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
  });

  it("names the missing field when the sign-in body is incomplete", async () => {
    const res = await api<ErrorBody>(ts, "POST", "/api/session", { json: { name: "jclerk" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "bad-request", message: expect.stringMatching(/^Invalid sign-in: password: /) });
  });

  it("says who is signed in, and answers 200 with no user when nobody is, so a page's first look logs no error", async () => {
    const cookie = await signIn(ts, "jclerk");
    const me = await api(ts, "GET", "/api/session", { cookie });
    expect(me).toMatchObject({ status: 200, body: { user: { name: "jclerk", role: "clerk" } } });
    const anonymous = await api(ts, "GET", "/api/session");
    expect(anonymous).toMatchObject({ status: 200, body: { user: null } });
    // A meeting token is not a signed-in account either.
    const meetingId = await ts.createMeeting();
    expect(await api(ts, "GET", "/api/session", { token: await ts.token(meetingId, "clerk") })).toMatchObject({
      status: 200,
      body: { user: null },
    });
  });

  it("ignores a tampered session cookie, treating the caller as not signed in", async () => {
    const cookie = await signIn(ts, "jclerk");
    const tampered = cookie.slice(0, -3) + (cookie.endsWith("AAA") ? "BBB" : "AAA");
    expect(await api(ts, "GET", "/api/session", { cookie: tampered })).toMatchObject({ status: 200, body: { user: null } });
  });

  it("signs out by clearing the cookie", async () => {
    const cookie = await signIn(ts, "jclerk");
    const res = await api(ts, "DELETE", "/api/session", { cookie });
    expect(res.status).toBe(204);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it("signing out revokes the session: a copy of the old cookie is refused (401) over REST and on the Yjs upgrade, other sessions live on", async () => {
    const copied = await signIn(ts, "jclerk");
    const otherDevice = await signIn(ts, "jclerk");
    const meetingId = await ts.createMeeting("Public", { public: true });
    expect((await api(ts, "GET", "/api/session", { cookie: copied })).status).toBe(200);
    expect((await api(ts, "DELETE", "/api/session", { cookie: copied })).status).toBe(204);

    const rest = await api<ErrorBody>(ts, "GET", "/api/session", { cookie: copied });
    expect(rest.status).toBe(401);
    expect(rest.body.error).toEqual({ code: "unauthenticated", message: "This session was signed out; sign in again." });
    // Refused, not taken for a member of the public: even a public meeting's upgrade is refused.
    const upgrade = await connectRaw(`${ts.wsUrl}/${meetingId}`, { cookie: copied }).then(
      (c) => (c.ws.close(), { status: 101, body: "" }),
      (e: { status: number; body: string }) => e,
    );
    expect(upgrade.status).toBe(401);
    expect(JSON.parse(upgrade.body)).toEqual({ error: "This session was signed out; sign in again." });
    expect((await api(ts, "GET", "/api/session", { cookie: otherDevice })).status).toBe(200);
  });

  it("keeps a session signed out across a restart", async () => {
    const copied = await signIn(ts, "jclerk");
    await api(ts, "DELETE", "/api/session", { cookie: copied });
    await ts.stop();
    ts = await ts.restart();
    expect((await api(ts, "GET", "/api/session", { cookie: copied })).status).toBe(401);
  });

  it("refuses a session whose account has since been deleted, saying so", async () => {
    const id = await ts.addUser("leaver", "clerk");
    const cookie = await signIn(ts, "leaver");
    await ts.store.deleteUser(id);
    const res = await api<ErrorBody>(ts, "GET", "/api/session", { cookie });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/no longer exists; sign in again/);
  });
});
