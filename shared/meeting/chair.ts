import type * as Y from "yjs";
import { ORIGIN, decode, resolutionMap, resolutionPath, roots, storeCurrentItem, storedCurrentItem, type Origin } from "./MeetingDoc";
import { resolutionEntity, type ResolutionId } from "./Resolution";
import type { ItemId } from "./AgendaItem";
import { resolutionIdTakenElsewhere } from "./locks";
import { createVote, type Vote, type VoteInput } from "./Vote";
import { mayVoteOn } from "./attendance";
import { toSnapshot } from "./snapshot";
import type { MeetingSnapshot } from "./registry";
import type { Confirmation } from "./Confirmation";
import { setEntryValue } from "./items";
import { ModelError } from "./errors";

/** Who confirms, and when (the server stamps the time). */
export interface ConfirmBy {
  by: string;
  byName?: string;
  at?: string;
  /** The wording the chair's screen showed; when given, it must still be the wording held. */
  seen?: Wording;
}

/** A resolution's wording as a screen shows it: its text and its sub-bullets. */
export interface Wording {
  text: string;
  bullets: string[];
}

/** What a conflict reports: the wording the chair saw and the wording held now. */
export interface WordingConflict {
  seen: Wording;
  current: Wording;
}

function sameWording(a: Wording, b: Wording): boolean {
  return a.text === b.text && a.bullets.length === b.bullets.length && a.bullets.every((bullet, i) => bullet === b.bullets[i]);
}

/** Throws `conflict` when the wording held is not what the chair's screen showed (a legal record must be what the chair read). */
function assertSeen(resolutionId: string, seen: Wording | undefined, current: Wording, doing: string): void {
  if (!seen || sameWording(seen, current)) return;
  const details: WordingConflict = { seen, current };
  throw new ModelError(
    "conflict",
    `The wording of resolution "${resolutionId}" changed after your screen showed it, so it was not ${doing}; read it again.`,
    details,
  );
}

/**
 * Records the chair's confirmation of a resolution: who, when and the exact wording as it
 * stands now. From then on the wording is locked (SPEC rule 6). Runs on the server.
 */
export function confirmResolution(
  doc: Y.Doc,
  itemId: ItemId,
  resolutionId: ResolutionId,
  who: ConfirmBy,
  origin: Origin = ORIGIN.server,
): Confirmation {
  const plain = decode(resolutionEntity, resolutionMap(doc, itemId, resolutionId));
  if (roots(doc).confirmations.has(resolutionId))
    throw new ModelError("resolution-confirmed", `Resolution "${resolutionId}" is already confirmed.`);
  // A confirmation is keyed by id alone, so an id standing under two items would confirm both (SPEC 14).
  if (resolutionIdTakenElsewhere(doc, resolutionPath(itemId, resolutionId)))
    throw new ModelError(
      "invalid-input",
      `Resolution id "${resolutionId}" stands under another item too; it cannot be confirmed until one is removed.`,
    );
  const text = String(plain.text ?? "");
  const bullets = ((plain.bullets ?? []) as { text: string }[]).map((b) => b.text);
  assertSeen(resolutionId, who.seen, { text, bullets }, "confirmed");
  if (!text.trim()) throw new ModelError("invalid-input", `Resolution "${resolutionId}" has no wording to confirm.`);
  const confirmation: Confirmation = {
    by: who.by,
    byName: who.byName ?? "",
    at: who.at ?? new Date().toISOString(),
    text,
    bullets,
  };
  doc.transact(() => roots(doc).confirmations.set(resolutionId, { ...confirmation }), origin);
  return confirmation;
}

/**
 * Lifts the lock on a confirmed resolution so clerks may edit it again. Runs on the server.
 * `seenAt`, when given, is the time of the confirmation the chair's screen showed: if the
 * resolution was reopened and confirmed again since, the chair is looking at another record.
 */
export function reopenResolution(doc: Y.Doc, resolutionId: ResolutionId, origin: Origin = ORIGIN.server, seenAt?: string): void {
  const held = roots(doc).confirmations.get(resolutionId) as { at?: string } | undefined;
  if (!held) throw new ModelError("invalid-input", `Resolution "${resolutionId}" is not confirmed, so there is nothing to reopen.`);
  if (seenAt !== undefined && held.at !== seenAt)
    throw new ModelError(
      "conflict",
      `Resolution "${resolutionId}" was confirmed again at ${held.at} after your screen showed the confirmation of ${seenAt}, so it was not reopened; read it again.`,
    );
  doc.transact(() => roots(doc).confirmations.delete(resolutionId), origin);
}

/** True once the chair has confirmed the resolution. */
export function isConfirmed(doc: Y.Doc, resolutionId: ResolutionId): boolean {
  return roots(doc).confirmations.has(resolutionId);
}

/** Records the vote on a resolution (named lists, when given, decide the counts); `seen`, when given, must still be its wording. */
export function recordVote(
  doc: Y.Doc,
  itemId: ItemId,
  resolutionId: ResolutionId,
  vote: VoteInput,
  origin: Origin = ORIGIN.server,
  seen?: Wording,
): void {
  if (seen) assertSeen(resolutionId, seen, heldWording(doc, itemId, resolutionId), "voted on");
  const recorded = createVote(vote);
  if (recorded.named) assertNamedVoters(toSnapshot(doc), itemId, recorded.named);
  setEntryValue(doc, itemId, "resolutions", resolutionId, "vote", recorded, origin);
}

// A roll-call vote names members by id: each must be in the room and free to vote on the item
// (SPEC 9), and may be on one side only.
function assertNamedVoters(meeting: MeetingSnapshot, itemId: string, named: NonNullable<Vote["named"]>): void {
  const eligible = new Map<string, string>(mayVoteOn(meeting, itemId).map((p) => [p.id, p.name]));
  const seen = new Map<string, string>();
  for (const side of ["for", "against", "abstain"] as const)
    for (const id of named[side]) {
      const name = meeting.people.find((p) => p.id === id)?.name ?? id;
      if (!eligible.has(id))
        throw new ModelError("invalid-input", `${name} may not vote on this item (not a member in the room, or barred by a declaration).`);
      const other = seen.get(id);
      if (other) throw new ModelError("invalid-input", `${name} is named both ${other} and ${side}.`);
      seen.set(id, side);
    }
}

/** Sets the item the meeting is on, which the projector view follows. Runs on the server. */
export function setCurrentItem(doc: Y.Doc, itemId: ItemId | null, origin: Origin = ORIGIN.server): void {
  if (itemId !== null && !roots(doc).items.has(itemId))
    throw new ModelError("item-not-found", `No agenda item with id "${itemId}" in this meeting.`);
  doc.transact(() => storeCurrentItem(doc, itemId), origin);
}

/** The item the chair has set as current, if any. */
export function currentItemId(doc: Y.Doc): ItemId | null {
  const id = storedCurrentItem(doc);
  return typeof id === "string" ? (id as ItemId) : null;
}

/** The wording a resolution holds now: its confirmed wording once confirmed, else its draft. */
export function heldWording(doc: Y.Doc, itemId: ItemId, resolutionId: ResolutionId): Wording {
  const confirmed = roots(doc).confirmations.get(resolutionId) as Wording | undefined;
  if (confirmed) return { text: confirmed.text, bullets: [...confirmed.bullets] };
  const plain = decode(resolutionEntity, resolutionMap(doc, itemId, resolutionId));
  return { text: String(plain.text ?? ""), bullets: ((plain.bullets ?? []) as { text: string }[]).map((b) => b.text) };
}
