import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import {
  addItem,
  addResolution,
  entryTextPath,
  isConfirmed,
  readItems,
  textAt,
  type ItemId,
  type ResolutionId,
} from "../../../shared/meeting";
import { connectProvider, startTestServer, synced, type TestServer } from "../../helpers/server";
import { connectWithToken, type ControlSocket } from "../../helpers/control";
import { eventually } from "../../helpers/eventually";

const SEEN = "That the report be noted.";
const TYPED = "That the report be noted and rejected.";

describe("the chair confirms exactly the wording on the chair's screen", () => {
  let ts: TestServer;
  let meetingId: string;
  let clerk: WebsocketProvider;
  let chair: ControlSocket;
  let itemId: ItemId;
  let resolutionId: ResolutionId;
  const serverDoc = () => ts.server.rooms.peek(meetingId)!.doc;
  const held = () => readItems(serverDoc())[0]!.resolutions[0]!;

  beforeEach(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting();
    clerk = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    await synced(clerk);
    itemId = addItem(clerk.doc, { title: "Budget" });
    resolutionId = addResolution(clerk.doc, itemId, { text: SEEN });
    await eventually(() => expect(held().text).toBe(SEEN));
    chair = await connectWithToken(ts.url, await ts.token(meetingId, "chair"));
  });
  afterEach(async () => {
    chair.disconnect();
    clerk.destroy();
    await ts.stop();
    await ts.cleanup();
  });

  /** A clerk's keystrokes land on the server after the chair's screen showed SEEN and before the tap. */
  async function clerkTypesAfterTheChairRead(): Promise<void> {
    const text = textAt(clerk.doc, entryTextPath(itemId, "resolutions", resolutionId, "text"))!;
    text.insert(text.length - 1, " and rejected");
    await eventually(() => expect(held().text).toBe(TYPED));
  }

  it("refuses a confirm of wording that changed in between with conflict, locks nothing, and confirms the new wording when sent", async () => {
    await clerkTypesAfterTheChairRead();
    const refused = await chair.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId, wording: { text: SEEN, bullets: [] } });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "conflict",
        message: expect.stringMatching(/changed after your screen showed it, so it was not confirmed/),
        details: { seen: { text: SEEN, bullets: [] }, current: { text: TYPED, bullets: [] } },
      },
    });
    expect(isConfirmed(serverDoc(), resolutionId)).toBe(false);
    // Nothing locked: the clerk can still change the draft.
    const text = textAt(clerk.doc, entryTextPath(itemId, "resolutions", resolutionId, "text"))!;
    text.insert(0, "");
    const confirmed = await chair.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId, wording: { text: TYPED, bullets: [] } });
    expect(confirmed).toMatchObject({ ok: true, data: { text: TYPED } });
    expect(held().confirmation).toMatchObject({ text: TYPED });
  });

  it("refuses a vote on wording that changed in between, recording nothing", async () => {
    await clerkTypesAfterTheChairRead();
    const vote = { for: 5, against: 1, abstain: 0, named: null };
    const refused = await chair.emitWithAck("chair:vote", { meetingId, itemId, resolutionId, vote, wording: { text: SEEN, bullets: [] } });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict", details: { current: { text: TYPED } } } });
    expect(held().vote).toBeNull();
    expect(await chair.emitWithAck("chair:vote", { meetingId, itemId, resolutionId, vote, wording: { text: TYPED, bullets: [] } })).toEqual(
      { ok: true, data: null },
    );
    expect(held().vote).toMatchObject({ for: 5, against: 1 });
  });

  it("refuses to reopen a confirmation other than the one the chair's screen showed", async () => {
    const first = await chair.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId, wording: { text: SEEN, bullets: [] } });
    expect(first.ok).toBe(true);
    const firstAt = first.ok ? first.data.at : "";
    // Another chair's screen reopens it and confirms it again.
    expect(await chair.emitWithAck("chair:reopen", { meetingId, resolutionId, confirmedAt: firstAt })).toEqual({ ok: true, data: null });
    await eventually(async () => expect(new Date().toISOString()).not.toBe(firstAt));
    const second = await chair.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId, wording: { text: SEEN, bullets: [] } });
    expect(second.ok).toBe(true);
    expect(await chair.emitWithAck("chair:reopen", { meetingId, resolutionId, confirmedAt: firstAt })).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringMatching(/was confirmed again/) },
    });
    expect(isConfirmed(serverDoc(), resolutionId)).toBe(true);
  });
});
