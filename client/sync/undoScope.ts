/** What a clerk's undo covers: the meeting fields and everything in the people and items roots. */
export const ITEM_UNDO_ROOTS = ["committee", "title", "venue", "map:people", "map:items"] as const;
