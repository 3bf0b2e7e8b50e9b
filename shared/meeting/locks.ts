import * as Y from "yjs";
import { MEETING_TEXTS, ROOT } from "./MeetingDoc";

/** Roots a client may write into; everything else (server-only or unknown) is refused (SPEC 7). */
export const CLIENT_ROOTS: readonly string[] = [ROOT.meeting, ROOT.people, ROOT.attendance, ROOT.items, ...MEETING_TEXTS];

/**
 * The confirmed resolution a change at `path` (root name, then map keys, "#" for sequence
 * elements) would alter, or null (SPEC 6). Writing at or below a confirmed resolution
 * changes it; removing anything that holds it removes it, and so does writing the key that
 * holds it (the item, or its list of resolutions), since a new value replaces the old. Asked
 * once per struct of every client update, so it looks at the path's own item only.
 */
export function confirmedResolutionAt(doc: Y.Doc, path: readonly string[]): string | null {
  if (path[0] !== ROOT.items || path.length < 2) return null;
  const confirmations = doc.share.get(ROOT.confirmations) as Y.Map<unknown> | undefined;
  // Y.Map's size walks every entry; its backing map's size is free (it counts removed keys too, which costs only the lookups below).
  if (!confirmations || confirmations._map.size === 0) return null;
  const resolutions = (doc.getMap<Y.Map<unknown>>(ROOT.items).get(path[1]!) as Y.Map<unknown> | undefined)?.get("resolutions");
  if (!(resolutions instanceof Y.Map)) return null;
  if (path.length >= 3 && path[2] !== "resolutions") return null;
  if (path.length >= 4) return confirmations.has(path[3]!) && resolutions.has(path[3]!) ? path[3]! : null;
  // The item itself, or its list of resolutions: removed, or replaced by setting its key.
  for (const id of resolutions.keys()) if (confirmations.has(id)) return id;
  return null;
}
