import type * as Y from "yjs";
import type { z } from "zod";
import {
  ORIGIN,
  MEETING_TEXTS,
  MEETING_VALUES,
  appendOrdered,
  decode,
  decodeList,
  encode,
  insertOrdered,
  itemMap,
  meetingText,
  orderedIds,
  roots,
  storeCurrentItem,
  storedCurrentItem,
  type Origin,
} from "./MeetingDoc";
import { MODEL, type Model } from "./registry";
import type { ItemId } from "./AgendaItem";
import { confirmationSchema, type Confirmation } from "./Confirmation";
import { ModelError, describeIssues } from "./errors";

const STORED_VALUES = ["id", ...MEETING_VALUES] as const;

type Plain = Record<string, unknown>;
type ItemOf<M extends Model> = z.infer<M["item"]["schema"]> & { id: ItemId };
type SnapshotOf<M extends Model> = z.infer<M["meeting"]["schema"]> & { items: ItemOf<M>[] };

/** The confirmation recorded for a resolution, or null while it is a draft. */
export function confirmationOf(doc: Y.Doc, resolutionId: string): Confirmation | null {
  const raw = roots(doc).confirmations.get(resolutionId);
  if (!raw) return null;
  const parsed = confirmationSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Reading and writing a model's meeting as plain data: each item's lists follow from the
 * model's table, so a list added there is read, validated and written with no change here.
 */
export function snapshotsOf<M extends Model>(model: M) {
  const { item, person, attendance, meeting } = model;

  // Reads take any id (a URL's, say): one that names no item is item-not-found.
  function readItem(doc: Y.Doc, itemId: string): ItemOf<M> {
    const plain = decode(item, itemMap(doc, itemId));
    const resolutions = ((plain.resolutions ?? []) as { id: string }[]).map((r) => ({ ...r, confirmation: confirmationOf(doc, r.id) }));
    const parsed = item.schema.safeParse({ ...plain, id: itemId, ...(plain.resolutions ? { resolutions } : {}) });
    if (!parsed.success) throw new ModelError("invalid-input", `Agenda item "${itemId}" is malformed: ${describeIssues(parsed.error)}`);
    return parsed.data as ItemOf<M>;
  }

  const itemIds = (doc: Y.Doc): ItemId[] => orderedIds(roots(doc).items) as ItemId[];
  const readItems = (doc: Y.Doc): ItemOf<M>[] => itemIds(doc).map((id) => readItem(doc, id));

  function toSnapshot(doc: Y.Doc): SnapshotOf<M> {
    const r = roots(doc);
    const values: Plain = {};
    for (const key of STORED_VALUES) if (r.meeting.has(key)) values[key] = r.meeting.get(key);
    for (const key of MEETING_TEXTS) values[key] = meetingText(doc, key).toString();
    const parsed = meeting.schema.safeParse({
      ...values,
      currentItemId: storedCurrentItem(doc) ?? null,
      people: decodeList(person, r.people),
      attendance: r.attendance.toArray(),
      items: readItems(doc),
    });
    if (!parsed.success) throw new ModelError("invalid-input", `The meeting document is malformed: ${describeIssues(parsed.error)}`);
    return parsed.data as SnapshotOf<M>;
  }

  function writeConfirmations(doc: Y.Doc, value: Plain): void {
    for (const resolution of (value.resolutions ?? []) as { id: string; confirmation?: Confirmation | null }[]) {
      if (resolution.confirmation) roots(doc).confirmations.set(resolution.id, { ...resolution.confirmation });
    }
  }

  function writeItem(doc: Y.Doc, value: ItemOf<M>, index?: number): void {
    insertOrdered(roots(doc).items, value.id, encode(item, value), index);
    writeConfirmations(doc, value);
  }

  function writeItems(doc: Y.Doc, values: readonly ItemOf<M>[]): void {
    appendOrdered(
      roots(doc).items,
      values.map((value) => [value.id, encode(item, value)] as const),
    );
    for (const value of values) writeConfirmations(doc, value);
  }

  function loadSnapshot(doc: Y.Doc, input: unknown, origin: Origin = ORIGIN.load): SnapshotOf<M> {
    const parsed = meeting.schema.safeParse(input);
    if (!parsed.success) throw new ModelError("invalid-input", `The meeting snapshot is malformed: ${describeIssues(parsed.error)}`);
    const snapshot = parsed.data as SnapshotOf<M> & Plain & { people: { id: string }[]; attendance: Plain[]; currentItemId: string | null };
    doc.transact(() => {
      const r = roots(doc);
      for (const key of STORED_VALUES) r.meeting.set(key, snapshot[key]);
      for (const key of MEETING_TEXTS) {
        const text = meetingText(doc, key);
        text.delete(0, text.length);
        text.insert(0, String(snapshot[key]));
      }
      if (snapshot.currentItemId) storeCurrentItem(doc, snapshot.currentItemId);
      appendOrdered(
        r.people,
        snapshot.people.map((p) => [p.id, encode(person, person.schema.parse(p))] as const),
      );
      r.attendance.push(snapshot.attendance.map((e) => ({ ...(attendance.schema.parse(e) as Plain) })));
      writeItems(doc, snapshot.items);
    }, origin);
    return snapshot;
  }

  return { readItem, readItems, itemIds, toSnapshot, writeItem, writeItems, loadSnapshot };
}

/**
 * This application's meeting as plain data. `readItem`: one agenda item, each resolution's
 * confirmation merged in. `readItems`, `itemIds`: all of them (their ids), in order.
 * `toSnapshot`: the whole meeting, validated. `writeItem(s)`: items and the confirmations
 * they carry into the document, inside a transaction. `loadSnapshot`: fills an empty
 * document from a snapshot (a load or an import) in one transaction tagged with `origin`.
 */
export const { readItem, readItems, itemIds, toSnapshot, writeItem, writeItems, loadSnapshot } = snapshotsOf(MODEL);
