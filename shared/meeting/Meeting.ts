import { z } from "zod";
import { ID_PATTERN, newId } from "./ids";
import { personSchema } from "./Person";
import { attendanceEventSchema } from "./AttendanceEvent";
import { agendaItemSchema } from "./AgendaItem";

/** Id of a meeting: also its room name and file name, so restricted to URL- and file-safe characters. */
export const meetingIdSchema = z.string().regex(ID_PATTERN, "a meeting id is 1-64 letters, digits, '-' or '_'").brand<"MeetingId">();
export type MeetingId = z.infer<typeof meetingIdSchema>;

/**
 * A meeting's life: drafted, minuted live, closed (clerks tidy up), circulated to members as
 * draft minutes, approved as a correct record by a later meeting, then published. The steps
 * between them and who may take each are in lifecycle.ts.
 */
export const MEETING_STATUSES = ["draft", "live", "closed", "circulated", "approved", "published"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Where the webcast recording is and when it started, so bullets can link to their moment. */
export const recordingSchema = z.object({ url: z.url(), startedAt: z.iso.datetime() });
export type Recording = z.infer<typeof recordingSchema>;

/** The whole meeting as plain JSON: what the CLI prints, the exports read, and the tests compare. */
export const meetingSnapshotSchema = z.object({
  id: meetingIdSchema,
  committee: z.string().default(""),
  title: z.string().default(""),
  date: z.union([z.iso.date(), z.literal("")]).default(""),
  startTime: z.union([z.iso.time({ precision: -1 }), z.literal("")]).default(""),
  venue: z.string().default(""),
  status: z.enum(MEETING_STATUSES).default("draft"),
  quorum: z.number().int().min(1).nullable().default(null),
  recording: recordingSchema.nullable().default(null),
  currentItemId: z.string().nullable().default(null),
  people: z.array(personSchema).default([]),
  attendance: z.array(attendanceEventSchema).default([]),
  items: z.array(agendaItemSchema).default([]),
});
export type MeetingSnapshot = z.infer<typeof meetingSnapshotSchema>;
export type MeetingSnapshotInput = z.input<typeof meetingSnapshotSchema>;

/** A meeting snapshot with defaults filled in and a fresh id unless one is given. */
export function createMeetingSnapshot(input: Partial<MeetingSnapshotInput> = {}): MeetingSnapshot {
  return meetingSnapshotSchema.parse({ id: newId(), ...input });
}

/** True for a well-formed meeting snapshot. */
export function isMeetingSnapshot(value: unknown): value is MeetingSnapshot {
  return meetingSnapshotSchema.safeParse(value).success;
}
