import * as Y from "yjs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { addComment, addItem, entryTextPath, itemTextPath, textAt } from "../../shared/meeting";
import { DocClient, openPlainViewer, pool, until, yjsPath, type ClientStats } from "./clients";
import { MeetingLoad, rng, type LatencySink, type MeetingShape, type MeetingTarget } from "./meetingLoad";
import { summarize, type Summary } from "./stats";
import { ViewerThreads } from "./viewers";

/**
 * The load generator, run as its own process (bench/load/run.ts starts it with an IPC
 * channel): one event loop drives the typists and probes with timers, and worker threads
 * hold the plain viewers. It talks only to 127.0.0.1, and exits when its task is done or
 * its parent goes away.
 */

/** A typing run: connect everyone, type for `durationMs`, then wait up to `graceMs` for stragglers. */
export interface LoadTask {
  kind: "load";
  port: number;
  meetings: MeetingTarget[];
  shape: MeetingShape;
  durationMs: number;
  graceMs: number;
  /** Typing before the measured typing, not counted: the servers' JIT compilers warm up on it, as they have on any server that has run a while. */
  warmupMs: number;
  seed: number;
  /** Worker threads for the plain viewers. */
  viewerThreads: number;
}

/** An idle-memory run: open each meeting, write `chars` of minutes, disconnect. */
export interface IdleTask {
  kind: "idle";
  port: number;
  meetings: MeetingTarget[];
  chars: number;
  seed: number;
}

/** What a typing run measured. */
export interface LoadResult {
  kind: "load";
  setupMs: number;
  typingMs: number;
  graceMs: number;
  keystrokes: number;
  clerk: Summary;
  viewer: Summary;
  /** Every latency measured (ms, to the microsecond), so rounds can be pooled. */
  samples: { clerk: number[]; viewer: number[] };
  unseen: { clerk: number; viewer: number };
  /** Frames a second that reached the plain viewers while typing. */
  viewerFramesPerSecond: number;
  stats: ClientStats;
  /** The generator's own CPU (percent of one core) and event-loop delay while typing: is it the bottleneck? */
  generator: { cpuPercent: number; loopP99Ms: number; loopMaxMs: number };
}

/** Messages the generator sends its parent. */
export type GeneratorMessage =
  | { type: "phase"; phase: "typing" | "grace" }
  | { type: "done"; result: LoadResult | { kind: "idle"; setupMs: number } }
  | { type: "error"; message: string };

function tell(message: GeneratorMessage): void {
  process.send?.(message);
}

const micro = (ms: number) => Math.round(ms * 1000) / 1000;

async function runLoad(task: LoadTask): Promise<LoadResult> {
  const sink: LatencySink = { clerk: [], viewer: [] };
  const stats: ClientStats = { unexpectedCloses: 0, denials: 0 };
  const setupStart = performance.now();
  const meetings = await pool(task.meetings, 4, (m, i) => MeetingLoad.setup(task.port, m, task.shape, i, sink, stats));
  const groups = meetings.map((m) => ({ path: m.viewerPath, count: task.shape.viewers - 1 })).filter((g) => g.count > 0);
  const viewers = await ViewerThreads.open(task.port, groups, task.viewerThreads);
  const setupMs = performance.now() - setupStart;
  const allSeen = () =>
    meetings.every((m) => {
      const u = m.unseen();
      return u.clerk === 0 && u.viewer === 0;
    });

  // Warm-up typing follows another schedule (its own seed), so the measured one is the same with or without it.
  if (task.warmupMs > 0) {
    const warmupEnd = performance.now() + task.warmupMs;
    await Promise.all(meetings.map((m) => m.type(task.shape, task.seed + 1_000_003, warmupEnd)));
    await until(allSeen, "", task.graceMs, 100).catch(() => undefined);
  }
  const keystrokesBefore = meetings.reduce((n, m) => n + m.keystrokes, 0);

  // Structure edits made during set-up, and warm-up keystrokes, are not measured; only typing is.
  sink.clerk.length = 0;
  sink.viewer.length = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const framesBefore = (await viewers.count()).frames;
  tell({ type: "phase", phase: "typing" });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const typingStart = performance.now();
  await Promise.all(meetings.map((m) => m.type(task.shape, task.seed, typingStart + task.durationMs)));
  const typingMs = performance.now() - typingStart;
  const cpu = process.cpuUsage(cpuStart);
  loop.disable();
  const counted = await viewers.count();
  const framesDuring = counted.frames - framesBefore;
  tell({ type: "phase", phase: "grace" });

  const graceStart = performance.now();
  await until(allSeen, "", task.graceMs, 100).catch(() => undefined);
  const graceMs = performance.now() - graceStart;
  const unseen = meetings.reduce(
    (acc, m) => {
      const u = m.unseen();
      return { clerk: acc.clerk + u.clerk, viewer: acc.viewer + u.viewer };
    },
    { clerk: 0, viewer: 0 },
  );
  const result: LoadResult = {
    kind: "load",
    setupMs,
    typingMs,
    graceMs,
    keystrokes: meetings.reduce((n, m) => n + m.keystrokes, 0) - keystrokesBefore,
    clerk: summarize(sink.clerk),
    viewer: summarize(sink.viewer),
    samples: { clerk: sink.clerk.map(micro), viewer: sink.viewer.map(micro) },
    unseen,
    viewerFramesPerSecond: framesDuring / (typingMs / 1000),
    stats: { unexpectedCloses: stats.unexpectedCloses + counted.stats.unexpectedCloses, denials: stats.denials },
    generator: {
      cpuPercent: ((cpu.user + cpu.system) / 1000 / typingMs) * 100,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
    },
  };
  for (const m of meetings) m.close();
  await viewers.close();
  return result;
}

/** Minutes as a clerk types them: one character per transaction, with the odd correction. */
function writeMinutes(doc: Y.Doc, chars: number, random: () => number): void {
  const texts: Y.Text[] = [];
  for (let i = 0; i < 4; i++) {
    const itemId = addItem(doc, { title: `Item ${i + 1}` });
    texts.push(textAt(doc, itemTextPath(itemId, "title"))!);
    for (let c = 0; c < 3; c++) texts.push(textAt(doc, entryTextPath(itemId, "discussion", addComment(doc, itemId), "comment"))!);
  }
  const words = "members asked whether the budget allowed for the new library hours and officers agreed to report back ".split(" ");
  for (let typed = 0; typed < chars;) {
    const text = texts[Math.floor(random() * texts.length)]!;
    const word = `${words[Math.floor(random() * words.length)]} `;
    for (const ch of word) text.insert(text.length, ch);
    typed += word.length;
    if (random() < 0.1) text.delete(text.length - 1, 1);
  }
}

async function runIdle(task: IdleTask): Promise<{ kind: "idle"; setupMs: number }> {
  const stats: ClientStats = { unexpectedCloses: 0, denials: 0 };
  const start = performance.now();
  await pool(task.meetings, 16, async (m, i) => {
    const [clerk, viewer] = await Promise.all([
      DocClient.open(task.port, yjsPath(m.id, m.clerkToken), stats),
      openPlainViewer(task.port, yjsPath(m.id, m.viewerToken), stats),
    ]);
    await clerk.synced;
    const draft = new Y.Doc();
    writeMinutes(draft, task.chars, rng(task.seed + i));
    Y.applyUpdate(clerk.doc, Y.encodeStateAsUpdate(draft));
    await clerk.flushed();
    await until(() => viewer.frames >= 2, `meeting ${m.id}: viewer handshake`);
    clerk.close();
    viewer.destroy();
  });
  return { kind: "idle", setupMs: performance.now() - start };
}

/** Sends the last message, then exits once it is on its way. */
function finish(message: GeneratorMessage, code: number): void {
  process.off("disconnect", orphaned);
  process.send!(message, undefined, undefined, () => process.exit(code));
}

// If the runner dies, nobody will stop this process: leave at once.
const orphaned = () => process.exit(2);
process.on("disconnect", orphaned);
process.once("message", (task: LoadTask | IdleTask) => {
  (task.kind === "load" ? runLoad(task) : runIdle(task)).then(
    (result) => finish({ type: "done", result }, 0),
    (error: Error) => finish({ type: "error", message: error.stack ?? error.message }, 1),
  );
});
