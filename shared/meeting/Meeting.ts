import { z } from "zod";
import { ID_PATTERN } from "./ids";

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

/**
 * A meeting's own fields: its texts (committee, title, venue), its plain values and the
 * current item. The registry adds the people, the attendance log and the items to make
 * `meetingSnapshotSchema`, the whole meeting as plain JSON.
 */
export const meetingFieldsSchema = z.object({
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
});
