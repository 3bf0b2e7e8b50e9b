import type { z } from "zod";
import { KEY, MEETING_TEXTS, MEETING_VALUES, ROOT } from "./MeetingDoc";
import type { AnyEntity } from "./entity";
import { MODEL, type Model } from "./registry";

/**
 * What may stand at each place in the document: a Y.Text, a Y.Map, characters of a text,
 * or a plain value that passes its entity's schema. The server checks every client
 * update against this, so one client cannot put a number where an item belongs and
 * leave the meeting unreadable for everyone (SPEC 13).
 */
export type Slot = { kind: "text" | "map" | "chars" } | { kind: "value"; accepts(value: unknown): boolean };

const value = (schema: z.ZodType): Slot => ({ kind: "value", accepts: (v) => schema.safeParse(v).success });
const POSITION: Slot = { kind: "value", accepts: (v) => typeof v === "string" && v.length > 0 && v.length <= 64 };

/** The slots of a model: what may stand at `path` ("#" for an element of a text or array), or null for nothing at all. */
export function slotsOf(model: Model): (path: readonly string[]) => Slot | null {
  const meetingFields = model.meeting.schema.shape;
  return (path) => {
    const [root, ...rest] = path;
    if (root === undefined) return null;
    if ((MEETING_TEXTS as readonly string[]).includes(root)) return rest.length === 1 && rest[0] === "#" ? { kind: "chars" } : null;
    if (root === ROOT.meeting) {
      const key = rest[0] as (typeof MEETING_VALUES)[number];
      return rest.length === 1 && MEETING_VALUES.includes(key) ? value(meetingFields[key] as z.ZodType) : null;
    }
    if (root === ROOT.attendance) return rest.length === 1 && rest[0] === "#" ? value(model.attendance.schema) : null;
    if (root === ROOT.items) return listSlot(model.item, rest);
    if (root === ROOT.people) return listSlot(model.person, rest);
    return null;
  };
}

/** What may stand at `path` in this application's meeting document (see `slotsOf`). */
export const slotAt = slotsOf(MODEL);

/** Inside an ordered collection: an entry is a map, then its fields. */
function listSlot(entity: AnyEntity, rest: readonly string[]): Slot | null {
  const [id, ...fields] = rest;
  if (id === undefined || id === "#") return null;
  return fields.length === 0 ? { kind: "map" } : entrySlot(entity, fields, true);
}

function entrySlot(entity: AnyEntity, rest: readonly string[], positioned: boolean): Slot | null {
  const [field, ...more] = rest;
  if (field === undefined) return null;
  if (entity.texts.includes(field)) {
    if (more.length === 0) return { kind: "text" };
    return more.length === 1 && more[0] === "#" ? { kind: "chars" } : null;
  }
  const list = entity.lists[field];
  if (list) return more.length === 0 ? { kind: "map" } : listSlot(list, more);
  const map = entity.maps[field];
  if (map) return more.length === 0 ? { kind: "map" } : entrySlot(map, more, false);
  if (more.length > 0 || entity.skip.includes(field)) return null;
  if (field === KEY.pos) return positioned ? POSITION : null;
  const fieldSchema = entity.schema.shape[field];
  return fieldSchema ? value(fieldSchema as z.ZodType) : null;
}
