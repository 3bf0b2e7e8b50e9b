import type * as Y from "yjs";
import { MEETING_VALUES, ORIGIN, SHAPES, decode, encode, insertOrdered, roots, type Origin, type TextPath } from "./MeetingDoc";
import { createPerson, personSchema, type PersonInput, type PersonId } from "./Person";
import { createAttendanceEvent, type AttendanceEventInput } from "./AttendanceEvent";
import { meetingSnapshotSchema } from "./Meeting";
import { ModelError } from "./errors";
import type { WriteOptions } from "./items";

type MeetingValues = { [K in (typeof MEETING_VALUES)[number]]?: unknown };

/** Sets the meeting's plain fields (date, start time, status, quorum, recording), each validated. */
export function setMeetingInfo(doc: Y.Doc, values: MeetingValues, origin: Origin = ORIGIN.local): void {
  const meeting = roots(doc).meeting;
  const shape = meetingSnapshotSchema.shape;
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!(MEETING_VALUES as readonly string[]).includes(key))
      throw new ModelError("invalid-input", `"${key}" is not a settable meeting field.`);
    const result = shape[key as (typeof MEETING_VALUES)[number]].safeParse(value);
    if (!result.success)
      throw new ModelError("invalid-input", `Invalid meeting ${key} ${JSON.stringify(value)}: ${result.error.issues[0]?.message}`);
    parsed[key] = result.data;
  }
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed)) meeting.set(key, value);
  }, origin);
}

/** Gives a fresh document its meeting id; the id never changes afterwards. */
export function initMeeting(doc: Y.Doc, id: string, origin: Origin = ORIGIN.server): void {
  const meeting = roots(doc).meeting;
  if (meeting.get("id") === id) return;
  if (meeting.has("id"))
    throw new ModelError("invalid-input", `This document already belongs to meeting "${String(meeting.get("id"))}", not "${id}".`);
  doc.transact(() => meeting.set("id", id), origin);
}

/** Adds someone to the attendance list and returns their id. */
export function addPerson(doc: Y.Doc, input: PersonInput = {}, options: WriteOptions = {}): PersonId {
  const person = createPerson(input);
  doc.transact(
    () => insertOrdered(roots(doc).people, person.id, encode(SHAPES.person, person), options.index),
    options.origin ?? ORIGIN.local,
  );
  return person.id;
}

/** Changes a person's plain fields (kind, role, attendance, substitute for). */
export function updatePerson(
  doc: Y.Doc,
  personId: string,
  values: Omit<PersonInput, "id" | "name" | "jobTitle" | "organisation">,
  origin: Origin = ORIGIN.local,
): void {
  const map = roots(doc).people.get(personId);
  if (!map) throw new ModelError("person-not-found", `No person with id "${personId}" in this meeting.`);
  const parsed = personSchema.safeParse({ ...decode(SHAPES.person, map), id: personId, ...values });
  if (!parsed.success)
    throw new ModelError(
      "invalid-input",
      `Invalid details for person "${personId}": ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  doc.transact(() => {
    for (const key of Object.keys(values)) map.set(key, (parsed.data as Record<string, unknown>)[key]);
  }, origin);
}

/** Removes someone from the attendance list. */
export function removePerson(doc: Y.Doc, personId: string, origin: Origin = ORIGIN.local): void {
  if (!roots(doc).people.has(personId)) throw new ModelError("person-not-found", `No person with id "${personId}" in this meeting.`);
  doc.transact(() => roots(doc).people.delete(personId), origin);
}

/** Path to a person's name, job title or organisation. */
export function personTextPath(personId: string, field: "name" | "jobTitle" | "organisation"): TextPath {
  return ["people", personId, field];
}

/** Logs an arrival, departure, or leaving the room for one item. */
export function recordAttendance(doc: Y.Doc, input: AttendanceEventInput, origin: Origin = ORIGIN.local): string {
  if (!roots(doc).people.has(input.personId))
    throw new ModelError("person-not-found", `No person with id "${input.personId}" in this meeting.`);
  const event = createAttendanceEvent(input);
  doc.transact(() => roots(doc).attendance.push([{ ...event }]), origin);
  return event.id;
}
