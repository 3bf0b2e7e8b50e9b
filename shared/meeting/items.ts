import type * as Y from "yjs";
import {
  KEY,
  ORIGIN,
  bulletList,
  decode,
  encode,
  entryMap,
  insertOrdered,
  itemList,
  itemMap,
  moveOrdered,
  resolutionOfPath,
  roots,
  textAt,
  type Origin,
  type TextPath,
} from "./MeetingDoc";
import { replaceText } from "./replaceText";
import {
  ENTRY_ENTITIES,
  ITEM_LIST_ENTITIES,
  agendaItemSchema,
  createAgendaItem,
  type AgendaItemInput,
  type EntryIds,
  type EntryInputs,
  type ItemListName,
} from "./registry";
import type { ItemId } from "./AgendaItem";
import { blockEntity, type BlockId, type BlockInput } from "./Block";
import type { DiscussionEntryInput, EntryId } from "./DiscussionEntry";
import type { ResolutionId, ResolutionInput } from "./Resolution";
import { writeItem, writeItems } from "./snapshot";
import { ModelError, describeIssues } from "./errors";

/** Where to put a new entry, and how to tag the transaction. */
export interface WriteOptions {
  index?: number;
  origin?: Origin;
}

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
export function moveItem(doc: Y.Doc, itemId: ItemId, index: number, origin: Origin = ORIGIN.local): void {
  doc.transact(() => moveOrdered(roots(doc).items, itemId, index), origin);
}

/** Deletes an item and everything typed in it (SPEC rule 4), unless it holds a confirmed resolution (SPEC rule 6). */
export function removeItem(doc: Y.Doc, itemId: ItemId, origin: Origin = ORIGIN.local): void {
  for (const resolutionId of itemList(doc, itemId, KEY.resolutions).keys()) assertDraft(doc, resolutionId);
  doc.transact(() => roots(doc).items.delete(itemId), origin);
}

/** Sets an item's plain (non-text) field, validated against the item schema. */
export function setItemValue(doc: Y.Doc, itemId: ItemId, field: "takenAt", value: string | null, origin: Origin = ORIGIN.local): void {
  const parsed = agendaItemSchema.shape[field].safeParse(value);
  if (!parsed.success)
    throw new ModelError(
      "invalid-input",
      `Invalid ${field} "${String(value)}" for agenda item "${itemId}": ${describeIssues(parsed.error)}`,
    );
  doc.transact(() => itemMap(doc, itemId).set(field, parsed.data), origin);
}

/** Adds an entry to one of an item's lists and returns its id. */
export function addEntry<L extends ItemListName>(
  doc: Y.Doc,
  itemId: ItemId,
  list: L,
  input: EntryInputs[L] = {} as EntryInputs[L],
  options: WriteOptions = {},
): EntryIds[L] {
  const entity = ENTRY_ENTITIES[list];
  const entry = entity.create(input);
  doc.transact(
    () => insertOrdered(itemList(doc, itemId, list), entry.id, encode(entity, entry), options.index),
    options.origin ?? ORIGIN.local,
  );
  return entry.id;
}

/** Moves an entry within its list. */
export function moveEntry<L extends ItemListName>(
  doc: Y.Doc,
  itemId: ItemId,
  list: L,
  entryId: EntryIds[L],
  index: number,
  origin: Origin = ORIGIN.local,
): void {
  doc.transact(() => moveOrdered(itemList(doc, itemId, list), entryId, index), origin);
}

/** Deletes an entry; a confirmed resolution cannot be deleted until the chair reopens it (SPEC rule 6). */
export function removeEntry<L extends ItemListName>(
  doc: Y.Doc,
  itemId: ItemId,
  list: L,
  entryId: EntryIds[L],
  origin: Origin = ORIGIN.local,
): void {
  entryMap(doc, itemId, list, entryId);
  if (list === KEY.resolutions) assertDraft(doc, entryId);
  doc.transact(() => itemList(doc, itemId, list).delete(entryId), origin);
}

/** Sets a plain (non-text) field of an entry, validated against the entry's schema. */
export function setEntryValue<L extends ItemListName>(
  doc: Y.Doc,
  itemId: ItemId,
  list: L,
  entryId: EntryIds[L],
  field: string,
  value: unknown,
  origin: Origin = ORIGIN.local,
): void {
  const map = entryMap(doc, itemId, list, entryId);
  const entity = ITEM_LIST_ENTITIES[list];
  const schema = entity.schema;
  if (!(field in schema.shape) || entity.texts.includes(field) || field in entity.lists || field === "id" || entity.skip.includes(field)) {
    throw new ModelError("invalid-input", `"${field}" is not a settable field of ${list} entries.`);
  }
  const parsed = schema.safeParse({ ...decode(entity, map), id: entryId, [field]: value });
  if (!parsed.success)
    throw new ModelError("invalid-input", `Invalid ${list}.${field} ${JSON.stringify(value)}: ${describeIssues(parsed.error)}`);
  doc.transact(() => map.set(field, (parsed.data as Record<string, unknown>)[field]), origin);
}

/** Adds a comment to an item's discussion, stamped with the time it was started (SPEC rule 5). */
export function addComment(doc: Y.Doc, itemId: ItemId, input: DiscussionEntryInput = {}, options: WriteOptions = {}): EntryId {
  return addEntry(doc, itemId, "discussion", { startedAt: new Date().toISOString(), ...input }, options);
}

/** Adds a draft resolution to an item. */
export function addResolution(doc: Y.Doc, itemId: ItemId, input: ResolutionInput = {}, options: WriteOptions = {}): ResolutionId {
  return addEntry(doc, itemId, "resolutions", input, options);
}

/** Adds a paragraph, sub-heading or bullet to an item's narrative. */
export function addNarrative(doc: Y.Doc, itemId: ItemId, input: BlockInput = {}, options: WriteOptions = {}): BlockId {
  return addEntry(doc, itemId, "narrative", input, options);
}

/** Adds a sub-bullet to a draft resolution. */
export function addResolutionBullet(
  doc: Y.Doc,
  itemId: ItemId,
  resolutionId: ResolutionId,
  text = "",
  options: WriteOptions = {},
): BlockId {
  assertDraft(doc, resolutionId);
  const bullets = bulletList(doc, itemId, resolutionId);
  const block = blockEntity.create({ kind: "bullet", text });
  doc.transact(() => insertOrdered(bullets, block.id, encode(blockEntity, block), options.index), options.origin ?? ORIGIN.local);
  return block.id;
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
