import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { io as connectControl, type Socket } from "socket.io-client";
import {
  addItem,
  addResolution,
  entryTextPath,
  textAt,
  editText,
  readItems,
  type ItemId,
  type ResolutionId,
} from "../../../shared/meeting";
import { SOCKET_IO_PATH } from "../../../shared/protocol/paths";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../shared/protocol/events";
import { connectProvider, onDisk, startTestServer, synced, type TestServer } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";
import { eventually } from "../../helpers/eventually";
import type { WebsocketProvider } from "y-websocket";

describe("roles enforced on the wire", () => {
  let ts: TestServer;
  let meetingId: string;
  let clerk: WebsocketProvider;
  let itemId: ItemId;
  let resolutionId: ResolutionId;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting();
    clerk = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    await synced(clerk);
    itemId = addItem(clerk.doc, { title: "Budget" });
    resolutionId = addResolution(clerk.doc, itemId, { text: "That the report be noted." });
    await eventually(async () => expect(readItems(await onDisk(ts, meetingId))[0]?.resolutions).toHaveLength(1));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    clerk.destroy();
    await ts.stop();
    await ts.cleanup();
  });

  async function chair(): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectControl(ts.url, {
      path: SOCKET_IO_PATH,
      auth: { token: await ts.token(meetingId, "chair") },
      transports: ["websocket"],
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.on("connect", () => resolve(socket));
      socket.on("connect_error", reject);
    });
  }

  it("drops a viewer's raw update: no other client sees it, it is not on disk, and the viewer is told", async () => {
    const viewer = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "viewer")}`);
    await viewer.synced;
    const path = entryTextPath(itemId, "resolutions", resolutionId, "text");
    await eventually(() => expect(textAt(viewer.doc, path)?.toString()).toBe("That the report be noted."));
    viewer.sendUpdate(viewer.capture((doc) => textAt(doc, path)!.insert(0, "VANDAL ")));
    await eventually(() => expect(viewer.denied).toEqual([expect.stringMatching(/viewers cannot change the minutes/)]));
    // A later clerk edit arrives, so the viewer's would have too had it been relayed.
    editText(clerk.doc, path, "That the report be noted with thanks.");
    await eventually(async () =>
      expect(textAt(await onDisk(ts, meetingId), path)?.toString()).toBe("That the report be noted with thanks."),
    );
    expect(textAt(clerk.doc, path)!.toString()).not.toContain("VANDAL");
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    viewer.ws.close();
  });

  it("keeps a clerk's change to confirmed wording out, tells the clerk and undoes it there, until the chair reopens", async () => {
    const control = await chair();
    const confirmed = await control.emitWithAck("chair:confirm", {
      meetingId,
      itemId,
      resolutionId,
      wording: { text: "That the report be noted.", bullets: [] },
    });
    expect(confirmed).toMatchObject({ ok: true, data: { text: "That the report be noted.", by: "token:chair" } });
    const path = entryTextPath(itemId, "resolutions", resolutionId, "text");

    const raw = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    await raw.synced;
    raw.sendUpdate(raw.capture((doc) => textAt(doc, path)!.insert(5, "amended ")));
    await eventually(() => expect(raw.denied).toEqual([expect.stringMatching(/^change refused: resolution .* is confirmed/)]));
    // The server sent back the delete of what it kept out, so the clerk's own copy reads the confirmed wording again.
    await eventually(() => expect(textAt(raw.doc, path)!.toString()).toBe("That the report be noted."));
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.ws.close();
    expect(textAt(clerk.doc, path)!.toString()).toBe("That the report be noted.");
    expect(textAt(await onDisk(ts, meetingId), path)!.toString()).toBe("That the report be noted.");

    expect(
      await control.emitWithAck("chair:reopen", { meetingId, resolutionId, confirmedAt: confirmed.ok ? confirmed.data.at : "" }),
    ).toEqual({ ok: true, data: null });
    const again = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    await again.synced;
    await eventually(() => expect(again.doc.getMap("confirmations").size).toBe(0));
    again.sendUpdate(again.capture((doc) => textAt(doc, path)!.insert(5, "amended ")));
    await eventually(() => expect(textAt(clerk.doc, path)!.toString()).toBe("That amended the report be noted."));
    await eventually(async () => expect(textAt(await onDisk(ts, meetingId), path)!.toString()).toBe("That amended the report be noted."));
    again.ws.close();
  });

  it("refuses chair actions from a clerk, and malformed payloads, saying why", async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectControl(ts.url, {
      path: SOCKET_IO_PATH,
      auth: { token: await ts.token(meetingId, "clerk") },
      transports: ["websocket"],
    });
    sockets.push(socket);
    const wording = { text: "That the report be noted.", bullets: [] };
    expect(await socket.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId, wording })).toEqual({
      ok: false,
      error: { code: "forbidden", message: expect.stringMatching(/Only the chair.*your role.*is clerk/) },
    });
    expect(await socket.emitWithAck("chair:confirm", { meetingId, itemId } as never)).toEqual({
      ok: false,
      error: { code: "bad-request", message: expect.stringMatching(/Invalid chair:confirm payload: resolutionId/) },
    });
    const control = await chair();
    expect(await control.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId: "nope", wording })).toEqual({
      ok: false,
      error: { code: "entry-not-found", message: expect.stringMatching(/No resolutions entry "nope"/) },
    });
  });
});
