import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  addEntry,
  addItem,
  addPerson,
  committeeSize,
  createMeetingSnapshot,
  inRoom,
  initMeeting,
  mayVoteOn,
  quorumRequired,
  quorumState,
  recordAttendance,
  toSnapshot,
  type AttendanceEvent,
  type Declaration,
  type MeetingSnapshot,
  type PersonInput,
} from "../../../shared/meeting";

type EventInput = Omit<AttendanceEvent, "id" | "itemId"> & { itemId?: string };

function meetingOf(
  people: PersonInput[],
  events: EventInput[] = [],
  declarations: Partial<Declaration>[] = [],
  quorum: number | null = null,
): MeetingSnapshot {
  return createMeetingSnapshot({
    id: "meeting-1",
    quorum,
    people: people.map((p, i) => ({ id: `p${i + 1}`, name: `Person ${i + 1}`, ...p })),
    attendance: events.map((e, i) => ({ id: `e${i + 1}`, ...e })),
    items: [{ id: "item-1", declarations: declarations.map((d, i) => ({ id: `d${i + 1}`, ...d })) }, { id: "item-2" }],
  });
}

const seats = (n: number, attendance: PersonInput["attendance"] = "present"): PersonInput[] =>
  Array.from({ length: n }, () => ({ kind: "member", attendance }));
const ids = (people: { id: string }[]) => people.map((p) => p.id);

describe("quorum (SPEC 8)", () => {
  it.each([
    [1, 3],
    [4, 3],
    [12, 3],
    [13, 4],
    [16, 4],
    [17, 5],
    [40, 10],
  ])("is a quarter of %i seats rounded up, never fewer than three: %i", (count, required) => {
    expect(quorumRequired(meetingOf(seats(count)))).toBe(required);
  });

  it("is the meeting's own figure when it has one", () => {
    expect(quorumRequired(meetingOf(seats(20), [], [], 7))).toBe(7);
  });

  it("counts only members, not officers or guests", () => {
    const meeting = meetingOf([...seats(12), { kind: "officer" }, { kind: "officer" }, { kind: "guest" }]);
    expect(committeeSize(meeting)).toBe(12);
    expect(quorumState(meeting)).toEqual({ present: 12, required: 3, quorate: true });
  });

  it("counts a substitute in the seat of the member they replace, never twice", () => {
    const people: PersonInput[] = [
      { attendance: "apologies" }, // p1
      ...seats(2), // p2, p3
      ...seats(10, "apologies"), // p4 to p13
      { attendance: "substitute", substituteFor: "p1" }, // p14, in p1's seat
    ];
    const meeting = meetingOf(people, [{ personId: "p1", kind: "arrived", at: "2024-03-05T18:45:00.000Z" }]);
    expect(committeeSize(meeting)).toBe(13);
    expect(quorumState(meeting, "2024-03-05T18:40:00.000Z")).toEqual({ present: 3, required: 4, quorate: false });
    // p1 turns up after all: p1 and p14 still fill one seat, so the meeting is still inquorate.
    expect(quorumState(meeting)).toEqual({ present: 3, required: 4, quorate: false });
  });

  it("is lost when members leave and regained when they return", () => {
    const meeting = meetingOf(seats(4), [
      { personId: "p1", kind: "left", at: "2024-03-05T19:00:00.000Z" },
      { personId: "p2", kind: "left", at: "2024-03-05T19:05:00.000Z" },
      { personId: "p2", kind: "returned", at: "2024-03-05T19:10:00.000Z" },
    ]);
    expect(quorumState(meeting, "2024-03-05T18:59:00.000Z").quorate).toBe(true);
    expect(quorumState(meeting, "2024-03-05T19:06:00.000Z")).toEqual({ present: 2, required: 3, quorate: false });
    expect(quorumState(meeting)).toEqual({ present: 3, required: 3, quorate: true });
  });
});

describe("who is in the room (SPEC 8)", () => {
  it("starts with those present or substituting, not those with apologies or absent", () => {
    const meeting = meetingOf([
      { attendance: "present" },
      { attendance: "substitute", substituteFor: "p3" },
      { attendance: "apologies" },
      { attendance: "absent" },
    ]);
    expect([...inRoom(meeting)].sort()).toEqual(["p1", "p2"]);
  });

  it("applies arrivals, departures and returns in time order, whatever order they were logged in", () => {
    const meeting = meetingOf(
      [{ attendance: "absent" }, { attendance: "present" }],
      [
        // Logged out of order: the clerk wrote down p2's 19:45 return before the 19:30 departure.
        { personId: "p2", kind: "returned", at: "2024-03-05T19:45:00.000Z" },
        { personId: "p2", kind: "left", at: "2024-03-05T19:30:00.000Z" },
        { personId: "p1", kind: "arrived", at: "2024-03-05T18:50:00.000Z" },
      ],
    );
    expect([...inRoom(meeting, "2024-03-05T18:45:00.000Z")].sort()).toEqual(["p2"]);
    expect([...inRoom(meeting, "2024-03-05T18:50:00.000Z")].sort()).toEqual(["p1", "p2"]);
    expect([...inRoom(meeting, "2024-03-05T19:40:00.000Z")].sort()).toEqual(["p1"]);
    expect([...inRoom(meeting)].sort()).toEqual(["p1", "p2"]);
  });

  it("orders times written with and without fractions of a second by the moment they name", () => {
    const meeting = meetingOf(seats(1), [
      { personId: "p1", kind: "left", at: "2024-03-05T19:00:00Z" },
      { personId: "p1", kind: "returned", at: "2024-03-05T19:00:00.500Z" },
    ]);
    expect([...inRoom(meeting)]).toEqual(["p1"]);
    expect([...inRoom(meeting, "2024-03-05T19:00:00Z")]).toEqual([]);
    expect([...inRoom(meeting, "2024-03-05T19:00:01Z")]).toEqual(["p1"]);
  });
});

describe("who may vote on an item (SPEC 9)", () => {
  it("is every member in the room, and never an officer or guest", () => {
    const meeting = meetingOf([...seats(3), { kind: "officer" }, { kind: "guest" }, { kind: "member", attendance: "apologies" }]);
    expect(ids(mayVoteOn(meeting, "item-1"))).toEqual(["p1", "p2", "p3"]);
  });

  it("leaves out a member who left the room for that item only", () => {
    const meeting = meetingOf(seats(3), [{ personId: "p2", kind: "left-for-item", itemId: "item-1", at: "2024-03-05T19:00:00.000Z" }]);
    expect(ids(mayVoteOn(meeting, "item-1"))).toEqual(["p1", "p3"]);
    expect(ids(mayVoteOn(meeting, "item-1", "2024-03-05T18:59:00.000Z"))).toEqual(["p1", "p2", "p3"]);
    expect(ids(mayVoteOn(meeting, "item-2"))).toEqual(["p1", "p2", "p3"]);
    expect(inRoom(meeting).has("p2")).toBe(true);
  });

  it("bars members with a pecuniary or prejudicial interest, not a personal or other one", () => {
    const meeting = meetingOf(
      seats(5),
      [],
      [
        { personId: "p1", kind: "pecuniary" },
        { personId: "p2", kind: "prejudicial" },
        { personId: "p3", kind: "personal" },
        { personId: "p4", kind: "other" },
        { personId: null, name: "Cllr Unknown", kind: "pecuniary" },
      ],
    );
    expect(ids(mayVoteOn(meeting, "item-1"))).toEqual(["p3", "p4", "p5"]);
    expect(ids(mayVoteOn(meeting, "item-2"))).toEqual(["p1", "p2", "p3", "p4", "p5"]);
  });

  it("works from what clerks record in the document", () => {
    const doc = new Y.Doc();
    initMeeting(doc, "meeting-1");
    const [chair, member, late] = [addPerson(doc, { role: "chair" }), addPerson(doc), addPerson(doc, { attendance: "absent" })];
    const item = addItem(doc);
    addEntry(doc, item, "declarations", { personId: member, kind: "pecuniary", interest: "Owns the site" });
    recordAttendance(doc, { personId: late, kind: "arrived", at: "2024-03-05T18:40:00.000Z" });
    expect(ids(mayVoteOn(toSnapshot(doc), item))).toEqual([chair, late]);
    expect(quorumState(toSnapshot(doc))).toEqual({ present: 3, required: 3, quorate: true });
  });
});
