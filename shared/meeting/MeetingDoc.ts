import * as Y from "yjs";
import { generateNKeysBetween } from "fractional-indexing";
import { byPosition, keyAt } from "./order";
import { ModelError } from "./errors";
import type { ITEM_TEXTS, ItemId } from "./AgendaItem";
import type { ItemListName } from "./registry";
import type { ResolutionId } from "./Resolution";
import type { BlockId } from "./Block";
import type { PersonId } from "./Person";

/**
 * The Yjs layout of a meeting. This is the only module that knows key names; every
 * other module goes through the accessors and operations built on it.
 *
 * - `meeting` (Y.Map): plain meeting fields (date, status, quorum, …).
 * - `committee`, `title`, `venue` (root Y.Text): root types are created by name on every
 *   replica, so two clerks can never race to create the same text (SPEC rule 2).
 * - `people`, `items` (Y.Map of Y.Map): ordered collections keyed by id, each entry
 *   carrying a fractional `pos` key, so a move is one key write and can neither
 *   duplicate nor lose the entry (SPEC rule 3).
 * - `attendance` (Y.Array): append-only attendance events.
 * - `confirmations`, `control` (Y.Map): written only by the server (SPEC rule 7).
 */
export const ROOT = {
  meeting: "meeting",
  people: "people",
  attendance: "attendance",
  items: "items",
  confirmations: "confirmations",
  control: "control",
} as const;

/** Meeting fields a clerk types into, each a root Y.Text. */
export const MEETING_TEXTS = ["committee", "title", "venue"] as const;
export type MeetingTextField = (typeof MEETING_TEXTS)[number];

/** Plain meeting fields a client may set (the id is fixed by the server when the document is made). */
export const MEETING_VALUES = ["date", "startTime", "status", "quorum", "recording"] as const;

/** Roots that only the server may change; a client update touching them is refused. */
export const SERVER_ONLY_ROOTS = [ROOT.confirmations, ROOT.control] as const;

/** Transaction origins, so persistence and undo can tell a load or import from a clerk's edit. */
export const ORIGIN = { load: "load", import: "import", local: "local", server: "server" } as const;
/** A transaction origin: one of ORIGIN, or an object a client uses to tag its own edits for undo. */
export type Origin = string | object;

/**
 * Keys with a meaning beyond an entity's own fields (which are stored under their names):
 * an entry's position, a resolution list and its sub-bullets, which the locks and the
 * chair's operations reach into, and the current item in `control`.
 */
export const KEY = {
  pos: "pos",
  // A list of the registry's, named here for the locks: renaming it there fails to compile here.
  resolutions: "resolutions" satisfies ItemListName,
  bullets: "bullets",
  currentItemId: "currentItemId",
} as const;
const POS = KEY.pos;

/**
 * How an entity is laid out: which fields are Y.Text, which nested ordered lists or maps,
 * which are kept elsewhere. Every entity's descriptor is one (see `entity.ts`).
 */
export interface Shape {
  readonly texts: readonly string[];
  readonly lists: Readonly<Record<string, Shape>>;
  readonly maps: Readonly<Record<string, Shape>>;
  /** Fields kept elsewhere in the document, never inside the entity's map. */
  readonly skip?: readonly string[];
}

const NO_FIELDS: Shape = { texts: [], lists: {}, maps: {} };

type Plain = Record<string, unknown>;
type Entry = { id: string } & Plain;

/** Builds the Y.Map for an entity (not yet in a document) from its plain form. */
export function encode(s: Shape, value: Plain): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, v] of Object.entries(value)) {
    if (key === "id" || s.skip?.includes(key)) continue;
    if (s.texts.includes(key)) map.set(key, new Y.Text(typeof v === "string" ? v : ""));
    else if (s.lists[key]) map.set(key, encodeList(s.lists[key], (v ?? []) as Entry[]));
    else if (s.maps[key]) map.set(key, encode(s.maps[key], (v ?? {}) as Plain));
    else map.set(key, v);
  }
  return map;
}

function encodeList(s: Shape, entries: readonly Entry[]): Y.Map<Y.Map<unknown>> {
  const list = new Y.Map<Y.Map<unknown>>();
  const keys = generateNKeysBetween(null, null, entries.length);
  entries.forEach((entry, i) => {
    const map = encode(s, entry);
    map.set(POS, keys[i]);
    list.set(entry.id, map);
  });
  return list;
}

/** Reads an entity's plain form back from its Y.Map (ids of list entries included, in order). */
export function decode(s: Shape, map: Y.Map<unknown>): Plain {
  const out: Plain = {};
  map.forEach((v, key) => {
    if (key === POS) return;
    if (v instanceof Y.Text) out[key] = v.toString();
    else if (s.lists[key] && v instanceof Y.Map) out[key] = decodeList(s.lists[key], v as Y.Map<Y.Map<unknown>>);
    else if (v instanceof Y.Map) out[key] = decode(s.maps[key] ?? NO_FIELDS, v);
    else out[key] = v;
  });
  return out;
}

/** The entries of an ordered collection, in order, each with its id. */
export function decodeList(s: Shape, list: Y.Map<Y.Map<unknown>>): Entry[] {
  return sortedEntries(list).map(([id, map]) => ({ ...decode(s, map), id }));
}

function sortedEntries(list: Y.Map<Y.Map<unknown>>): [string, Y.Map<unknown>][] {
  const rows: { id: string; pos: string; map: Y.Map<unknown> }[] = [];
  list.forEach((map, id) => rows.push({ id, pos: String(map.get(POS) ?? ""), map }));
  return rows.sort(byPosition).map((r) => [r.id, r.map]);
}

/** Ids of an ordered collection, in order. */
export function orderedIds(list: Y.Map<Y.Map<unknown>>): string[] {
  return sortedEntries(list).map(([id]) => id);
}

/** Puts `map` into `list` under `id` at `index` (default: the end). Must run inside a transaction. */
export function insertOrdered(list: Y.Map<Y.Map<unknown>>, id: string, map: Y.Map<unknown>, index?: number): void {
  const keys = sortedEntries(list).map(([, m]) => String(m.get(POS) ?? ""));
  map.set(POS, keyAt(keys, index ?? keys.length));
  list.set(id, map);
}

/**
 * Puts `entries` after the last entry of `list`, in order. One sort of the list and one run
 * of position keys: inserting them one by one sorts the whole list again for each entry.
 * Must run inside a transaction.
 */
export function appendOrdered(list: Y.Map<Y.Map<unknown>>, entries: readonly (readonly [string, Y.Map<unknown>])[]): void {
  if (entries.length === 0) return;
  const last = sortedEntries(list).at(-1);
  const positions = generateNKeysBetween((last && String(last[1].get(POS) ?? "")) || null, null, entries.length);
  entries.forEach(([id, map], i) => {
    map.set(POS, positions[i]);
    list.set(id, map);
  });
}

/** Moves entry `id` to `index` among the others by rewriting only its position key. */
export function moveOrdered(list: Y.Map<Y.Map<unknown>>, id: string, index: number): void {
  const map = list.get(id);
  if (!map) throw new ModelError("entry-not-found", `Cannot move "${id}": it is not in the list (deleted by someone else?).`);
  const keys = sortedEntries(list)
    .filter(([other]) => other !== id)
    .map(([, m]) => String(m.get(POS) ?? ""));
  map.set(POS, keyAt(keys, index));
}

/** The root maps and arrays of a meeting document, created on first use. */
export function roots(doc: Y.Doc) {
  return {
    meeting: doc.getMap<unknown>(ROOT.meeting),
    people: doc.getMap<Y.Map<unknown>>(ROOT.people),
    attendance: doc.getArray<Plain>(ROOT.attendance),
    items: doc.getMap<Y.Map<unknown>>(ROOT.items),
    confirmations: doc.getMap<Plain>(ROOT.confirmations),
    control: doc.getMap<unknown>(ROOT.control),
  };
}

/** A meeting-level text field. */
export function meetingText(doc: Y.Doc, field: MeetingTextField): Y.Text {
  return doc.getText(field);
}

/** The Y.Map of an item, or an error naming the missing id. */
export function itemMap(doc: Y.Doc, itemId: string): Y.Map<unknown> {
  const map = roots(doc).items.get(itemId);
  if (!map) throw new ModelError("item-not-found", `No agenda item with id "${itemId}" in this meeting.`);
  return map;
}

/** One of an item's ordered lists. */
export function itemList(doc: Y.Doc, itemId: string, list: string): Y.Map<Y.Map<unknown>> {
  const value = itemMap(doc, itemId).get(list);
  if (!(value instanceof Y.Map)) throw new ModelError("invalid-input", `Agenda item "${itemId}" has no list "${list}".`);
  return value as Y.Map<Y.Map<unknown>>;
}

/** One entry of an item's list. */
export function entryMap(doc: Y.Doc, itemId: string, list: string, entryId: string): Y.Map<unknown> {
  const map = itemList(doc, itemId, list).get(entryId);
  if (!map) throw new ModelError("entry-not-found", `No ${list} entry "${entryId}" in agenda item "${itemId}".`);
  return map;
}

/** The map of one resolution of an item. */
export function resolutionMap(doc: Y.Doc, itemId: string, resolutionId: string): Y.Map<unknown> {
  return entryMap(doc, itemId, KEY.resolutions, resolutionId);
}

/** The sub-bullets of one resolution of an item. */
export function bulletList(doc: Y.Doc, itemId: string, resolutionId: string): Y.Map<Y.Map<unknown>> {
  return resolutionMap(doc, itemId, resolutionId).get(KEY.bullets) as Y.Map<Y.Map<unknown>>;
}

/** The item the chair has set as current, as stored (server-only, SPEC 7). */
export function storedCurrentItem(doc: Y.Doc): unknown {
  return roots(doc).control.get(KEY.currentItemId);
}

/** Stores the item the chair has set as current. Must run inside a transaction. */
export function storeCurrentItem(doc: Y.Doc, itemId: string | null): void {
  roots(doc).control.set(KEY.currentItemId, itemId);
}

/**
 * A path to one collaborative text: a meeting field (`["committee"]`), or a walk from a
 * root collection through ids and field names (`["items", itemId, "discussion", entryId, "comment"]`).
 * The UI binds inputs by path; the server checks paths against locks.
 */
export type TextPath = readonly string[];

/** The Y.Text at `path`, or null when any step is missing (for example, deleted by another clerk). */
export function textAt(doc: Y.Doc, path: TextPath): Y.Text | null {
  const [head, ...rest] = path;
  if (head === undefined) return null;
  if ((MEETING_TEXTS as readonly string[]).includes(head)) return rest.length === 0 ? meetingText(doc, head as MeetingTextField) : null;
  if (head !== ROOT.items && head !== ROOT.people) return null;
  let node: unknown = doc.getMap(head);
  for (const step of rest) {
    if (!(node instanceof Y.Map)) return null;
    node = node.get(step);
  }
  return node instanceof Y.Text ? node : null;
}

/** Path to an item's own text field. */
export function itemTextPath(itemId: ItemId, field: (typeof ITEM_TEXTS)[number]): TextPath {
  return [ROOT.items, itemId, field];
}

/** Path to the officer contact's name, phone or email on an item. */
export function contactTextPath(itemId: ItemId, field: "name" | "phone" | "email"): TextPath {
  return [ROOT.items, itemId, "officerContact", field];
}

/** Path to a text field of an entry in one of an item's lists. */
export function entryTextPath(itemId: ItemId, list: ItemListName, entryId: string, field: string): TextPath {
  return [ROOT.items, itemId, list, entryId, field];
}

/** Path to a resolution's sub-bullet. */
export function bulletTextPath(itemId: ItemId, resolutionId: ResolutionId, bulletId: BlockId): TextPath {
  return [ROOT.items, itemId, KEY.resolutions, resolutionId, KEY.bullets, bulletId, "text"];
}

/** Path to a person's name, job title or organisation. */
export function personTextPath(personId: PersonId, field: "name" | "jobTitle" | "organisation"): TextPath {
  return [ROOT.people, personId, field];
}

/** Path to a resolution's map: what the guard checks a new resolution's id at (SPEC 14). */
export function resolutionPath(itemId: string, resolutionId: string): TextPath {
  return [ROOT.items, itemId, KEY.resolutions, resolutionId];
}

/** The resolution a path writes into (a text path, or a guard's place path), if any: the lock check needs only this (SPEC 6). */
export function resolutionOfPath(path: TextPath): string | null {
  return path[0] === ROOT.items && path[2] === KEY.resolutions && path[3] ? path[3] : null;
}
