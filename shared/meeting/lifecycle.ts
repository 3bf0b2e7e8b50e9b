import { z } from "zod";
import { MEETING_STATUSES, type MeetingStatus } from "./Meeting";

/** Who takes a step: a manager (an admin account), or the meeting's clerk or chair. */
export type StatusActor = "manager" | "clerk" | "chair";

/** One step between statuses: who may take it, whether a reason must be given, and what it is called. */
export interface StatusStep {
  who: readonly StatusActor[];
  reason: boolean;
  /** The step in words, for buttons and the status history ("Open the meeting live"). */
  label: string;
}

const anyStaff: readonly StatusActor[] = ["manager", "clerk", "chair"];
const manager: readonly StatusActor[] = ["manager"];

/**
 * Every step the server allows. Going back is allowed where a mistake must be put right, and
 * taking approved minutes back to closed is a manager's step with a reason, recorded like any
 * other: the minutes are a public record from approval on.
 */
export const STATUS_STEPS: { readonly [F in MeetingStatus]: { readonly [T in MeetingStatus]?: StatusStep } } = {
  draft: { live: { who: anyStaff, reason: false, label: "Open the meeting live" } },
  live: {
    closed: { who: anyStaff, reason: false, label: "Close the meeting" },
    draft: { who: manager, reason: true, label: "Put back to draft" },
  },
  closed: {
    live: { who: anyStaff, reason: false, label: "Reopen the meeting live" },
    circulated: { who: manager, reason: false, label: "Circulate the draft minutes" },
    // Minutes circulated and approved outside the product (on paper) are recorded as approved.
    approved: { who: manager, reason: true, label: "Record the minutes as approved" },
  },
  circulated: {
    closed: { who: manager, reason: true, label: "Take back for corrections" },
    approved: { who: manager, reason: true, label: "Record the minutes as approved" },
  },
  approved: {
    published: { who: manager, reason: false, label: "Publish the minutes" },
    closed: { who: manager, reason: true, label: "Reopen the approved minutes" },
  },
  published: { closed: { who: manager, reason: true, label: "Reopen the published minutes" } },
};

/** Statuses whose minutes clerks and chairs may still change: before circulation. */
export function minutesWritable(status: MeetingStatus): boolean {
  return status === "draft" || status === "live" || status === "closed";
}

/** Statuses in which the minutes are the approved record: locked for every role until a manager reopens them. */
export function minutesApproved(status: MeetingStatus): boolean {
  return status === "approved" || status === "published";
}

/** Why the minutes cannot be changed in a status, in words for the people refused. */
export function readOnlyReason(status: MeetingStatus): string {
  if (minutesApproved(status)) return `the minutes are ${status} and locked; only a manager can reopen them`;
  if (status === "circulated") return "the draft minutes have been circulated; a manager must take them back for corrections first";
  return "";
}

/** The steps open from a status to an actor, in table order. */
export function stepsFrom(status: MeetingStatus, actor: StatusActor): [MeetingStatus, StatusStep][] {
  return (Object.entries(STATUS_STEPS[status]) as [MeetingStatus, StatusStep][]).filter(([, step]) => step.who.includes(actor));
}

/** One entry of a meeting's status history: who moved it, from where to where, when and why. */
export const statusChangeSchema = z.object({
  from: z.enum(MEETING_STATUSES),
  to: z.enum(MEETING_STATUSES),
  by: z.string(),
  byName: z.string(),
  at: z.iso.datetime(),
  reason: z.string().default(""),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;
