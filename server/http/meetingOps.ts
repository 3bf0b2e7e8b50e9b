/** The model operations the HTTP layer uses, in one import. */
export { addItem, initMeeting, readItem, setMeetingInfo, toSnapshot, editText, ORIGIN, newId } from "../../shared/meeting";
export { restoreSnapshot as restoreSnapshotSafe } from "../../shared/meeting/restore";
