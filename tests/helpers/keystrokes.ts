import * as Y from "yjs";

/** An update as the update log stores it: one base64 line. */
export const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");

/** Two real Yjs updates: "ab" typed into text "t", then "c" after it. */
export function typed(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getText("t").insert(0, "ab");
  doc.getText("t").insert(2, "c");
  return updates;
}

/** Text "t" of a document built from `updates`. */
export function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText("t").toString();
}

/**
 * Keystroke updates, one character each typed at the end of `field` on a replica of `from`
 * (an empty document by default), until there are `count` of them or they add up to `bytes`.
 */
export function keystrokes({
  from,
  field = "venue",
  count = Infinity,
  bytes = Infinity,
}: {
  from?: Uint8Array;
  field?: string;
  count?: number;
  bytes?: number;
}): Uint8Array[] {
  const replica = new Y.Doc();
  if (from) Y.applyUpdate(replica, from);
  const out: Uint8Array[] = [];
  let total = 0;
  replica.on("update", (u: Uint8Array) => {
    out.push(u);
    total += u.byteLength;
  });
  const text = replica.getText(field);
  for (let i = 0; out.length < count && total < bytes; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  replica.destroy();
  return out;
}
