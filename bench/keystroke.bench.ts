import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { addComment, addItem, entryTextPath, initMeeting, textAt } from "../shared/meeting";
import { inspectUpdate, PathCache } from "../server/realtime/updateGuard";
import { DocPersistence } from "../server/realtime/persistence";
import { LowdbStore } from "../server/persistence/lowdbStore";
import { createLogger } from "../server/logger";

/**
 * `npm run bench:keystroke`: what one keystroke costs the server beyond applying it, part by
 * part, in one process. The load bench's meetings are rebuilt here: clerks each typing
 * into their own discussion comment of one agenda item, one character per update, in
 * turn. Each update is checked by the update guard, applied, and queued and written by
 * the room's persistence to the lowdb store, as the server does. Applying it
 * (`Y.applyUpdate`) is all the reference server does with an update before sending it on,
 * so it is the reference the other parts are given against. A benchmark: it always exits 0.
 */

const CLERKS = 4;
const KEYSTROKES = 4000;
const ROUNDS = 7;

function typedMeeting(): { start: Uint8Array; updates: Uint8Array[] } {
  const server = new Y.Doc();
  initMeeting(server, "bench");
  const first = new Y.Doc();
  Y.applyUpdate(first, Y.encodeStateAsUpdate(server));
  const itemId = addItem(first, { title: "Item 1" });
  const paths = Array.from({ length: CLERKS }, () => entryTextPath(itemId, "discussion", addComment(first, itemId), "comment"));
  const start = Y.encodeStateAsUpdate(first);
  const clerks = paths.map((p) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, start);
    return { doc, text: textAt(doc, p)! };
  });
  const updates: Uint8Array[] = [];
  for (const { doc } of clerks) doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < KEYSTROKES; i++) {
    const { text } = clerks[i % CLERKS]!;
    text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  }
  return { start, updates };
}

type Part = "guard" | "apply" | "persist";

async function round(dir: string, n: number, start: Uint8Array, updates: Uint8Array[], totals: Record<Part, number[]>): Promise<void> {
  const store = new LowdbStore(path.join(dir, `r${n}`));
  await store.open();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, start);
  const paths = new PathCache();
  const persistence = new DocPersistence("m", doc, store, createLogger("error"), 1e9, () => undefined);
  const spent: Record<Part, number> = { guard: 0, apply: 0, persist: 0 };
  for (let i = 0; i < updates.length; i++) {
    const u = updates[i]!;
    const t0 = performance.now();
    if (!inspectUpdate(doc, u, paths).ok) throw new Error(`keystroke ${i} refused`);
    const t1 = performance.now();
    Y.applyUpdate(doc, u);
    const t2 = performance.now();
    // The room queues the update its document emits; for one keystroke that is these same bytes.
    // Each is flushed on its own: 4 clerks at 5 a second fill about one per 40 ms flush.
    persistence.add(u);
    await persistence.flush();
    spent.guard += t1 - t0;
    spent.apply += t2 - t1;
    spent.persist += performance.now() - t2;
  }
  persistence.dispose();
  await store.close();
  for (const part of Object.keys(spent) as Part[]) totals[part].push((spent[part] * 1000) / updates.length);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "live-minutes-keystroke-bench-"));
  try {
    const { start, updates } = typedMeeting();
    const totals: Record<Part, number[]> = { guard: [], apply: [], persist: [] };
    for (let n = 0; n < ROUNDS; n++) await round(dir, n, start, updates, totals);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const apply = median(totals.apply.slice(2));
    console.log(
      `One keystroke on the server: ${CLERKS} clerks, ${KEYSTROKES} keystrokes, median of ${ROUNDS - 2} rounds after 2 warm-up, Node ${process.version}\n`,
    );
    const label: Record<Part, string> = {
      apply: "Y.applyUpdate (what the reference does)",
      guard: "update guard (decode + check)",
      persist: "persistence (queue + append to the log)",
    };
    for (const part of ["apply", "guard", "persist"] as Part[]) {
      const us = median(totals[part].slice(2));
      console.log(`${label[part].padEnd(42)} ${us.toFixed(1).padStart(7)} µs ${(us / apply).toFixed(2).padStart(7)}× apply`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
