import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  ORIGIN,
  addItem,
  addItems,
  addPerson,
  initMeeting,
  itemIds,
  loadSnapshot,
  moveItem,
  restoreSnapshot,
  toSnapshot,
} from "../../../shared/meeting";

function meeting(): Y.Doc {
  const doc = new Y.Doc();
  initMeeting(doc, "meeting-1");
  return doc;
}

describe("adding many items at once (an import)", () => {
  it("puts them after the existing items, in order, in one transaction tagged with the origin given", () => {
    const doc = meeting();
    const first = addItem(doc, { title: "Apologies" });
    const last = addItem(doc, { title: "Minutes" });
    moveItem(doc, last, 0);
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const added = addItems(
      doc,
      Array.from({ length: 300 }, (_, i) => ({ title: `Item ${i}` })),
      ORIGIN.import,
    );
    expect(origins).toEqual([ORIGIN.import]);
    expect(itemIds(doc)).toEqual([last, first, ...added]);
    expect(
      toSnapshot(doc)
        .items.slice(2)
        .map((i) => i.title),
    ).toEqual(Array.from({ length: 300 }, (_, i) => `Item ${i}`));
    const more = addItem(doc, { title: "After" });
    expect(itemIds(doc).at(-1)).toBe(more);
    expect(addItems(doc, [])).toEqual([]);
  });

  it("loads and restores a snapshot of many items and people in their order", () => {
    const doc = meeting();
    addItems(
      doc,
      Array.from({ length: 200 }, (_, i) => ({ title: `Item ${i}` })),
    );
    for (let i = 0; i < 50; i++) addPerson(doc, { name: `Person ${i}` });
    const saved = toSnapshot(doc);
    const copy = new Y.Doc();
    loadSnapshot(copy, saved);
    expect(toSnapshot(copy)).toEqual(saved);
    addItem(copy, { title: "Added later" });
    restoreSnapshot(copy, saved);
    expect(toSnapshot(copy)).toEqual(saved);
  });
});
