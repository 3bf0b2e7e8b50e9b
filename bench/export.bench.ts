import { availableParallelism, loadavg } from "node:os";
import * as Y from "yjs";
import { exportMeetingDocx } from "../shared/format/exportDocx";
import { exportMeetingHtml, exportMeetingMarkdown, exportMeetingText, importAgendaPage } from "../shared/format";
import { toSnapshot } from "../shared/meeting";
import { buildSyntheticMeeting } from "./syntheticMeeting";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LowdbStore } from "../server/persistence/lowdbStore";
import { applyStored } from "../server/persistence/applyStored";
import { COMPACT_AFTER_BYTES } from "../server/realtime/persistence";
import { keystrokes } from "../tests/helpers/keystrokes";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * `npm run bench:export`: how long a big meeting takes to load, import and export.
 * Builds a 40-item meeting with 8 hours of typing by 3 clerks (bench/syntheticMeeting.ts),
 * then times each operation after a warm-up and prints median and p95 against the
 * project's targets. Timings are also given as a multiple of JSON.stringify of the same
 * snapshot, measured in the same run, so results from slower or faster machines compare.
 * A benchmark, not a test: it always exits 0 unless something throws.
 */

/** The project's targets, in milliseconds, judged on the p95. */
const TARGETS = { coldLoad: 100, textExport: 50, docxExport: 300, pageImport: 50 } as const;

/**
 * A 40-item published page: the five seeds and the 35 items written in other councils'
 * conventions (tests/fixtures), one after another, each under an "Agenda item" header
 * unless it opens with one or with an issue page's heading, as a page pasted whole reads.
 */
function publishedPage(): { text: string; items: number } {
  const read = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => readFileSync(dir + f, "utf8"));
  const fixtures = (name: string) => fileURLToPath(new URL(`../tests/fixtures/${name}/`, import.meta.url));
  const all = [...read(fixtures("seeds")), ...read(fixtures("conventions"))];
  const text = all.map((t) => (/^(?:Agenda item|Issue - )/.test(t) ? t : `Agenda item\n${t}`)).join("\n");
  return { text, items: all.length };
}
const SEED = 20170214;
const HOURS = 8;

interface Result {
  name: string;
  samples: number[];
  target?: number;
}

/** Runs `fn` `warmup` times unmeasured, then `reps` times measured; returns each run's milliseconds. */
async function time(
  name: string,
  fn: () => unknown,
  { warmup = 5, reps = 30, target }: { warmup?: number; reps?: number; target?: number } = {},
): Promise<Result> {
  for (let i = 0; i < warmup; i++) await fn();
  (globalThis as { gc?: () => void }).gc?.();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { name, samples, ...(target === undefined ? {} : { target }) };
}

/** The q-quantile of the samples (nearest rank). */
function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<void> {
  const built = performance.now();
  const meeting = buildSyntheticMeeting({ items: 40, hours: HOURS, clerks: 3, seed: SEED });
  const buildMs = performance.now() - built;
  const { doc, state } = meeting;
  const snapshot = toSnapshot(doc);
  const json = JSON.stringify(snapshot);
  const rich = exportMeetingText(snapshot);
  const compact = exportMeetingText(snapshot, { variant: "compact" });
  const docx = await exportMeetingDocx(snapshot);
  const reimported = importAgendaPage(rich);
  // The meeting header (committee, date, attendance) comes back as one more item: see the report.
  if (reimported.items.length < snapshot.items.length)
    throw new Error(`the text export re-imports as ${reimported.items.length} items, not ${snapshot.items.length}`);
  const page = publishedPage();
  const pageRead = importAgendaPage(page.text);
  if (pageRead.items.length !== page.items)
    throw new Error(`the ${page.items}-item published page imports as ${pageRead.items.length} items`);
  const comments = snapshot.items.reduce((n, i) => n + i.discussion.length, 0);
  const resolutions = snapshot.items.flatMap((i) => i.resolutions);

  // Other work on the machine shows up in the p95s: the load average says how much there was.
  console.log(
    `Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`Synthetic meeting (seed ${SEED}), built in ${(buildMs / 1000).toFixed(1)} s:`);
  console.log(
    `  ${snapshot.items.length} items, ${comments} comments, ${resolutions.length} resolutions (${resolutions.filter((r) => r.confirmation).length} confirmed)`,
  );
  console.log(
    `  ${meeting.typedChars} characters typed one by one (budget ${HOURS} h × 3 chars/s = ${HOURS * 3600 * 3}), ${meeting.backspaces} backspaces, by Yjs clients ${meeting.clients.join(", ")}`,
  );
  console.log(
    `  published page (5 seeds and 35 other councils' items): ${page.items} items, ${kb(utf8(page.text))}, ${pageRead.warnings.length} warning(s)`,
  );
  console.log(
    `  rich text export re-imports as ${reimported.items.length} items with ${reimported.warnings.length} warning(s)${reimported.warnings.map((w) => `: line ${w.line}: ${w.message}`).join("")}\n`,
  );

  const sizes = [
    ["size", "bytes", "× JSON snapshot"],
    ["JSON.stringify(snapshot) (reference)", kb(utf8(json)), "1.00"],
    ["Y.encodeStateAsUpdate (stored state)", kb(state.byteLength), (state.byteLength / utf8(json)).toFixed(2)],
    [
      "Y.encodeStateAsUpdateV2",
      kb(Y.encodeStateAsUpdateV2(doc).byteLength),
      (Y.encodeStateAsUpdateV2(doc).byteLength / utf8(json)).toFixed(2),
    ],
    ["text export (rich)", kb(utf8(rich)), (utf8(rich) / utf8(json)).toFixed(2)],
    ["text export (compact)", kb(utf8(compact)), (utf8(compact) / utf8(json)).toFixed(2)],
    ["HTML export", kb(utf8(exportMeetingHtml(snapshot))), (utf8(exportMeetingHtml(snapshot)) / utf8(json)).toFixed(2)],
    ["Markdown export", kb(utf8(exportMeetingMarkdown(snapshot))), (utf8(exportMeetingMarkdown(snapshot)) / utf8(json)).toFixed(2)],
    ["DOCX export", kb(docx.byteLength), (docx.byteLength / utf8(json)).toFixed(2)],
  ];
  console.log(table(sizes), "\n");

  // The meeting as the server stores it: a lowdb file per meeting, read by a store with nothing cached.
  const dataDir = await mkdtemp(path.join(tmpdir(), "live-minutes-bench-"));
  const store = new LowdbStore(dataDir);
  await store.open();
  await store.replaceDocument("bench", state);
  // The same meeting as a crash would leave it: the state plus a full update log, one
  // keystroke a line, up to the size at which the server compacts.
  await store.replaceDocument("bench-log", state);
  const logged = keystrokes({ from: state, bytes: COMPACT_AFTER_BYTES });
  for (const u of logged) await store.appendUpdates("bench-log", [u]);
  const results: Result[] = [
    await time("JSON.stringify(snapshot) (reference)", () => JSON.stringify(snapshot)),
    await time("Y.encodeStateAsUpdate(doc)", () => Y.encodeStateAsUpdate(doc)),
    await time(
      "cold load from disk (compacted): read + apply + toSnapshot",
      async () => {
        const fresh = new Y.Doc();
        applyStored(fresh, await new LowdbStore(dataDir).loadDocument("bench"), null);
        toSnapshot(fresh);
        fresh.destroy();
      },
      { target: TARGETS.coldLoad },
    ),
    await time(
      `cold load with ${logged.length} keystrokes in the update log`,
      async () => {
        const fresh = new Y.Doc();
        applyStored(fresh, await new LowdbStore(dataDir).loadDocument("bench-log"), null);
        toSnapshot(fresh);
        fresh.destroy();
      },
      { target: TARGETS.coldLoad },
    ),
    await time("load from memory: applyUpdate + toSnapshot", () => {
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, state);
      toSnapshot(fresh);
      fresh.destroy();
    }),
    await time("toSnapshot (loaded doc)", () => toSnapshot(doc)),
    await time(`import: importAgendaPage(${page.items}-item published page)`, () => importAgendaPage(page.text), {
      target: TARGETS.pageImport,
    }),
    await time("import: importAgendaPage(rich text export)", () => importAgendaPage(rich)),
    await time("export text (rich)", () => exportMeetingText(snapshot), { target: TARGETS.textExport }),
    await time("export text (compact)", () => exportMeetingText(snapshot, { variant: "compact" }), { target: TARGETS.textExport }),
    await time("export HTML", () => exportMeetingHtml(snapshot), { target: TARGETS.textExport }),
    await time("export Markdown", () => exportMeetingMarkdown(snapshot), { target: TARGETS.textExport }),
    await time("export DOCX", () => exportMeetingDocx(snapshot), { warmup: 3, reps: 15, target: TARGETS.docxExport }),
  ];
  await rm(dataDir, { recursive: true, force: true });
  const reference = quantile(results[0]!.samples, 0.5);
  const rows = [["operation", "runs", "median ms", "p95 ms", "× reference", "target (p95)", "result"]];
  for (const r of results) {
    const p95 = quantile(r.samples, 0.95);
    const median = quantile(r.samples, 0.5);
    rows.push([
      r.name,
      String(r.samples.length),
      ms(median),
      ms(p95),
      (median / reference).toFixed(1),
      r.target ? `< ${r.target} ms` : "",
      r.target ? (p95 < r.target ? "pass" : "MISS") : "",
    ]);
  }
  console.log(table(rows));
  const missed = results.filter((r) => r.target !== undefined && quantile(r.samples, 0.95) >= r.target);
  console.log(
    `\n${missed.length === 0 ? "All targets met" : `Missed: ${missed.map((r) => r.name).join("; ")}`} (p95; × reference is the median over the median of JSON.stringify of the same snapshot).`,
  );
}

await main();
