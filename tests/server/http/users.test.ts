import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, signIn, startStaffedServer, type ErrorBody, type Staffed } from "./client";

describe("accounts (/api/users), for administrators only", () => {
  let s: Staffed;
  beforeEach(async () => {
    s = await startStaffedServer();
  });
  afterEach(async () => {
    await s.ts.stop();
    await s.ts.cleanup();
  });

  it("creates an account that can then sign in, listing it without any password hash", async () => {
    const created = await api<{ id: string }>(s.ts, "POST", "/api/users", {
      cookie: s.admin.cookie,
      json: { name: "newclerk", displayName: "New Clerk", role: "clerk", password: "a long enough one" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: "newclerk", displayName: "New Clerk", role: "clerk" });
    const list = await api<Record<string, unknown>[]>(s.ts, "GET", "/api/users", { cookie: s.admin.cookie });
    expect(list.status).toBe(200);
    expect(list.body.map((u) => u.name).sort()).toEqual(["admin", "chair", "clerk", "newclerk"]);
    for (const user of list.body) expect(Object.keys(user).sort()).toEqual(["displayName", "id", "name", "role"]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt/);
    expect(await signIn(s.ts, "newclerk", "a long enough one")).toMatch(/^lm_session=/);
  });

  it("refuses a second account with the same name (case-insensitive) with 409", async () => {
    const res = await api<ErrorBody>(s.ts, "POST", "/api/users", {
      cookie: s.admin.cookie,
      json: { name: "Clerk", role: "clerk", password: "a long enough one" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: "conflict", message: 'A user named "Clerk" already exists.' });
  });

  it("names the field that fails validation", async () => {
    const short = await api<ErrorBody>(s.ts, "POST", "/api/users", {
      cookie: s.admin.cookie,
      json: { name: "x", role: "clerk", password: "short" },
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toEqual({ code: "bad-request", message: "Invalid user: password: passwords are at least 8 characters" });
    const role = await api<ErrorBody>(s.ts, "POST", "/api/users", {
      cookie: s.admin.cookie,
      json: { name: "x", role: "mayor", password: "a long enough one" },
    });
    expect(role.body.error.message).toMatch(/^Invalid user: role: /);
    const spaced = await api<ErrorBody>(s.ts, "POST", "/api/users", {
      cookie: s.admin.cookie,
      json: { name: " x", role: "clerk", password: "a long enough one" },
    });
    expect(spaced.body.error.message).toBe("Invalid user: name: no leading or trailing spaces");
  });

  it("deletes an account, but not the administrator's own, and says when there is none", async () => {
    expect((await api(s.ts, "DELETE", `/api/users/${s.clerk.id}`, { cookie: s.admin.cookie })).status).toBe(204);
    const list = await api<{ id: string }[]>(s.ts, "GET", "/api/users", { cookie: s.admin.cookie });
    expect(list.body.map((u) => u.id)).not.toContain(s.clerk.id);
    const again = await api<ErrorBody>(s.ts, "DELETE", `/api/users/${s.clerk.id}`, { cookie: s.admin.cookie });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe(`No user with id "${s.clerk.id}".`);
    const self = await api<ErrorBody>(s.ts, "DELETE", `/api/users/${s.admin.id}`, { cookie: s.admin.cookie });
    expect(self.status).toBe(409);
    expect(self.body.error.message).toBe("You cannot delete your own account.");
  });

  it("refuses clerks, chairs, token holders and the anonymous, saying who may", async () => {
    const meetingId = await s.ts.createMeeting();
    for (const cookie of [s.clerk.cookie, s.chair.cookie]) {
      for (const [method, path] of [
        ["GET", "/api/users"],
        ["POST", "/api/users"],
        ["DELETE", `/api/users/${s.admin.id}`],
      ] as const) {
        const res = await api<ErrorBody>(s.ts, method, path, {
          cookie,
          json: method === "POST" ? { name: "sneaky", role: "admin", password: "a long enough one" } : undefined,
        });
        expect(res.status).toBe(403);
        expect(res.body.error).toEqual({
          code: "forbidden",
          message: expect.stringMatching(/^Only administrators may do this; "(clerk|chair)" is a (clerk|chair)\.$/),
        });
      }
    }
    for (const as of [{}, { token: await s.ts.token(meetingId, "clerk") }]) {
      const res = await api<ErrorBody>(s.ts, "GET", "/api/users", as);
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: "unauthenticated", message: "Sign in as an administrator to do this." });
    }
    const list = await api<{ name: string }[]>(s.ts, "GET", "/api/users", { cookie: s.admin.cookie });
    expect(list.body.map((u) => u.name)).not.toContain("sneaky");
  });
});
