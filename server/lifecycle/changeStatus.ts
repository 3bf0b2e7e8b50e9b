import {
  minutesWritable,
  readOnlyReason,
  setMeetingInfo,
  ORIGIN,
  STATUS_STEPS,
  type MeetingStatus,
  type StatusActor,
} from "../../shared/meeting";
import { principalId, principalName, roleIn, type Principal } from "../auth/access";
import { AppError } from "../errors";
import type { MeetingRecord, Store } from "../persistence/Store";
import type { Rooms } from "../realtime/Rooms";

/** The longest reason kept with a status change. */
const MAX_REASON = 500;

/** Who the principal acts as for status steps: a manager account, or its role in the meeting (viewers take no steps). */
export function statusActor(principal: Principal, meeting: MeetingRecord): StatusActor | null {
  if (principal.kind === "user" && principal.user.role === "admin") return "manager";
  const role = roleIn(principal, meeting);
  return role === "clerk" || role === "chair" ? role : null;
}

const WHO: Record<StatusActor, string> = { manager: "a manager", clerk: "the clerk", chair: "the chair" };

/**
 * Moves a meeting to another status, if the lifecycle has that step and the principal may take
 * it: the record (with the change in its history), the document's status, and the room's lock
 * on the wire all change together. Refusals name the step and who may take it.
 */
export async function changeStatus(
  deps: { store: Store; rooms: Rooms },
  meeting: MeetingRecord,
  principal: Principal,
  to: MeetingStatus,
  reason = "",
): Promise<MeetingRecord> {
  const from = meeting.status;
  const step = STATUS_STEPS[from][to];
  if (!step) {
    const open = Object.keys(STATUS_STEPS[from]).join(" or ");
    throw new AppError("conflict", `Meeting "${meeting.id}" is ${from}; it cannot go to ${to} from there (only to ${open}).`);
  }
  const actor = statusActor(principal, meeting);
  if (!actor || !step.who.includes(actor))
    throw new AppError(
      "forbidden",
      `Only ${step.who.map((w) => WHO[w]).join(" or ")} may ${step.label.toLowerCase()} (meeting "${meeting.id}", ${from} to ${to}).`,
    );
  const why = reason.trim();
  if (step.reason && !why) throw new AppError("bad-request", `Give a reason to ${step.label.toLowerCase()} (${from} to ${to}).`);
  if (why.length > MAX_REASON) throw new AppError("bad-request", `The reason has ${why.length} characters; at most ${MAX_REASON}.`);

  return applyStatus(deps, meeting, to, { by: principalId(principal), byName: principalName(principal), reason: why });
}

/**
 * Moves the record, the document's status and the room's lock on the wire together, and adds the
 * change to the record's history. Callers check the step first.
 */
export async function applyStatus(
  deps: { store: Store; rooms: Rooms },
  meeting: MeetingRecord,
  to: MeetingStatus,
  who: { by: string; byName: string; reason: string },
  extra: Partial<MeetingRecord> = {},
): Promise<MeetingRecord> {
  const at = new Date().toISOString();
  await deps.rooms.with(meeting.id, (room) => {
    room.setStatus(to);
    setMeetingInfo(room.doc, { status: to }, ORIGIN.server);
    return room.flush();
  });
  const next: MeetingRecord = {
    ...meeting,
    ...extra,
    status: to,
    statusLog: [...(meeting.statusLog ?? []), { from: meeting.status, to, ...who, at }],
    updatedAt: at,
  };
  await deps.store.saveMeeting(next);
  return next;
}

/** Refuses server-side changes to minutes that are circulated, approved or published, saying why. */
export function assertMinutesWritable(meeting: MeetingRecord): void {
  if (!minutesWritable(meeting.status)) throw new AppError("locked", `Meeting "${meeting.id}": ${readOnlyReason(meeting.status)}.`);
}
