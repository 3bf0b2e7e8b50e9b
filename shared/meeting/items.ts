import type * as Y from "yjs";
import {
  ORIGIN,
  SHAPES,
  decode,
  encode,
  entryMap,
  insertOrdered,
  itemList,
  itemMap,
  moveOrdered,
  replaceText,
  roots,
  textAt,
  type Origin,
  type TextPath,
} from "./MeetingDoc";
import { agendaItemSchema, createAgendaItem, type AgendaItemInput, type ItemId, type ItemListName } from "./AgendaItem";
import { blockSchema, createBlock, type BlockInput } from "./Block";
import { createDiscussionEntry, discussionEntrySchema, type DiscussionEntryInput } from "./DiscussionEntry";
import { createDeclaration, declarationSchema, type DeclarationInput } from "./Declaration";
import { createResolution, resolutionSchema, type ResolutionInput } from "./Resolution";
import { actionSchema, createAction, type ActionInput } from "./Action";
import { createMotion, motionSchema, type MotionInput } from "./Motion";
import { createSupportingDocument, supportingDocumentSchema, type SupportingDocumentInput } from "./SupportingDocument";
import { writeItem, writeItems } from "./snapshot";
import { ModelError } from "./errors";

/** Where to put a new entry, and how to tag the transaction. */
export interface WriteOptions {
  index?: number;
  origin?: Origin;
}

type EntryInputs = {
  purpose: BlockInput;
  narrative: BlockInput;
  discussion: DiscussionEntryInput;
  declarations: DeclarationInput;
  resolutions: ResolutionInput;
  actions: ActionInput;
  motions: MotionInput;
  documents: SupportingDocumentInput;
};

const FACTORIES: { [L in ItemListName]: (input: EntryInputs[L]) => { id: string } } = {
  purpose: createBlock,
  narrative: createBlock,
  discussion: createDiscussionEntry,
  declarations: createDeclaration,
  resolutions: createResolution,
  actions: createAction,
  motions: createMotion,
  documents: createSupportingDocument,
};

const SCHEMAS = {
  purpose: blockSchema,
  narrative: blockSchema,
  discussion: discussionEntrySchema,
  declarations: declarationSchema,
  resolutions: resolutionSchema,
  actions: actionSchema,
  motions: motionSchema,
  documents: supportingDocumentSchema,
} as const;

/** Adds an agenda item (at `index`, default last) and returns its id. */
export function addItem(doc: Y.Doc, input: AgendaItemInput = {}, options: WriteOptions = {}): ItemId {
  const item = createAgendaItem(input);
  doc.transact(() => writeItem(doc, item, options.index), options.origin ?? ORIGIN.local);
  return item.id;
}

/** Adds agenda items after the existing ones, in order, as one change (one update for every client); returns their ids. */
export function addItems(doc: Y.Doc, inputs: readonly AgendaItemInput[], origin: Origin = ORIGIN.local): ItemId[] {
  const items = inputs.map((input) => createAgendaItem(input));
  doc.transact(() => writeItems(doc, items), origin);
  return items.map((item) => item.id);
}

/** Moves an item to `index`; concurrent moves settle on one position, never a copy (SPEC rule 3). */
export function moveItem(doc: Y.Doc, itemId: string, index: number, origin: Origin = ORIGIN.local): void {
  doc.transact(() => moveOrdered(roots(doc).items, itemId, index), origin);
}

/** Deletes an item and everything typed in it (SPEC rule 4), unless it holds a confirmed resolution (SPEC rule 6). */
export function removeItem(doc: Y.Doc, itemId: string, origin: Origin = ORIGIN.local): void {
  for (const resolutionId of itemList(doc, itemId, "resolutions").keys()) assertDraft(doc, resolutionId);
  doc.transact(() => roots(doc).items.delete(itemId), origin);
}

/** Sets an item's plain (non-text) field, validated against the item schema. */
export function setItemValue(doc: Y.Doc, itemId: string, field: "takenAt", value: string | null, origin: Origin = ORIGIN.local): void {
  const parsed = agendaItemSchema.shape[field].safeParse(value);
  if (!parsed.success)
    throw new ModelError(
      "invalid-input",
      `Invalid ${field} "${String(value)}" for agenda item "${itemId}": ${parsed.error.issues[0]?.message}`,
    );
  doc.transact(() => itemMap(doc, itemId).set(field, parsed.data), origin);
}

/** Adds an entry to one of an item's lists and returns its id. */
export function addEntry<L extends ItemListName>(
  doc: Y.Doc,
  itemId: string,
  list: L,
  input: EntryInputs[L] = {} as EntryInputs[L],
  options: WriteOptions = {},
): string {
  const entry = FACTORIES[list](input);
  doc.transact(
    () => insertOrdered(itemList(doc, itemId, list), entry.id, encode(SHAPES.item.lists[list]!, entry), options.index),
    options.origin ?? ORIGIN.local,
  );
  return entry.id;
}

/** Moves an entry within its list. */
export function moveEntry(
  doc: Y.Doc,
  itemId: string,
  list: ItemListName,
  entryId: string,
  index: number,
  origin: Origin = ORIGIN.local,
): void {
  doc.transact(() => moveOrdered(itemList(doc, itemId, list), entryId, index), origin);
}

/** Deletes an entry; a confirmed resolution cannot be deleted until the chair reopens it (SPEC rule 6). */
export function removeEntry(doc: Y.Doc, itemId: string, list: ItemListName, entryId: string, origin: Origin = ORIGIN.local): void {
  entryMap(doc, itemId, list, entryId);
  if (list === "resolutions") assertDraft(doc, entryId);
  doc.transact(() => itemList(doc, itemId, list).delete(entryId), origin);
}

/** Sets a plain (non-text) field of an entry, validated against the entry's schema. */
export function setEntryValue(
  doc: Y.Doc,
  itemId: string,
  list: ItemListName,
  entryId: string,
  field: string,
  value: unknown,
  origin: Origin = ORIGIN.local,
): void {
  const map = entryMap(doc, itemId, list, entryId);
  const schema = SCHEMAS[list];
  const shape = SHAPES.item.lists[list]!;
  if (!(field in schema.shape) || shape.texts.includes(field) || field in shape.lists || field === "id" || field === "confirmation") {
    throw new ModelError("invalid-input", `"${field}" is not a settable field of ${list} entries.`);
  }
  const parsed = schema.safeParse({ ...decode(shape, map), id: entryId, [field]: value });
  if (!parsed.success)
    throw new ModelError("invalid-input", `Invalid ${list}.${field} ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message}`);
  doc.transact(() => map.set(field, (parsed.data as Record<string, unknown>)[field]), origin);
}

/** Adds a comment to an item's discussion, stamped with the time it was started (SPEC rule 5). */
export function addComment(doc: Y.Doc, itemId: string, input: DiscussionEntryInput = {}, options: WriteOptions = {}): string {
  return addEntry(doc, itemId, "discussion", { startedAt: new Date().toISOString(), ...input }, options);
}

/** Adds a draft resolution to an item. */
export function addResolution(doc: Y.Doc, itemId: string, input: ResolutionInput = {}, options: WriteOptions = {}): string {
  return addEntry(doc, itemId, "resolutions", input, options);
}

/** Adds a paragraph, sub-heading or bullet to an item's narrative. */
export function addNarrative(doc: Y.Doc, itemId: string, input: BlockInput = {}, options: WriteOptions = {}): string {
  return addEntry(doc, itemId, "narrative", input, options);
}

/** Adds a sub-bullet to a draft resolution. */
export function addResolutionBullet(doc: Y.Doc, itemId: string, resolutionId: string, text = "", options: WriteOptions = {}): string {
  assertDraft(doc, resolutionId);
  const bullets = entryMap(doc, itemId, "resolutions", resolutionId).get("bullets") as Y.Map<Y.Map<unknown>>;
  const block = createBlock({ kind: "bullet", text });
  doc.transact(
    () => insertOrdered(bullets, block.id, encode(SHAPES.item.lists.resolutions!.lists.bullets!, block), options.index),
    options.origin ?? ORIGIN.local,
  );
  return block.id;
}

/** Path to an item's own text field. */
export function itemTextPath(itemId: string, field: "number" | "title" | "discussionIntro"): TextPath {
  return ["items", itemId, field];
}

/** Path to the officer contact's name, phone or email on an item. */
export function contactTextPath(itemId: string, field: "name" | "phone" | "email"): TextPath {
  return ["items", itemId, "officerContact", field];
}

/** Path to a text field of an entry in one of an item's lists. */
export function entryTextPath(itemId: string, list: ItemListName, entryId: string, field: string): TextPath {
  return ["items", itemId, list, entryId, field];
}

/** Path to a resolution's sub-bullet. */
export function bulletTextPath(itemId: string, resolutionId: string, bulletId: string): TextPath {
  return ["items", itemId, "resolutions", resolutionId, "bullets", bulletId, "text"];
}

/** The resolution a path writes into, if any: the lock check needs only this (SPEC rule 6). */
export function resolutionOfPath(path: TextPath): string | null {
  return path[0] === "items" && path[2] === "resolutions" && path[3] ? path[3] : null;
}

/** Sets the text at `path` to `value`, touching only the characters that differ. */
export function editText(doc: Y.Doc, path: TextPath, value: string, origin: Origin = ORIGIN.local): void {
  const text = textAt(doc, path);
  if (!text) throw new ModelError("text-not-found", `No text at ${path.join("/")} (it may have been deleted).`);
  const resolutionId = resolutionOfPath(path);
  if (resolutionId) assertDraft(doc, resolutionId);
  doc.transact(() => replaceText(text, value), origin);
}

function assertDraft(doc: Y.Doc, resolutionId: string): void {
  if (roots(doc).confirmations.has(resolutionId)) {
    throw new ModelError(
      "resolution-confirmed",
      `Resolution "${resolutionId}" is confirmed by the chair; its wording is locked until the chair reopens it.`,
    );
  }
}
