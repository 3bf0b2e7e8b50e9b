import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VersionInfo } from "../../../server/persistence/Store";
import { startTestServer, type TestServer } from "../../helpers/server";
import { api, authHeaders, signIn, type As, type ErrorBody } from "./client";

/** A request as a browser page would make it: any headers, any body. */
async function browserRequest(
  ts: TestServer,
  method: string,
  path: string,
  headers: Record<string, string>,
  as: As,
  body?: string,
): Promise<{ status: number; body: ErrorBody }> {
  const res = await fetch(`${ts.url}${path}`, { method, headers: { ...authHeaders(as), ...headers }, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as ErrorBody };
}

describe("state-changing API calls are refused from other sites (CSRF)", () => {
  const ALLOWED = "https://minutes.example";
  let ts: TestServer;
  let clerk: As;
  let meetingId: string;
  let versionId: string;
  /** Another port of the same host: a different origin, though the same "site" for SameSite cookies. */
  let otherPort: string;
  beforeAll(async () => {
    ts = await startTestServer({ allowedOrigins: [ALLOWED] });
    await ts.addUser("clerk", "clerk");
    clerk = { cookie: await signIn(ts, "clerk") };
    meetingId = await ts.createMeeting();
    versionId = (await api<VersionInfo>(ts, "POST", `/api/meetings/${meetingId}/versions`, { ...clerk, json: { label: "first" } })).body.id;
    otherPort = `http://127.0.0.1:${ts.server.port === 5173 ? 5174 : 5173}`;
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  const versionLabels = async () =>
    (await api<VersionInfo[]>(ts, "GET", `/api/meetings/${meetingId}/versions`, clerk)).body.map((v) => v.label);
  const restore = () => `/api/meetings/${meetingId}/versions/${versionId}/restore`;

  it("refuses a form on another port of the same host that rides the clerk's cookie, naming its origin, and restores nothing", async () => {
    const before = await versionLabels();
    const res = await browserRequest(
      ts,
      "POST",
      restore(),
      { origin: otherPort, "content-type": "application/x-www-form-urlencoded" },
      clerk,
      "x=1",
    );
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      code: "forbidden",
      message: `Refused POST ${restore()} from Origin ${otherPort}: only this server's own pages (and ALLOWED_ORIGINS) may change anything.`,
    });
    // A restore first saves "Before restoring an earlier version": none was saved.
    expect(await versionLabels()).toEqual(before);
  });

  it("refuses a text/plain POST from a foreign origin, and every other method from one", async () => {
    const text = await browserRequest(
      ts,
      "POST",
      `/api/meetings/${meetingId}/versions`,
      { origin: "https://evil.example", "content-type": "text/plain" },
      clerk,
      '{"label":"forged"}',
    );
    expect(text.status).toBe(403);
    expect(text.body.error.message).toMatch(/from Origin https:\/\/evil\.example:/);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const res = await browserRequest(ts, method, `/api/phrasebooks/Audit`, { origin: "https://evil.example" }, clerk);
      expect(res.status, method).toBe(403);
    }
    expect(await versionLabels()).not.toContain("forged");
  });

  it("without an Origin, judges by the Referer, then by Sec-Fetch-Site", async () => {
    const referred = await browserRequest(ts, "POST", restore(), { referer: `${otherPort}/form.html` }, clerk);
    expect(referred.status).toBe(403);
    expect(referred.body.error.message).toContain(`from Referer origin ${otherPort}:`);
    const crossSite = await browserRequest(ts, "POST", restore(), { "sec-fetch-site": "cross-site" }, clerk);
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.message).toContain("from a cross-site request with no Origin:");
    const sameSite = await browserRequest(ts, "POST", restore(), { "sec-fetch-site": "same-site" }, clerk);
    expect(sameSite.status).toBe(403);
  });

  it("accepts this server's own pages and the origins in ALLOWED_ORIGINS", async () => {
    const json = { "content-type": "application/json" };
    const own = await browserRequest(
      ts,
      "POST",
      `/api/meetings/${meetingId}/versions`,
      { ...json, origin: ts.url, "sec-fetch-site": "same-origin" },
      clerk,
      '{"label":"own"}',
    );
    expect(own.status).toBe(201);
    const allowed = await browserRequest(
      ts,
      "POST",
      `/api/meetings/${meetingId}/versions`,
      { ...json, origin: ALLOWED },
      clerk,
      '{"label":"allowed"}',
    );
    expect(allowed.status).toBe(201);
    const referred = await browserRequest(
      ts,
      "POST",
      `/api/meetings/${meetingId}/versions`,
      { ...json, referer: `${ts.url}/meetings/${meetingId}` },
      clerk,
      '{"label":"referred"}',
    );
    expect(referred.status).toBe(201);
    expect(await versionLabels()).toEqual(expect.arrayContaining(["own", "allowed", "referred"]));
  });

  it("keeps non-browser clients working: a bearer token or a cookie with no Origin, Referer or Sec-Fetch-Site", async () => {
    const token = await api(ts, "POST", `/api/meetings/${meetingId}/versions`, {
      token: await ts.token(meetingId, "clerk"),
      json: { label: "script" },
    });
    expect(token.status).toBe(201);
    const cookie = await api(ts, "POST", `/api/meetings/${meetingId}/versions`, { ...clerk, json: { label: "curl" } });
    expect(cookie.status).toBe(201);
  });

  it("lets another origin read (GET) as before: only changes are guarded", async () => {
    const res = await browserRequest(ts, "GET", `/api/meetings/${meetingId}/versions`, { origin: "https://evil.example" }, clerk);
    expect(res.status).toBe(200);
  });

  it("refuses a body that is not JSON with 415 naming its content type, even from this server's own origin", async () => {
    const before = await versionLabels();
    const text = await browserRequest(
      ts,
      "POST",
      `/api/meetings/${meetingId}/versions`,
      { origin: ts.url, "content-type": "text/plain" },
      clerk,
      '{"label":"plain"}',
    );
    expect(text.status).toBe(415);
    expect(text.body.error).toEqual({
      code: "unsupported-media-type",
      message: `POST /api/meetings/${meetingId}/versions sent Content-Type "text/plain": send the body as application/json.`,
    });
    const form = await browserRequest(ts, "POST", restore(), { "content-type": "application/x-www-form-urlencoded" }, clerk, "a=1");
    expect(form.status).toBe(415);
    expect(form.body.error.message).toContain('Content-Type "application/x-www-form-urlencoded"');
    expect(await versionLabels()).toEqual(before);
  });

  it("accepts a state-changing call with no body and no content type (restore, sign-out)", async () => {
    const res = await browserRequest(ts, "POST", restore(), { origin: ts.url }, clerk);
    expect(res.status).toBe(200);
  });
});
