import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import {
  addComment,
  addEntry,
  addItem,
  addNarrative,
  addPerson,
  addResolution,
  addResolutionBullet,
  confirmResolution,
  contactTextPath,
  editText,
  entryTextPath,
  moveItem,
  readItems,
  recordAttendance,
  removeItem,
  reopenResolution,
  setEntryValue,
  setMeetingInfo,
  textAt,
  updatePerson,
  type ItemId,
  type ResolutionId,
  type PersonId,
} from "../../../shared/meeting";
import { inspectUpdate, PathCache } from "../../../server/realtime/updateGuard";
import { applyVerdict, expectAccepted, expectPartRefused, expectRefusedWhole } from "../../helpers/verdicts";

/** A server document with one item holding a confirmed resolution, and a clerk's replica of it. */
function setup() {
  const server = new Y.Doc();
  const itemId = addItem(server, { title: "Budget" });
  const resolutionId = addResolution(server, itemId, { text: "That the report be noted." });
  addResolutionBullet(server, itemId, resolutionId, "first point");
  const commentId = addComment(server, itemId, { comment: "A question." });
  confirmResolution(server, itemId, resolutionId, { by: "chair-1" });
  const clerk = new Y.Doc();
  Y.applyUpdate(clerk, Y.encodeStateAsUpdate(server));
  return { server, clerk, itemId, resolutionId, commentId };
}

/** The wording of a resolution's Y.Text as it stands in `doc`. */
function lockedText(doc: Y.Doc, itemId: ItemId, resolutionId: ResolutionId): string {
  return textAt(doc, entryTextPath(itemId, "resolutions", resolutionId, "text"))!.toString();
}

/** The update a change on `doc` produces. */
function capture(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (u: Uint8Array) => updates.push(u);
  doc.on("update", listener);
  change();
  doc.off("update", listener);
  return Y.mergeUpdates(updates);
}

/** The same update with an empty delete set: the set is the update's tail (v1 encoding), so it is cut off and an empty one put in its place. */
function withoutDeletes(update: Uint8Array): Uint8Array {
  const { ds } = Y.decodeUpdate(update) as unknown as { ds: { clients: Map<number, { clock: number; len: number }[]> } };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  const tail = encoding.length(encoder);
  return Uint8Array.from([...update.subarray(0, update.length - tail), 0]);
}

/**
 * A hand-encoded (v1) update that writes into the text with id `locked` without naming it:
 * struct F reuses that id as a deleted value at an unused key of "items", and struct N, from
 * a new client, gives F's id as its parent. Yjs skips F (it has that id already) and puts
 * N's characters into the real text.
 */
function forgedInsert(locked: Y.ID, client: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 2); // clients
  encoding.writeVarUint(e, 1); // N: one struct of `client`, from clock 0
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  encoding.writeUint8(e, 4); // a string, no origins: its parent follows
  encoding.writeVarUint(e, 0); // the parent is an item id, not a root name
  encoding.writeVarUint(e, locked.client);
  encoding.writeVarUint(e, locked.clock);
  encoding.writeVarString(e, "FORGED ");
  encoding.writeVarUint(e, 1); // F: one struct at the locked text's own id
  encoding.writeVarUint(e, locked.client);
  encoding.writeVarUint(e, locked.clock);
  encoding.writeUint8(e, 1 | 0x20); // deleted content, at a map key
  encoding.writeVarUint(e, 1); // parent is a root, by name
  encoding.writeVarString(e, "items");
  encoding.writeVarString(e, "unused-key");
  encoding.writeVarUint(e, 1); // deleted length
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

describe("the update guard", () => {
  it("lets a clerk's typing in an unlocked comment through", () => {
    const { server, clerk, itemId, commentId } = setup();
    const update = capture(clerk, () =>
      clerk.getMap<Y.Map<Y.Map<Y.Map<Y.Text>>>>("items").get(itemId)!.get("discussion")!.get(commentId)!.get("comment")!.insert(3, "big "),
    );
    expectAccepted(inspectUpdate(server, update));
  });

  it("keeps typing into a confirmed resolution's wording out, and tells the sender how to match (SPEC 6)", () => {
    const changes = [
      [(t: Y.Text) => t.insert(5, "X"), false],
      [(t: Y.Text) => t.delete(0, 4), true],
      [(t: Y.Text) => t.insert(t.length, "!"), false],
    ] as const;
    for (const [change, resync] of changes) {
      const { server, clerk, itemId, resolutionId } = setup();
      const text = textAt(clerk, entryTextPath(itemId, "resolutions", resolutionId, "text"))!;
      const verdict = applyVerdict(
        server,
        inspectUpdate(
          server,
          capture(clerk, () => change(text)),
        ),
      );
      expectPartRefused(verdict, new RegExp(`resolution ${resolutionId} is confirmed`));
      expect(verdict.ok && verdict.refused?.resync).toBe(resync);
      expect(lockedText(server, itemId, resolutionId)).toBe("That the report be noted.");
      // An insert is undone on the sender by the delete the server sends back; a delete cannot be, so the sender re-syncs.
      if (!resync && verdict.ok && verdict.refused?.undo) Y.applyUpdate(clerk, verdict.refused.undo);
      if (!resync) expect(text.toString()).toBe("That the report be noted.");
    }
  });

  it("rejects changes to a confirmed resolution's sub-bullets and fields, and deleting it or its item", () => {
    const { server, clerk, itemId, resolutionId } = setup();
    const resolution = clerk.getMap<Y.Map<Y.Map<Y.Map<unknown>>>>("items").get(itemId)!.get("resolutions")!.get(resolutionId)!;
    const bullets = resolution.get("bullets") as Y.Map<Y.Map<Y.Text>>;
    const changes = [
      () => [...bullets.values()][0]!.get("text")!.insert(0, "x"),
      () => resolution.set("vote", { for: 1, against: 0, abstain: 0, named: null }),
      () => (clerk.getMap("items").get(itemId) as Y.Map<Y.Map<unknown>>).get("resolutions")!.delete(resolutionId),
      () => removeItem(clerk, itemId),
    ];
    for (const change of changes) {
      const verdict = applyVerdict(server, inspectUpdate(server, capture(clerk, change)));
      expectPartRefused(verdict, /is confirmed/);
      expect(readItems(server)[0]!.resolutions[0]).toMatchObject({
        id: resolutionId,
        text: "That the report be noted.",
        bullets: [expect.objectContaining({ text: "first point" })],
        vote: null,
      });
    }
  });

  it("rejects replacing what holds a confirmed resolution by setting its key, and allows a new resolution beside it (SPEC 6)", () => {
    const replacements = [
      (doc: Y.Doc, itemId: string) => doc.getMap("items").set(itemId, new Y.Map()),
      (doc: Y.Doc, itemId: string) => (doc.getMap("items").get(itemId) as Y.Map<unknown>).set("resolutions", new Y.Map()),
    ];
    for (const replace of replacements) {
      const { server, clerk, itemId, resolutionId } = setup();
      const verdict = applyVerdict(
        server,
        inspectUpdate(
          server,
          capture(clerk, () => replace(clerk, itemId)),
        ),
      );
      expectPartRefused(verdict, new RegExp(`resolution ${resolutionId} is confirmed`));
      expect(verdict.ok && verdict.refused?.resync).toBe(true);
      expect(lockedText(server, itemId, resolutionId)).toBe("That the report be noted.");
    }
    // A hostile client can leave the replaced value out of its delete set: integrating the new value deletes it all the same.
    const { server: target, clerk: hostile, itemId: held } = setup();
    const stripped = withoutDeletes(capture(hostile, () => hostile.getMap("items").set(held, new Y.Map())));
    expect((Y.decodeUpdate(stripped).ds as unknown as { clients: Map<number, unknown> }).clients.size).toBe(0);
    const verdict = applyVerdict(target, inspectUpdate(target, stripped));
    expectPartRefused(verdict, /is confirmed/);
    expect(readItems(target)[0]!.resolutions[0]!.text).toBe("That the report be noted.");
    const { server, clerk, itemId } = setup();
    expectAccepted(
      applyVerdict(
        server,
        inspectUpdate(
          server,
          capture(clerk, () => addResolution(clerk, itemId, { text: "That a further report be brought." })),
        ),
      ),
    );
    expectAccepted(
      inspectUpdate(
        server,
        capture(clerk, () => (clerk.getMap("items").get(itemId) as Y.Map<unknown>).set("pos", "a5")),
      ),
    );
  });

  it.each([
    ["unbounded", undefined],
    ["starting afresh every two places", 2],
  ])("keeps its verdicts when a room reuses the paths it has worked out across updates (%s)", (_, maxPlaces) => {
    const server = new Y.Doc();
    const itemId = addItem(server, { title: "Budget" });
    const resolutionId = addResolution(server, itemId, { text: "That the report be noted." });
    const clerk = new Y.Doc();
    Y.applyUpdate(clerk, Y.encodeStateAsUpdate(server));
    const paths = new PathCache(maxPlaces);
    const text = clerk.getMap<Y.Map<Y.Map<Y.Map<Y.Text>>>>("items").get(itemId)!.get("resolutions")!.get(resolutionId)!.get("text")!;
    const typeInto = () => {
      const update = capture(clerk, () => text.insert(text.length, "!"));
      return applyVerdict(server, inspectUpdate(server, update, paths));
    };
    expectAccepted(typeInto());
    expectAccepted(typeInto());
    confirmResolution(server, itemId, resolutionId, { by: "chair-1" });
    expectPartRefused(typeInto(), new RegExp(`resolution ${resolutionId} is confirmed`));
    expectPartRefused(
      inspectUpdate(
        server,
        capture(clerk, () => clerk.getMap("control").set("x", 1)),
        paths,
      ),
      /"control"/,
    );
    // Unbounded, these updates intern more than two places, so the bounded cache started afresh on the way.
    if (maxPlaces === undefined) expect(paths.places).toBeGreaterThan(2);
    else expect(paths.places).toBeLessThanOrEqual(maxPlaces);
  });

  it("rejects characters put into a confirmed wording through a forged struct that reuses its id (SPEC 6)", () => {
    const { server, itemId, resolutionId } = setup();
    const text = server.getMap<Y.Map<Y.Map<Y.Map<Y.Text>>>>("items").get(itemId)!.get("resolutions")!.get(resolutionId)!.get("text")!;
    const forged = forgedInsert(text._item!.id, 987_654);
    // The forgery is real: applied unchecked, it changes the confirmed wording.
    const unchecked = new Y.Doc();
    Y.applyUpdate(unchecked, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(unchecked, forged);
    expect(
      unchecked.getMap<Y.Map<Y.Map<Y.Map<Y.Text>>>>("items").get(itemId)!.get("resolutions")!.get(resolutionId)!.get("text")!.toString(),
    ).toBe("FORGED That the report be noted.");
    const verdict = applyVerdict(server, inspectUpdate(server, forged));
    expectPartRefused(verdict, new RegExp(`resolution ${resolutionId} is confirmed`));
    expect(text.toString()).toBe("That the report be noted.");
  });

  it("rejects any write to the server-only roots (SPEC 7)", () => {
    const { server, clerk, resolutionId } = setup();
    expectPartRefused(
      applyVerdict(
        server,
        inspectUpdate(
          server,
          capture(clerk, () => clerk.getMap("confirmations").delete(resolutionId)),
        ),
      ),
      /"confirmations", which only the server/,
    );
    expectPartRefused(
      applyVerdict(
        server,
        inspectUpdate(
          server,
          capture(clerk, () => clerk.getMap("control").set("currentItemId", "x")),
        ),
      ),
      /"control"/,
    );
    expectPartRefused(
      applyVerdict(
        server,
        inspectUpdate(
          server,
          capture(clerk, () => clerk.getText("graffiti").insert(0, "x")),
        ),
      ),
      /"graffiti"/,
    );
    expect(server.getMap("confirmations").has(resolutionId)).toBe(true);
    expect(server.getMap("control").get("currentItemId")).toBeUndefined();
    expect(server.getText("graffiti").toString()).toBe("");
  });

  it("lets the edit through once the chair reopens", () => {
    const { server, clerk, resolutionId } = setup();
    reopenResolution(server, resolutionId);
    const path = entryTextPath(
      ...(() => {
        const items = clerk.getMap<Y.Map<Y.Map<unknown>>>("items");
        const itemId = [...items.keys()][0]! as ItemId;
        return [itemId, "resolutions", resolutionId, "text"] as const;
      })(),
    );
    const update = capture(clerk, () => {
      clerk.getMap("confirmations").delete(resolutionId); // the clerk has not yet heard of the reopen; its own replica still holds the lock
      editText(clerk, path, "That the report be noted and welcomed.");
    });
    // The server deleted the confirmation already, so the clerk's delete of it changes nothing and the edit lands.
    expectAccepted(applyVerdict(server, inspectUpdate(server, update)));
    expect(textAt(server, path)!.toString()).toBe("That the report be noted and welcomed.");
    const clerk2 = new Y.Doc();
    Y.applyUpdate(clerk2, Y.encodeStateAsUpdate(server));
    expectAccepted(
      inspectUpdate(
        server,
        capture(clerk2, () => editText(clerk2, path, "That the report be noted and warmly welcomed.")),
      ),
    );
  });

  it("calls garbage malformed without touching the document", () => {
    const { server } = setup();
    const before = Y.encodeStateAsUpdate(server);
    expectRefusedWhole(inspectUpdate(server, new Uint8Array([1, 2, 3, 250, 250, 250])), "malformed");
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });
});

describe("the update guard's shape check (SPEC 13)", () => {
  it("lets every operation a clerk's screen performs through", () => {
    const { server, clerk, itemId } = setup();
    const person = () => [...clerk.getMap("people").keys()][0]! as PersonId;
    const changes: (() => unknown)[] = [
      () => addItem(clerk, { title: "New", purpose: [{ id: "p1", kind: "paragraph", text: "To consider…" }] }),
      () => moveItem(clerk, itemId, 0),
      () => addPerson(clerk, { name: "Cllr Wild", attendance: "substitute" }),
      () => updatePerson(clerk, person(), { attendance: "apologies" }),
      () => recordAttendance(clerk, { personId: person(), kind: "arrived", at: new Date().toISOString() }),
      () =>
        setMeetingInfo(clerk, {
          status: "live",
          date: "2017-02-14",
          recording: { url: "https://example.org/webcast", startedAt: new Date().toISOString() },
        }),
      () => addEntry(clerk, itemId, "declarations", { kind: "pecuniary", interest: "as a director" }),
      () =>
        addEntry(clerk, itemId, "motions", { text: "That…", outcome: "carried", vote: { for: 3, against: 1, abstain: 0, named: null } }),
      () => addEntry(clerk, itemId, "actions", { what: "Circulate", due: "2017-03-01" }),
      () => addNarrative(clerk, itemId, { kind: "heading", text: "Finance" }),
      () => setEntryValue(clerk, itemId, "narrative", readItems(clerk)[0]!.narrative[0]!.id, "kind", "bullet"),
      () => editText(clerk, contactTextPath(itemId, "email"), "a@example.org"),
      () => clerk.getText("committee").insert(0, "Scrutiny"),
    ];
    for (const change of changes) expectAccepted(applyVerdict(server, inspectUpdate(server, capture(clerk, change))));
  });

  it("refuses a value of the wrong kind anywhere, naming the place", () => {
    const { server, clerk, itemId, commentId } = setup();
    const item = clerk.getMap<Y.Map<unknown>>("items").get(itemId)!;
    const comment = (item.get("discussion") as Y.Map<Y.Map<unknown>>).get(commentId)!;
    const cases: [() => void, RegExp][] = [
      [() => clerk.getMap("items").set("wrong", 5), /items\/wrong must be a map/],
      [() => item.set("title", "plain string"), /items\/.*\/title must be a text/],
      [() => comment.set("kind", "rant"), /discussion\/.*\/kind does not accept \["rant"\]/],
      [() => comment.set("startedAt", "yesterday"), /startedAt does not accept/],
      [() => item.set("mystery", 1), /nothing belongs at items\/.*\/mystery/],
      [() => clerk.getMap("meeting").set("status", "adjourned"), /meeting\/status does not accept/],
      [() => clerk.getMap("meeting").set("id", "other"), /nothing belongs at meeting\/id/],
      [() => clerk.getArray("attendance").push([{ who: "nobody" }]), /attendance\/# does not accept/],
    ];
    for (const [change, reason] of cases) {
      const before = JSON.stringify(readItems(server));
      const verdict = applyVerdict(server, inspectUpdate(server, capture(clerk, change)));
      expectPartRefused(verdict, reason);
      expect(JSON.stringify(readItems(server))).toBe(before);
    }
  });
});
