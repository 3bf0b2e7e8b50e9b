import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addItem } from "../../../shared/meeting";
import { CLOSE } from "../../../shared/protocol/closeCodes";
import { ERRORS, closeCode } from "../../../shared/protocol/errors";
import { connectProvider, synced } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";
import { connected, openControl, type Control } from "../../helpers/control";
import { api, startStaffedServer, type ErrorBody, type Staffed } from "../http/client";

/** The HTTP status and message of a refused Yjs upgrade, or 101 when it was accepted. */
const upgrade = (url: string) =>
  connectRaw(url).then(
    (c) => {
      c.ws.close();
      return { status: 101, message: "" };
    },
    (e: { status: number; body: string }) => ({ status: e.status, message: (JSON.parse(e.body) as { error: string }).error }),
  );

describe("one table of errors, answered alike over REST, the Yjs endpoint and socket.io", () => {
  let s: Staffed;
  const controls: Control[] = [];
  beforeAll(async () => {
    s = await startStaffedServer();
  });
  afterAll(async () => {
    for (const c of controls) c.close();
    await s.ts.stop();
    await s.ts.cleanup();
  });
  const control = async (as: { cookie?: string; token?: string }) => {
    const socket = openControl(s.ts.url, as);
    controls.push(socket);
    return connected(socket);
  };

  it("a missing meeting is not-found: 404 over REST and at the upgrade, not-found over socket.io, and the named close code once it goes while connected", async () => {
    const message = 'No meeting with id "nosuchmeeting".';
    const rest = await api<ErrorBody>(s.ts, "GET", "/api/meetings/nosuchmeeting", { cookie: s.admin.cookie });
    expect(rest).toMatchObject({ status: ERRORS["not-found"].status, body: { error: { code: "not-found", message } } });
    expect(rest.status).toBe(404);

    expect(await upgrade(`${s.ts.wsUrl}/nosuchmeeting?token=${await s.ts.token("nosuchmeeting", "clerk")}`)).toEqual({
      status: 404,
      message,
    });

    const admin = await control({ cookie: s.admin.cookie });
    expect(await admin.emitWithAck("meeting:join", { meetingId: "nosuchmeeting" })).toEqual({
      ok: false,
      error: { code: "not-found", message },
    });

    const id = await s.ts.createMeeting("Doomed");
    const provider = connectProvider(s.ts.wsUrl, id, await s.ts.token(id, "clerk"));
    await synced(provider);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.once("closed", (event) => resolve(event)));
    expect((await api(s.ts, "DELETE", `/api/meetings/${id}`, { cookie: s.admin.cookie })).status).toBe(204);
    expect(await closed).toEqual({ code: closeCode("not-found"), reason: "meeting deleted" });
    expect(closeCode("not-found")).toBe(CLOSE.gone);
    provider.destroy();
  });

  it("a model error keeps its own code and takes its code's status: an unknown item is item-not-found, 404, over REST and socket.io", async () => {
    const id = await s.ts.createMeeting("Planning");
    await s.ts.server.rooms.with(id, (room) => addItem(room.doc, { title: "Minutes" }));
    const message = 'No agenda item with id "nosuchitem" in this meeting.';
    const rest = await api<ErrorBody>(s.ts, "GET", `/api/meetings/${id}/export?item=nosuchitem`, { cookie: s.admin.cookie });
    expect(rest).toMatchObject({ status: 404, body: { error: { code: "item-not-found", message } } });
    expect(ERRORS["item-not-found"].status).toBe(404);

    const chair = await control({ token: await s.ts.token(id, "chair") });
    expect(await chair.emitWithAck("chair:currentItem", { meetingId: id, itemId: "nosuchitem" })).toEqual({
      ok: false,
      error: { code: "item-not-found", message },
    });
  });

  it("a bad request is bad-request: 400 over REST and at the upgrade, and over socket.io, each naming what was wrong", async () => {
    const rest = await api<ErrorBody>(s.ts, "POST", "/api/meetings", { cookie: s.admin.cookie, json: { title: "" } });
    expect(rest).toMatchObject({
      status: 400,
      body: { error: { code: "bad-request", message: expect.stringMatching(/^Invalid meeting: title: /) } },
    });
    expect(await upgrade(`${s.ts.wsUrl}/bad%20id`)).toEqual({
      status: 400,
      message: expect.stringMatching(/"bad id" is not a meeting id/),
    });
    const admin = await control({ cookie: s.admin.cookie });
    expect(await admin.emitWithAck("meeting:join", { meetingId: "bad id" })).toEqual({
      ok: false,
      error: { code: "bad-request", message: expect.stringMatching(/^Invalid meeting:join payload: meetingId: ids are 1-64 letters/) },
    });
  });
});
