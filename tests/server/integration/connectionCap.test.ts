import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../helpers/server";
import { connectRaw, type RawClient } from "../../helpers/rawClient";
import { connected, openControl, type Control } from "../../helpers/control";
import { eventually } from "../../helpers/eventually";

const CAP = 5;
const refusal = `Too many connections from 127.0.0.1: at most ${CAP} are allowed at once (MAX_CONNECTIONS_PER_ADDRESS).`;

describe("connections per remote address (MAX_CONNECTIONS_PER_ADDRESS)", () => {
  let ts: TestServer;
  let meetingId: string;
  const sockets: Control[] = [];
  const raws: RawClient[] = [];

  beforeEach(async () => {
    ts = await startTestServer({ maxConnectionsPerAddress: CAP });
    meetingId = await ts.createMeeting();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const r of raws.splice(0)) r.ws.close();
    await ts.stop();
    await ts.cleanup();
  });

  function control(): Control {
    const socket = openControl(ts.url);
    sockets.push(socket);
    return socket;
  }

  async function yjs(token?: string): Promise<RawClient> {
    const raw = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${token ?? (await ts.token(meetingId, "clerk"))}`);
    raws.push(raw);
    return raw;
  }

  it("refuses a control-plane connection past the cap with a connect_error naming the limit, and takes one again once another closes", async () => {
    const open = await Promise.all(Array.from({ length: CAP }, () => connected(control())));
    const error = await connected(control()).then(
      () => null,
      (e: Error & { data?: unknown }) => e,
    );
    expect(error?.message).toBe(refusal);
    expect(error?.data).toEqual({ code: "too-many-connections", message: refusal });
    // The Yjs endpoint keeps its own count.
    await (
      await yjs()
    ).synced;
    open[0]!.disconnect();
    expect((await eventually(() => connected(control()))).connected).toBe(true);
  });

  it("refuses a Yjs upgrade past the cap with 429 naming the limit, counting refused upgrades only while they are open", async () => {
    // Upgrades refused for a bad token close at once and stop counting.
    for (let i = 0; i < CAP + 2; i++) await expect(yjs("garbage")).rejects.toMatchObject({ status: 401 });
    const open = await Promise.all(Array.from({ length: CAP }, () => yjs()));
    await expect(yjs()).rejects.toMatchObject({ status: 429, body: JSON.stringify({ error: refusal }) });
    // socket.io keeps its own count.
    await connected(control());
    open[0]!.ws.close();
    await (
      await eventually(() => yjs())
    ).synced;
  });
});
