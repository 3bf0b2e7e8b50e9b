import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  addComment,
  addEntry,
  addItem,
  addPerson,
  addResolution,
  addResolutionBullet,
  confirmResolution,
  editText,
  entryTextPath,
  initMeeting,
  loadSnapshot,
  recordAttendance,
  recordVote,
  setCurrentItem,
  setMeetingInfo,
  toSnapshot,
  type MeetingSnapshotInput,
  type ItemId,
  type ResolutionId,
} from "../../../shared/meeting";

/** A meeting using every kind of field: texts, plain values, each list, a vote, a confirmation, the current item. */
function richMeeting(): { doc: Y.Doc; item: ItemId; resolution: ResolutionId } {
  const doc = new Y.Doc();
  initMeeting(doc, "meeting-1");
  setMeetingInfo(doc, {
    date: "2024-03-05",
    startTime: "18:30",
    status: "live",
    quorum: 4,
    recording: { url: "https://example.org/webcast/1", startedAt: "2024-03-05T18:29:00Z" },
  });
  editText(doc, ["committee"], "Health and Wellbeing Board");
  editText(doc, ["title"], "Ordinary meeting");
  editText(doc, ["venue"], "Committee Room 2, Town Hall");
  const chair = addPerson(doc, { name: "Cllr Wendy Wild", role: "chair" });
  const officer = addPerson(doc, { name: "Ann Schenk", kind: "officer", jobTitle: "Director" });
  addPerson(doc, { name: "Cllr Sam Sub", attendance: "substitute", substituteFor: chair });
  recordAttendance(doc, { personId: officer, kind: "arrived", at: "2024-03-05T18:40:00Z" });
  const item = addItem(doc, {
    number: "5.",
    title: "Budget",
    takenAt: "2024-03-05T18:50:00Z",
    officerContact: { name: "Ann Schenk", phone: "0161 000", email: "ann@example.org" },
  });
  addEntry(doc, item, "purpose", { text: "To consider the budget." });
  addEntry(doc, item, "narrative", { kind: "heading", text: "Background" });
  addComment(doc, item, { comment: "Was the risk assessed?", response: "Yes.", speaker: "Cllr Wild" });
  addEntry(doc, item, "declarations", { personId: chair, name: "Cllr Wendy Wild", kind: "pecuniary", interest: "Employer" });
  const resolution = addResolution(doc, item, { text: "That the budget be approved." });
  addResolutionBullet(doc, item, resolution, "subject to review");
  recordVote(doc, item, resolution, { for: 5, against: 1 });
  confirmResolution(doc, item, resolution, { by: chair, at: "2024-03-05T19:00:00.000Z" });
  addEntry(doc, item, "actions", { what: "Publish", owner: "Clerk", due: "2024-03-12" });
  addEntry(doc, item, "motions", { text: "Amend para 2", kind: "amendment", outcome: "lost" });
  addEntry(doc, item, "documents", { title: "Budget report", url: "https://example.org/r.pdf" });
  addItem(doc, { number: "6.", title: "Any other business" });
  setCurrentItem(doc, item);
  return { doc, item, resolution };
}

describe("meeting snapshots", () => {
  it("load back into a fresh document exactly as they were saved, confirmation and lock included", () => {
    const { doc, item, resolution } = richMeeting();
    const saved = toSnapshot(doc);
    expect(saved.items.map((i) => i.title)).toEqual(["Budget", "Any other business"]);
    expect(saved.items[0]!.resolutions[0]!.confirmation).toMatchObject({
      text: "That the budget be approved.",
      bullets: ["subject to review"],
    });
    const copy = new Y.Doc();
    expect(loadSnapshot(copy, JSON.parse(JSON.stringify(saved)))).toEqual(saved);
    expect(toSnapshot(copy)).toEqual(saved);
    expect(() => editText(copy, entryTextPath(item, "resolutions", resolution, "text"), "That it be rejected.")).toThrow(
      expect.objectContaining({ code: "resolution-confirmed" }),
    );
  });

  it("survive the document's own encoding unchanged", () => {
    const saved = richMeeting().doc;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(saved));
    expect(toSnapshot(copy)).toEqual(toSnapshot(saved));
  });

  it("are refused when malformed, with a ModelError naming the bad field and nothing written", () => {
    const doc = new Y.Doc();
    const bad: MeetingSnapshotInput = { id: "meeting-1", items: [{ id: "item-1", title: "Budget", takenAt: "after tea" }] };
    expect(() => loadSnapshot(doc, bad)).toThrow(
      expect.objectContaining({ name: "ModelError", code: "invalid-input", message: expect.stringContaining("items.0.takenAt") }),
    );
    expect(() => loadSnapshot(doc, { id: "meeting 1!" })).toThrow(
      expect.objectContaining({ name: "ModelError", message: expect.stringMatching(/: id: /) }),
    );
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
  });
});
