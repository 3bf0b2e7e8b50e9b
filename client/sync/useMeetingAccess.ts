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
  const [access, setAccess] = useState<MeetingAccess>({ kind: "checking" });
  useEffect(() => {
    let current = true;
    setAccess({ kind: "checking" });
    api.access(meetingId).then(
      ({ role }) => current && setAccess(role ? { kind: "open", role } : { kind: "private" }),
      (error: ApiError) =>
        current && setAccess(error.status === 404 ? { kind: "missing" } : { kind: "unreachable", message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [meetingId]);
  return access;
}
