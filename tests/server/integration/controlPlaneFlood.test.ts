import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { LIMITS } from "../../../shared/protocol/limits";
import type { Ack, LobbyMeeting } from "../../../shared/protocol/events";
import { startTestServer, type TestServer } from "../../helpers/server";
import { connected, openControl, recorded, type Control } from "../../helpers/control";
import { eventually } from "../../helpers/eventually";
import { signIn } from "../http/client";

/**
 * The most lobby broadcasts one socket can receive in `elapsedMs`: sends start at least
 * LIMITS.lobbyBroadcastMs apart, and one more may have started just before the count began.
 */
const lobbyBound = (elapsedMs: number) => Math.floor(elapsedMs / LIMITS.lobbyBroadcastMs) + 2;

describe("control-plane traffic cannot be amplified", () => {
  let ts: TestServer;
  let privateId: string;
  let publicId: string;
  const sockets: Control[] = [];

  beforeEach(async () => {
    // Every test client connects from 127.0.0.1: room for the crowd below under the per-address cap.
    ts = await startTestServer({ maxConnectionsPerAddress: 1000 });
    privateId = await ts.createMeeting("Licensing");
    publicId = await ts.createMeeting("Full Council", { public: true });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await ts.stop();
    await ts.cleanup();
  });

  function open(as: { token?: string; cookie?: string } = {}): Control {
    const socket = openControl(ts.url, as);
    sockets.push(socket);
    return socket;
  }

  const lobbyEntry = (lobby: LobbyMeeting[] | undefined, id: string) => lobby?.find((m) => m.id === id);

  it("keeps a signed-in watcher's lobby broadcasts bounded while 200 anonymous clients join and leave in a loop, and another's action is still acknowledged", async () => {
    await ts.addUser("admin", "admin");
    const watcher = await connected(open({ cookie: await signIn(ts, "admin") }));
    const seen = recorded(watcher, "lobby:changed");
    const chair = await connected(open({ token: await ts.token(privateId, "chair") }));
    const start = performance.now();
    let acknowledged: Ack<null> | null = null;
    for (let round = 0; round < 3; round++) {
      const crowd = await Promise.all(Array.from({ length: 200 }, () => connected(open())));
      if (round === 1) acknowledged = await chair.emitWithAck("meeting:status", { meetingId: privateId, status: "closed" });
      await Promise.all(crowd.map((anonymous) => anonymous.emitWithAck("meeting:join", { meetingId: publicId })));
      for (const anonymous of crowd) anonymous.disconnect();
    }
    expect(acknowledged).toEqual({ ok: true, data: null });
    // The chair's change is visible to the watcher, so it arrives, as the latest state.
    await eventually(() => expect(lobbyEntry(seen.at(-1), privateId)?.status).toBe("closed"));
    const elapsed = performance.now() - start;
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThanOrEqual(lobbyBound(elapsed));
    // Members of the public are not counted, so the crowd never showed in the lobby at all.
    expect(seen.every((lobby) => lobbyEntry(lobby, publicId)?.present === 0)).toBe(true);
  });

  it("coalesces signed-in comings and goings into at most one lobby broadcast per interval, ending with the latest count", async () => {
    const watcher = await connected(open({ token: await ts.token(privateId, "viewer") }));
    const seen = recorded(watcher, "lobby:changed");
    const clerks = await Promise.all(
      Array.from({ length: 30 }, async () => connected(open({ token: await ts.token(privateId, "clerk") }))),
    );
    const start = performance.now();
    for (let round = 0; round < 5; round++) {
      await Promise.all(clerks.map((clerk) => clerk.emitWithAck("meeting:join", { meetingId: privateId })));
      await Promise.all(clerks.map((clerk) => clerk.emitWithAck("meeting:leave", { meetingId: privateId })));
    }
    await Promise.all(clerks.slice(0, 7).map((clerk) => clerk.emitWithAck("meeting:join", { meetingId: privateId })));
    await eventually(() => expect(seen.at(-1)?.[0]?.present).toBe(7));
    const elapsed = performance.now() - start;
    expect(seen.length).toBeLessThanOrEqual(lobbyBound(elapsed));
  });

  it("sends a lobby member nothing while only meetings it cannot see change, and no presence for members of the public", async () => {
    const otherId = await ts.createMeeting("Planning");
    const watcher = await connected(open({ token: await ts.token(privateId, "viewer") }));
    const lobbySeen = recorded(watcher, "lobby:changed");
    expect(await watcher.emitWithAck("meeting:join", { meetingId: privateId })).toMatchObject({ ok: true });
    const presenceSeen = recorded(watcher, "presence:changed");
    await eventually(() => expect(lobbySeen.at(-1)?.[0]?.present).toBe(1));
    const before = lobbySeen.length;
    const elsewhere = await connected(open({ token: await ts.token(otherId, "clerk") }));
    for (let i = 0; i < 20; i++) {
      await elsewhere.emitWithAck("meeting:join", { meetingId: otherId });
      await elsewhere.emitWithAck("meeting:leave", { meetingId: otherId });
      // Leaving a meeting one never joined changes nothing either.
      await elsewhere.emitWithAck("meeting:leave", { meetingId: privateId });
    }
    const anonymous = await connected(open());
    for (let i = 0; i < 20; i++) {
      expect(await anonymous.emitWithAck("meeting:join", { meetingId: publicId })).toEqual({
        ok: true,
        data: { presence: [], role: "viewer" },
      });
      await anonymous.emitWithAck("meeting:leave", { meetingId: publicId });
    }
    // Then one change it can see: it is the only broadcast the watcher gets.
    const clerk = await connected(open({ token: await ts.token(privateId, "clerk") }));
    await clerk.emitWithAck("meeting:join", { meetingId: privateId });
    await eventually(() => expect(lobbySeen.at(-1)?.[0]?.present).toBe(2));
    expect(lobbySeen.length - before).toBe(1);
    await eventually(() => expect(presenceSeen.at(-1)?.presence).toHaveLength(2));
    expect(presenceSeen).toHaveLength(1);
  });

  it("tells nobody of a repeated join or of reporting the same item again", async () => {
    const watcher = await connected(open({ token: await ts.token(privateId, "viewer") }));
    expect(await watcher.emitWithAck("meeting:join", { meetingId: privateId })).toMatchObject({ ok: true });
    const seen = recorded(watcher, "presence:changed");
    const clerk = await connected(open({ token: await ts.token(privateId, "clerk") }));
    await clerk.emitWithAck("meeting:join", { meetingId: privateId });
    await clerk.emitWithAck("presence:item", { meetingId: privateId, itemId: "item-1" });
    for (let i = 0; i < 10; i++) {
      expect(await clerk.emitWithAck("meeting:join", { meetingId: privateId })).toMatchObject({ ok: true, data: { role: "clerk" } });
      expect(await clerk.emitWithAck("presence:item", { meetingId: privateId, itemId: "item-1" })).toEqual({ ok: true, data: null });
    }
    await clerk.emitWithAck("presence:item", { meetingId: privateId, itemId: "item-2" });
    const clerkEntry = () => seen.at(-1)?.presence.find((p) => p.socketId === clerk.id);
    await eventually(() => expect(clerkEntry()?.itemId).toBe("item-2"));
    expect(seen.map((update) => update.presence.find((p) => p.socketId === clerk.id)?.itemId)).toEqual([null, "item-1", "item-2"]);
  });

  it("closes a client that sends events past the rate limit with a worded reason, and no other", async () => {
    const flooder = await connected(open());
    const closing = new Promise<{ code: string; message: string }>((resolve) => flooder.once("connection:closing", resolve));
    const disconnected = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    const refusals: Ack<unknown>[] = [];
    const bystander = await connected(open({ token: await ts.token(privateId, "clerk") }));
    for (let i = 0; i < LIMITS.controlEventBurst + 100; i++) {
      (flooder as unknown as Socket).emit("lobby:list", {}, (reply: Ack<unknown>) => !reply.ok && refusals.push(reply));
    }
    const reason = {
      code: "rate-limited",
      message: `rate limit: more than ${LIMITS.controlEventsPerSecond} control events a second (bursts of ${LIMITS.controlEventBurst}); this connection is closed`,
    };
    expect(await closing).toEqual(reason);
    expect(await disconnected).toBe("io server disconnect");
    expect(refusals).toEqual([{ ok: false, error: reason }]);
    expect(await bystander.emitWithAck("lobby:list", {})).toMatchObject({ ok: true });
  });
});
