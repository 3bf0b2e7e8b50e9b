import { useEffect, useState } from "react";
import { api, type ApiError } from "../api/rest";
import type { MeetingRole } from "../../shared/protocol/roles";

/** Whether this browser may follow a meeting, as the server answered. */
export type MeetingAccess =
  | { kind: "checking" }
  | { kind: "open"; role: MeetingRole }
  | { kind: "private" }
  | { kind: "missing" }
  | { kind: "unreachable"; message: string };

/**
 * Asks the server, before any connection is opened, what this browser may do in a meeting:
 * a private meeting's live connection would be refused again and again with nothing the
 * page could read, so the page must know first and say so.
 */
export function useMeetingAccess(meetingId: string): MeetingAccess {
  // Each answer is kept with the meeting it is for, so another meeting reads "checking" until its own arrives.
  const [answer, setAnswer] = useState<{ meetingId: string; access: MeetingAccess } | null>(null);
  useEffect(() => {
    let current = true;
    const settle = (access: MeetingAccess) => current && setAnswer({ meetingId, access });
    api.access(meetingId).then(
      ({ role }) => settle(role ? { kind: "open", role } : { kind: "private" }),
      (error: ApiError) => settle(error.status === 404 ? { kind: "missing" } : { kind: "unreachable", message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [meetingId]);
  return answer?.meetingId === meetingId ? answer.access : { kind: "checking" };
}
