import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { MemoryStore } from "../../server/persistence/memoryStore";
import { createLogger } from "../../server/logger";
import { DocPersistence, type SaveStatus } from "../../server/realtime/persistence";
import { FaultyStore } from "./faultyStore";

/**
 * The write path alone, on fake timers, against a store that fails on demand: how often it
 * retries, that nothing queued is lost or written twice, and that compaction still happens
 * once the store recovers. Minutes of outage run in milliseconds and the same way each time.
 */

const INTERVAL_MS = 40;
const MEETING = "m1";

interface Rig {
  doc: Y.Doc;
  store: FaultyStore;
  persistence: DocPersistence;
  statuses: SaveStatus[];
  logged: { level: string; message: string }[];
  type(chars: number): void;
  /** The document as the store holds it. */
  stored(): Promise<Y.Doc>;
}

function rig(compactBytes?: number, intervalMs = INTERVAL_MS): Rig {
  const doc = new Y.Doc();
  const store = new FaultyStore(new MemoryStore());
  const statuses: SaveStatus[] = [];
  const logged: Rig["logged"] = [];
  const log = createLogger("info", (line) => logged.push(JSON.parse(line) as { level: string; message: string }));
  const persistence: DocPersistence = new DocPersistence(
    MEETING,
    doc,
    store,
    log,
    intervalMs,
    () => statuses.push(persistence.current),
    compactBytes,
  );
  doc.on("update", (u: Uint8Array) => persistence.add(u));
  let n = 0;
  return {
    doc,
    store,
    persistence,
    statuses,
    logged,
    type(chars) {
      const text = doc.getText("venue");
      for (let i = 0; i < chars; i++) text.insert(text.length, String.fromCharCode(97 + (n++ % 26)));
    },
    async stored() {
      const out = new Y.Doc();
      for (const u of await store.loadDocument(MEETING)) Y.applyUpdate(out, u);
      return out;
    },
  };
}

/** Types a keystroke every `everyMs` for `forMs`, letting timers and writes run between keystrokes. */
async function typeFor(r: Rig, forMs: number, everyMs = 10): Promise<void> {
  for (let t = 0; t < forMs; t += everyMs) {
    r.type(1);
    await vi.advanceTimersByTimeAsync(everyMs);
  }
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe("writing a meeting to a store that fails", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "performance", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // 0 is the default: edits are written at the end of the event-loop turn they came in.
  it.each([INTERVAL_MS, 0])(
    "backs off exponentially up to 5 s while keystrokes keep arriving, then writes everything once (flush interval %i ms)",
    async (interval) => {
      const r = rig(undefined, interval);
      r.type(3);
      await vi.advanceTimersByTimeAsync(100);
      r.store.fault = "ENOSPC";
      const start = performance.now();
      await typeFor(r, 30_000, 20);
      const failed = r.store.documentWrites(start).filter((a) => a.failed);
      const g = gaps(failed.map((a) => a.at));
      // Doubling from twice the flush interval, never faster: not one retry per keystroke.
      for (let i = 1; i < g.length; i++) expect(g[i], `retry gaps ${g.join(", ")}`).toBeGreaterThanOrEqual(Math.min(g[i - 1]! * 1.9, 5000));
      expect(g[0]).toBeGreaterThanOrEqual(2 * Math.max(interval, 40));
      expect(Math.max(...g), `retry gaps ${g.join(", ")}`).toBeLessThanOrEqual(5000 + 50);
      expect(failed.length).toBeLessThan(20);
      expect(
        r.logged.filter((l) => l.level === "error"),
        "one error logged for the outage, not one per retry",
      ).toHaveLength(1);
      expect(r.statuses.at(-1)).toMatchObject({ error: expect.stringMatching(/no space left on device/), unsaved: expect.any(Number) });
      expect(r.statuses.at(-1)!.unsaved).toBeGreaterThan(1000);

      r.store.fault = null;
      await vi.advanceTimersByTimeAsync(5100);
      expect(r.statuses.at(-1)).toMatchObject({ error: null, unsaved: 0 });
      expect(r.logged.at(-1)).toMatchObject({ level: "info", message: "saving meeting again" });
      expect((await r.stored()).getText("venue").toString()).toBe(r.doc.getText("venue").toString());
    },
  );

  it("merges a long outage's edits once: later retries cost what is new, not the whole queue", async () => {
    const r = rig();
    r.store.fault = "ENOSPC";
    // Six thousand keystrokes queue up (merging them all takes most of a second).
    for (let i = 0; i < 60; i++) {
      r.type(100);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.persistence.current.unsaved).toBe(6000);
    const start = process.hrtime.bigint();
    const attempts = r.store.attempts.length;
    await typeFor(r, 20_000, 500);
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    expect(r.store.attempts.length - attempts).toBeGreaterThanOrEqual(3);
    expect(elapsedMs, "real time for four retries while the outage goes on").toBeLessThan(400);
    r.store.fault = null;
    await vi.advanceTimersByTimeAsync(5100);
    expect((await r.stored()).getText("venue").toString()).toBe(r.doc.getText("venue").toString());
    expect(r.persistence.current).toMatchObject({ unsaved: 0, error: null });
  });

  it("writes each batch once: a batch that failed is retried, never stored twice", async () => {
    const r = rig();
    r.store.fault = "EACCES";
    r.type(5);
    await vi.advanceTimersByTimeAsync(1000);
    r.store.fault = null;
    await vi.advanceTimersByTimeAsync(2000);
    r.type(5);
    await vi.advanceTimersByTimeAsync(100);
    const updates = await r.store.loadDocument(MEETING);
    expect(r.store.attempts.filter((a) => !a.failed)).toHaveLength(2);
    // The refused batch once, merged while it waited; then the five new keystrokes a line each.
    expect(updates).toHaveLength(1 + 5);
    expect((await r.stored()).getText("venue").toString()).toBe("abcdefghij");
  });

  it("compacts once the store recovers when the edits queued meanwhile pass the threshold", async () => {
    const r = rig(2000);
    r.store.fault = "ENOSPC";
    await typeFor(r, 3000);
    expect(r.statuses.at(-1)!.unsaved).toBeGreaterThan(200);
    r.store.fault = null;
    await vi.advanceTimersByTimeAsync(5100);
    const succeeded = r.store.attempts.filter((a) => !a.failed);
    expect(succeeded.map((a) => a.op)).toEqual(["replaceDocument"]);
    expect(await r.store.loadDocument(MEETING)).toHaveLength(1);
    expect((await r.stored()).getText("venue").toString()).toBe(r.doc.getText("venue").toString());
  });

  it("counts a log left by a crash toward the next compaction, so it cannot grow run after run", async () => {
    const fresh = rig(2000);
    fresh.type(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fresh.store.attempts.map((a) => a.op)).toEqual(["appendUpdates"]);

    const reloaded = rig(2000);
    reloaded.persistence.countStored(1990);
    reloaded.type(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(reloaded.store.attempts.map((a) => a.op)).toEqual(["replaceDocument"]);
  });

  it("keeps the edits of a compaction that failed and writes them on the next attempt", async () => {
    const r = rig();
    r.type(4);
    r.store.fault = "EROFS";
    const compacted = r.persistence.compact();
    await vi.advanceTimersByTimeAsync(10);
    await compacted;
    expect(r.persistence.current).toMatchObject({ unsaved: 4, error: expect.stringMatching(/read-only file system/) });
    r.store.fault = null;
    await vi.advanceTimersByTimeAsync(200);
    expect(r.persistence.current).toMatchObject({ unsaved: 0, error: null });
    expect((await r.stored()).getText("venue").toString()).toBe("abcd");
  });

  it("with a flush interval of 0, writes an edit at the end of the turn it came in, all of that turn's edits in one write", async () => {
    const r = rig(undefined, 0);
    const start = performance.now();
    r.type(3);
    expect(r.store.documentWrites(start)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(r.store.documentWrites(start)).toHaveLength(1);
    expect(r.statuses.at(-1)).toMatchObject({ unsaved: 0, error: null });
    expect((await r.stored()).getText("venue").toString()).toBe("abc");
  });

  it("counts the edits of a write in flight as unsaved until it succeeds", async () => {
    const r = rig(undefined, 0);
    r.store.fault = "ENOSPC";
    r.type(3);
    await vi.advanceTimersByTimeAsync(1);
    // The write has taken the three edits and waits on the failing store.
    expect(r.store.documentWrites(0)).toHaveLength(1);
    expect(r.persistence.current.unsaved).toBe(3);
    await vi.advanceTimersByTimeAsync(r.store.faultLatencyMs);
    expect(r.persistence.current).toMatchObject({ unsaved: 3, error: expect.stringMatching(/ENOSPC/) });
  });

  it("stops retrying once disposed", async () => {
    const r = rig();
    r.store.fault = "ENOSPC";
    r.type(2);
    await vi.advanceTimersByTimeAsync(300);
    const before = r.store.attempts.length;
    expect(before).toBeGreaterThan(0);
    r.persistence.dispose();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(r.store.attempts.length).toBe(before);
  });
});
