import type * as Y from "yjs";
import { ORIGIN, roots, type Origin } from "./MeetingDoc";
import { loadSnapshot } from "./snapshot";
import type { MeetingSnapshot } from "./registry";

/**
 * Makes the document hold `snapshot` (an earlier version) as one new change, so restoring
 * is itself undoable history and every replica converges on it.
 */
export function restoreSnapshot(doc: Y.Doc, snapshot: MeetingSnapshot, origin: Origin = ORIGIN.server): void {
  doc.transact(() => {
    const r = roots(doc);
    for (const map of [r.people, r.items, r.confirmations, r.control]) for (const key of [...map.keys()]) map.delete(key);
    r.attendance.delete(0, r.attendance.length);
    loadSnapshot(doc, snapshot, origin);
  }, origin);
}
