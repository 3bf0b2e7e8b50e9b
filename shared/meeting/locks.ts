import * as Y from "yjs";
import { MEETING_TEXTS, ROOT, roots } from "./MeetingDoc";

/** Roots a client may write into; everything else (server-only or unknown) is refused (SPEC 7). */
export const CLIENT_ROOTS: readonly string[] = [ROOT.meeting, ROOT.people, ROOT.attendance, ROOT.items, ...MEETING_TEXTS];

/**
 * The document paths of confirmed resolutions (`items/<item>/resolutions/<resolution>`):
 * nothing at or below them may change from a client until the chair reopens (SPEC 6).
 */
export function lockedPaths(doc: Y.Doc): string[][] {
  const { items, confirmations } = roots(doc);
  if (confirmations.size === 0) return [];
  const out: string[][] = [];
  items.forEach((item, itemId) => {
    const list = item.get("resolutions");
    if (!(list instanceof Y.Map)) return;
    for (const resolutionId of confirmations.keys()) if (list.has(resolutionId)) out.push([ROOT.items, itemId, "resolutions", resolutionId]);
  });
  return out;
}
