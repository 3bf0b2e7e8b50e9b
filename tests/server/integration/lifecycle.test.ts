import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import {
  addComment,
  addItem,
  entryTextPath,
  readItems,
  textAt,
  type StatusChange,
  type ItemId,
  type ResolutionId,
} from "../../../shared/meeting";
import { connectProvider, onDisk, startTestServer, synced, type TestServer } from "../../helpers/server";
import { connectRaw, type RawClient } from "../../helpers/rawClient";
import { connectWithToken } from "../../helpers/control";
import { eventually } from "../../helpers/eventually";
import { api, signIn } from "../http/client";

type Reply = { error?: { code: string; message: string }; status?: string; statusLog?: StatusChange[] };

describe("the minutes' status on the wire and over REST (SPEC 15)", () => {
  let ts: TestServer;
  let meetingId: string;
  let itemId: ItemId;
  let commentId: ReturnType<typeof addComment>;
  let watcher: WebsocketProvider;
  let manager: string;
  let clerkCookie: string;
  const closers: (() => unknown)[] = [];
  const commentPath = () => entryTextPath(itemId, "discussion", commentId, "comment");
  const serverComment = () => textAt(ts.server.rooms.peek(meetingId)!.doc, commentPath())!.toString();

  beforeEach(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting(); // live
    await ts.addUser("lc-manager", "admin");
    await ts.addUser("lc-clerk", "clerk");
    manager = await signIn(ts, "lc-manager");
    clerkCookie = await signIn(ts, "lc-clerk");
    watcher = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    closers.push(() => watcher.destroy());
    await synced(watcher);
    itemId = addItem(watcher.doc, { title: "Budget" });
    commentId = addComment(watcher.doc, itemId, { comment: "A question." });
    await eventually(() => expect(readItems(ts.server.rooms.peek(meetingId)!.doc)[0]?.discussion).toHaveLength(1));
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) close();
    await ts.stop();
    await ts.cleanup();
  });

  const step = (cookie: string, status: string, reason?: string) =>
    api<Reply>(ts, "POST", `/api/meetings/${meetingId}/status`, { cookie, json: reason === undefined ? { status } : { status, reason } });

  async function writer(role: "clerk" | "chair"): Promise<RawClient> {
    const raw = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, role)}`);
    closers.push(() => raw.ws.terminate());
    await raw.synced;
    await eventually(() => expect(textAt(raw.doc, commentPath())).not.toBeNull());
    return raw;
  }
  const typeInto = (raw: RawClient, words: string) =>
    raw.sendUpdate(raw.capture((doc) => textAt(doc, commentPath())!.insert(textAt(doc, commentPath())!.length, words)));

  it("walks live → closed → circulated → approved, each step by whom the lifecycle names, recording who, when and why", async () => {
    expect((await step(clerkCookie, "closed")).status).toBe(200);
    const circulate = await step(clerkCookie, "circulated");
    expect(circulate.status).toBe(403);
    expect(circulate.body.error!.message).toBe(
      `Only a manager may circulate the draft minutes (meeting "${meetingId}", closed to circulated).`,
    );
    expect((await step(manager, "circulated")).status).toBe(200);
    const noReason = await step(manager, "approved");
    expect(noReason.status).toBe(400);
    expect(noReason.body.error!.message).toBe("Give a reason to record the minutes as approved (circulated to approved).");
    const approved = await step(manager, "approved", "Approved as a correct record at the meeting of 4 December 2026");
    expect(approved.status).toBe(200);
    const skip = await step(manager, "live");
    expect(skip.status).toBe(409);
    expect(skip.body.error!.message).toBe(
      `Meeting "${meetingId}" is approved; it cannot go to live from there (only to published or closed).`,
    );

    const record = (await ts.store.getMeeting(meetingId))!;
    expect(record.status).toBe("approved");
    expect(record.statusLog!.map(({ from, to, by, reason }) => ({ from, to, by, reason }))).toEqual([
      { from: "live", to: "closed", by: (await ts.store.findUserByName("lc-clerk"))!.id, reason: "" },
      { from: "closed", to: "circulated", by: (await ts.store.findUserByName("lc-manager"))!.id, reason: "" },
      {
        from: "circulated",
        to: "approved",
        by: (await ts.store.findUserByName("lc-manager"))!.id,
        reason: "Approved as a correct record at the meeting of 4 December 2026",
      },
    ]);
    await eventually(() => expect(watcher.doc.getMap("meeting").get("status")).toBe("approved"));
    const shown = await api<{ meeting: Reply }>(ts, "GET", `/api/meetings/${meetingId}`, { cookie: manager });
    expect(shown.body.meeting.statusLog).toHaveLength(3);
  });

  it("after approval refuses a clerk's and a chair's updates: they reach no other client and no disk; a manager's reopening, with a reason, lets them write again", async () => {
    const clerk = await writer("clerk");
    const chair = await writer("chair");
    typeInto(clerk, " Before approval.");
    await eventually(() => expect(serverComment()).toBe("A question. Before approval."));
    expect((await step(manager, "closed")).status).toBe(200);
    expect((await step(manager, "approved", "Approved at the next meeting")).status).toBe(200);

    typeInto(clerk, " Clerk after approval.");
    typeInto(chair, " Chair after approval.");
    await eventually(() => {
      expect(clerk.denied).toEqual([expect.stringMatching(/^the minutes are approved and locked; only a manager can reopen them/)]);
      expect(chair.denied).toEqual([expect.stringMatching(/^the minutes are approved and locked/)]);
    });
    // A chair action changes the minutes too, and is refused the same way.
    const control = await connectWithToken(ts.url, await ts.token(meetingId, "chair"));
    closers.push(() => control.disconnect());
    expect(await control.emitWithAck("chair:currentItem", { meetingId, itemId })).toMatchObject({
      ok: false,
      error: { code: "locked", message: expect.stringMatching(/the minutes are approved and locked/) },
    });
    expect(serverComment()).toBe("A question. Before approval.");
    expect(textAt(watcher.doc, commentPath())!.toString()).toBe("A question. Before approval.");
    expect(textAt(await onDisk(ts, meetingId), commentPath())!.toString()).toBe("A question. Before approval.");
    const imported = await api<Reply>(ts, "POST", `/api/meetings/${meetingId}/import`, {
      cookie: manager,
      json: { text: "Agenda item\nMore" },
    });
    expect(imported.status).toBe(423);
    expect(imported.body.error!.message).toMatch(/the minutes are approved and locked/);
    const renamed = await api<Reply>(ts, "PATCH", `/api/meetings/${meetingId}`, { cookie: manager, json: { title: "Renamed" } });
    expect(renamed.status).toBe(423);

    // Reopening is a manager's, with a reason, and is recorded.
    expect((await step(clerkCookie, "closed", "typo")).status).toBe(403);
    expect((await step(manager, "closed")).status).toBe(400);
    expect((await step(manager, "closed", "A name was misspelt in item 4")).status).toBe(200);
    expect((await ts.store.getMeeting(meetingId))!.statusLog!.at(-1)).toMatchObject({
      from: "approved",
      to: "closed",
      reason: "A name was misspelt in item 4",
    });
    const fresh = await writer("clerk");
    typeInto(fresh, " Corrected.");
    await eventually(() => expect(textAt(watcher.doc, commentPath())!.toString()).toBe("A question. Before approval. Corrected."));
    expect(fresh.denied).toEqual([]);
  });

  it("keeps circulated minutes read-only, and holds the lock when the meeting is loaded afresh", async () => {
    expect((await step(clerkCookie, "closed")).status).toBe(200);
    expect((await step(manager, "circulated")).status).toBe(200);
    for (const close of closers.splice(0).reverse()) close();
    await eventually(() => expect(ts.server.rooms.peek(meetingId)?.size ?? 0).toBe(0));
    await ts.server.rooms.unload(meetingId);
    const clerk = await writer("clerk");
    typeInto(clerk, " After circulation.");
    await eventually(() => expect(clerk.denied).toEqual([expect.stringMatching(/^the draft minutes have been circulated/)]));
    expect(textAt(await onDisk(ts, meetingId), commentPath())!.toString()).toBe("A question.");
  });

  it("approves the earlier minutes when the chair confirms the next meeting's 'minutes of the previous meeting' resolution, with its corrections", async () => {
    expect((await step(clerkCookie, "closed")).status).toBe(200);
    expect((await step(manager, "circulated")).status).toBe(200);
    const next = await ts.createMeeting("Scrutiny Committee, next meeting");
    const add = (cookie: string, earlier: string) =>
      api<{ itemId: string; resolutionId: string; error?: { message: string } }>(ts, "POST", `/api/meetings/${next}/approval-items`, {
        cookie,
        json: { meetingId: earlier },
      });
    expect((await add(clerkCookie, meetingId)).status).toBe(403);
    expect((await add(manager, "no-such-meeting")).body.error!.message).toBe(
      'No meeting with id "no-such-meeting" to approve the minutes of.',
    );
    const added = await add(manager, meetingId);
    expect(added.status).toBe(201);
    const approvalItem = added.body.itemId as ItemId;
    const resolutionId = added.body.resolutionId as ResolutionId;

    const nextClerk = connectProvider(ts.wsUrl, next, await ts.token(next, "clerk"));
    closers.push(() => nextClerk.destroy());
    await synced(nextClerk);
    const wording = textAt(nextClerk.doc, entryTextPath(approvalItem, "resolutions", resolutionId, "text"))!;
    expect(wording.toString()).toBe("That the minutes of the meeting be approved as a correct record.");
    wording.delete(wording.length - 1, 1);
    wording.insert(wording.length, ", subject to an apology from Councillor Rigby being recorded.");
    const corrected =
      "That the minutes of the meeting be approved as a correct record, subject to an apology from Councillor Rigby being recorded.";
    await eventually(() =>
      expect(textAt(ts.server.rooms.peek(next)!.doc, entryTextPath(approvalItem, "resolutions", resolutionId, "text"))!.toString()).toBe(
        corrected,
      ),
    );
    const chair = await connectWithToken(ts.url, await ts.token(next, "chair"));
    closers.push(() => chair.disconnect());
    expect(
      await chair.emitWithAck("chair:confirm", {
        meetingId: next,
        itemId: approvalItem,
        resolutionId,
        wording: { text: corrected, bullets: [] },
      }),
    ).toMatchObject({ ok: true });

    const earlier = (await ts.store.getMeeting(meetingId))!;
    expect(earlier.status).toBe("approved");
    expect(earlier.approvedBy).toMatchObject({ meetingId: next, itemId: approvalItem, resolutionId, wording: corrected });
    expect(earlier.statusLog!.at(-1)).toMatchObject({
      from: "circulated",
      to: "approved",
      by: "token:chair",
      reason: `Approved by resolution of the Scrutiny Committee, next meeting: ${corrected}`,
    });
    // Locked on the wire at once.
    const clerk = await writer("clerk");
    typeInto(clerk, " Too late.");
    await eventually(() => expect(clerk.denied).toEqual([expect.stringMatching(/^the minutes are approved and locked/)]));
    // Minutes already approved cannot be put for approval again.
    expect((await add(manager, meetingId)).status).toBe(409);
  });
});
