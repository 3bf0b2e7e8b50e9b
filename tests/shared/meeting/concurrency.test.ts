import type * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  addComment,
  addItem,
  addResolution,
  editText,
  entryTextPath,
  itemIds,
  itemTextPath,
  moveEntry,
  moveItem,
  readItem,
  removeItem,
  textAt,
  type TextPath,
  type EntryId,
} from "../../../shared/meeting";
import { keyAt } from "../../../shared/meeting/order";
import { createNetwork, createRng, type Network } from "../../helpers/docPair";

// Each scenario runs under several delivery orders; the seeds pick the shuffles.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * Types `chars` at the end of a text one keystroke at a time, letting the network deliver
 * some updates between keystrokes. Stops, as a bound input would, once the text is deleted.
 */
function typeAtEnd(net: Network, doc: Y.Doc, path: TextPath, chars: string, seed: number): void {
  const rng = createRng(seed);
  for (const ch of chars) {
    const text = textAt(doc, path);
    if (!text) return;
    editText(doc, path, text.toString() + ch);
    if (rng.chance(0.3)) net.flushSome(rng);
  }
}

const comments = (doc: Y.Doc, itemId: string) => readItem(doc, itemId).discussion.map((c) => c.comment);

describe("two or three clerks editing one meeting at once", () => {
  it.each(SEEDS)(
    "keeps every comment added to one item at once, in the same order everywhere, ties broken by id (SPEC 3) [seed %i]",
    (seed) => {
      const net = createNetwork(3);
      const [a, b, c] = net.docs as [Y.Doc, Y.Doc, Y.Doc];
      const item = addItem(a, { title: "Budget" });
      addComment(a, item, { id: "c-first", comment: "Opening remarks" });
      net.flush();
      addComment(a, item, { id: "c-zulu", comment: "From clerk A" });
      addComment(b, item, { id: "c-alpha", comment: "From clerk B" });
      addComment(c, item, { id: "c-mike", comment: "From clerk C" }, { index: 1 });
      net.flushShuffled(createRng(seed));
      const snapshot = net.expectConverged();
      expect(snapshot.items[0]!.discussion.map((d) => d.id)).toEqual(["c-first", "c-alpha", "c-mike", "c-zulu"]);
    },
  );

  it.each(SEEDS)("merges two clerks typing in the same comment at different places, losing nothing (SPEC 2) [seed %i]", (seed) => {
    const net = createNetwork(2);
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const item = addItem(a);
    const comment = addComment(a, item, { comment: "The report was noted." });
    net.flush();
    const path = entryTextPath(item, "discussion", comment, "comment");
    // Interleave the two typists keystroke by keystroke, delivering a random share as they go.
    const rng = createRng(seed);
    const typedA = "Cllr Ng: ";
    const typedB = " Members asked for more detail.";
    let i = 0;
    let j = 0;
    while (i < typedA.length || j < typedB.length) {
      if (j >= typedB.length || (i < typedA.length && rng.chance(0.5))) {
        const current = textAt(a, path)!.toString();
        editText(a, path, typedA.slice(0, i + 1) + current.slice(i));
        i++;
      } else {
        editText(b, path, textAt(b, path)!.toString() + typedB[j]);
        j++;
      }
      if (rng.chance(0.4)) net.flushSome(rng);
    }
    net.flushShuffled(rng);
    const snapshot = net.expectConverged();
    expect(snapshot.items[0]!.discussion[0]!.comment).toBe("Cllr Ng: The report was noted. Members asked for more detail.");
  });

  it.each(SEEDS)("keeps typing in a resolution while another clerk reorders the items, with no item lost or copied [seed %i]", (seed) => {
    const net = createNetwork(3);
    const [a, b, c] = net.docs as [Y.Doc, Y.Doc, Y.Doc];
    const items = ["Apologies", "Minutes", "Budget", "Any other business"].map((title) => addItem(a, { title }));
    const resolution = addResolution(a, items[2]!, { text: "That the budget be " });
    net.flush();
    const rng = createRng(seed);
    const path = entryTextPath(items[2]!, "resolutions", resolution, "text");
    for (const ch of "approved.") {
      editText(a, path, textAt(a, path)!.toString() + ch);
      moveItem(b, rng.pick(itemIds(b)), rng.int(items.length));
      if (rng.chance(0.5)) net.flushSome(rng);
    }
    const orderB = itemIds(b);
    net.flushShuffled(rng);
    const snapshot = net.expectConverged();
    expect(itemIds(a)).toEqual(orderB);
    expect(itemIds(c)).toEqual(orderB);
    expect([...orderB].sort()).toEqual([...items].sort());
    expect(readItem(c, items[2]!).resolutions[0]!.text).toBe("That the budget be approved.");
    expect(snapshot.items).toHaveLength(4);
  });

  it.each(SEEDS)("drops everything typed in a deleted item and keeps everything typed outside it (SPEC 4) [seed %i]", (seed) => {
    const net = createNetwork(3);
    const [a, b, c] = net.docs as [Y.Doc, Y.Doc, Y.Doc];
    const doomed = addItem(a, { title: "Withdrawn item" });
    const kept = addItem(a, { title: "Budget" });
    const doomedComment = addComment(a, doomed, { comment: "Early remark" });
    const keptComment = addComment(a, kept, { comment: "Noted" });
    net.flush();
    const rng = createRng(seed);
    removeItem(b, doomed);
    addComment(a, doomed, { comment: "Racing with the delete" });
    typeAtEnd(net, a, entryTextPath(doomed, "discussion", doomedComment, "comment"), " and more", seed);
    typeAtEnd(net, c, entryTextPath(kept, "discussion", keptComment, "comment"), " by all", seed + 100);
    typeAtEnd(net, a, itemTextPath(kept, "title"), " 2024/25", seed + 200);
    typeAtEnd(net, c, ["title"], "Cabinet", seed + 300);
    net.flushShuffled(rng);
    const snapshot = net.expectConverged();
    expect(snapshot.items.map((i) => i.id)).toEqual([kept]);
    expect(snapshot.items[0]).toMatchObject({ title: "Budget 2024/25" });
    expect(snapshot.items[0]!.discussion.map((d) => d.comment)).toEqual(["Noted by all"]);
    expect(snapshot.title).toBe("Cabinet");
  });

  it.each(SEEDS)("settles two concurrent moves of one item on a single place, with one copy of it (SPEC 3) [seed %i]", (seed) => {
    const net = createNetwork(3);
    const [a, b, c] = net.docs as [Y.Doc, Y.Doc, Y.Doc];
    const items = ["1", "2", "3", "4", "5"].map((number) => addItem(a, { number }));
    net.flush();
    const moved = items[0]!;
    moveItem(a, moved, 4);
    moveItem(b, moved, 2);
    moveItem(c, items[4]!, 0);
    const wantedByA = itemIds(a);
    const wantedByB = itemIds(b);
    net.flushShuffled(createRng(seed));
    net.expectConverged();
    const order = itemIds(c);
    expect(order.filter((id) => id === moved)).toHaveLength(1);
    expect([...order].sort()).toEqual([...items].sort());
    const position = order.filter((id) => id !== items[4]).indexOf(moved);
    const possible = [wantedByA, wantedByB].map((o) => o.filter((id) => id !== items[4]).indexOf(moved));
    expect(possible).toContain(position);
  });

  it.each(SEEDS)("still inserts and moves between entries that were added at the same place at once (SPEC 3) [seed %i]", (seed) => {
    const net = createNetwork(3);
    const [a, b, c] = net.docs as [Y.Doc, Y.Doc, Y.Doc];
    const item = addItem(a);
    addComment(a, item, { id: "c-before", comment: "before" });
    addComment(a, item, { id: "c-after", comment: "after" });
    net.flush();
    // Both land between "before" and "after" with the same position key.
    addComment(a, item, { id: "c-two", comment: "A's" }, { index: 1 });
    addComment(b, item, { id: "c-one", comment: "B's" }, { index: 1 });
    net.flushShuffled(createRng(seed));
    expect(comments(c, item)).toEqual(["before", "B's", "A's", "after"]);
    // A position strictly between two equal keys does not exist, so the new entry goes just past the pair.
    addComment(c, item, { comment: "C's" }, { index: 2 });
    moveEntry(b, item, "discussion", "c-after" as EntryId, 2);
    net.flushShuffled(createRng(seed + 1));
    net.expectConverged();
    // B's move of "after" to index 2 also had to step past the tied pair, so it stays last.
    expect(comments(a, item)).toEqual(["before", "B's", "A's", "C's", "after"]);
  });
});

describe("updates arriving out of order", () => {
  it("keeps adding and moving items while a move waits for an earlier update it depends on (SPEC 3)", () => {
    const net = createNetwork(2);
    const [a, b] = net.docs as [Y.Doc, Y.Doc];
    const first = addItem(a, { title: "Apologies" });
    const second = addItem(a, { title: "Minutes" });
    net.flush();
    editText(b, ["title"], "Cabinet");
    moveItem(b, second, 0);
    // The move overtakes B's earlier edit: A drops the old position now and holds the new one back.
    expect(net.deliverNewest(1, 0)).toBe(true);
    expect(a.store.pendingStructs).not.toBeNull();
    const third = addItem(a, { title: "Budget" }, { index: 1 });
    moveItem(a, first, 0);
    net.flush();
    net.expectConverged();
    const order = itemIds(b);
    expect([...order].sort()).toEqual([first, second, third].sort());
    expect(textAt(b, ["title"])!.toString()).toBe("Cabinet");
  });
});

describe("position keys", () => {
  it("step past a run of equal keys instead of failing (SPEC 3)", () => {
    expect(keyAt(["a0", "a0"], 1) > "a0").toBe(true);
    const between = keyAt(["a0", "a0", "a1"], 1);
    expect(between > "a0" && between < "a1").toBe(true);
    expect(keyAt(["a0", "a0"], 0) < "a0").toBe(true);
    expect(keyAt(["a0", "a0"], 2) > "a0").toBe(true);
  });

  it("treat a missing key as no bound instead of failing", () => {
    expect(keyAt(["", "a0"], 0) < "a0").toBe(true);
    expect(keyAt(["", "a0"], 1) < "a0").toBe(true);
    expect(keyAt(["", "a0"], 2) > "a0").toBe(true);
    expect(keyAt([""], 1)).toBe(keyAt([], 0));
  });
});
