import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import {
  addComment,
  addItem,
  addResolution,
  entryTextPath,
  readItems,
  textAt,
  type EntryId,
  type ItemId,
  type ResolutionId,
} from "../../../shared/meeting";
import { CLOSE } from "../../../shared/protocol/closeCodes";
import { GUARD_LIMITS, LIMITS } from "../../../shared/protocol/limits";
import { connectProvider, onDisk, startTestServer, synced, type TestServer } from "../../helpers/server";
import { connectRaw, type RawClient } from "../../helpers/rawClient";
import { connectWithToken, type ControlSocket } from "../../helpers/control";
import { craftUpdate } from "../../helpers/craft";
import { eventually } from "../../helpers/eventually";

const DRAFT = "That the reprot be noted.";
const WORDING = "That the report be noted.";

describe("integrity on the wire: locked wording and honest reconnects (SPEC 6, 14)", () => {
  let ts: TestServer;
  let meetingId: string;
  let clerk: WebsocketProvider;
  let chair: ControlSocket;
  let itemId: ItemId;
  let resolutionId: ResolutionId;
  let commentId: EntryId;
  const closers: (() => unknown)[] = [];

  const resolutionPath = () => entryTextPath(itemId, "resolutions", resolutionId, "text");
  const commentPath = () => entryTextPath(itemId, "discussion", commentId, "comment");
  const serverText = (path: ReturnType<typeof entryTextPath>) => textAt(ts.server.rooms.peek(meetingId)!.doc, path)!.toString();

  beforeEach(async () => {
    ts = await startTestServer();
    meetingId = await ts.createMeeting();
    clerk = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    closers.push(() => clerk.destroy());
    await synced(clerk);
    itemId = addItem(clerk.doc, { title: "Budget" });
    resolutionId = addResolution(clerk.doc, itemId, { text: DRAFT });
    commentId = addComment(clerk.doc, itemId, { comment: "A question." });
    await eventually(() => expect(readItems(ts.server.rooms.peek(meetingId)!.doc)[0]?.discussion).toHaveLength(1));
    chair = await connectWithToken(ts.url, await ts.token(meetingId, "chair"));
    closers.push(() => chair.disconnect());
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) close();
    await ts.stop();
    await ts.cleanup();
  });

  async function confirm(): Promise<void> {
    expect(
      await chair.emitWithAck("chair:confirm", { meetingId, itemId, resolutionId, wording: { text: WORDING, bullets: [] } }),
    ).toMatchObject({ ok: true });
  }

  async function attacker(): Promise<RawClient> {
    const raw = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    closers.push(() => raw.ws.terminate());
    await raw.synced;
    await eventually(() => expect(textAt(raw.doc, commentPath())).not.toBeNull());
    return raw;
  }

  /** The locked wording stands unchanged everywhere: the server, the other clerk, the disk. */
  async function lockedEverywhere(): Promise<void> {
    expect(serverText(resolutionPath())).toBe(WORDING);
    expect(textAt(clerk.doc, resolutionPath())!.toString()).toBe(WORDING);
    expect(textAt(await onDisk(ts, meetingId), resolutionPath())!.toString()).toBe(WORDING);
  }

  it("accepts a stock provider's reconnect after a typo fix in a resolution the chair has since confirmed, keeping what was typed offline", async () => {
    const closes: number[] = [];
    clerk.on("connection-close", (event: { code: number } | null) => event && closes.push(event.code));
    const text = textAt(clerk.doc, resolutionPath())!;
    text.delete(11, 4);
    text.insert(11, "port");
    await eventually(() => expect(serverText(resolutionPath())).toBe(WORDING));
    await confirm();
    clerk.disconnect();
    textAt(clerk.doc, commentPath())!.insert(11, " Typed while offline.");
    clerk.connect();
    await eventually(() => expect(serverText(commentPath())).toBe("A question. Typed while offline."));
    await eventually(async () =>
      expect(textAt(await onDisk(ts, meetingId), commentPath())!.toString()).toBe("A question. Typed while offline."),
    );
    expect(clerk.wsconnected).toBe(true);
    expect(closes.filter((code) => code === CLOSE.rejected)).toEqual([]);
    await lockedEverywhere();
  });

  it("refuses a struct overlapping the sender's known structs whose new part would land inside confirmed wording", async () => {
    const raw = await attacker();
    // The attacker fixes the typo itself, so its last known struct stands inside the resolution.
    raw.sendUpdate(
      raw.capture((doc) => {
        const text = textAt(doc, resolutionPath())!;
        text.delete(11, 4);
        text.insert(11, "port");
      }),
    );
    await eventually(() => expect(serverText(resolutionPath())).toBe(WORDING));
    await confirm();
    const mine = raw.doc.clientID;
    const state = Y.getState(raw.doc.store, mine);
    raw.sendUpdate(craftUpdate([{ client: mine, clock: state - 2, content: "XXXXXX", parent: textAt(raw.doc, commentPath())!._item!.id }]));
    const closed = await raw.closed;
    expect(closed.code).toBe(CLOSE.rejected);
    expect(closed.reason).toMatch(/sits beside/);
    await lockedEverywhere();
  });

  it("holds an update with a gap outside the document, and judges it against the lock set by the time its gap is filled", async () => {
    const raw = await attacker();
    const draftStart = textAt(raw.doc, resolutionPath())!._start!.id;
    const commentItem = textAt(raw.doc, commentPath())!._item!.id;
    // Clock 1 would go into the draft resolution, but waits on clock 0.
    raw.sendUpdate(craftUpdate([{ client: 31_337, clock: 1, content: "SNEAK ", origin: draftStart }]));
    await eventually(() => expect(ts.server.rooms.peek(meetingId)!.doc.store.pendingStructs).toBeNull());
    const text = textAt(clerk.doc, resolutionPath())!;
    text.delete(11, 4);
    text.insert(11, "port");
    await eventually(() => expect(serverText(resolutionPath())).toBe(WORDING));
    await confirm();
    raw.sendUpdate(craftUpdate([{ client: 31_337, clock: 0, content: "x", parent: commentItem }]));
    await eventually(() => expect(raw.denied).toEqual([expect.stringMatching(/resolution .* is confirmed/)]));
    expect(serverText(commentPath())).toBe("xA question.");
    expect(ts.server.rooms.peek(meetingId)!.doc.store.pendingStructs).toBeNull();
    await lockedEverywhere();
  });

  it("refuses a new resolution reusing a confirmed resolution's id under another item: nothing else shows as confirmed", async () => {
    await eventually(() => expect(serverText(resolutionPath())).toBe(DRAFT));
    const text = textAt(clerk.doc, resolutionPath())!;
    text.delete(11, 4);
    text.insert(11, "port");
    await eventually(() => expect(serverText(resolutionPath())).toBe(WORDING));
    await confirm();
    const raw = await attacker();
    let other = "" as ItemId;
    raw.sendUpdate(raw.capture((doc) => (other = addItem(doc, { title: "Other" }))));
    raw.sendUpdate(raw.capture((doc) => addResolution(doc, other, { id: resolutionId, text: "That everything be approved." } as never)));
    await eventually(() => expect(raw.denied).toEqual([expect.stringMatching(/^change refused, re-sync: resolution .* is confirmed/)]));
    await eventually(() => expect(readItems(clerk.doc).map((i) => i.title)).toContain("Other"));
    const items = readItems(ts.server.rooms.peek(meetingId)!.doc);
    expect(items.find((i) => i.id === other)!.resolutions).toEqual([]);
    expect(items.flatMap((i) => i.resolutions).filter((r) => r.confirmation)).toHaveLength(1);
    await lockedEverywhere();
  });

  it("closes a connection flooding the server with updates that wait on a missing clock; the meeting's files stay small and it reopens", async () => {
    const raw = await attacker();
    const commentItem = textAt(raw.doc, commentPath())!._item!.id;
    const flood = Array.from({ length: LIMITS.heldUpdates + 50 }, (_, i) =>
      craftUpdate([{ client: 40_000 + i, clock: 5, content: "w".repeat(50), parent: commentItem }]),
    );
    for (const update of flood) raw.sendUpdate(update);
    // Another clerk types while the flood is handled: the edit still lands, promptly.
    const typedAt = performance.now();
    textAt(clerk.doc, commentPath())!.insert(0, "Still here. ");
    await eventually(() => expect(serverText(commentPath())).toBe("Still here. A question."));
    console.info(`another clerk's edit arrived ${(performance.now() - typedAt).toFixed(1)} ms after it was typed, during the flood`);
    const closed = await raw.closed;
    expect(closed.code).toBe(CLOSE.rejected);
    expect(closed.reason).toMatch(/wait on changes the server never got/);
    // The stored meeting holds none of the flood.
    const stored = await onDisk(ts, meetingId);
    expect(Y.encodeStateAsUpdate(stored).byteLength).toBeLessThan(4_000);
    clerk.destroy();
    await ts.stop();
    ts = await ts.restart();
    const started = performance.now();
    const again = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "viewer"));
    closers.push(() => again.destroy());
    await synced(again);
    console.info(`reopened the flooded meeting in ${(performance.now() - started).toFixed(1)} ms`);
    expect(textAt(again.doc, commentPath())!.toString()).toBe("Still here. A question.");
  });

  it("refuses one message of 400,000 tiny structs after reading the limit, while another clerk's edits keep arriving", async () => {
    const raw = await attacker();
    const commentItem = textAt(raw.doc, commentPath())!._item!.id;
    const huge = craftUpdate(
      Array.from({ length: 400_000 }, (_, i) => ({
        client: 7,
        clock: i,
        content: "z",
        ...(i === 0 ? { parent: commentItem } : { origin: { client: 7, clock: i - 1 } as Y.ID }),
      })),
    );
    const sentAt = performance.now();
    raw.sendUpdate(huge);
    textAt(clerk.doc, commentPath())!.insert(0, "Meanwhile. ");
    await eventually(() => expect(serverText(commentPath())).toBe("Meanwhile. A question."));
    console.info(`another clerk's edit arrived ${(performance.now() - sentAt).toFixed(1)} ms after the 400,000-struct message was sent`);
    const closed = await raw.closed;
    expect(closed.code).toBe(CLOSE.rejected);
    expect(closed.reason).toMatch(new RegExp(`limit is ${GUARD_LIMITS.structsPerUpdate}`));
    expect(serverText(commentPath())).not.toContain("z");
  });
});
