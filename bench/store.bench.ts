import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { toSnapshot } from "../shared/meeting";
import { applyStored } from "../server/persistence/applyStored";
import { LowdbStore } from "../server/persistence/lowdbStore";
import { PostgresStore } from "../server/persistence/postgres/PostgresStore";
import type { Store } from "../server/persistence/Store";
import { COMPACT_AFTER_BYTES } from "../server/realtime/persistence";
import { keystrokes } from "../tests/helpers/keystrokes";
import { createTestDatabase, resolvePostgres } from "../tests/helpers/postgres";
import { startPrivatePostgres } from "../tests/helpers/privatePostgres";
import { buildSyntheticMeeting } from "./syntheticMeeting";

/**
 * `npm run bench:store`: the two stores side by side, in one run.
 * - Appends: MEETINGS meetings each saving keystroke batches one after another, as each
 *   room does (one write in flight per meeting), all meetings at once: appends a second
 *   and the latency of each append (call to resolve), lowdb against PostgreSQL.
 * - Cold load of the 40-item, 8-hour meeting (bench/syntheticMeeting.ts) into a fresh
 *   document: compacted, and with a full update log as a crash leaves it. Target: p95
 *   under 100 ms from either store.
 * PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL where one answers (a database of the
 * bench's own is made on it and dropped), else a private server with fsync on, as a
 * production server runs. A benchmark: it prints and exits 0.
 */

/** Meetings saving at once: one alone (every commit waits for its own flush), and a busy server's worth (group commits). */
const MEETINGS = [1, 20];
const APPENDS_PER_MEETING = 250;
const LOAD_RUNS = 30;
const COLD_LOAD_TARGET_MS = 100;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);

async function appends(store: Store, meetings: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const batches = Array.from({ length: meetings }, (_, i) => keystrokes({ field: `field${i}`, count: APPENDS_PER_MEETING }));
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    batches.map(async (updates, m) => {
      for (const u of updates) {
        const start = performance.now();
        await store.appendUpdates(`bench-append-${meetings}-${m}`, [u]);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

async function coldLoads(store: Store, id: string): Promise<{ median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < LOAD_RUNS + 3; i++) {
    const start = performance.now();
    const doc = new Y.Doc();
    applyStored(doc, await store.loadDocument(id), null);
    toSnapshot(doc);
    const took = performance.now() - start;
    await store.releaseDocument(id);
    doc.destroy();
    if (i >= 3) samples.push(took);
  }
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

async function main(): Promise<void> {
  const { server, stop } = await resolvePostgres(
    { TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL, DATABASE_URL: process.env.DATABASE_URL },
    () => startPrivatePostgres({ fsync: true }),
  );
  if ("error" in server) throw new Error(`No PostgreSQL for the bench: ${server.error}`);
  const db = await createTestDatabase(server.url);
  const dataDir = await mkdtemp(path.join(tmpdir(), "live-minutes-store-bench-"));
  const lowdb = new LowdbStore(dataDir);
  const postgres = new PostgresStore(db.url);
  try {
    await lowdb.open();
    await postgres.open();
    const stores: [string, Store][] = [
      ["lowdb", lowdb],
      ["postgres", postgres],
    ];

    const { state } = buildSyntheticMeeting();
    const logged = keystrokes({ from: state, bytes: COMPACT_AFTER_BYTES });
    for (const [, store] of stores) {
      await store.replaceDocument("bench", state);
      await store.replaceDocument("bench-log", state);
      for (const u of logged) await store.appendUpdates("bench-log", [u]);
      await store.releaseDocument("bench-log");
    }

    console.log(
      `Stores compared in one run: PostgreSQL from ${server.source}; lowdb in ${dataDir}. Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}\n`,
    );
    const appendRows: string[][] = [];
    for (const meetings of MEETINGS) {
      const results = new Map<string, Awaited<ReturnType<typeof appends>>>();
      for (const [name, store] of stores) results.set(name, await appends(store, meetings));
      for (const [name, r] of results) appendRows.push([`${meetings}, ${name}`, r.perSecond.toFixed(0), ms(r.p50), ms(r.p99)]);
      const [lo, pgr] = [results.get("lowdb")!, results.get("postgres")!];
      appendRows.push([
        `${meetings}, postgres / lowdb`,
        `${(pgr.perSecond / lo.perSecond).toFixed(2)}×`,
        `${(pgr.p50 / lo.p50).toFixed(0)}×`,
        `${(pgr.p99 / lo.p99).toFixed(0)}×`,
      ]);
    }
    console.log(`Appends: ${APPENDS_PER_MEETING} keystroke batches per meeting, meetings saving at once, one write in flight per meeting`);
    printTable([["meetings, store", "appends/s", "p50 ms", "p99 ms"], ...appendRows]);

    const loadRows: string[][] = [];
    for (const [label, id] of [
      ["compacted", "bench"],
      [`state + ${logged.length} keystrokes in the log`, "bench-log"],
    ] as const) {
      for (const [name, store] of stores) {
        const r = await coldLoads(store, id);
        loadRows.push([`${name}, ${label}`, ms(r.median), ms(r.p95), r.p95 < COLD_LOAD_TARGET_MS ? "met" : "NOT MET"]);
      }
    }
    console.log(
      `\nCold load of the 40-item, 8-hour meeting (${(state.byteLength / 1024).toFixed(0)} KiB state): read + apply + toSnapshot, ${LOAD_RUNS} runs`,
    );
    printTable([["store, stored as", "median ms", "p95 ms", `target p95 < ${COLD_LOAD_TARGET_MS} ms`], ...loadRows]);
  } finally {
    await postgres.close().catch(() => undefined);
    await lowdb.close();
    await db.drop().catch(() => undefined);
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
