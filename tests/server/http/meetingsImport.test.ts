import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { addItem, editText, itemIds, itemTextPath, textAt, toSnapshot } from "../../../shared/meeting";
import { LIMITS } from "../../../shared/protocol/limits";
import { connectProvider, synced } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";
import { api, startStaffedServer, type ErrorBody, type Staffed } from "./client";

/** A page of `n` items of three lines each: "Agenda item", a numbered title, a purpose. */
const itemsPage = (n: number) => Array.from({ length: n }, (_, i) => `Agenda item\n${i + 1}. Item ${i + 1}\nTo note.`).join("\n");

describe("bounded imports (LIMITS.importLines, importItems, importItemLines)", () => {
  let s: Staffed;
  let meetingId: string;
  let a: WebsocketProvider;
  let b: WebsocketProvider;
  beforeEach(async () => {
    s = await startStaffedServer();
    meetingId = await s.ts.createMeeting("Health Scrutiny");
    a = connectProvider(s.ts.wsUrl, meetingId, await s.ts.token(meetingId, "clerk"));
    b = connectProvider(s.ts.wsUrl, meetingId, await s.ts.token(meetingId, "clerk"));
    await Promise.all([synced(a), synced(b)]);
  });
  afterEach(async () => {
    a.destroy();
    b.destroy();
    await s.ts.stop();
    await s.ts.cleanup();
  });

  const importText = (text: string) =>
    api<ErrorBody & { itemIds: string[] }>(s.ts, "POST", `/api/meetings/${meetingId}/import`, { cookie: s.clerk.cookie, json: { text } });

  it("refuses one item over LIMITS.importItems with 413 naming the limit and the count, adding nothing, and takes exactly the limit", async () => {
    const over = await importText(itemsPage(LIMITS.importItems + 1));
    expect(over.status).toBe(413);
    expect(over.body.error).toEqual({
      code: "too-large",
      message: `The agenda text has ${LIMITS.importItems + 1} agenda items; one import takes at most ${LIMITS.importItems}. Import it in parts.`,
    });
    expect(itemIds(s.ts.server.rooms.peek(meetingId)!.doc)).toEqual([]);

    const at = await importText(itemsPage(LIMITS.importItems));
    expect(at.status).toBe(201);
    expect(at.body.itemIds).toHaveLength(LIMITS.importItems);
    await eventually(() => expect(itemIds(a.doc)).toEqual(at.body.itemIds));
    expect(toSnapshot(a.doc).items.at(-1)?.title).toBe(`Item ${LIMITS.importItems}`);
  });

  // Reported: one 2 MB page of ~32,000 items held every meeting for about ten seconds.
  it("refuses a page of 25,000 tiny items at once, naming the line limit, while another clerk's edits keep arriving", async () => {
    const flood = itemsPage(25_000);
    expect(flood.length).toBeLessThanOrEqual(LIMITS.importChars);
    const itemId = addItem(a.doc, { title: "" });
    await eventually(() => expect(textAt(b.doc, itemTextPath(itemId, "title"))).not.toBeNull());
    const refused = importText(flood);
    for (const word of ["one", "two", "three"]) {
      editText(a.doc, itemTextPath(itemId, "title"), word);
      await eventually(() => expect(textAt(b.doc, itemTextPath(itemId, "title"))!.toString()).toBe(word));
    }
    const res = await refused;
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      code: "too-large",
      message: `The agenda text has 75,000 lines; one import takes at most ${LIMITS.importLines.toLocaleString("en-GB")}. Import it in parts.`,
    });
    expect(itemIds(b.doc)).toEqual([itemId]);
  });

  it("refuses a new meeting whose agenda is over the limits, leaving no meeting behind", async () => {
    const before = (await api<unknown[]>(s.ts, "GET", "/api/meetings", { cookie: s.admin.cookie })).body.length;
    const long = `Agenda item\nLong Item\n${"Paragraph.\n".repeat(LIMITS.importItemLines)}`;
    const res = await api<ErrorBody>(s.ts, "POST", "/api/meetings", { cookie: s.admin.cookie, json: { title: "Licensing", agenda: long } });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      code: "too-large",
      message: `Agenda item 1 of the text (from line 1) has ${LIMITS.importItemLines + 2} lines; one item takes at most ${LIMITS.importItemLines}.`,
    });
    expect((await api<unknown[]>(s.ts, "GET", "/api/meetings", { cookie: s.admin.cookie })).body).toHaveLength(before);
  });
});
