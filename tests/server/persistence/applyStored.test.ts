import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyStored } from "../../../server/persistence/applyStored";

describe("applyStored (loading a document from its stored updates)", () => {
  it("applies the state and every logged keystroke, in one transaction with the given origin", () => {
    const writer = new Y.Doc();
    writer.getText("venue").insert(0, "Town Hall");
    const state = Y.encodeStateAsUpdate(writer);
    const log: Uint8Array[] = [];
    writer.on("update", (u: Uint8Array) => log.push(u));
    for (const ch of ", Committee Room 2") writer.getText("venue").insert(writer.getText("venue").length, ch);

    const loaded = new Y.Doc();
    const origins: unknown[] = [];
    loaded.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    applyStored(loaded, [state, ...log], "load");
    expect(loaded.getText("venue").toString()).toBe("Town Hall, Committee Room 2");
    expect(origins).toEqual(["load"]);
  });

  it("loads a log whose lines arrive out of order, as a crash between batches can leave it", () => {
    const writer = new Y.Doc();
    const log: Uint8Array[] = [];
    writer.on("update", (u: Uint8Array) => log.push(u));
    for (const ch of "abcdef") writer.getText("t").insert(writer.getText("t").length, ch);
    const loaded = new Y.Doc();
    applyStored(loaded, [...log].reverse(), null);
    expect(loaded.getText("t").toString()).toBe("abcdef");
  });

  it("fails on an update Yjs cannot read, naming where the store keeps it, or its place in the list", () => {
    const good = Y.encodeStateAsUpdate(new Y.Doc());
    const bad = new TextEncoder().encode("garbage-not-yjs-at-all-");
    const described = Object.assign([good, bad], { describe: (i: number) => `Data file m.log line ${i}: the update` });
    expect(() => applyStored(new Y.Doc(), described, null)).toThrow(
      /^Data file m\.log line 1: the update is not a valid Yjs update: .+\. It was left unchanged/,
    );
    expect(() => applyStored(new Y.Doc(), [good, good, bad], null)).toThrow(/^Stored update 3 of 3 is not a valid Yjs update: /);
  });
});
