import * as Y from "yjs";
import { KEY, MEETING_TEXTS, ROOT } from "./MeetingDoc";

/** Roots a client may write into; everything else (server-only or unknown) is refused (SPEC 7). */
export const CLIENT_ROOTS: readonly string[] = [ROOT.meeting, ROOT.people, ROOT.attendance, ROOT.items, ...MEETING_TEXTS];

/**
 * The confirmed resolution a change at `path` (root name, then map keys, "#" for sequence
 * elements) would alter, or null (SPEC 6). Writing at or below a confirmed resolution
 * changes it; removing anything that holds it removes it, and so does writing the key that
 * holds it (the item, or its list of resolutions), since a new value replaces the old; and
 * so does a new entry reusing its id elsewhere, which would read as confirmed. Asked once
 * per struct of every client update, so it looks at the path's own item only.
 */
export function confirmedResolutionAt(doc: Y.Doc, path: readonly string[]): string | null {
  if (path[0] !== ROOT.items || path.length < 2) return null;
  const confirmations = doc.share.get(ROOT.confirmations) as Y.Map<unknown> | undefined;
  // Y.Map's size walks every entry; its backing map's size is free (it counts removed keys too, which costs only the lookups below).
  if (!confirmations || confirmations._map.size === 0) return null;
  if (path.length >= 3 && path[2] !== KEY.resolutions) return null;
  // A confirmed id is locked wherever it stands: under its own item, or reused under another (SPEC 14).
  if (path.length >= 4) return confirmations.has(path[3]!) ? path[3]! : null;
  const resolutions = (doc.getMap<Y.Map<unknown>>(ROOT.items).get(path[1]!) as Y.Map<unknown> | undefined)?.get(KEY.resolutions);
  if (!(resolutions instanceof Y.Map)) return null;
  // The item itself, or its list of resolutions: removed, or replaced by setting its key.
  for (const id of resolutions.keys()) if (confirmations.has(id)) return id;
  return null;
}

/**
 * True when `path` is a resolution entry (items/<item>/resolutions/<id>) whose id already
 * stands under another item (SPEC 14). Asked only for new entries, so the walk over the
 * items is paid when a resolution is made, not per keystroke.
 */
export function resolutionIdTakenElsewhere(doc: Y.Doc, path: readonly string[]): boolean {
  if (path.length !== 4 || path[0] !== ROOT.items || path[2] !== KEY.resolutions) return false;
  for (const [itemId, item] of doc.getMap<Y.Map<unknown>>(ROOT.items)) {
    if (itemId === path[1] || !(item instanceof Y.Map)) continue;
    const resolutions = item.get(KEY.resolutions);
    if (resolutions instanceof Y.Map && resolutions.has(path[3]!)) return true;
  }
  return false;
}
