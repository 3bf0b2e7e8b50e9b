import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { io as connectControl, type Socket } from "socket.io-client";
import {
  addItem,
  addResolution,
  editText,
  entryTextPath,
  itemTextPath,
  meetingText,
  readItems,
  type MeetingSnapshot,
} from "../../../shared/meeting";
import { SOCKET_IO_PATH } from "../../../shared/protocol/paths";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../shared/protocol/events";
import type { VersionInfo } from "../../../server/persistence/Store";
import { connectProvider, synced } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";
import { api, startStaffedServer, type ErrorBody, type Staffed } from "./client";

describe("version history (/api/meetings/:id/versions)", () => {
  let s: Staffed;
  let meetingId: string;
  let clerk: WebsocketProvider;
  beforeEach(async () => {
    s = await startStaffedServer();
    meetingId = await s.ts.createMeeting("Health Scrutiny");
    clerk = connectProvider(s.ts.wsUrl, meetingId, await s.ts.token(meetingId, "clerk"));
    await synced(clerk);
  });
  afterEach(async () => {
    clerk.destroy();
    await s.ts.stop();
    await s.ts.cleanup();
  });

  const snapshotOnServer = async () =>
    (await api<{ snapshot: MeetingSnapshot }>(s.ts, "GET", `/api/meetings/${meetingId}`, { cookie: s.clerk.cookie })).body.snapshot;
  const titlesOnServer = async () => (await snapshotOnServer()).items.map((i) => i.title);
  const versions = async () =>
    (await api<VersionInfo[]>(s.ts, "GET", `/api/meetings/${meetingId}/versions`, { cookie: s.chair.cookie })).body;

  it("saves a named version, lists it, and returns its snapshot", async () => {
    addItem(clerk.doc, { title: "Budget" });
    await eventually(async () => expect(await titlesOnServer()).toEqual(["Budget"]));
    const saved = await api<VersionInfo>(s.ts, "POST", `/api/meetings/${meetingId}/versions`, {
      cookie: s.clerk.cookie,
      json: { label: "Before the vote" },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      by: s.clerk.id,
      label: "Before the vote",
      bytes: expect.any(Number),
    });
    expect(await versions()).toEqual([saved.body]);
    const one = await api<MeetingSnapshot>(s.ts, "GET", `/api/meetings/${meetingId}/versions/${saved.body.id}`, { cookie: s.chair.cookie });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: meetingId, items: [{ title: "Budget" }] });
  });

  it("restores an earlier version: a connected client sees the old content, and the replaced content is kept as a version", async () => {
    const itemId = addItem(clerk.doc, { title: "Budget" });
    meetingText(clerk.doc, "venue").insert(0, "Town Hall");
    await eventually(async () => expect(await titlesOnServer()).toEqual(["Budget"]));
    const saved = (
      await api<VersionInfo>(s.ts, "POST", `/api/meetings/${meetingId}/versions`, { cookie: s.clerk.cookie, json: { label: "Agreed" } })
    ).body;

    editText(clerk.doc, itemTextPath(itemId, "title"), "Budget 2017/18");
    addItem(clerk.doc, { title: "Late item" });
    meetingText(clerk.doc, "venue").insert(9, ", Committee Room 2");
    await eventually(async () => expect(await titlesOnServer()).toEqual(["Budget 2017/18", "Late item"]));

    const restored = await api<{ restored: string; savedBefore: VersionInfo }>(
      s.ts,
      "POST",
      `/api/meetings/${meetingId}/versions/${saved.id}/restore`,
      { cookie: s.clerk.cookie },
    );
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({
      restored: saved.id,
      savedBefore: expect.objectContaining({ label: "Before restoring an earlier version", by: s.clerk.id }),
    });

    await eventually(() => {
      expect(readItems(clerk.doc).map((i) => i.title)).toEqual(["Budget"]);
      expect(meetingText(clerk.doc, "venue").toString()).toBe("Town Hall");
    });
    expect(await titlesOnServer()).toEqual(["Budget"]);
    expect((await versions()).map((v) => v.label)).toEqual(["Agreed", "Before restoring an earlier version"]);
    const before = await api<MeetingSnapshot>(s.ts, "GET", `/api/meetings/${meetingId}/versions/${restored.body.savedBefore.id}`, {
      cookie: s.clerk.cookie,
    });
    expect(before.body.items.map((i) => i.title)).toEqual(["Budget 2017/18", "Late item"]);
    expect(before.body.venue).toBe("Town Hall, Committee Room 2");
  });

  it("refuses to restore over a resolution the chair has since confirmed (SPEC 6), until the chair reopens it", async () => {
    const itemId = addItem(clerk.doc, { title: "Budget" });
    const resolutionId = addResolution(clerk.doc, itemId, { text: "That the report be noted." });
    await eventually(async () => expect(await titlesOnServer()).toEqual(["Budget"]));
    const draft = (
      await api<VersionInfo>(s.ts, "POST", `/api/meetings/${meetingId}/versions`, { cookie: s.clerk.cookie, json: { label: "Draft" } })
    ).body;
    editText(clerk.doc, entryTextPath(itemId, "resolutions", resolutionId, "text"), "That the report be approved.");
    await eventually(async () => expect((await snapshotOnServer()).items[0]!.resolutions[0]!.text).toBe("That the report be approved."));
    const chair = connectControl(s.ts.url, {
      path: SOCKET_IO_PATH,
      transports: ["websocket"],
      auth: { token: await s.ts.token(meetingId, "chair") },
    }) as Socket<ServerToClientEvents, ClientToServerEvents>;
    try {
      const confirmed = await chair.emitWithAck("chair:confirm", {
        meetingId,
        itemId,
        resolutionId,
        wording: { text: "That the report be approved.", bullets: [] },
      });
      expect(confirmed).toMatchObject({ ok: true });

      const refused = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${meetingId}/versions/${draft.id}/restore`, {
        cookie: s.clerk.cookie,
      });
      expect(refused.status).toBe(423);
      expect(refused.body.error).toEqual({
        code: "locked",
        message: `Restoring version "${draft.id}" would change resolution "${resolutionId}", which the chair has confirmed; the chair must reopen it first.`,
      });
      const after = (await snapshotOnServer()).items[0]!.resolutions[0]!;
      expect(after).toMatchObject({ text: "That the report be approved.", confirmation: { text: "That the report be approved." } });
      expect((await versions()).map((v) => v.label)).toEqual(["Draft"]);

      expect(
        await chair.emitWithAck("chair:reopen", { meetingId, resolutionId, confirmedAt: confirmed.ok ? confirmed.data.at : "" }),
      ).toEqual({ ok: true, data: null });
      expect((await api(s.ts, "POST", `/api/meetings/${meetingId}/versions/${draft.id}/restore`, { cookie: s.clerk.cookie })).status).toBe(
        200,
      );
      expect((await snapshotOnServer()).items[0]!.resolutions[0]).toMatchObject({ text: "That the report be noted.", confirmation: null });
    } finally {
      chair.disconnect();
    }
  });

  it("lets token holders save versions as their role, and refuses viewers", async () => {
    const byToken = await api<VersionInfo>(s.ts, "POST", `/api/meetings/${meetingId}/versions`, {
      token: await s.ts.token(meetingId, "clerk"),
    });
    expect(byToken.status).toBe(201);
    expect(byToken.body).toMatchObject({ by: "token:clerk", label: "" });
    for (const as of [{ token: await s.ts.token(meetingId, "viewer") }, { cookie: s.chair.cookie }]) {
      const save = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${meetingId}/versions`, { ...as, json: { label: "Nope" } });
      expect(save.status).toBe(403);
      expect(save.body.error).toEqual({ code: "forbidden", message: `Viewers cannot change meeting "${meetingId}".` });
      const restore = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${meetingId}/versions/${byToken.body.id}/restore`, as);
      expect(restore.status).toBe(403);
    }
    expect((await versions()).map((v) => v.id)).toEqual([byToken.body.id]);
  });

  it("says when a version does not exist, and names a bad label", async () => {
    const missing = await api<ErrorBody>(s.ts, "GET", `/api/meetings/${meetingId}/versions/nosuch`, { cookie: s.clerk.cookie });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: "not-found", message: `Meeting "${meetingId}" has no version "nosuch".` });
    const restore = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${meetingId}/versions/nosuch/restore`, { cookie: s.clerk.cookie });
    expect(restore.status).toBe(404);
    expect(await versions()).toEqual([]);
    const bad = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${meetingId}/versions`, { cookie: s.clerk.cookie, json: { label: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid version: label: /);
  });
});
