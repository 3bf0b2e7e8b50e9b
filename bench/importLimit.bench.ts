import { monitorEventLoopDelay } from "node:perf_hooks";
import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { importAgendaPage, countLines } from "../shared/format";
import { addItems, newId } from "../shared/meeting";
import { LIMITS } from "../shared/protocol/limits";
import { MESSAGE } from "../shared/protocol/closeCodes";
import { loadConfig } from "../server/config";
import { createLogger } from "../server/logger";
import { LowdbStore } from "../server/persistence/lowdbStore";
import { startServer } from "../server/createServer";
import { tempDir } from "../tests/helpers/tempDir";

/**
 * `npx tsx bench/importLimit.bench.ts`: the largest import the server accepts
 * (LIMITS.importItems items, LIMITS.importLines lines, close to LIMITS.importChars
 * characters), timed piece by piece in-process and then end to end through a real server
 * with clerks connected, reporting the longest the event loop was held. A benchmark, not
 * a test: it prints and exits 0 unless something throws.
 */

const CLERKS = 3;
const RUNS = Number(process.env.RUNS ?? 5);

/** Page shapes: lines as narrative paragraphs, or as discussion bullets with answers (more Yjs maps per line). */
type Shape = "narrative" | "discussion";

/** A page at the limits, in the published rich shape: `items` items filling LIMITS.importLines lines and nearly LIMITS.importChars characters. */
function largestPage(shape: Shape, items: number): string {
  const linesPerItem = Math.min(LIMITS.importItemLines, Math.floor(LIMITS.importLines / items));
  // Fixed lines per item: header, title, purpose, contact, "Minutes:", intro, RESOLVED, documents heading and one document.
  const bodyLines = linesPerItem - 9;
  const budget = Math.floor((LIMITS.importChars * 0.98) / (items * linesPerItem));
  const filler = (n: number) =>
    "The committee noted the report and the progress made. "
      .repeat(Math.ceil(n / 55))
      .slice(0, n)
      .trimEnd();
  const page: string[] = [];
  for (let i = 0; i < items; i++) {
    const body = Array.from({ length: bodyLines }, (_, k) =>
      shape === "discussion"
        ? `\u00b7 Clarification was sought on point ${k}. In response it was stated that ${filler(budget - 70)}.`
        : `${filler(budget - 1)}.`,
    );
    page.push(
      [
        "Agenda item",
        `${i + 1}. Item number ${i + 1}`,
        "To consider the report.",
        "Officer contact: A Person, 0161 000 0000, a@example.org",
        "Minutes:",
        ...(shape === "discussion" ? ["The following comments were made:-"] : [""]),
        ...body,
        `RESOLVED \u2013 That the report be noted.`,
        "Supporting documents:",
        "\u00b7 Report, PDF 120 KB",
      ].join("\n"),
    );
  }
  return page.join("\n");
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

async function endToEnd(text: string): Promise<{ requestMs: number; heldMs: number; status: number; rssMb: number }> {
  const { dir, cleanup } = await tempDir();
  const config = loadConfig({ LOG_LEVEL: "silent" }, { port: 0, host: "127.0.0.1", dataDir: dir, clientDir: "" });
  const store = new LowdbStore(dir);
  const server = await startServer(config, store, createLogger("silent"));
  const id = newId();
  const now = new Date().toISOString();
  await store.saveMeeting({
    id,
    title: "Bench",
    committee: "",
    date: "",
    status: "live",
    public: false,
    roles: {},
    createdAt: now,
    updatedAt: now,
  });
  const token = await server.signer.sign({ k: "meeting", m: id, r: "clerk", e: Date.now() + 3600_000 });
  // Clerks that take part in the sync but do not read what they get, so their work stays out of the figure.
  const clerks = await Promise.all(
    Array.from(
      { length: CLERKS },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${server.port}/yjs/${id}?token=${token}`);
          ws.once("open", () => {
            const e = encoding.createEncoder();
            encoding.writeVarUint(e, MESSAGE.sync);
            syncProtocol.writeSyncStep1(e, new Y.Doc());
            ws.send(encoding.toUint8Array(e));
            resolve(ws);
          });
          ws.once("error", reject);
        }),
    ),
  );
  const body = JSON.stringify({ text });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = performance.now();
  const res = await fetch(`http://127.0.0.1:${server.port}/api/meetings/${id}/import`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  await res.arrayBuffer();
  const requestMs = performance.now() - start;
  delay.disable();
  const rssMb = process.memoryUsage().rss / 1e6;
  for (const ws of clerks) ws.close();
  await server.close();
  await cleanup();
  return { requestMs, heldMs: delay.max / 1e6, status: res.status, rssMb };
}

const cases = [
  ["narrative", LIMITS.importItems],
  ["discussion", LIMITS.importItems],
  ["discussion", LIMITS.importLines / LIMITS.importItemLines],
] as const;
for (const [shape, items] of cases) {
  const text = largestPage(shape, items);
  const parse: number[] = [];
  const write: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    const page = importAgendaPage(text);
    parse.push(performance.now() - t);
    const doc = new Y.Doc();
    t = performance.now();
    addItems(doc, page.items);
    write.push(performance.now() - t);
  }
  const e2e = [];
  for (let r = 0; r < RUNS; r++) e2e.push(await endToEnd(text));
  console.log(
    `${shape}: ${text.length.toLocaleString("en-GB")} characters, ${countLines(text).toLocaleString("en-GB")} lines, ${items} items`,
  );
  console.log(
    `  all at once, for comparison: parse (importAgendaPage) median ${median(parse).toFixed(0)} ms; write (addItems, one transaction) median ${median(write).toFixed(0)} ms`,
  );
  console.log(
    `  POST /import in steps, ${CLERKS} clerks connected: status ${e2e.map((x) => x.status).join(",")}; request median ${median(e2e.map((x) => x.requestMs)).toFixed(0)} ms; longest the event loop was held: median ${median(e2e.map((x) => x.heldMs)).toFixed(0)} ms, worst ${Math.max(...e2e.map((x) => x.heldMs)).toFixed(0)} ms; RSS after ${Math.max(...e2e.map((x) => x.rssMb)).toFixed(0)} MB`,
  );
}
