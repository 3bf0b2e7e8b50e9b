import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STANDARD_PHRASES } from "../../../shared/meeting/phrasebook";
import { startTestServer, type TestServer } from "../../helpers/server";
import { signIn } from "./client";

describe("committee phrasebooks over REST", () => {
  let ts: TestServer;
  let clerk: string;
  beforeEach(async () => {
    ts = await startTestServer();
    await ts.addUser("pb-clerk", "clerk");
    await ts.addUser("pb-chair", "chair");
    clerk = await signIn(ts, "pb-clerk");
  });
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  const call = (method: string, committee: string, cookie: string | null, body?: unknown) =>
    fetch(`${ts.url}/api/phrasebooks/${encodeURIComponent(committee)}`, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("starts every committee on the standard phrases, then keeps its own", async () => {
    const first = await (await call("GET", "Health Scrutiny", clerk)).json();
    expect(first).toEqual({ committee: "Health Scrutiny", standard: true, phrases: STANDARD_PHRASES });
    const own = [...STANDARD_PHRASES, { abbreviation: "sft", phrase: "Stockport NHS Foundation Trust" }];
    expect((await call("PUT", "Health Scrutiny", clerk, { phrases: own })).status).toBe(200);
    expect(await (await call("GET", "health scrutiny", clerk)).json()).toMatchObject({ standard: false, phrases: own });
    expect(await (await call("GET", "Audit Committee", clerk)).json()).toMatchObject({ standard: true });
  });

  it("refuses bad phrasebooks, naming the problem, and writers other than clerks and managers", async () => {
    const dup = await call("PUT", "Audit", clerk, {
      phrases: [
        { abbreviation: "cs", phrase: "a" },
        { abbreviation: "CS", phrase: "b" },
      ],
    });
    expect(dup.status).toBe(400);
    expect((await dup.json()).error.message).toBe('The abbreviation ";CS" is listed twice.');
    const bad = await call("PUT", "Audit", clerk, { phrases: [{ abbreviation: "", phrase: "a" }] });
    expect((await bad.json()).error.message).toMatch(/phrases\.0\.abbreviation: abbreviations are 1-12 letters/);
    const chair = await signIn(ts, "pb-chair");
    expect((await call("PUT", "Audit", chair, { phrases: [] })).status).toBe(403);
    expect((await call("GET", "Audit", null)).status).toBe(401);
  });
});
