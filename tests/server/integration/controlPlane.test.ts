import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { io as connectControl, type Socket } from "socket.io-client";
import type { WebsocketProvider } from "y-websocket";
import { addPerson, currentItemId, readItems, toSnapshot, type MeetingSnapshot } from "../../../shared/meeting";
import { SOCKET_IO_PATH } from "../../../shared/protocol/paths";
import type { ActionName, ClientToServerEvents, PresenceEntry, ServerToClientEvents } from "../../../shared/protocol/events";
import { connectProvider, startTestServer, synced, type TestServer } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";
import { seeds } from "../../helpers/seeds";
import { api, signIn } from "../http/client";

type Control = Socket<ServerToClientEvents, ClientToServerEvents>;
type Events = { [E in keyof ServerToClientEvents]: Parameters<ServerToClientEvents[E]>[0] };

/** Every payload of one server-to-client event the socket has received, oldest first. */
function recorded<E extends keyof Events>(socket: Control, event: E): Events[E][] {
  const seen: Events[E][] = [];
  (socket as unknown as Socket).on(event as string, (payload: Events[E]) => seen.push(payload));
  return seen;
}

describe("the socket.io control plane", () => {
  let ts: TestServer;
  let meetingId: string;
  let itemId: string;
  let resolutionId: string;
  const sockets: Control[] = [];
  const providers: WebsocketProvider[] = [];

  beforeEach(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting("Health Scrutiny");
    // One item with one draft resolution ("That the report be noted."), imported as a clerk would.
    await api(ts, "POST", `/api/meetings/${meetingId}/import`, {
      token: await ts.token(meetingId, "clerk"),
      json: { text: seeds()["003"] },
    });
    const snapshot = (
      await api<{ snapshot: MeetingSnapshot }>(ts, "GET", `/api/meetings/${meetingId}`, { token: await ts.token(meetingId, "clerk") })
    ).body.snapshot;
    itemId = snapshot.items[0]!.id;
    resolutionId = snapshot.items[0]!.resolutions[0]!.id;
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const p of providers.splice(0)) p.destroy();
    await ts.stop();
    await ts.cleanup();
  });

  /** A control-plane socket that has not connected yet. */
  function open(as: { token?: string; cookie?: string } = {}): Control {
    const socket: Control = connectControl(ts.url, {
      path: SOCKET_IO_PATH,
      transports: ["websocket"],
      reconnection: false,
      ...(as.token ? { auth: { token: as.token } } : {}),
      ...(as.cookie ? { extraHeaders: { cookie: as.cookie } } : {}),
    });
    sockets.push(socket);
    return socket;
  }

  /** A connected control-plane socket. */
  function connect(as: { token?: string; cookie?: string } = {}): Promise<Control> {
    const socket = open(as);
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    });
  }

  /** A stock Yjs provider on the meeting, synced. */
  async function provider(role: "clerk" | "viewer"): Promise<WebsocketProvider> {
    const p = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, role));
    providers.push(p);
    await synced(p);
    return p;
  }

  describe("connecting", () => {
    it("accepts a session cookie and lists every meeting for a clerk account", async () => {
      const publicId = await ts.createMeeting("Public", { public: true });
      await ts.addUser("jclerk", "clerk");
      const socket = await connect({ cookie: await signIn(ts, "jclerk") });
      const lobby = await socket.emitWithAck("lobby:list", {});
      expect(lobby).toEqual({
        ok: true,
        data: expect.arrayContaining([
          expect.objectContaining({ id: meetingId, role: "clerk", present: 0 }),
          expect.objectContaining({ id: publicId, role: "clerk" }),
        ]),
      });
      expect(lobby.ok && lobby.data).toHaveLength(2);
    });

    it("lists only the token's meeting for a token holder, and only public meetings for the anonymous", async () => {
      const publicId = await ts.createMeeting("Public", { public: true });
      const holder = await connect({ token: await ts.token(meetingId, "viewer") });
      expect(await holder.emitWithAck("lobby:list", {})).toEqual({
        ok: true,
        data: [
          { id: meetingId, title: "Health Scrutiny", committee: "", date: "", status: "live", public: false, role: "viewer", present: 0 },
        ],
      });
      const anonymous = await connect();
      expect(await anonymous.emitWithAck("lobby:list", {})).toEqual({
        ok: true,
        data: [expect.objectContaining({ id: publicId, role: "viewer" })],
      });
    });

    it("refuses a bad token with a connect_error giving the reason", async () => {
      const socket = open({ token: "garbage" });
      const error = await new Promise<Error & { data?: unknown }>((resolve) => socket.once("connect_error", resolve));
      expect(error.message).toBe("Token refused: the token is malformed.");
      expect(error.data).toEqual({ code: "unauthenticated", message: "Token refused: the token is malformed." });
      const expired = open({ token: await ts.token(meetingId, "clerk", -1) });
      const expiredError = await new Promise<Error>((resolve) => expired.once("connect_error", resolve));
      expect(expiredError.message).toBe("Token refused: the token has expired.");
    });

    it("refuses a browser on another site, even with a valid cookie", async () => {
      await ts.addUser("origin-clerk", "clerk");
      const cookie = await signIn(ts, "origin-clerk");
      const foreign: Control = connectControl(ts.url, {
        path: SOCKET_IO_PATH,
        transports: ["websocket"],
        reconnection: false,
        extraHeaders: { cookie, origin: "https://evil.example" },
      });
      sockets.push(foreign);
      await new Promise<Error>((resolve) => foreign.once("connect_error", resolve));
      expect(foreign.connected).toBe(false);
      const sameSite = await connect({ cookie });
      expect(sameSite.connected).toBe(true);
    });

    it("acknowledges an action sent with too many arguments, saying what is wrong", async () => {
      const socket = await connect({ token: await ts.token(meetingId, "clerk") });
      const raw = socket as unknown as { timeout(ms: number): { emitWithAck(...args: unknown[]): Promise<unknown> } };
      expect(await raw.timeout(2000).emitWithAck("lobby:list", {}, "extra")).toEqual({
        ok: false,
        error: { code: "bad-request", message: expect.stringMatching(/^Invalid lobby:list payload/) },
      });
    });
  });

  describe("the lobby", () => {
    it("pushes lobby:changed live when a meeting is created over REST, each member seeing only what it may", async () => {
      await ts.addUser("admin", "admin");
      const adminCookie = await signIn(ts, "admin");
      const staff = recorded(await connect({ cookie: adminCookie }), "lobby:changed");
      const holder = recorded(await connect({ token: await ts.token(meetingId, "clerk") }), "lobby:changed");
      const anonymous = recorded(await connect(), "lobby:changed");
      const created = await api<{ id: string }>(ts, "POST", "/api/meetings", {
        cookie: adminCookie,
        json: { title: "Licensing", public: true },
      });
      await eventually(() => {
        expect(
          staff
            .at(-1)
            ?.map((m) => m.title)
            .sort(),
        ).toEqual(["Health Scrutiny", "Licensing"]);
        expect(holder.at(-1)?.map((m) => m.id)).toEqual([meetingId]);
        expect(anonymous.at(-1)?.map((m) => m.id)).toEqual([created.body.id]);
      });
    });
  });

  describe("presence", () => {
    it("returns presence and role on join, tells the others, and follows presence:item and disconnects", async () => {
      const lobbyWatcher = recorded(await connect({ token: await ts.token(meetingId, "viewer") }), "lobby:changed");
      const clerk = await connect({ token: await ts.token(meetingId, "clerk") });
      const seenByClerk = recorded(clerk, "presence:changed");
      expect(await clerk.emitWithAck("meeting:join", { meetingId })).toEqual({
        ok: true,
        data: { role: "clerk", presence: [{ socketId: clerk.id, name: "clerk (token)", role: "clerk", itemId: null }] },
      });

      const chair = await connect({ token: await ts.token(meetingId, "chair") });
      const joined = await chair.emitWithAck("meeting:join", { meetingId });
      expect(joined.ok && joined.data.role).toBe("chair");
      expect(joined.ok && joined.data.presence.map((p) => p.role).sort()).toEqual(["chair", "clerk"]);
      const chairEntry = (list: PresenceEntry[]) => list.find((p) => p.socketId === chair.id);
      await eventually(() =>
        expect(chairEntry(seenByClerk.at(-1)!.presence)).toEqual({
          socketId: chair.id,
          name: "chair (token)",
          role: "chair",
          itemId: null,
        }),
      );
      await eventually(() => expect(lobbyWatcher.at(-1)?.[0]?.present).toBe(2));

      expect(await chair.emitWithAck("presence:item", { meetingId, itemId })).toEqual({ ok: true, data: null });
      await eventually(() => expect(chairEntry(seenByClerk.at(-1)!.presence)?.itemId).toBe(itemId));

      chair.disconnect();
      await eventually(() =>
        expect(seenByClerk.at(-1)).toEqual({ meetingId, presence: [expect.objectContaining({ socketId: clerk.id })] }),
      );
      await eventually(() => expect(lobbyWatcher.at(-1)?.[0]?.present).toBe(1));
    });

    it("refuses to join a meeting the principal may not see, and presence:item before joining", async () => {
      const otherId = await ts.createMeeting("Other");
      const holder = await connect({ token: await ts.token(meetingId, "chair") });
      expect(await holder.emitWithAck("meeting:join", { meetingId: otherId })).toEqual({
        ok: false,
        error: { code: "forbidden", message: `This token is for meeting "${meetingId}", not "${otherId}".` },
      });
      expect(await holder.emitWithAck("presence:item", { meetingId, itemId })).toEqual({
        ok: false,
        error: { code: "bad-request", message: `Join meeting "${meetingId}" before reporting which item you are on.` },
      });
      const anonymous = await connect();
      expect(await anonymous.emitWithAck("meeting:join", { meetingId })).toEqual({
        ok: false,
        error: { code: "unauthenticated", message: expect.stringMatching(/is not public/) },
      });
    });
  });

  describe("the chair's actions", () => {
    it("sets the current item, which a connected Yjs client sees, and refuses an unknown item", async () => {
      const viewer = await provider("viewer");
      const chair = await connect({ token: await ts.token(meetingId, "chair") });
      expect(await chair.emitWithAck("chair:currentItem", { meetingId, itemId })).toEqual({ ok: true, data: null });
      await eventually(() => expect(currentItemId(viewer.doc)).toBe(itemId));
      expect(await chair.emitWithAck("chair:currentItem", { meetingId, itemId: "nosuchitem" })).toEqual({
        ok: false,
        error: { code: "item-not-found", message: 'No agenda item with id "nosuchitem" in this meeting.' },
      });
      expect(await chair.emitWithAck("chair:currentItem", { meetingId, itemId: null })).toEqual({ ok: true, data: null });
      await eventually(() => expect(currentItemId(viewer.doc)).toBeNull());
    });

    it("records a vote, the named lists deciding the counts", async () => {
      const clerk = await provider("clerk");
      // Names are members in the room (SPEC 9): the clerk lists them first.
      for (const id of ["p1", "p2", "p3"]) addPerson(clerk.doc, { id, name: `Cllr ${id}` });
      await eventually(() => expect(toSnapshot(ts.server.rooms.peek(meetingId)!.doc).people).toHaveLength(3));
      const chair = await connect({ token: await ts.token(meetingId, "chair") });
      const vote = { for: 9, against: 0, abstain: 0, named: { for: ["p1", "p2"], against: ["p3"], abstain: [] } };
      const wording = { text: readItems(clerk.doc)[0]!.resolutions[0]!.text, bullets: [] };
      expect(await chair.emitWithAck("chair:vote", { meetingId, itemId, resolutionId, vote, wording })).toEqual({ ok: true, data: null });
      await eventually(() =>
        expect(readItems(clerk.doc)[0]!.resolutions[0]!.vote).toEqual({
          for: 2,
          against: 1,
          abstain: 0,
          named: { for: ["p1", "p2"], against: ["p3"], abstain: [] },
        }),
      );
    });

    it("changes the meeting's status in the document and the lobby record, by the chair or an administrator", async () => {
      const clerk = await provider("clerk");
      const watcher = recorded(await connect({ token: await ts.token(meetingId, "viewer") }), "lobby:changed");
      const chair = await connect({ token: await ts.token(meetingId, "chair") });
      expect(await chair.emitWithAck("meeting:status", { meetingId, status: "closed" })).toEqual({ ok: true, data: null });
      await eventually(() => expect(watcher.at(-1)?.[0]).toMatchObject({ id: meetingId, status: "closed" }));
      await eventually(() => expect(toSnapshot(clerk.doc).status).toBe("closed"));
      expect((await ts.store.getMeeting(meetingId))?.status).toBe("closed");

      await ts.addUser("admin", "admin");
      const admin = await connect({ cookie: await signIn(ts, "admin") });
      // Recording closed minutes as approved is a manager's step, with a reason (lifecycle.ts).
      expect(await admin.emitWithAck("meeting:status", { meetingId, status: "approved" })).toMatchObject({
        ok: false,
        error: { code: "bad-request", message: "Give a reason to record the minutes as approved (closed to approved)." },
      });
      expect(
        await admin.emitWithAck("meeting:status", { meetingId, status: "approved", reason: "Approved at the meeting of 4 December" }),
      ).toEqual({ ok: true, data: null });
      await eventually(() => expect(watcher.at(-1)?.[0]?.status).toBe("approved"));
    });

    it("refuses every chair action from a viewer or a clerk, changing nothing", async () => {
      const clerkDoc = await provider("clerk");
      const actions: { [A in ActionName]?: Parameters<ClientToServerEvents[A]>[0] } = {
        "chair:confirm": { meetingId, itemId, resolutionId, wording: { text: "x", bullets: [] } },
        "chair:reopen": { meetingId, resolutionId, confirmedAt: new Date().toISOString() },
        "chair:currentItem": { meetingId, itemId },
        "chair:vote": { meetingId, itemId, resolutionId, vote: { for: 3 }, wording: { text: "x", bullets: [] } },
        // A step only a manager takes (the meeting is live): clerks may open and close it, no more.
        "meeting:status": { meetingId, status: "draft", reason: "set up again" },
      };
      for (const role of ["viewer", "clerk"] as const) {
        const socket = await connect({ token: await ts.token(meetingId, role) });
        for (const [name, payload] of Object.entries(actions)) {
          const reply = await (socket as unknown as Socket).emitWithAck(name, payload);
          expect(reply, `${role} ${name}`).toEqual({
            ok: false,
            error: { code: "forbidden", message: expect.stringMatching(new RegExp(`^Only (the chair|a manager).*"${meetingId}"`)) },
          });
        }
      }
      const snapshot = toSnapshot(clerkDoc.doc);
      expect(snapshot.currentItemId).toBeNull();
      expect(snapshot.items[0]!.resolutions[0]).toMatchObject({ vote: null, confirmation: null });
      expect((await ts.store.getMeeting(meetingId))?.status).toBe("live");
    });
  });

  describe("store failures", () => {
    // The unreadable file is lowdb's index; the PostgreSQL pass has its own outage tests (tests/faults).
    it.skipIf(process.env.TEST_STORE === "postgres")(
      "keeps serving when the lobby cannot be re-read after someone leaves, and REST reports the unreadable file",
      async () => {
        const clerk = await connect({ token: await ts.token(meetingId, "clerk") });
        expect(await clerk.emitWithAck("meeting:join", { meetingId })).toMatchObject({ ok: true });
        // An operator's bad hand-edit of the shared index, which the server reads fresh each time.
        await writeFile(path.join(ts.dataDir, "meetings.json"), "{ not json");
        expect(await clerk.emitWithAck("meeting:leave", { meetingId })).toEqual({ ok: true, data: null });
        clerk.disconnect();
        const res = await api<{ error: { code: string } }>(ts, "GET", "/api/meetings");
        expect(res.status).toBe(500);
        expect(res.body.error.code).toBe("store-unreadable");
        expect((await api(ts, "GET", "/api/health")).status).toBe(200);
      },
    );
  });

  describe("payload validation", () => {
    it("answers every action's invalid payload with bad-request naming the field", async () => {
      const socket = await connect({ token: await ts.token(meetingId, "chair") });
      const cases: [ActionName, unknown, string][] = [
        ["meeting:join", { meetingId: "bad id!" }, "meetingId: ids are 1-64 letters, digits, '-' or '_'"],
        ["meeting:join", "abc", "(payload): "],
        ["meeting:leave", {}, "meetingId: "],
        ["presence:item", { meetingId }, "itemId: "],
        ["chair:confirm", { meetingId, itemId }, "resolutionId: "],
        ["chair:confirm", { meetingId, itemId, resolutionId }, "wording: "],
        ["chair:reopen", { meetingId, resolutionId: 5 }, "resolutionId: "],
        ["chair:currentItem", { meetingId, itemId, extra: 1 }, '(payload): Unrecognized key: "extra"'],
        ["chair:vote", { meetingId, itemId, resolutionId, vote: { for: -1 } }, "vote.for: "],
        ["meeting:status", { meetingId, status: "finished" }, "status: "],
        ["lobby:list", { page: 2 }, '(payload): Unrecognized key: "page"'],
      ];
      for (const [name, payload, field] of cases) {
        const reply = await (socket as unknown as Socket).emitWithAck(name, payload);
        expect(reply, name).toEqual({
          ok: false,
          error: { code: "bad-request", message: expect.stringContaining(`Invalid ${name} payload: ${field}`) },
        });
      }
    });

    it("answers an action sent with no payload at all, rather than leaving the caller waiting", async () => {
      const socket = await connect({ token: await ts.token(meetingId, "chair") });
      const reply = await (socket as unknown as Socket).timeout(2000).emitWithAck("lobby:list");
      expect(reply).toEqual({
        ok: false,
        error: { code: "bad-request", message: expect.stringMatching(/^Invalid lobby:list payload: \(payload\): /) },
      });
    });
  });
});
