import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  ITEM_LISTS,
  ModelError,
  ORIGIN,
  addComment,
  addEntry,
  addItem,
  addPerson,
  addResolution,
  addResolutionBullet,
  bulletTextPath,
  confirmResolution,
  confirmationOf,
  editText,
  entryTextPath,
  initMeeting,
  itemIds,
  itemTextPath,
  loadSnapshot,
  moveEntry,
  moveItem,
  readItem,
  recordAttendance,
  removeEntry,
  removeItem,
  reopenResolution,
  setCurrentItem,
  setEntryValue,
  setItemValue,
  setMeetingInfo,
  textAt,
  toSnapshot,
  updatePerson,
  type ItemListName,
  type ItemId,
  type EntryIds,
} from "../../../shared/meeting";
import { itemMap } from "../../../shared/meeting/MeetingDoc";
import { createDocPair } from "../../helpers/docPair";

function meeting(): Y.Doc {
  const doc = new Y.Doc();
  initMeeting(doc, "meeting-1");
  return doc;
}

/** Runs `fn` and returns the ModelError it throws, failing the test if it throws nothing or something else. */
function modelError(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error("expected a ModelError, but nothing was thrown");
}

const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

describe("agenda items", () => {
  it("adds items at the end by default and at an index when given", () => {
    const doc = meeting();
    const a = addItem(doc, { title: "Apologies" });
    const c = addItem(doc, { title: "Minutes" });
    const b = addItem(doc, { title: "Declarations" }, { index: 1 });
    const first = addItem(doc, { title: "Welcome" }, { index: 0 });
    expect(itemIds(doc)).toEqual([first, a, b, c]);
    expect(toSnapshot(doc).items.map((i) => i.title)).toEqual(["Welcome", "Apologies", "Declarations", "Minutes"]);
  });

  it("moves an item by rewriting only its own position (SPEC 3)", () => {
    const doc = meeting();
    const [a, b, c, d] = [addItem(doc), addItem(doc), addItem(doc), addItem(doc)] as const;
    const changed: unknown[][] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => changed.push([...tr.changed.keys()]));
    moveItem(doc, a, 2);
    expect(itemIds(doc)).toEqual([b, c, a, d]);
    moveItem(doc, d, 0);
    expect(itemIds(doc)).toEqual([d, b, c, a]);
    moveItem(doc, b, 99);
    expect(itemIds(doc)).toEqual([d, c, a, b]);
    expect(changed).toEqual([[itemMap(doc, a)], [itemMap(doc, d)], [itemMap(doc, b)]]);
  });

  it("removes an item and keeps the others in order", () => {
    const doc = meeting();
    const [a, b, c] = [addItem(doc), addItem(doc), addItem(doc)] as const;
    removeItem(doc, b);
    expect(itemIds(doc)).toEqual([a, c]);
    expect(modelError(() => readItem(doc, b)).code).toBe("item-not-found");
  });

  it("names the missing item when moving or removing one that is not there", () => {
    const doc = meeting();
    const moved = modelError(() => moveItem(doc, "ghost" as ItemId, 0));
    expect(moved.code).toMatch(/-not-found$/);
    expect(moved.message).toContain('"ghost"');
    const removed = modelError(() => removeItem(doc, "ghost" as ItemId));
    expect(removed.code).toBe("item-not-found");
    expect(removed.message).toContain('"ghost"');
  });

  it("validates takenAt and names it when it is not a date-time", () => {
    const doc = meeting();
    const item = addItem(doc);
    setItemValue(doc, item, "takenAt", "2024-03-05T19:12:00Z");
    expect(readItem(doc, item).takenAt).toBe("2024-03-05T19:12:00Z");
    const error = modelError(() => setItemValue(doc, item, "takenAt", "after tea"));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toContain("takenAt");
    expect(readItem(doc, item).takenAt).toBe("2024-03-05T19:12:00Z");
  });
});

describe.each(ITEM_LISTS)("the %s list of an item", (list: ItemListName) => {
  it("adds, moves and removes entries in order", () => {
    const doc = meeting();
    const item = addItem(doc);
    const a = addEntry(doc, item, list);
    const c = addEntry(doc, item, list);
    const b = addEntry(doc, item, list, {}, { index: 1 });
    expect(ids(readItem(doc, item)[list])).toEqual([a, b, c]);
    moveEntry(doc, item, list, c, 0);
    expect(ids(readItem(doc, item)[list])).toEqual([c, a, b]);
    moveEntry(doc, item, list, c, 2);
    expect(ids(readItem(doc, item)[list])).toEqual([a, b, c]);
    removeEntry(doc, item, list, b);
    expect(ids(readItem(doc, item)[list])).toEqual([a, c]);
  });

  it("names the missing entry and the missing item", () => {
    const doc = meeting();
    const item = addItem(doc);
    const entry = modelError(() => removeEntry(doc, item, list, "ghost" as EntryIds[typeof list]));
    expect(entry.code).toBe("entry-not-found");
    expect(entry.message).toContain('"ghost"');
    const missingItem = modelError(() => addEntry(doc, "no-such-item" as ItemId, list));
    expect(missingItem.code).toBe("item-not-found");
    expect(missingItem.message).toContain('"no-such-item"');
  });
});

describe("editing text", () => {
  it("changes only the characters that differ", () => {
    const doc = meeting();
    const item = addItem(doc);
    const comment = addComment(doc, item, { comment: "The report was noted." });
    const path = entryTextPath(item, "discussion", comment, "comment");
    const deltas: unknown[] = [];
    textAt(doc, path)!.observe((event) => deltas.push(event.delta));
    editText(doc, path, "The report was noted and welcomed.");
    expect(deltas).toEqual([[{ retain: 20 }, { insert: " and welcomed" }]]);
    editText(doc, path, "The report was welcomed.");
    expect(deltas[1]).toEqual([{ retain: 15 }, { delete: 10 }]);
    expect(readItem(doc, item).discussion[0]!.comment).toBe("The report was welcomed.");
  });

  it("keeps a concurrent edit elsewhere in the same text (SPEC 2)", () => {
    const net = createDocPair();
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const item = addItem(a, { title: "Budget monitoring" });
    net.flush();
    const path = itemTextPath(item, "title");
    editText(a, path, "Revenue budget monitoring");
    editText(b, path, "Budget monitoring 2024/25");
    net.flush();
    expect(net.expectConverged().items[0]!.title).toBe("Revenue budget monitoring 2024/25");
  });

  it("edits a meeting-level text and refuses a path that leads nowhere", () => {
    const doc = meeting();
    editText(doc, ["title"], "Health and Wellbeing Board");
    expect(toSnapshot(doc).title).toBe("Health and Wellbeing Board");
    const error = modelError(() => editText(doc, entryTextPath("gone" as ItemId, "discussion", "x", "comment"), "hello"));
    expect(error.code).toBe("text-not-found");
    expect(error.message).toContain("items/gone/discussion/x/comment");
  });

  // 😀 U+1F600 and 😁 U+1F601 share their first UTF-16 unit; 🈀 U+1F200 and 😀 share their second.
  it.each([
    ["Room 😀 1", "Room 😁 1"],
    ["Room 🈀 1", "Room 😀 1"],
    ["😀", "x😁😀"],
  ])("keeps characters outside the Basic Multilingual Plane whole when editing %s to %s", (before, after) => {
    const net = createDocPair();
    const [a] = net.docs as [Y.Doc, Y.Doc];
    editText(a, ["venue"], before);
    editText(a, ["venue"], after);
    expect(a.getText("venue").toString()).toBe(after);
    net.flush();
    expect(net.expectConverged().venue).toBe(after);
  });
});

describe("plain fields of entries", () => {
  it("sets a valid value", () => {
    const doc = meeting();
    const item = addItem(doc);
    const action = addEntry(doc, item, "actions", { what: "Report back" });
    setEntryValue(doc, item, "actions", action, "due", "2024-06-01");
    setEntryValue(doc, item, "actions", action, "done", true);
    expect(readItem(doc, item).actions[0]).toMatchObject({ what: "Report back", due: "2024-06-01", done: true });
  });

  it("rejects a bad value with a message naming the field, and leaves the entry as it was", () => {
    const doc = meeting();
    const item = addItem(doc);
    const action = addEntry(doc, item, "actions");
    const error = modelError(() => setEntryValue(doc, item, "actions", action, "due", "next Tuesday"));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toContain("actions.due");
    expect(error.message).toContain("next Tuesday");
    const declaration = addEntry(doc, item, "declarations");
    expect(modelError(() => setEntryValue(doc, item, "declarations", declaration, "kind", "financial")).message).toContain(
      "declarations.kind",
    );
    expect(readItem(doc, item).actions[0]!.due).toBeNull();
    expect(readItem(doc, item).declarations[0]!.kind).toBe("personal");
  });

  it("refuses fields that are not plain values: unknown, typed text, nested lists, the id and the confirmation", () => {
    const doc = meeting();
    const item = addItem(doc);
    const resolution = addResolution(doc, item, { text: "That the report be noted." });
    for (const field of ["colour", "text", "bullets", "id", "confirmation"]) {
      const error = modelError(() => setEntryValue(doc, item, "resolutions", resolution, field, "x"));
      expect(error.code).toBe("invalid-input");
      expect(error.message).toContain(`"${field}"`);
    }
  });
});

describe("confirming a resolution (SPEC 6)", () => {
  function confirmed() {
    const doc = meeting();
    const item = addItem(doc);
    const resolution = addResolution(doc, item, { text: "That the report be noted." });
    const bullet = addResolutionBullet(doc, item, resolution, "the risks be reviewed");
    const confirmation = confirmResolution(doc, item, resolution, { by: "chair-1", byName: "Cllr Wild", at: "2024-03-05T20:01:00.000Z" });
    return { doc, item, resolution, bullet, confirmation };
  }

  it("records who confirmed, when, and the wording and sub-bullets as they stood", () => {
    const { doc, item, resolution, confirmation } = confirmed();
    const want = {
      by: "chair-1",
      byName: "Cllr Wild",
      at: "2024-03-05T20:01:00.000Z",
      text: "That the report be noted.",
      bullets: ["the risks be reviewed"],
    };
    expect(confirmation).toEqual(want);
    expect(confirmationOf(doc, resolution)).toEqual(want);
    expect(readItem(doc, item).resolutions[0]!.confirmation).toEqual(want);
  });

  it("refuses to edit, delete, extend or re-confirm it while confirmed", () => {
    const { doc, item, resolution, bullet } = confirmed();
    const attempts = [
      () => editText(doc, entryTextPath(item, "resolutions", resolution, "text"), "That the report be rejected."),
      () => editText(doc, bulletTextPath(item, resolution, bullet), "the risks be ignored"),
      () => removeEntry(doc, item, "resolutions", resolution),
      () => addResolutionBullet(doc, item, resolution, "and more"),
      () => confirmResolution(doc, item, resolution, { by: "chair-1" }),
      () => removeItem(doc, item),
    ];
    for (const attempt of attempts) {
      const error = modelError(attempt);
      expect(error.code).toBe("resolution-confirmed");
      expect(error.message).toContain(resolution);
    }
    const after = readItem(doc, item).resolutions[0]!;
    expect(after.text).toBe("That the report be noted.");
    expect(after.bullets.map((b) => b.text)).toEqual(["the risks be reviewed"]);
  });

  it("allows editing again once the chair reopens it", () => {
    const { doc, item, resolution } = confirmed();
    reopenResolution(doc, resolution);
    expect(confirmationOf(doc, resolution)).toBeNull();
    editText(doc, entryTextPath(item, "resolutions", resolution, "text"), "That the report be approved.");
    addResolutionBullet(doc, item, resolution, "officers report back in June");
    expect(readItem(doc, item).resolutions[0]!.text).toBe("That the report be approved.");
    removeEntry(doc, item, "resolutions", resolution);
    expect(readItem(doc, item).resolutions).toEqual([]);
  });

  it("refuses to confirm empty wording or reopen a draft", () => {
    const doc = meeting();
    const item = addItem(doc);
    const resolution = addResolution(doc, item, { text: "   " });
    expect(modelError(() => confirmResolution(doc, item, resolution, { by: "chair-1" })).code).toBe("invalid-input");
    expect(modelError(() => reopenResolution(doc, resolution)).code).toBe("invalid-input");
  });
});

describe("meeting details", () => {
  it("sets the plain meeting fields", () => {
    const doc = meeting();
    setMeetingInfo(doc, { date: "2024-03-05", startTime: "18:30", status: "live", quorum: 5 });
    expect(toSnapshot(doc)).toMatchObject({ date: "2024-03-05", startTime: "18:30", status: "live", quorum: 5 });
  });

  it("names the bad field and writes none of the values when one is invalid", () => {
    const doc = meeting();
    const cases: [Record<string, unknown>, string][] = [
      [{ date: "5 March 2024" }, "date"],
      [{ quorum: 0 }, "quorum"],
      [{ status: "adjourned" }, "status"],
      [{ recording: { url: "not a url", startedAt: "2024-03-05T18:00:00Z" } }, "recording"],
      [{ venue: "Town Hall" }, "venue"],
    ];
    for (const [values, field] of cases) {
      const error = modelError(() => setMeetingInfo(doc, { date: "2024-03-05", ...values }));
      expect(error.code).toBe("invalid-input");
      expect(error.message).toContain(field);
    }
    expect(toSnapshot(doc).date).toBe("");
  });

  it("names the field when a person's details are invalid", () => {
    const doc = meeting();
    const person = addPerson(doc, { name: "Cllr Wild" });
    const error = modelError(() => updatePerson(doc, person, { attendance: "on holiday" as never }));
    expect(error.message).toContain("attendance");
    expect(modelError(() => recordAttendance(doc, { personId: "ghost", kind: "arrived", at: "2024-03-05T18:00:00Z" })).code).toBe(
      "person-not-found",
    );
  });
});

describe("transaction origins (SPEC 1)", () => {
  it("tags every operation's single transaction with the origin given", () => {
    const doc = meeting();
    const undoTag = { client: "clerk-1" };
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin === undoTag ? "the undo tag" : tr.origin));
    const item = addItem(doc, {}, { origin: undoTag });
    const comment = addComment(doc, item, { comment: "Hi" }, { origin: undoTag });
    editText(doc, entryTextPath(item, "discussion", comment, "comment"), "Hello", undoTag);
    moveEntry(doc, item, "discussion", comment, 0, undoTag);
    setEntryValue(doc, item, "discussion", comment, "kind", "note", undoTag);
    const resolution = addResolution(doc, item, { text: "Noted." }, { origin: ORIGIN.import });
    confirmResolution(doc, item, resolution, { by: "chair-1" }, "custom-server");
    removeEntry(doc, item, "discussion", comment, undoTag);
    moveItem(doc, item, 0, undoTag);
    setMeetingInfo(doc, { status: "live" }, undoTag);
    const tag = "the undo tag";
    expect(origins).toEqual([tag, tag, tag, tag, tag, ORIGIN.import, "custom-server", tag, tag, tag]);
  });

  it("uses local for clerks' edits, server for the chair's and load for a snapshot by default", () => {
    const doc = meeting();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const item = addItem(doc);
    const resolution = addResolution(doc, item, { text: "Noted." });
    confirmResolution(doc, item, resolution, { by: "chair-1" });
    setCurrentItem(doc, item);
    const copy = new Y.Doc();
    copy.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    loadSnapshot(copy, toSnapshot(doc));
    expect(origins).toEqual([ORIGIN.local, ORIGIN.local, ORIGIN.server, ORIGIN.server, ORIGIN.load]);
  });
});
