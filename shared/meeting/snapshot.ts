import type * as Y from "yjs";
import {
  ORIGIN,
  SHAPES,
  MEETING_TEXTS,
  MEETING_VALUES,
  appendOrdered,
  decode,
  decodeList,
  encode,
  insertOrdered,
  itemMap,
  meetingText,
  orderedIds,
  roots,
  type Origin,
} from "./MeetingDoc";
import { agendaItemSchema, type AgendaItem, type ItemId } from "./AgendaItem";
import { meetingSnapshotSchema, type MeetingSnapshot } from "./Meeting";
import { personSchema } from "./Person";
import { attendanceEventSchema } from "./AttendanceEvent";
import { confirmationSchema, type Confirmation } from "./Confirmation";
import { ModelError } from "./errors";

const STORED_VALUES = ["id", ...MEETING_VALUES] as const;

/** The confirmation recorded for a resolution, or null while it is a draft. */
export function confirmationOf(doc: Y.Doc, resolutionId: string): Confirmation | null {
  const raw = roots(doc).confirmations.get(resolutionId);
  if (!raw) return null;
  const parsed = confirmationSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** One agenda item as plain data, with each resolution's confirmation merged in. */
export function readItem(doc: Y.Doc, itemId: string): AgendaItem {
  const plain = decode(SHAPES.item, itemMap(doc, itemId));
  const resolutions = ((plain.resolutions ?? []) as { id: string }[]).map((r) => ({ ...r, confirmation: confirmationOf(doc, r.id) }));
  const parsed = agendaItemSchema.safeParse({ ...plain, id: itemId, resolutions });
  if (!parsed.success)
    throw new ModelError(
      "invalid-input",
      `Agenda item "${itemId}" is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Ids of the agenda items in order. */
export function itemIds(doc: Y.Doc): ItemId[] {
  return orderedIds(roots(doc).items) as ItemId[];
}

/** All agenda items as plain data, in order. */
export function readItems(doc: Y.Doc): AgendaItem[] {
  return itemIds(doc).map((id) => readItem(doc, id));
}

/** The whole meeting as a validated plain snapshot. */
export function toSnapshot(doc: Y.Doc): MeetingSnapshot {
  const r = roots(doc);
  const values: Record<string, unknown> = {};
  for (const key of STORED_VALUES) if (r.meeting.has(key)) values[key] = r.meeting.get(key);
  for (const key of MEETING_TEXTS) values[key] = meetingText(doc, key).toString();
  const parsed = meetingSnapshotSchema.safeParse({
    ...values,
    currentItemId: r.control.get("currentItemId") ?? null,
    people: decodeList(SHAPES.person, r.people),
    attendance: r.attendance.toArray(),
    items: readItems(doc),
  });
  if (!parsed.success)
    throw new ModelError(
      "invalid-input",
      `The meeting document is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Writes one item (and any confirmations it carries) into the document. Must run inside a transaction. */
export function writeItem(doc: Y.Doc, item: AgendaItem, index?: number): void {
  insertOrdered(roots(doc).items, item.id, encode(SHAPES.item, item), index);
  writeConfirmations(doc, item);
}

/** Writes items (and any confirmations they carry) after the existing ones, in order. Must run inside a transaction. */
export function writeItems(doc: Y.Doc, items: readonly AgendaItem[]): void {
  appendOrdered(
    roots(doc).items,
    items.map((item) => [item.id, encode(SHAPES.item, item)] as const),
  );
  for (const item of items) writeConfirmations(doc, item);
}

function writeConfirmations(doc: Y.Doc, item: AgendaItem): void {
  for (const resolution of item.resolutions) {
    if (resolution.confirmation) roots(doc).confirmations.set(resolution.id, { ...resolution.confirmation });
  }
}

/** Fills an empty document from a snapshot (a load from disk or an import): one transaction, tagged with `origin`. */
export function loadSnapshot(doc: Y.Doc, input: unknown, origin: Origin = ORIGIN.load): MeetingSnapshot {
  const parsed = meetingSnapshotSchema.safeParse(input);
  if (!parsed.success)
    throw new ModelError(
      "invalid-input",
      `The meeting snapshot is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const snapshot = parsed.data;
  doc.transact(() => {
    const r = roots(doc);
    for (const key of STORED_VALUES) r.meeting.set(key, snapshot[key]);
    for (const key of MEETING_TEXTS) {
      const text = meetingText(doc, key);
      text.delete(0, text.length);
      text.insert(0, snapshot[key]);
    }
    if (snapshot.currentItemId) r.control.set("currentItemId", snapshot.currentItemId);
    appendOrdered(
      r.people,
      snapshot.people.map((person) => [person.id, encode(SHAPES.person, personSchema.parse(person))] as const),
    );
    r.attendance.push(snapshot.attendance.map((e) => ({ ...attendanceEventSchema.parse(e) })));
    writeItems(doc, snapshot.items);
  }, origin);
  return snapshot;
}
