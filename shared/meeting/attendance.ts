import type { MeetingSnapshot } from "./registry";
import type { Person } from "./Person";
import type { AttendanceEvent } from "./AttendanceEvent";
import { barsVoting } from "./Declaration";

/**
 * Derived attendance: who is in the room, whether the meeting is quorate, and who may
 * vote on an item. Nothing here is stored; it is worked out from the attendance list and
 * the event log whenever asked (SPEC rules 8-9).
 */

/** Members of the committee: the chair, vice-chair and members, substitutes included. */
export function members(meeting: MeetingSnapshot): Person[] {
  return meeting.people.filter((p) => p.kind === "member");
}

/** The committee's size: a substitute fills the seat of the member they replace, so is not counted twice. */
export function committeeSize(meeting: MeetingSnapshot): number {
  return members(meeting).filter((p) => p.attendance !== "substitute").length;
}

/** Quorum: the meeting's own figure, or one quarter of the committee and never fewer than three. */
export function quorumRequired(meeting: MeetingSnapshot): number {
  return meeting.quorum ?? Math.max(3, Math.ceil(committeeSize(meeting) / 4));
}

/** Ids of the people in the room at `at` (default: after every logged event). */
export function inRoom(meeting: MeetingSnapshot, at?: string): Set<string> {
  const present = new Set(
    meeting.people.filter((p) => p.attendance === "present" || p.attendance === "substitute").map((p) => p.id as string),
  );
  const events = meeting.attendance.filter(happenedBy(at)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const event of events) {
    if (event.kind === "arrived" || event.kind === "returned") present.add(event.personId);
    else if (event.kind === "left") present.delete(event.personId);
  }
  return present;
}

/** Members present, members required, and whether the meeting can take decisions. */
export function quorumState(meeting: MeetingSnapshot, at?: string): { present: number; required: number; quorate: boolean } {
  const room = inRoom(meeting, at);
  // Count seats, not people: a substitute and the member they replace fill one seat (SPEC rule 8).
  const present = new Set(
    members(meeting)
      .filter((p) => room.has(p.id))
      .map((p) => p.substituteFor ?? p.id),
  ).size;
  const required = quorumRequired(meeting);
  return { present, required, quorate: present >= required };
}

/**
 * Members who may vote on an item: in the room, not gone out for this item, and with no
 * declared interest that bars them (pecuniary or prejudicial).
 */
export function mayVoteOn(meeting: MeetingSnapshot, itemId: string, at?: string): Person[] {
  const room = inRoom(meeting, at);
  const item = meeting.items.find((i) => i.id === itemId);
  const barred = new Set(
    (item?.declarations ?? [])
      .filter(barsVoting)
      .map((d) => d.personId)
      .filter((id): id is string => id !== null),
  );
  const outForItem = new Set(
    meeting.attendance.filter((e) => e.kind === "left-for-item" && e.itemId === itemId && happenedBy(at)(e)).map((e) => e.personId),
  );
  return members(meeting).filter((p) => room.has(p.id) && !barred.has(p.id) && !outForItem.has(p.id));
}

/** Events at or before `at`, compared as moments: as text, "19:00:00.5Z" sorts before "19:00:00Z". */
function happenedBy(at: string | undefined): (event: AttendanceEvent) => boolean {
  const until = at === undefined ? Infinity : Date.parse(at);
  return (event) => Date.parse(event.at) <= until;
}
