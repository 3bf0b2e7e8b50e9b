import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../../shared/protocol/paths";
import { startTestServer, type TestServer } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";
import { api, type ErrorBody } from "./client";

describe("malformed percent-encoding is the client's mistake (400), never a 500", () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  it("answers GET /api/meetings/%ZZ with 400 naming the path", async () => {
    const res = await api<ErrorBody>(ts, "GET", "/api/meetings/%ZZ");
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: "bad-request", message: "The path /api/meetings/%ZZ is not valid percent-encoding." });
    const nested = await api<ErrorBody>(ts, "GET", "/api/meetings/%E0%A4%A/export");
    expect(nested.status).toBe(400);
    expect(nested.body.error.message).toBe("The path /api/meetings/%E0%A4%A/export is not valid percent-encoding.");
  });

  it("refuses the Yjs upgrade of /yjs/%ZZ with 400 naming the path, rather than dropping the socket", async () => {
    const refused = await connectRaw(`${ts.wsUrl}/%ZZ`).then(
      () => null,
      (e: { status: number; body: string }) => e,
    );
    expect(refused?.status).toBe(400);
    expect(JSON.parse(refused!.body)).toEqual({ error: "The path /yjs/%ZZ is not valid percent-encoding." });
  });

  it("treats a session cookie that is not valid percent-encoding as no cookie", async () => {
    const res = await api(ts, "GET", "/api/session", { cookie: `${SESSION_COOKIE}=%ZZ` });
    expect(res).toMatchObject({ status: 200, body: { user: null } });
  });
});
