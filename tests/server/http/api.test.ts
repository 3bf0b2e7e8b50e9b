import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../../../shared/meeting";
import { forgeToken, startTestServer, type TestServer } from "../../helpers/server";
import { seeds } from "../../helpers/seeds";
import { api, type ErrorBody } from "./client";

const all = seeds();

describe("the REST API's errors and token authentication", () => {
  let ts: TestServer;
  let meetingId: string;
  let otherId: string;
  beforeAll(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting("Health Scrutiny");
    otherId = await ts.createMeeting("Other");
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  const itemCount = async () =>
    (await api<{ snapshot: MeetingSnapshot }>(ts, "GET", `/api/meetings/${meetingId}`, { token: await ts.token(meetingId, "viewer") })).body
      .snapshot.items.length;

  it("answers health checks", async () => {
    expect(await api(ts, "GET", "/api/health")).toMatchObject({ status: 200, body: { ok: true, meetingsInMemory: expect.any(Number) } });
  });

  it("answers an unknown route with a 404 JSON error naming it", async () => {
    const res = await api<ErrorBody>(ts, "GET", "/api/nothing/here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: { code: "not-found", message: "No API route GET /api/nothing/here." } });
    expect((await api<ErrorBody>(ts, "POST", `/api/meetings/${meetingId}/publish`)).body.error.message).toBe(
      `No API route POST /api/meetings/${meetingId}/publish.`,
    );
  });

  it("answers a malformed JSON body with 400 saying it is not valid JSON", async () => {
    const res = await api<ErrorBody>(ts, "POST", "/api/session", { raw: '{"name": "jclerk", ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "bad-request", message: expect.stringMatching(/^The request body is not valid JSON: .*JSON/) });
  });

  it("answers a body over the limit with 413", async () => {
    const res = await api<ErrorBody>(ts, "POST", `/api/meetings/${meetingId}/import`, {
      token: await ts.token(meetingId, "clerk"),
      json: { text: "x".repeat(4 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: "too-large", message: "The request body is too large." });
  });

  it("names the field zod rejects, and the field it does not know", async () => {
    const res = await api<ErrorBody>(ts, "POST", "/api/session", { json: { name: "", password: "x" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "bad-request", message: expect.stringMatching(/^Invalid sign-in: name: /) });
    const extra = await api<ErrorBody>(ts, "POST", `/api/meetings/${meetingId}/import`, {
      token: await ts.token(meetingId, "clerk"),
      json: { text: "x", format: "rich" },
    });
    expect(extra.body.error.message).toBe('Invalid import: (body): Unrecognized key: "format"');
    const missing = await api<ErrorBody>(ts, "POST", `/api/meetings/${meetingId}/import`, { token: await ts.token(meetingId, "clerk") });
    expect(missing.body.error.message).toMatch(/^Invalid import: \(body\): /);
  });

  it("lets a clerk's bearer token import, and refuses a viewer's", async () => {
    const before = await itemCount();
    const clerk = await api<{ itemIds: string[] }>(ts, "POST", `/api/meetings/${meetingId}/import`, {
      token: await ts.token(meetingId, "clerk"),
      json: { text: all["003"] },
    });
    expect(clerk.status).toBe(201);
    expect(clerk.body.itemIds).toHaveLength(1);
    const viewer = await api<ErrorBody>(ts, "POST", `/api/meetings/${meetingId}/import`, {
      token: await ts.token(meetingId, "viewer"),
      json: { text: all["003"] },
    });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toEqual({ code: "forbidden", message: `Viewers cannot change meeting "${meetingId}".` });
    expect(await itemCount()).toBe(before + 1);
  });

  it("accepts a token in ?token= as well as in the Authorization header", async () => {
    const res = await api<{ meeting: { role: string } }>(
      ts,
      "GET",
      `/api/meetings/${meetingId}?token=${await ts.token(meetingId, "chair")}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.meeting.role).toBe("chair");
  });

  it("refuses a token for another meeting, naming both", async () => {
    const res = await api<ErrorBody>(ts, "POST", `/api/meetings/${meetingId}/import`, {
      token: await ts.token(otherId, "clerk"),
      json: { text: all["003"] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: "forbidden", message: `This token is for meeting "${otherId}", not "${meetingId}".` });
  });

  it("refuses bad tokens and a malformed Authorization header, saying what is wrong rather than falling back to anonymous", async () => {
    const forged = await forgeToken(ts, { k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 60_000 });
    const cases: [Record<string, string>, RegExp][] = [
      [{ authorization: `Bearer ${forged}` }, /^Token refused: the token's signature does not match/],
      [{ authorization: `Bearer ${await ts.token(meetingId, "clerk", -1)}` }, /^Token refused: the token has expired\.$/],
      [{ authorization: "Bearer garbage" }, /^Token refused: the token is malformed\.$/],
      [{ authorization: `Basic ${Buffer.from("admin:pw").toString("base64")}` }, /^The Authorization header must be 'Bearer <token>'\.$/],
    ];
    for (const [headers, message] of cases) {
      const res = await fetch(`${ts.url}/api/meetings`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: expect.stringMatching(message) } });
    }
  });
});
