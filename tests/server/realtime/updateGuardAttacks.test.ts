import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addComment,
  addItem,
  addResolution,
  confirmResolution,
  entryTextPath,
  isConfirmed,
  readItems,
  textAt,
  type ItemId,
} from "../../../shared/meeting";
import { GUARD_LIMITS } from "../../../shared/protocol/limits";
import { inspectUpdate } from "../../../server/realtime/updateGuard";
import { craftUpdate } from "../../helpers/craft";
import { applyVerdict, expectAccepted, expectPartRefused, expectRefusedWhole } from "../../helpers/verdicts";

const WORDING = "That the report be noted.";

/** A server document with an item, a draft resolution and a comment, and a clerk's replica kept in step with it. */
function meeting() {
  const server = new Y.Doc();
  const itemId = addItem(server, { title: "Budget" });
  const resolutionId = addResolution(server, itemId, { text: "That the reprot be noted." });
  const commentId = addComment(server, itemId, { comment: "A question." });
  const clerk = new Y.Doc();
  Y.applyUpdate(clerk, Y.encodeStateAsUpdate(server));
  const resolution = () => textAt(server, entryTextPath(itemId, "resolutions", resolutionId, "text"))!;
  const comment = (doc: Y.Doc) => textAt(doc, entryTextPath(itemId, "discussion", commentId, "comment"))!;
  /** Sends a clerk's change to the server as a live connection would. */
  const send = (change: () => void) => {
    const updates: Uint8Array[] = [];
    const listen = (u: Uint8Array) => updates.push(u);
    clerk.on("update", listen);
    change();
    clerk.off("update", listen);
    return applyVerdict(server, inspectUpdate(server, Y.mergeUpdates(updates)));
  };
  return { server, clerk, itemId, resolutionId, commentId, resolution, comment, send };
}

/** The clerk fixes a typo in the draft resolution (a deletion), and the chair confirms it. */
function typoFixedThenConfirmed() {
  const m = meeting();
  const text = textAt(m.clerk, entryTextPath(m.itemId, "resolutions", m.resolutionId, "text"))!;
  expectAccepted(
    m.send(() => {
      text.delete(11, 4);
      text.insert(11, "port");
    }),
  );
  expect(m.resolution().toString()).toBe(WORDING);
  confirmResolution(m.server, m.itemId, m.resolutionId, { by: "chair-1" });
  return m;
}

describe("the update guard judges what Yjs would integrate (SPEC 6, 14)", () => {
  it("accepts an honest reconnect after a typo fix in a since-confirmed resolution: its whole delete set changes nothing", () => {
    const m = typoFixedThenConfirmed();
    // Offline, the clerk types in the comment; on reconnect the provider sends its step 2 against the server's state vector.
    m.comment(m.clerk).insert(11, " Typed offline.");
    const step2 = Y.encodeStateAsUpdate(m.clerk, Y.encodeStateVector(m.server));
    expect((Y.decodeUpdate(step2).ds as unknown as { clients: Map<number, unknown> }).clients.size).toBeGreaterThan(0);
    expectAccepted(applyVerdict(m.server, inspectUpdate(m.server, step2)));
    expect(m.comment(m.server).toString()).toBe("A question. Typed offline.");
    expect(m.resolution().toString()).toBe(WORDING);
    // Reconnecting again, with nothing new, is accepted too.
    expectAccepted(inspectUpdate(m.server, Y.encodeStateAsUpdate(m.clerk, Y.encodeStateVector(m.server))));
  });

  it("refuses a struct overlapping the sender's known structs whose new tail would land inside locked wording", () => {
    const m = typoFixedThenConfirmed();
    const mine = m.clerk.clientID;
    const state = Y.getState(m.server.store, mine);
    const commentItem = m.comment(m.server)._item!.id;
    // The known part ends inside the resolution ("port"); the struct names the comment as its parent.
    const attack = craftUpdate([{ client: mine, clock: state - 2, content: "XXXXXX", parent: commentItem }]);
    const unchecked = new Y.Doc();
    Y.applyUpdate(unchecked, Y.encodeStateAsUpdate(m.server));
    Y.applyUpdate(unchecked, attack);
    expect(textAt(unchecked, entryTextPath(m.itemId, "resolutions", m.resolutionId, "text"))!.toString()).not.toBe(WORDING);
    expectRefusedWhole(applyVerdict(m.server, inspectUpdate(m.server, attack)), "crafted", /sits beside/);
    expect(m.resolution().toString()).toBe(WORDING);
  });

  it("refuses a struct whose left neighbour stands in locked wording and whose right one in an open text", () => {
    const m = typoFixedThenConfirmed();
    const inLocked = m.resolution()._start!.id;
    const attack = craftUpdate([
      { client: 4242, clock: 0, content: "EVIL", origin: inLocked, rightOrigin: m.comment(m.server)._start!.id },
    ]);
    expectRefusedWhole(applyVerdict(m.server, inspectUpdate(m.server, attack)), "crafted");
    expect(m.resolution().toString()).toBe(WORDING);
  });

  it("refuses an update with a gap, so nothing waits to complete after the chair confirms", () => {
    const m = meeting();
    const draft = m.resolution();
    const tail = draft._start!.id;
    // Clock 1 of client 777 waits on clock 0; clock 0 would only arrive after the confirmation.
    const parked = craftUpdate([{ client: 777, clock: 1, content: "SNEAK ", origin: tail }]);
    expectRefusedWhole(applyVerdict(m.server, inspectUpdate(m.server, parked)), "pending", /never got/);
    expect(m.server.store.pendingStructs).toBeNull();
    confirmResolution(m.server, m.itemId, m.resolutionId, { by: "chair-1" });
    const completion = craftUpdate([{ client: 777, clock: 0, content: "x", parent: m.comment(m.server)._item!.id }]);
    expectAccepted(applyVerdict(m.server, inspectUpdate(m.server, completion)));
    expect(m.resolution().toString()).toBe("That the reprot be noted.");
    expect(m.server.store.pendingStructs).toBeNull();
  });

  it("refuses a struct that names a later change of its own client, and deletes of clocks nobody holds", () => {
    const m = meeting();
    const forward = craftUpdate([
      { client: 99, clock: 0, content: "ab", origin: Y.createID(99, 5), parent: m.comment(m.server)._item!.id },
    ]);
    expectRefusedWhole(inspectUpdate(m.server, forward), "pending", /later change of its own client/);
    const unknownDeletes = craftUpdate([], [[m.clerk.clientID, 0, 3]]);
    expectRefusedWhole(inspectUpdate(m.server, unknownDeletes), "pending", /deletes client/);
  });

  it("refuses a client's structs given twice in one update", () => {
    const m = meeting();
    const parent = m.comment(m.server)._item!.id;
    const twice = craftUpdate([
      { client: 55, clock: 0, content: "a", parent },
      { client: 56, clock: 0, content: "b", parent },
      { client: 55, clock: 1, content: "c", origin: Y.createID(55, 0) },
    ]);
    expectRefusedWhole(inspectUpdate(m.server, twice), "crafted", /appear twice/);
  });

  it("keeps a confirmed resolution's id unique: a new resolution reusing it under another item is refused (SPEC 14)", () => {
    const m = typoFixedThenConfirmed();
    let otherItem = "" as ItemId;
    expectAccepted(m.send(() => (otherItem = addItem(m.clerk, { title: "Other" }))));
    expectPartRefused(
      m.send(() => addResolution(m.clerk, otherItem, { id: m.resolutionId, text: "That all be approved." } as never)),
      /is confirmed/,
    );
    const other = readItems(m.server).find((i) => i.id === otherItem);
    expect(other?.resolutions ?? []).toEqual([]);
    expect(
      readItems(m.server)
        .flatMap((i) => i.resolutions)
        .filter((r) => r.id === m.resolutionId),
    ).toHaveLength(1);
    expect(isConfirmed(m.server, m.resolutionId)).toBe(true);
  });

  it("keeps any resolution's id unique across items, confirmed or not (SPEC 14)", () => {
    const m = meeting();
    let otherItem = "" as ItemId;
    expectAccepted(m.send(() => (otherItem = addItem(m.clerk, { title: "Other" }))));
    expectPartRefused(
      m.send(() => addResolution(m.clerk, otherItem, { id: m.resolutionId, text: "Copy." } as never)),
      /already stands under another item/,
    );
    expect(
      readItems(m.server)
        .flatMap((i) => i.resolutions)
        .filter((r) => r.id === m.resolutionId),
    ).toHaveLength(1);
  });

  it("refuses an update of more structs than the limit, whole", () => {
    const m = meeting();
    const parent = m.comment(m.server)._item!.id;
    const structs = Array.from({ length: GUARD_LIMITS.structsPerUpdate + 1 }, (_, i) => ({
      client: 1_000 + i,
      clock: 0,
      content: "x",
      parent,
    }));
    expectRefusedWhole(inspectUpdate(m.server, craftUpdate(structs)), "too-large", new RegExp(`limit is ${GUARD_LIMITS.structsPerUpdate}`));
    expect(m.comment(m.server).toString()).toBe("A question.");
  });
});
