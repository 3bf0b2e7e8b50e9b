import type * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  ModelError,
  ORIGIN,
  addComment,
  addItem,
  addResolution,
  confirmResolution,
  editText,
  entryTextPath,
  isConfirmed,
  itemIds,
  itemTextPath,
  moveEntry,
  moveItem,
  readItem,
  removeEntry,
  removeItem,
  reopenResolution,
  textAt,
  type MeetingSnapshot,
  type TextPath,
  type ItemId,
} from "../../../shared/meeting";
import { createNetwork, createRng, type Network, type Rng } from "../../helpers/docPair";

/**
 * Seeded fuzz, as tldraw tests its sync engine: three replicas make random edits while the
 * network delivers only some of their updates, in random order; after everything is
 * delivered, every replica must hold the same meeting and the model's invariants must hold.
 * A seed that fails replays exactly, so it is kept below and run first.
 */

/** Seeds that once failed, and what each caught. Run before the sweep. */
const REGRESSION_SEEDS: { seed: number; caught: string }[] = [
  // A move that overtook an earlier update from the same clerk: Yjs deleted the old position
  // key at once and held the new one back, so the item had none and keyAt threw on "".
  { seed: 22, caught: "held-back position key" },
  { seed: 25, caught: "held-back position key" },
  // editText diffed by UTF-16 unit and cut an emoji in half; replicas disagreed or showed U+FFFD.
  { seed: 38, caught: "emoji cut in half" },
  { seed: 97, caught: "emoji cut in half" },
];

const SWEEP = 200;
const STEPS = 40;
// Emoji are two UTF-16 units each: edits next to them once left lone surrogates behind.
const ALPHABET = ["a", "e", "s", "t", " ", ".", "£", "😀", "👍🏽"];

/** What the replicas did, merged: the final meeting must agree with it. */
interface Log {
  itemsAdded: Set<string>;
  itemsRemoved: Set<string>;
  commentsAdded: Map<string, string>;
  commentsRemoved: Set<string>;
}

interface Context {
  rng: Rng;
  log: Log;
  id: (prefix: string) => string;
}

type Op = (doc: Y.Doc, ctx: Context, replica: number) => void;

const commentsOf = (doc: Y.Doc, itemId: string) => readItem(doc, itemId).discussion.map((c) => c.id);
const resolutionsOf = (doc: Y.Doc, itemId: string) => readItem(doc, itemId).resolutions.map((r) => r.id);

/** Every text a clerk could be typing in on this replica right now. */
function textPaths(doc: Y.Doc): TextPath[] {
  const paths: TextPath[] = [["title"], ["venue"]];
  for (const itemId of itemIds(doc)) {
    paths.push(itemTextPath(itemId, "title"));
    const item = readItem(doc, itemId);
    for (const c of item.discussion) paths.push(entryTextPath(itemId, "discussion", c.id, "comment"));
    for (const r of item.resolutions) if (!isConfirmed(doc, r.id)) paths.push(entryTextPath(itemId, "resolutions", r.id, "text"));
  }
  return paths;
}

/** UTF-16 offset of code point `n` in `s`, so edits never land inside a surrogate pair. */
const unitOffset = (s: string, n: number) => Array.from(s).slice(0, n).join("").length;

const randomText = (rng: Rng) => Array.from({ length: 1 + rng.int(4) }, () => rng.pick(ALPHABET)).join("");

function pickItem(doc: Y.Doc, rng: Rng): ItemId | null {
  const ids = itemIds(doc);
  return ids.length ? rng.pick(ids) : null;
}

const OPS: Record<string, Op> = {
  addItem: (doc, { rng, log, id }) => {
    const itemId = id("item");
    addItem(doc, { id: itemId, title: randomText(rng) }, { index: rng.int(itemIds(doc).length + 1) });
    log.itemsAdded.add(itemId);
  },
  moveItem: (doc, { rng }) => {
    const itemId = pickItem(doc, rng);
    if (itemId) moveItem(doc, itemId, rng.int(itemIds(doc).length));
  },
  removeItem: (doc, { rng, log }) => {
    const itemId = pickItem(doc, rng);
    if (!itemId) return;
    try {
      removeItem(doc, itemId);
      log.itemsRemoved.add(itemId);
    } catch (error) {
      if (!(error instanceof ModelError && error.code === "resolution-confirmed")) throw error;
    }
  },
  addComment: (doc, { rng, log, id }) => {
    const itemId = pickItem(doc, rng);
    if (!itemId) return;
    const commentId = id("comment");
    addComment(
      doc,
      itemId,
      { id: commentId, comment: randomText(rng), startedAt: "2024-03-05T19:00:00.000Z" },
      { index: rng.int(commentsOf(doc, itemId).length + 1) },
    );
    log.commentsAdded.set(commentId, itemId);
  },
  moveComment: (doc, { rng }) => {
    const itemId = pickItem(doc, rng);
    const comments = itemId ? commentsOf(doc, itemId) : [];
    if (comments.length) moveEntry(doc, itemId!, "discussion", rng.pick(comments), rng.int(comments.length));
  },
  removeComment: (doc, { rng, log }) => {
    const itemId = pickItem(doc, rng);
    const comments = itemId ? commentsOf(doc, itemId) : [];
    if (!comments.length) return;
    const commentId = rng.pick(comments);
    removeEntry(doc, itemId!, "discussion", commentId);
    log.commentsRemoved.add(commentId);
  },
  addResolution: (doc, { rng, id }) => {
    const itemId = pickItem(doc, rng);
    if (itemId) addResolution(doc, itemId, { id: id("resolution"), text: `That ${randomText(rng)}` });
  },
  // Keystrokes straight into the Y.Text, as a bound input sends them.
  typeChars: (doc, { rng }) => {
    const text = textAt(doc, rng.pick(textPaths(doc)))!;
    const s = text.toString();
    doc.transact(() => text.insert(unitOffset(s, rng.int(Array.from(s).length + 1)), randomText(rng)), ORIGIN.local);
  },
  deleteChars: (doc, { rng }) => {
    const text = textAt(doc, rng.pick(textPaths(doc)))!;
    const chars = Array.from(text.toString());
    if (!chars.length) return;
    const from = rng.int(chars.length);
    const to = from + 1 + rng.int(Math.min(3, chars.length - from));
    const s = text.toString();
    doc.transact(() => text.delete(unitOffset(s, from), unitOffset(s, to) - unitOffset(s, from)), ORIGIN.local);
  },
  // A whole-value edit through the model, which diffs it down to the characters that changed.
  editText: (doc, { rng }) => {
    const path = rng.pick(textPaths(doc));
    const chars = Array.from(textAt(doc, path)!.toString());
    const at = rng.int(chars.length + 1);
    chars.splice(at, rng.int(Math.min(3, chars.length - at) + 1), ...Array.from(rng.chance(0.7) ? randomText(rng) : ""));
    editText(doc, path, chars.join(""));
  },
  // Only the server (replica 0 here) confirms and reopens (SPEC 7).
  chair: (doc, { rng }, replica) => {
    if (replica !== 0) return;
    const itemId = pickItem(doc, rng);
    const resolutions = itemId ? resolutionsOf(doc, itemId) : [];
    if (!resolutions.length) return;
    const resolutionId = rng.pick(resolutions);
    if (isConfirmed(doc, resolutionId)) reopenResolution(doc, resolutionId);
    else if (
      readItem(doc, itemId!)
        .resolutions.find((r) => r.id === resolutionId)!
        .text.trim()
    ) {
      confirmResolution(doc, itemId!, resolutionId, { by: "chair", at: "2024-03-05T20:00:00.000Z" });
    }
  },
};
const OP_NAMES = Object.keys(OPS);

/** Runs one seed to full delivery and returns the network and what was done. */
function run(seed: number): { net: Network; log: Log } {
  const rng = createRng(seed);
  const net = createNetwork(3);
  const log: Log = { itemsAdded: new Set(), itemsRemoved: new Set(), commentsAdded: new Map(), commentsRemoved: new Set() };
  let counter = 0;
  const ctx: Context = { rng, log, id: (prefix) => `${prefix}-${counter++}` };
  for (let step = 0; step < STEPS; step++) {
    const replica = rng.int(net.docs.length);
    OPS[rng.pick(OP_NAMES)]!(net.docs[replica]!, ctx, replica);
    const delivery = rng.next();
    if (delivery < 0.2) net.flushSome(rng, rng.next());
    else if (delivery < 0.3) net.deliver(rng.int(3), rng.int(3), 1 + rng.int(3));
  }
  net.flushShuffled(rng);
  return { net, log };
}

/** toSnapshot has already parsed every item and list against its schema; these are the rest. */
function checkInvariants(snapshot: MeetingSnapshot, log: Log): void {
  const itemIdsNow = snapshot.items.map((i) => i.id as string);
  const expectedItems = [...log.itemsAdded].filter((id) => !log.itemsRemoved.has(id));
  // Never lost, never copied (SPEC 3), and a delete wins (SPEC 4).
  expect([...itemIdsNow].sort()).toEqual(expectedItems.sort());
  const entryIds = snapshot.items.flatMap((i) =>
    [...i.discussion, ...i.resolutions, ...i.resolutions.flatMap((r) => r.bullets)].map((e) => e.id as string),
  );
  expect(new Set(entryIds).size).toBe(entryIds.length);
  const expectedComments = [...log.commentsAdded]
    .filter(([id, itemId]) => !log.commentsRemoved.has(id) && !log.itemsRemoved.has(itemId))
    .map(([id]) => id);
  const commentIds = snapshot.items.flatMap((i) => i.discussion.map((c) => c.id as string));
  expect(commentIds.sort()).toEqual(expectedComments.sort());
  // No half of a surrogate pair, and no U+FFFD that Yjs puts in place of one.
  const texts = [
    snapshot.title,
    snapshot.venue,
    ...snapshot.items.flatMap((i) => [i.title, ...i.discussion.map((c) => c.comment), ...i.resolutions.map((r) => r.text)]),
  ];
  for (const text of texts) expect(text).not.toMatch(/[\p{Cs}\uFFFD]/u);
}

function check(seed: number): void {
  const { net, log } = run(seed);
  const snapshot = net.expectConverged();
  checkInvariants(snapshot, log);
  net.destroy();
}

describe("random concurrent editing by three clerks", () => {
  it.each(REGRESSION_SEEDS)("converges for regression seed $seed ($caught)", ({ seed }) => check(seed));

  it(`converges and keeps the model's invariants for seeds 1 to ${SWEEP}`, () => {
    for (let seed = 1; seed <= SWEEP; seed++) {
      try {
        check(seed);
      } catch (error) {
        throw new Error(`fuzz seed ${seed} failed; add it to REGRESSION_SEEDS with what it caught.\n${String(error)}`, { cause: error });
      }
    }
  });

  it("replays a seed exactly, so a failing seed can be kept as a regression case", () => {
    expect(run(42).net.snapshots()[0]).toEqual(run(42).net.snapshots()[0]);
    expect(run(42).net.snapshots()[0]).not.toEqual(run(43).net.snapshots()[0]);
  });
});
