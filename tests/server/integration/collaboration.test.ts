import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment, addItem, entryTextPath, readItems, textAt, toSnapshot } from "../../../shared/meeting";
import { connectProvider, startTestServer, synced, type TestServer } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";
import type { WebsocketProvider } from "y-websocket";

describe("two clerks on the live server", () => {
  let ts: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await ts?.stop().catch(() => undefined);
    await ts?.cleanup();
  });

  it("converge while typing concurrently, and the restarted server serves the same text", async () => {
    ts = await startTestServer();
    const meetingId = await ts.createMeeting();
    const a = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    const b = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    const itemId = addItem(a.doc, { title: "Budget" });
    const commentId = addComment(a.doc, itemId, { comment: "" });
    await eventually(() => expect(readItems(b.doc)[0]?.discussion).toHaveLength(1));

    // Both clerks type into the same comment, one character per update, interleaved.
    const path = entryTextPath(itemId, "discussion", commentId, "comment");
    const left = "Clarification was sought. ";
    const right = "In response it was stated.";
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      if (i < left.length) textAt(a.doc, path)!.insert(i, left[i]!);
      if (i < right.length) {
        const t = textAt(b.doc, path)!;
        t.insert(t.length, right[i]!);
      }
    }
    await eventually(() => {
      expect(textAt(a.doc, path)!.toString()).toBe(textAt(b.doc, path)!.toString());
      expect(textAt(a.doc, path)!.toString()).toContain(left.trim());
      expect(textAt(a.doc, path)!.toString()).toContain(right);
    });
    const typed = textAt(a.doc, path)!.toString();

    a.destroy();
    b.destroy();
    providers.length = 0;
    await ts.stop();
    ts = await ts.restart();
    const c = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "viewer"));
    providers.push(c);
    await synced(c);
    await eventually(() => expect(textAt(c.doc, path)?.toString()).toBe(typed));
    expect(toSnapshot(c.doc).items[0]!.title).toBe("Budget");
  });

  it("starts the document of a meeting made outside the app (CLI) from its record", async () => {
    ts = await startTestServer();
    const meetingId = await ts.createMeeting("Audit Committee");
    const viewer = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "viewer"));
    providers.push(viewer);
    await synced(viewer);
    await eventually(() => expect(toSnapshot(viewer.doc)).toMatchObject({ id: meetingId, title: "Audit Committee", status: "live" }));
  });

  it("keeps an idle meeting out of memory and loads it again on demand", async () => {
    ts = await startTestServer({ idleUnloadMs: 20 });
    const meetingId = await ts.createMeeting();
    const a = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    providers.push(a);
    await synced(a);
    addItem(a.doc, { title: "Kept" });
    await eventually(() => expect(ts.server.rooms.peek(meetingId)?.saveStatus.savedAt).toBeTruthy());
    a.destroy();
    providers.length = 0;
    await eventually(() => expect(ts.server.rooms.loaded).toBe(0));
    const b = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "viewer"), new Y.Doc());
    providers.push(b);
    await synced(b);
    await eventually(() => expect(readItems(b.doc).map((i) => i.title)).toEqual(["Kept"]));
  });
});
