import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../server/logger";
import { connected, openControl } from "../../helpers/control";
import { eventually } from "../../helpers/eventually";
import { connectRaw } from "../../helpers/rawClient";
import { startTestServer, type TestServer } from "../../helpers/server";

/** One parsed log line. */
type Line = Record<string, unknown> & { message: string; level: string; category: string };

/**
 * The server's JSON log lines (pino, at debug here) carry the id of the request or the
 * connection they are about, so one client's story can be followed through the log.
 */
describe("request and connection ids in the log", () => {
  let ts: TestServer;
  const lines: Line[] = [];
  const about = (id: unknown) => lines.filter((l) => l.requestId === id || l.connectionId === id);
  beforeAll(async () => {
    ts = await startTestServer(
      {},
      undefined,
      createLogger("debug", (line) => lines.push(JSON.parse(line) as Line)),
    );
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  it("gives every HTTP request an id of its own, answers it in X-Request-Id and logs the request under it (path only, never the query)", async () => {
    const meetingId = await ts.createMeeting();
    const [a, b] = await Promise.all([fetch(`${ts.url}/api/health`), fetch(`${ts.url}/api/meetings/${meetingId}?token=secret-token`)]);
    const ids = [a.headers.get("x-request-id"), b.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
    await eventually(() =>
      expect(about(ids[1])).toContainEqual(
        expect.objectContaining({
          level: "debug",
          category: "app.http",
          message: "request",
          method: "GET",
          path: `/api/meetings/${meetingId}`,
          status: 401,
        }),
      ),
    );
    expect(JSON.stringify(about(ids[1]))).not.toContain("secret-token");
    expect(about(ids[0])).toContainEqual(expect.objectContaining({ message: "request", path: "/api/health", status: 200 }));
  });

  it("keeps a request id given by a proxy in front when it is plain, and replaces one that is not", async () => {
    const [plain, odd] = await Promise.all([
      fetch(`${ts.url}/api/health`, { headers: { "x-request-id": "proxy-42.a" } }),
      fetch(`${ts.url}/api/health`, { headers: { "x-request-id": 'bad id"{}' } }),
    ]);
    expect(plain.headers.get("x-request-id")).toBe("proxy-42.a");
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => expect(about("proxy-42.a")).toHaveLength(1));
  });

  it("follows each Yjs connection by its own id: opened, a malformed message and closed, each line naming the meeting", async () => {
    const meetingId = await ts.createMeeting();
    const clients = await Promise.all([
      connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`),
      connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "viewer")}`),
    ]);
    await Promise.all(clients.map((c) => c.synced));
    const opened = await eventually(() => {
      const found = lines.filter((l) => l.message === "connection opened" && l.meetingId === meetingId);
      expect(found).toHaveLength(2);
      return found;
    });
    const [clerkId, viewerId] = ["clerk", "viewer"].map((role) => opened.find((l) => l.role === role)!.connectionId);
    expect(clerkId).not.toBe(viewerId);
    clients[0]!.sendRaw(new Uint8Array([0, 9, 9, 9]));
    await clients[0]!.closed;
    await eventually(() =>
      expect(about(clerkId).map((l) => l.message)).toEqual([
        "connection opened",
        "malformed message; closing that connection",
        "connection closed",
      ]),
    );
    for (const line of about(clerkId)) expect(line).toMatchObject({ category: "app.yjs", meetingId });
    expect(about(viewerId).map((l) => l.message)).toEqual(["connection opened"]);
    clients[1]!.ws.close();
  });

  it("follows each socket.io connection by its socket id", async () => {
    const socket = await connected(openControl(ts.url));
    const id = socket.id;
    await socket.emitWithAck("lobby:list", {});
    socket.disconnect();
    await eventually(() => expect(about(id).map((l) => l.message)).toEqual(["control connection opened", "control connection ended"]));
    expect(about(id)[0]).toMatchObject({ category: "app.control", principal: "anonymous" });
  });
});
