import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { addItem, editText, itemTextPath, textAt, type ItemId } from "../../../shared/meeting";
import { CLOSE, MESSAGE } from "../../../shared/protocol/closeCodes";
import { connectProvider, startTestServer, synced, type TestServer } from "../../helpers/server";
import { connectRaw, type RawClient } from "../../helpers/rawClient";
import { eventually } from "../../helpers/eventually";
import type { WebsocketProvider } from "y-websocket";

describe("malformed and oversized frames close only their own connection", () => {
  let ts: TestServer;
  let meetingId: string;
  let a: WebsocketProvider;
  let b: WebsocketProvider;
  let itemId: ItemId;

  beforeEach(async () => {
    ts = await startTestServer({ maxMessageBytes: 64 * 1024, rateLimit: { perSecond: 50, burst: 100 } });
    meetingId = await ts.createMeeting();
    a = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    b = connectProvider(ts.wsUrl, meetingId, await ts.token(meetingId, "clerk"));
    await Promise.all([synced(a), synced(b)]);
    itemId = addItem(a.doc, { title: "" });
    await eventually(() => expect(textAt(b.doc, itemTextPath(itemId, "title"))).not.toBeNull());
  });
  afterEach(async () => {
    a.destroy();
    b.destroy();
    await ts.stop();
    await ts.cleanup();
  });

  /** Types into the item title on `a` and checks `b` sees it: the meeting carries on. */
  async function typingStillWorks(word: string): Promise<void> {
    const path = itemTextPath(itemId, "title");
    editText(a.doc, path, `${textAt(a.doc, path)!.toString()}${word}`);
    await eventually(() => expect(textAt(b.doc, path)!.toString()).toContain(word));
  }

  async function attacker(): Promise<RawClient> {
    const raw = await connectRaw(`${ts.wsUrl}/${meetingId}?token=${await ts.token(meetingId, "clerk")}`);
    await raw.synced;
    return raw;
  }

  const frame = (type: number, write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, type);
    write(e);
    return encoding.toUint8Array(e);
  };

  const malformed: [string, Uint8Array | string][] = [
    ["a text frame", "hello"],
    ["an unknown message type", frame(9, () => {})],
    ["a truncated varint", new Uint8Array([0x80])],
    [
      "a sync message with a huge declared length",
      frame(MESSAGE.sync, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint(e, 2 ** 31);
      }),
    ],
    [
      "an invalid Yjs update",
      frame(MESSAGE.sync, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, new Uint8Array([5, 250, 250, 1, 2]));
      }),
    ],
    ["an unknown sync type", frame(MESSAGE.sync, (e) => encoding.writeVarUint(e, 7))],
    [
      "an awareness update that is not JSON",
      frame(MESSAGE.awareness, (e) => {
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, "{not json");
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      }),
    ],
  ];
  for (const [what, data] of malformed) {
    it(`closes the sender of ${what} with a reason and carries on for everyone else`, async () => {
      const raw = await attacker();
      raw.sendRaw(data);
      const closed = await raw.closed;
      expect(closed.code).toBe(CLOSE.malformed);
      expect(closed.reason).toMatch(/^malformed message: /);
      await typingStillWorks(" ok");
    });
  }

  it("closes the sender of an oversized frame with a reason", async () => {
    const raw = await attacker();
    raw.sendRaw(new Uint8Array(65 * 1024));
    const closed = await raw.closed;
    expect(closed.code).toBe(CLOSE.tooLarge);
    expect(closed.reason).toBe(`message too large: ${65 * 1024} bytes, the limit is ${64 * 1024}`);
    await typingStillWorks(" still");
  });

  it("closes the sender of a frame far beyond the limit before buffering it all", async () => {
    const raw = await attacker();
    raw.sendRaw(new Uint8Array(300 * 1024));
    expect((await raw.closed).code).toBe(CLOSE.tooLarge);
    await typingStillWorks(" again");
  });

  it("closes a connection that floods messages, and no other", async () => {
    const raw = await attacker();
    const query = frame(MESSAGE.queryAwareness, () => {});
    for (let i = 0; i < 300 && raw.ws.readyState === raw.ws.OPEN; i++) raw.sendRaw(query);
    const closed = await raw.closed;
    expect(closed.code).toBe(CLOSE.rateLimited);
    expect(closed.reason).toMatch(/rate limit: more than 50 messages a second/);
    await typingStillWorks(" calm");
  });

  it("pins each connection to its own presence: one clerk cannot erase another's, and the attempt is dropped silently", async () => {
    a.awareness.setLocalStateField("user", { name: "Clerk A" });
    await eventually(() => expect(b.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: "Clerk A" } }));
    const raw = await attacker();
    const mine = new awarenessProtocol.Awareness(new Y.Doc());
    mine.setLocalStateField("user", { name: "Mallory" });
    raw.sendRaw(
      frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(mine, [mine.clientID]))),
    );
    // A removal (null state) of A's presence, forged with A's client id and a higher clock.
    const forged = encoding.createEncoder();
    encoding.writeVarUint(forged, 1);
    encoding.writeVarUint(forged, a.doc.clientID);
    encoding.writeVarUint(forged, 10_000);
    encoding.writeVarString(forged, "null");
    raw.sendRaw(frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, encoding.toUint8Array(forged))));
    // A later update of its own, sent after the forgery, shows when the forgery was handled.
    mine.setLocalStateField("cursor", 7);
    raw.sendRaw(
      frame(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(mine, [mine.clientID]))),
    );
    await eventually(() => expect(b.awareness.getStates().get(mine.clientID)).toMatchObject({ user: { name: "Mallory" }, cursor: 7 }));
    expect(b.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: "Clerk A" } });
    // Dropped without a word: a stock provider echoes others' presence all the time.
    expect(raw.denied).toEqual([]);
    raw.ws.close();
  });
});
