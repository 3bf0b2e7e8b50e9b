import { z } from "zod";
import { MEETING_STATUSES } from "../meeting/Meeting";
import { voteSchema } from "../meeting/Vote";
import { itemIdSchema } from "../meeting/AgendaItem";
import { resolutionIdSchema } from "../meeting/Resolution";
import { MEETING_ROLES } from "./roles";
import { LIMITS } from "./limits";

/** A meeting as the lobby lists it. */
export const lobbyMeetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  committee: z.string(),
  date: z.string(),
  status: z.enum(MEETING_STATUSES),
  public: z.boolean(),
  role: z.enum(MEETING_ROLES).nullable(),
  present: z.number().int(),
});
export type LobbyMeeting = z.infer<typeof lobbyMeetingSchema>;

/** Someone in a meeting, and the item they are on. */
export interface PresenceEntry {
  socketId: string;
  name: string;
  role: (typeof MEETING_ROLES)[number];
  itemId: string | null;
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "ids are 1-64 letters, digits, '-' or '_'");
// Ids the model's operations take come out branded, so a handler passes them on as they are.
const itemId = id.pipe(itemIdSchema);
const resolutionId = id.pipe(resolutionIdSchema);
/** The wording the chair's screen showed: what a confirm or a vote is about (issue: what is locked must be what the chair read). */
const wording = z
  .object({ text: z.string().max(LIMITS.fieldChars), bullets: z.array(z.string().max(LIMITS.fieldChars)).max(200) })
  .strict();

/** Payloads of client actions, validated on the server before anything else. */
export const actionSchemas = {
  "meeting:join": z.object({ meetingId: id }).strict(),
  "meeting:leave": z.object({ meetingId: id }).strict(),
  "presence:item": z.object({ meetingId: id, itemId: id.nullable() }).strict(),
  "chair:confirm": z.object({ meetingId: id, itemId, resolutionId, wording }).strict(),
  /** `confirmedAt`: when the confirmation the chair's screen showed was made. */
  "chair:reopen": z.object({ meetingId: id, resolutionId, confirmedAt: z.string().max(64) }).strict(),
  "chair:currentItem": z.object({ meetingId: id, itemId: itemId.nullable() }).strict(),
  "chair:vote": z.object({ meetingId: id, itemId, resolutionId, vote: voteSchema, wording }).strict(),
  /** A status step (lifecycle.ts); `reason` where the step asks one. */
  "meeting:status": z.object({ meetingId: id, status: z.enum(MEETING_STATUSES), reason: z.string().max(500).default("") }).strict(),
  "lobby:list": z.object({}).strict(),
} as const;
export type ActionName = keyof typeof actionSchemas;
export type ActionInput<A extends ActionName> = z.input<(typeof actionSchemas)[A]>;

/**
 * Every acknowledgement: a result, or an error with a stable code and a message naming the
 * bad input (and, for `conflict` on a confirm or vote, `details`: the wording seen and held).
 */
export type Ack<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** What each action acknowledges with. */
export interface ActionResults {
  "meeting:join": { presence: PresenceEntry[]; role: (typeof MEETING_ROLES)[number] };
  "meeting:leave": null;
  "presence:item": null;
  "chair:confirm": { by: string; byName: string; at: string; text: string; bullets: string[] };
  "chair:reopen": null;
  "chair:currentItem": null;
  "chair:vote": null;
  "meeting:status": null;
  "lobby:list": LobbyMeeting[];
}

/** socket.io events from client to server: every one takes a payload and an acknowledgement. */
export type ClientToServerEvents = {
  [A in ActionName]: (payload: ActionInput<A>, ack: (result: Ack<ActionResults[A]>) => void) => void;
};

/** socket.io events from server to client. */
export interface ServerToClientEvents {
  "lobby:changed": (meetings: LobbyMeeting[]) => void;
  "presence:changed": (update: { meetingId: string; presence: PresenceEntry[] }) => void;
  "meeting:saved": (update: { meetingId: string; savedAt: string | null; unsaved: number; error: string | null }) => void;
  /** Sent just before the server closes this connection, saying why (`rate-limited`). */
  "connection:closing": (reason: { code: string; message: string }) => void;
}
