import type { z } from "zod";
import { MEETING_TEXTS, MEETING_VALUES, ROOT, SHAPES, type Shape } from "./MeetingDoc";
import { personSchema } from "./Person";
import { agendaItemSchema, officerContactSchema } from "./AgendaItem";
import { blockSchema } from "./Block";
import { discussionEntrySchema } from "./DiscussionEntry";
import { declarationSchema } from "./Declaration";
import { resolutionSchema } from "./Resolution";
import { actionSchema } from "./Action";
import { motionSchema } from "./Motion";
import { supportingDocumentSchema } from "./SupportingDocument";
import { attendanceEventSchema } from "./AttendanceEvent";
import { meetingSnapshotSchema } from "./Meeting";

/**
 * What may stand at each place in the document: a Y.Text, a Y.Map, characters of a text,
 * or a plain value that passes its entity's schema. The server checks every client
 * update against this, so one client cannot put a number where an item belongs and
 * leave the meeting unreadable for everyone (SPEC 13).
 */
export type Slot = { kind: "text" | "map" | "chars" } | { kind: "value"; accepts(value: unknown): boolean };

type AnyObject = z.ZodObject<z.ZodRawShape>;
const { lists } = SHAPES.item;
const SCHEMAS = new Map<Shape, AnyObject>([
  [SHAPES.person, personSchema as unknown as AnyObject],
  [SHAPES.item, agendaItemSchema as unknown as AnyObject],
  [lists.purpose!, blockSchema as unknown as AnyObject],
  [lists.discussion!, discussionEntrySchema as unknown as AnyObject],
  [lists.declarations!, declarationSchema as unknown as AnyObject],
  [lists.resolutions!, resolutionSchema as unknown as AnyObject],
  [lists.actions!, actionSchema as unknown as AnyObject],
  [lists.motions!, motionSchema as unknown as AnyObject],
  [lists.documents!, supportingDocumentSchema as unknown as AnyObject],
  [SHAPES.item.maps.officerContact!, officerContactSchema as unknown as AnyObject],
]);

const value = (schema: z.ZodType): Slot => ({ kind: "value", accepts: (v) => schema.safeParse(v).success });
const POSITION: Slot = { kind: "value", accepts: (v) => typeof v === "string" && v.length > 0 && v.length <= 64 };

/** What may stand at `path` ("#" for an element of a text or array), or null for nothing at all. */
export function slotAt(path: readonly string[]): Slot | null {
  const [root, ...rest] = path;
  if (root === undefined) return null;
  if ((MEETING_TEXTS as readonly string[]).includes(root)) return rest.length === 1 && rest[0] === "#" ? { kind: "chars" } : null;
  if (root === ROOT.meeting) {
    const key = rest[0] as (typeof MEETING_VALUES)[number];
    return rest.length === 1 && MEETING_VALUES.includes(key) ? value(meetingSnapshotSchema.shape[key]) : null;
  }
  if (root === ROOT.attendance) return rest.length === 1 && rest[0] === "#" ? value(attendanceEventSchema) : null;
  if (root === ROOT.items) return listSlot(SHAPES.item, rest);
  if (root === ROOT.people) return listSlot(SHAPES.person, rest);
  return null;
}

/** Inside an ordered collection: an entry is a map, then its fields. */
function listSlot(shape: Shape, rest: readonly string[]): Slot | null {
  const [id, ...fields] = rest;
  if (id === undefined || id === "#") return null;
  return fields.length === 0 ? { kind: "map" } : entrySlot(shape, fields, true);
}

function entrySlot(shape: Shape, rest: readonly string[], positioned: boolean): Slot | null {
  const [field, ...more] = rest;
  if (field === undefined) return null;
  if (shape.texts.includes(field)) {
    if (more.length === 0) return { kind: "text" };
    return more.length === 1 && more[0] === "#" ? { kind: "chars" } : null;
  }
  if (shape.lists[field]) return more.length === 0 ? { kind: "map" } : listSlot(shape.lists[field], more);
  if (shape.maps[field]) return more.length === 0 ? { kind: "map" } : entrySlot(shape.maps[field], more, false);
  if (more.length > 0 || shape.skip?.includes(field)) return null;
  if (field === "pos") return positioned ? POSITION : null;
  const fieldSchema = SCHEMAS.get(shape)?.shape[field];
  return fieldSchema ? value(fieldSchema as z.ZodType) : null;
}
