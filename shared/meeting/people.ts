import type * as Y from "yjs";
import { MEETING_VALUES, ORIGIN, decode, encode, insertOrdered, roots, type Origin } from "./MeetingDoc";
import { personEntity, type PersonInput, type PersonId } from "./Person";
import { createAttendanceEvent, type AttendanceEventInput } from "./AttendanceEvent";
import { meetingFieldsSchema } from "./Meeting";
import { ModelError, describeIssues } from "./errors";
import type { WriteOptions } from "./items";

type MeetingValues = { [K in (typeof MEETING_VALUES)[number]]?: unknown };

/** Sets the meeting's plain fields (date, start time, status, quorum, recording), each validated. */
export function setMeetingInfo(doc: Y.Doc, values: MeetingValues, origin: Origin = ORIGIN.local): void {
  const meeting = roots(doc).meeting;
  const shape = meetingFieldsSchema.shape;
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!(MEETING_VALUES as readonly string[]).includes(key))
      throw new ModelError("invalid-input", `"${key}" is not a settable meeting field.`);
    const result = shape[key as (typeof MEETING_VALUES)[number]].safeParse(value);
    if (!result.success)
      throw new ModelError("invalid-input", `Invalid meeting ${key} ${JSON.stringify(value)}: ${describeIssues(result.error)}`);
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
  const person = personEntity.create(input);
  doc.transact(
    () => insertOrdered(roots(doc).people, person.id, encode(personEntity, person), options.index),
    options.origin ?? ORIGIN.local,
  );
  return person.id;
}

/** Changes a person's plain fields (kind, role, attendance, substitute for). */
export function updatePerson(
  doc: Y.Doc,
  personId: PersonId,
  values: Omit<PersonInput, "id" | "name" | "jobTitle" | "organisation">,
  origin: Origin = ORIGIN.local,
): void {
  const map = roots(doc).people.get(personId);
  if (!map) throw new ModelError("person-not-found", `No person with id "${personId}" in this meeting.`);
  const parsed = personEntity.schema.safeParse({ ...decode(personEntity, map), id: personId, ...values });
  if (!parsed.success) throw new ModelError("invalid-input", `Invalid details for person "${personId}": ${describeIssues(parsed.error)}`);
  doc.transact(() => {
    for (const key of Object.keys(values)) map.set(key, (parsed.data as Record<string, unknown>)[key]);
  }, origin);
}

/** Removes someone from the attendance list. */
export function removePerson(doc: Y.Doc, personId: PersonId, origin: Origin = ORIGIN.local): void {
  if (!roots(doc).people.has(personId)) throw new ModelError("person-not-found", `No person with id "${personId}" in this meeting.`);
  doc.transact(() => roots(doc).people.delete(personId), origin);
}

/** Logs an arrival, departure, or leaving the room for one item. */
export function recordAttendance(doc: Y.Doc, input: AttendanceEventInput, origin: Origin = ORIGIN.local): string {
  if (!roots(doc).people.has(input.personId))
    throw new ModelError("person-not-found", `No person with id "${input.personId}" in this meeting.`);
  const event = createAttendanceEvent(input);
  doc.transact(() => roots(doc).attendance.push([{ ...event }]), origin);
  return event.id;
}
