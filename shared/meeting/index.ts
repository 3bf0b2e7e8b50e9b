/** The meeting model: entities, the Yjs document's accessors and operations, and derived attendance. */
export * from "./ids";
export * from "./errors";
export * from "./Block";
export * from "./Vote";
export * from "./Confirmation";
export * from "./Resolution";
export * from "./DiscussionEntry";
export * from "./Declaration";
export * from "./Action";
export * from "./Motion";
export * from "./SupportingDocument";
export * from "./Person";
export * from "./AttendanceEvent";
export * from "./AgendaItem";
export * from "./Meeting";
export * from "./lifecycle";
export * from "./entity";
export * from "./registry";
export {
  ORIGIN,
  ROOT,
  SERVER_ONLY_ROOTS,
  MEETING_TEXTS,
  textAt,
  meetingText,
  itemTextPath,
  contactTextPath,
  entryTextPath,
  bulletTextPath,
  personTextPath,
  resolutionOfPath,
  type Origin,
  type TextPath,
  type MeetingTextField,
} from "./MeetingDoc";
export { replaceText } from "./replaceText";
export * from "./snapshot";
export * from "./items";
export * from "./chair";
export * from "./people";
export * from "./attendance";
export * from "./restore";
export * from "./slots";
