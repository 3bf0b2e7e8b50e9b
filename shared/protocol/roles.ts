/** Account roles: admins (democratic-services managers) set up meetings; clerks minute; chairs confirm. */
export const USER_ROLES = ["admin", "clerk", "chair"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What someone may do in one meeting: clerks write, chairs write and confirm, viewers read. */
export const MEETING_ROLES = ["clerk", "chair", "viewer"] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

/** True when the role may change the document. */
export function canWrite(role: MeetingRole): boolean {
  return role === "clerk" || role === "chair";
}

/** True when the role may confirm and reopen resolutions, set the current item and record votes. */
export function canChair(role: MeetingRole): boolean {
  return role === "chair";
}
