import type * as Y from "yjs";
import { ORIGIN, ROOT, SHAPES, decode, entryMap, roots, type Origin } from "./MeetingDoc";
import { resolutionIdTakenElsewhere } from "./locks";
import { createVote, type VoteInput } from "./Vote";
import type { Confirmation } from "./Confirmation";
import { setEntryValue } from "./items";
import { ModelError } from "./errors";

/** Who confirms, and when (the server stamps the time). */
export interface ConfirmBy {
  by: string;
  byName?: string;
  at?: string;
}

/**
 * Records the chair's confirmation of a resolution: who, when and the exact wording as it
 * stands now. From then on the wording is locked (SPEC rule 6). Runs on the server.
 */
export function confirmResolution(doc: Y.Doc, itemId: string, resolutionId: string, who: ConfirmBy, origin: Origin = ORIGIN.server): Confirmation {
  const plain = decode(SHAPES.item.lists.resolutions!, entryMap(doc, itemId, "resolutions", resolutionId));
  if (roots(doc).confirmations.has(resolutionId)) throw new ModelError("resolution-confirmed", `Resolution "${resolutionId}" is already confirmed.`);
  // A confirmation is keyed by id alone, so an id standing under two items would confirm both (SPEC 14).
  if (resolutionIdTakenElsewhere(doc, [ROOT.items, itemId, "resolutions", resolutionId])) throw new ModelError("invalid-input", `Resolution id "${resolutionId}" stands under another item too; it cannot be confirmed until one is removed.`);
  const text = String(plain.text ?? "");
  if (!text.trim()) throw new ModelError("invalid-input", `Resolution "${resolutionId}" has no wording to confirm.`);
  const confirmation: Confirmation = {
    by: who.by,
    byName: who.byName ?? "",
    at: who.at ?? new Date().toISOString(),
    text,
    bullets: ((plain.bullets ?? []) as { text: string }[]).map((b) => b.text),
  };
  doc.transact(() => roots(doc).confirmations.set(resolutionId, { ...confirmation }), origin);
  return confirmation;
}

/** Lifts the lock on a confirmed resolution so clerks may edit it again. Runs on the server. */
export function reopenResolution(doc: Y.Doc, resolutionId: string, origin: Origin = ORIGIN.server): void {
  if (!roots(doc).confirmations.has(resolutionId)) throw new ModelError("invalid-input", `Resolution "${resolutionId}" is not confirmed, so there is nothing to reopen.`);
  doc.transact(() => roots(doc).confirmations.delete(resolutionId), origin);
}

/** True once the chair has confirmed the resolution. */
export function isConfirmed(doc: Y.Doc, resolutionId: string): boolean {
  return roots(doc).confirmations.has(resolutionId);
}

/** Records the vote on a resolution (named lists, when given, decide the counts). */
export function recordVote(doc: Y.Doc, itemId: string, resolutionId: string, vote: VoteInput, origin: Origin = ORIGIN.server): void {
  setEntryValue(doc, itemId, "resolutions", resolutionId, "vote", createVote(vote), origin);
}

/** Sets the item the meeting is on, which the projector view follows. Runs on the server. */
export function setCurrentItem(doc: Y.Doc, itemId: string | null, origin: Origin = ORIGIN.server): void {
  if (itemId !== null && !roots(doc).items.has(itemId)) throw new ModelError("item-not-found", `No agenda item with id "${itemId}" in this meeting.`);
  doc.transact(() => roots(doc).control.set("currentItemId", itemId), origin);
}

/** The item the chair has set as current, if any. */
export function currentItemId(doc: Y.Doc): string | null {
  const id = roots(doc).control.get("currentItemId");
  return typeof id === "string" ? id : null;
}
