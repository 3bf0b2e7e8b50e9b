import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment, addItem, addPerson, addResolution, setMeetingInfo } from "../../../shared/meeting";
import { countStructs } from "../../../server/realtime/countStructs";
import { craftUpdate } from "../../helpers/craft";

describe("countStructs", () => {
  it("counts every struct of real updates as Y.decodeUpdate does", () => {
    const doc = new Y.Doc();
    const itemId = addItem(doc, { title: "Budget", purpose: [{ id: "p1", kind: "paragraph", text: "To note" }] });
    addResolution(doc, itemId, { text: "That it be noted." });
    addComment(doc, itemId, { comment: "Why?", response: "Because." });
    addPerson(doc, { name: "Cllr A", attendance: "present" });
    setMeetingInfo(doc, { status: "live", date: "2026-12-04" });
    doc.getArray("attendance").push([{ n: 1, nested: { a: [1, "x", null] } }]);
    doc.getText("title").insert(0, "Scrutiny");
    doc.getText("title").delete(0, 3);
    const update = Y.encodeStateAsUpdate(doc);
    const decoded = Y.decodeUpdate(update).structs.length;
    expect(decoded).toBeGreaterThan(20);
    expect(countStructs(update, 1_000_000)).toBe(decoded);
  });

  it("stops once past the limit, without reading the rest", () => {
    const structs = Array.from({ length: 500 }, (_, i) => ({ client: 7, clock: i, content: "x", parent: "title" }));
    expect(countStructs(craftUpdate(structs), 100_000)).toBe(500);
    expect(countStructs(craftUpdate(structs), 10)).toBeGreaterThan(10);
    const manyClients = Array.from({ length: 50 }, (_, i) => ({ client: 100 + i, clock: 0, content: "y", parent: "title" }));
    expect(countStructs(craftUpdate(manyClients), 10)).toBeGreaterThan(10);
  });
});
