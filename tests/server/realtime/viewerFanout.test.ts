import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import * as decoding from "lib0/decoding";
import { addItem, itemTextPath, textAt } from "../../../shared/meeting";
import { MESSAGE } from "../../../shared/protocol/closeCodes";
import { connectProvider, startTestServer, synced, type TestServer } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";
import { eventually } from "../../helpers/eventually";

/** Counts the sync-update and presence frames a raw connection receives. */
function countUpdates(ws: WebSocket): { count: number; presence: number } {
  const counter = { count: 0, presence: 0 };
  ws.on("message", (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(d);
    if (type === MESSAGE.sync && decoding.readVarUint(d) === 2) counter.count++;
    if (type === MESSAGE.awareness) counter.presence++;
  });
  return counter;
}

describe("fan-out to viewers", () => {
  let ts: TestServer;
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  async function typeForViewer(fanout: number, keystrokes: number) {
    ts = await startTestServer({ viewerFanoutPerSecond: fanout });
    const meetingId = await ts.createMeeting();
    const clerk = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    await synced(clerk);
    const itemId = addItem(clerk.doc, { title: "" });
    const viewer = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "viewer")}`);
    await viewer.synced;
    await eventually(() => expect(textAt(viewer.doc, itemTextPath(itemId, "title"))).not.toBeNull());
    const frames = countUpdates(viewer.ws);
    const title = textAt(clerk.doc, itemTextPath(itemId, "title"))!;
    for (let i = 0; i < keystrokes; i++) title.insert(i, String.fromCharCode(97 + (i % 26)));
    await eventually(() => expect(textAt(viewer.doc, itemTextPath(itemId, "title"))!.toString()).toBe(title.toString()));
    clerk.destroy();
    viewer.ws.close();
    return frames.count;
  }

  it("sends viewers each keystroke as it comes while the server has budget", async () => {
    expect(await typeForViewer(30_000, 40)).toBe(40);
  });

  it("merges viewers' keystrokes once the budget is spent, and they still see everything", async () => {
    expect(await typeForViewer(1, 40)).toBeLessThan(10);
  });

  it("sends clerks' carets to the other clerks and not to viewers, who do not show them", async () => {
    ts = await startTestServer();
    const meetingId = await ts.createMeeting();
    const viewer = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "viewer")}`);
    const clerkB = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    await Promise.all([viewer.synced, clerkB.synced]);
    const toViewer = countUpdates(viewer.ws);
    const toClerk = countUpdates(clerkB.ws);
    const clerk = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    await synced(clerk);
    for (let i = 0; i < 20; i++) clerk.awareness.setLocalStateField("caret", { field: "title", index: i });
    clerk.doc.getText("venue").insert(0, "Town Hall");
    await eventually(() => expect(viewer.doc.getText("venue").toString()).toBe("Town Hall"));
    await eventually(() => expect(toClerk.presence).toBeGreaterThanOrEqual(20));
    expect(toViewer.presence).toBe(0);
    clerk.destroy();
    viewer.ws.close();
    clerkB.ws.close();
  });
});
