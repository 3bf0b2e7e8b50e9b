import { z } from "zod";
import { newId } from "./ids";
import { entity } from "./entity";

/** Id of an attendance event. */
export const attendanceEventIdSchema = z.string().min(1).brand<"AttendanceEventId">();
export type AttendanceEventId = z.infer<typeof attendanceEventIdSchema>;

/**
 * A change in who is in the room: arrived, left, left for one item (having declared an
 * interest in it), or returned. Quorum and who may vote are derived from these (SPEC rules 8-9).
 */
export const attendanceEventSchema = z.object({
  id: attendanceEventIdSchema,
  personId: z.string().min(1),
  kind: z.enum(["arrived", "left", "left-for-item", "returned"]),
  at: z.iso.datetime(),
  itemId: z.string().nullable().default(null),
});
export type AttendanceEvent = z.infer<typeof attendanceEventSchema>;
export type AttendanceEventInput = Omit<z.input<typeof attendanceEventSchema>, "id"> & { id?: string };

/** An attendance event with a fresh id. */
export function createAttendanceEvent(input: AttendanceEventInput): AttendanceEvent {
  return attendanceEventSchema.parse({ id: newId(), ...input });
}

/** An attendance event as the model keeps it: a plain value, appended and never edited. */
export const attendanceEventEntity = entity({ schema: attendanceEventSchema, create: createAttendanceEvent });
