import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { MESSAGE } from "../../../shared/protocol/closeCodes";
import { connectProvider, startTestServer, synced, type TestServer } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";

/** How long the clerks type: the figure, a minute of a real meeting's traffic. */
const TYPING_MS = Number(process.env.PRESENCE_TYPING_MS ?? 60_000);

/** Counts the permission-denied messages a stock provider receives, instead of its console warning. */
function countDenials(provider: WebsocketProvider): { denied: string[] } {
  const seen = { denied: [] as string[] };
  const original = provider.messageHandlers[MESSAGE.auth]!;
  provider.messageHandlers[MESSAGE.auth] = (encoder, decoder, p, emitSynced, type) => {
    const copy = { ...decoder, pos: decoder.pos } as typeof decoder;
    original(encoder, copy, p, emitSynced, type);
    seen.denied.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
  };
  return seen;
}

describe("presence from stock providers", () => {
  let ts: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await ts.stop();
    await ts.cleanup();
  });

  it(
    `three clerks typing and moving their carets for ${TYPING_MS / 1000} s get no refusal, and each sees the others' presence`,
    async () => {
      ts = await startTestServer();
      const meetingId = await ts.createMeeting();
      for (let i = 0; i < 3; i++) providers.push(connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk")));
      await Promise.all(providers.map(synced));
      const counts = providers.map(countDenials);
      const awarenessHeard = providers.map(() => 0);
      providers.forEach((p, i) => {
        p.awareness.setLocalStateField("user", { name: `Clerk ${i + 1}` });
        p.awareness.on("change", (_: unknown, origin: unknown) => origin !== "local" && awarenessHeard[i]!++);
      });
      // Typing at about 5 characters a second each, the caret moving with every keystroke, as the app does.
      const started = Date.now();
      let typed = 0;
      await Promise.all(
        providers.map(async (p, i) => {
          const text = p.doc.getText(["title", "venue", "committee"][i]!);
          while (Date.now() - started < TYPING_MS) {
            text.insert(text.length, "abcdefghij"[typed++ % 10]!);
            p.awareness.setLocalStateField("cursor", { index: text.length, at: Date.now() });
            // A typist's pace, not a wait for anything.
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }),
      );
      for (const [i, p] of providers.entries()) {
        await eventually(() => {
          for (const [j, other] of providers.entries())
            if (i !== j) expect(p.awareness.getStates().get(other.doc.clientID)).toMatchObject({ user: { name: `Clerk ${j + 1}` } });
        });
      }
      // A deletion, so a replica's delete set is not empty.
      providers[0]!.doc.getText("title").delete(0, 3);
      await eventually(() =>
        expect(ts.server.rooms.peek(meetingId)!.doc.getText("title").toString()).toBe(providers[0]!.doc.getText("title").toString()),
      );
      const viewer = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "viewer"));
      providers.push(viewer);
      const viewerCounts = countDenials(viewer);
      await synced(viewer);
      // A viewer that reconnects sends its whole delete set back: it changes nothing, so no notice.
      viewer.disconnect();
      viewer.connect();
      await synced(viewer);
      await eventually(() => expect(Y.encodeStateVector(viewer.doc)).toEqual(Y.encodeStateVector(ts.server.rooms.peek(meetingId)!.doc)));
      console.info(
        `${typed} keystrokes; presence messages heard: ${awarenessHeard.join(", ")}; refusals: ${counts.map((c) => c.denied.length).join(", ")}`,
      );
      expect(awarenessHeard.every((n) => n > 0)).toBe(true);
      expect(counts.map((c) => c.denied)).toEqual([[], [], []]);
      expect(viewerCounts.denied).toEqual([]);
    },
    TYPING_MS + 30_000,
  );
});
