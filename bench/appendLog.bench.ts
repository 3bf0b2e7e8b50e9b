import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { UpdateLog } from "../server/persistence/updateLog";
import { openJsonFile } from "../server/persistence/jsonFile";
import { z } from "zod";
import { b64, keystrokes } from "../tests/helpers/keystrokes";

/**
 * `npm run bench:log`: the cost of saving one batch of a busy meeting's keystrokes, three
 * ways, in one process: the update log as the store does it (a synchronous append), the same
 * append through the thread pool (fs/promises), and rewriting the meeting's whole file with
 * every batch (lowdb, atomically), as the store did before the log. CPU is this process's
 * user + system time per batch, which is what a saving server takes from its clients;
 * wall time includes waiting on the thread pool. A benchmark: it always exits 0.
 */

const BATCHES = 2000;
/** Keystrokes already saved when the measuring starts: a meeting some way in. */
const HISTORY = 2000;

async function measure(name: string, save: (update: Uint8Array) => unknown, updates: Uint8Array[]) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const u of updates) await save(u);
  const cpu = process.cpuUsage(cpu0);
  return { name, cpuUs: (cpu.user + cpu.system) / updates.length, wallUs: ((performance.now() - t0) * 1000) / updates.length };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "live-minutes-log-bench-"));
  try {
    const all = keystrokes({ field: "narrative", count: HISTORY + BATCHES });
    const history = all.slice(0, HISTORY);
    const updates = all.slice(HISTORY);

    const log = new UpdateLog(path.join(dir, "ours.log"));
    log.append(history);
    const ours = await measure("update log (sync append, as the store does)", (u) => log.append([u]), updates);

    const asyncFile = path.join(dir, "async.log");
    await appendFile(asyncFile, history.map((u) => `${b64(u)}\n`).join(""));
    const threaded = await measure("same append through the thread pool", (u) => appendFile(asyncFile, `${b64(u)}\n`), updates);

    const db = openJsonFile(path.join(dir, "whole.json"), z.object({ state: z.string(), updates: z.array(z.string()) }), {
      state: "",
      updates: history.map(b64),
    });
    const whole = await measure(
      "whole file rewritten per batch (lowdb)",
      (u) => {
        db.data.updates.push(b64(u));
        return db.write();
      },
      updates.slice(0, 500),
    );

    console.log(`Saving one keystroke batch, ${BATCHES} batches after ${HISTORY} saved (rewrite: 500), Node ${process.version}\n`);
    const rows = [ours, threaded, whole].map(
      (r) =>
        `${r.name.padEnd(46)} ${r.cpuUs.toFixed(1).padStart(8)} µs CPU ${r.wallUs.toFixed(1).padStart(8)} µs wall ${(r.cpuUs / ours.cpuUs).toFixed(1).padStart(7)}× our CPU`,
    );
    console.log(rows.join("\n"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
