import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../../server/config";
import { startTestServer, type TestServer } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";
import { api, PASSWORD, type ErrorBody, type Reply } from "./client";

describe("sign-in is throttled per account and per address", () => {
  let ts: TestServer;
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  const start = async (signIn?: Config["signIn"]) => {
    ts = await startTestServer(signIn ? { signIn } : {});
    await ts.addUser("jclerk", "clerk");
    await ts.addUser("kclerk", "clerk");
  };
  const attempt = (name: string, password: string): Promise<Reply<ErrorBody>> =>
    api<ErrorBody>(ts, "POST", "/api/session", { json: { name, password } });

  it("after 5 wrong passwords for an account, answers 429 with Retry-After even to the right password, naming the account; other accounts still sign in", async () => {
    await start();
    for (let i = 0; i < 5; i++) expect((await attempt("jclerk", `wrong ${i}`)).status).toBe(401);
    const refused = await attempt("JClerk", PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({
      code: "rate-limited",
      message: expect.stringMatching(/^Too many failed sign-ins for "JClerk": try again in 1[45] minutes\.$/),
    });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await attempt("kclerk", PASSWORD)).status).toBe(200);
  });

  it("counts a burst of guesses sent at once as they arrive, not after each slow password check", async () => {
    await start();
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt("jclerk", `guess ${i}`)));
    expect(replies.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it("treats an unknown name like a real one, so the throttle does not reveal which names exist", async () => {
    await start();
    for (let i = 0; i < 5; i++) expect((await attempt("nobody", `wrong ${i}`)).status).toBe(401);
    expect((await attempt("nobody", PASSWORD)).body.error.message).toMatch(/^Too many failed sign-ins for "nobody"/);
  });

  it("forgives an account's failures once it signs in", async () => {
    await start();
    for (let i = 0; i < 4; i++) expect((await attempt("jclerk", `wrong ${i}`)).status).toBe(401);
    expect((await attempt("jclerk", PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt("jclerk", `again ${i}`)).status).toBe(401);
  });

  it("after too many failures from one address, across accounts, refuses every sign-in from it, saying so", async () => {
    await start({ perAccount: 100, perAddress: 3, windowSeconds: 900 });
    for (const name of ["a", "b", "c"]) expect((await attempt(name, "wrong")).status).toBe(401);
    const refused = await attempt("jclerk", PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(
      /^Too many failed sign-ins from this address \(.*127\.0\.0\.1\): try again in 15 minutes\.$/,
    );
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("lets the right password in again once the window has passed", async () => {
    await start({ perAccount: 1, perAddress: 20, windowSeconds: 3 });
    expect((await attempt("jclerk", "wrong")).status).toBe(401);
    const refused = await attempt("jclerk", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(3);
    await eventually(async () => expect((await attempt("jclerk", PASSWORD)).status).toBe(200), { timeout: 10_000, interval: 250 });
  });
});
