import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newId } from "../../shared/meeting";
import type { GeneratorMessage, IdleTask, LoadResult, LoadTask } from "./generator";
import type { MeetingShape, MeetingTarget } from "./meetingLoad";
import { onCpus, type Pinning } from "./pinning";
import {
  allProcesses,
  cpuSeconds,
  cpuSplit,
  topProcesses,
  freePort,
  machineBusySeconds,
  prepareMeetings,
  ROOT,
  rssBytes,
  startOurs,
  startReference,
  tempDir,
  track,
  type ServerKind,
  type ServerUnderTest,
} from "./servers";

const GENERATOR = fileURLToPath(new URL("./generator.ts", import.meta.url));

/** A load size: meetings, clerks and viewers per meeting. */
export interface Scenario {
  meetings: number;
  clerks: number;
  viewers: number;
}

/** Settings shared by every run. */
export interface RunSettings {
  durationMs: number;
  graceMs: number;
  /** Typing before each measured run, not counted (see LoadTask.warmupMs). */
  warmupMs: number;
  rate: number;
  /** Clerks publish their caret after every keystroke. */
  presence: boolean;
  seed: number;
  idleUnloadMs: number;
  /** Before each run, wait up to this long for the rest of the machine to go quiet (below 30% of a core). */
  quietWaitMs: number;
  /** Worker threads the generator gives the plain viewers. */
  viewerThreads: number;
  /** Where to write CPU profiles of each server while the clerks type (none when unset). */
  profileDir?: string;
  /** Extra Node flags for the servers under test, and a folder for their output. */
  serverNodeArgs: string[];
  serverLogDir?: string;
  /** Where the servers and the generator run; anywhere when null. */
  pin: Pinning | null;
}

/** One server under one scenario: what the generator saw and what the server cost. */
export interface LoadRun {
  scenario: Scenario;
  server: ServerKind;
  result: LoadResult | null;
  error?: string;
  /** Percent of one core, over the typing window; and of that, the part spent in the kernel. */
  serverCpuPercent: number;
  serverKernelPercent: number;
  serverRssPeakMb: number;
  /** The server's event-loop delay while typing: the worst one-second p99, and the longest stall (ms). */
  serverLoopP99Ms: number;
  serverLoopMaxMs: number;
  generatorCpuPercent: number;
  /** Busy CPU of everything else on the machine over the window, percent of one core. */
  otherCpuPercent: number;
  /** The other processes that used the most CPU while typing (the generator's own children excluded). */
  others: string[];
  /** Busy CPU of the machine just before the run (percent of one core), after waiting for quiet. */
  machineBeforePercent: number;
  /** Every attempt when a disturbed run was repeated (this one is the quietest). */
  attempts?: { otherCpuPercent: number; clerkP99: number; viewerP99: number }[];
  /** Each round's own p99s, when several rounds were pooled into this run. */
  rounds?: { clerkP99: number; viewerP99: number }[];
}

/** Memory one server holds per meeting once every client has gone. */
export interface IdleRun {
  server: ServerKind;
  meetings: number;
  chars: number;
  before: { rss: number; heapUsed: number };
  after: { rss: number; heapUsed: number };
  error?: string;
}

/** Starts the generator on `task` (on `cpus`, when given); `onPhase` hears when typing starts and stops. Rejects on error or after `timeoutMs`. */
function generate<T>(
  task: LoadTask | IdleTask,
  cpus: string | undefined,
  timeoutMs: number,
  onPhase: (phase: "typing" | "grace", pid: number) => void,
): Promise<T> {
  const [command, ...argv] = onCpus([process.execPath, "--import", "tsx", GENERATOR], cpus);
  const child = track(spawn(command, argv, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the load generator did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on("message", (m: GeneratorMessage) => {
      if (m.type === "phase") onPhase(m.phase, child.pid!);
      else if (m.type === "done") resolve(m.result as T);
      else reject(new Error(`load generator failed: ${m.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the load generator exited with code ${code}`));
    });
    child.send(task);
  });
}

/** Starts one server with `count` meetings ready; the reference takes any id and ignores tokens. */
async function serverWithMeetings(
  kind: ServerKind,
  count: number,
  env: Record<string, string>,
  settings: RunSettings,
  name: string,
): Promise<{ server: ServerUnderTest; meetings: MeetingTarget[]; done(): Promise<void> }> {
  for (const dir of [settings.profileDir, settings.serverLogDir]) if (dir) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const extras = {
    nodeArgs: settings.serverNodeArgs,
    cpus: settings.pin?.server,
    ...(settings.serverLogDir ? { logFile: path.join(settings.serverLogDir, `${name}-${kind}.log`) } : {}),
  };
  if (kind === "reference") {
    const meetings = Array.from({ length: count }, () => ({ id: newId(), clerkToken: "unused", viewerToken: "unused" }));
    const server = await startReference(port, extras);
    return { server, meetings, done: () => server.stop() };
  }
  const data = await tempDir("live-minutes-bench-");
  let server: ServerUnderTest;
  let meetings: MeetingTarget[];
  try {
    meetings = await prepareMeetings(data.dir, count);
    server = await startOurs(data.dir, port, env, extras, kind);
  } catch (error) {
    data.remove();
    throw error;
  }
  return {
    server,
    meetings,
    async done() {
      await server.stop();
      data.remove();
    },
  };
}

/** Runs one scenario against one server, sampling the server's CPU and memory while the clerks type. */
export async function loadRun(kind: ServerKind, scenario: Scenario, settings: RunSettings): Promise<LoadRun> {
  const out: LoadRun = {
    scenario,
    server: kind,
    result: null,
    serverCpuPercent: NaN,
    serverKernelPercent: NaN,
    serverRssPeakMb: NaN,
    serverLoopP99Ms: NaN,
    serverLoopMaxMs: NaN,
    generatorCpuPercent: NaN,
    otherCpuPercent: NaN,
    others: [],
    machineBeforePercent: await quietMachine(settings.quietWaitMs),
  };
  const name = `${scenario.meetings}x${scenario.clerks}x${scenario.viewers}`;
  let started: Awaited<ReturnType<typeof serverWithMeetings>>;
  try {
    started = await serverWithMeetings(kind, scenario.meetings, {}, settings, name);
  } catch (error) {
    return { ...out, error: (error as Error).message };
  }
  const { server, meetings, done } = started;
  let window: {
    at: number;
    server: number;
    kernel: number;
    generator: number;
    machine: number;
    pid: number;
    all: ReturnType<typeof allProcesses>;
  } | null = null;
  const typed = { from: NaN, to: NaN };
  let profiling: Promise<void> = Promise.resolve();
  let peakRss = 0;
  const sampler = setInterval(() => {
    if (window) peakRss = Math.max(peakRss, rssBytes(server.pid));
  }, 250);
  try {
    const task: LoadTask = {
      kind: "load",
      port: server.port,
      meetings,
      shape: { ...scenario, rate: settings.rate, presence: settings.presence } satisfies MeetingShape,
      durationMs: settings.durationMs,
      graceMs: settings.graceMs,
      warmupMs: settings.warmupMs,
      seed: settings.seed,
      viewerThreads: settings.viewerThreads,
    };
    const timeout = 180_000 + settings.warmupMs + settings.durationMs + 2 * settings.graceMs;
    out.result = await generate<LoadResult>(task, settings.pin?.generator, timeout, (phase, pid) => {
      const now = {
        at: performance.now(),
        server: cpuSeconds(server.pid),
        kernel: cpuSplit(server.pid).system,
        generator: cpuSeconds(pid),
        machine: machineBusySeconds(),
        pid,
        all: allProcesses(),
      };
      if (phase === "typing") {
        window = now;
        peakRss = rssBytes(server.pid);
        if (settings.profileDir) profiling = server.startProfile();
        return;
      }
      if (!window) return;
      if (settings.profileDir) {
        const file = path.join(settings.profileDir, `${name}-${kind}.cpuprofile`);
        profiling = profiling.then(() => server.stopProfile(file));
      }
      const seconds = (now.at - window.at) / 1000;
      const serverCpu = now.server - window.server;
      const generatorCpu = now.generator - window.generator;
      out.serverCpuPercent = (serverCpu / seconds) * 100;
      out.serverKernelPercent = ((now.kernel - window.kernel) / seconds) * 100;
      out.generatorCpuPercent = (generatorCpu / seconds) * 100;
      out.otherCpuPercent = (Math.max(0, now.machine - window.machine - serverCpu - generatorCpu) / seconds) * 100;
      out.serverRssPeakMb = Math.max(peakRss, rssBytes(server.pid)) / 2 ** 20;
      out.others = topProcesses(window.all, now.all, [server.pid, pid, process.pid], seconds);
      typed.from = window.at;
      typed.to = now.at;
      window = null;
    });
    await profiling;
    // The server reports its loop delay each second, covering the second before: wait for the one after typing stopped.
    const end = Number.isNaN(typed.to) ? 0 : typed.to;
    const deadline = performance.now() + 2500;
    while (!server.loop.some((l) => l.at > end) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const during = server.loop.filter((l) => l.at > typed.from + 200 && l.at < typed.to + 1000);
    if (during.length) {
      out.serverLoopP99Ms = Math.max(...during.map((l) => l.p99));
      out.serverLoopMaxMs = Math.max(...during.map((l) => l.max));
    }
  } catch (error) {
    out.error = (error as Error).message;
  } finally {
    clearInterval(sampler);
    await done();
  }
  return out;
}

/** Waits until the machine has been below 30% of one core busy for 2 s, or `maxMs` has passed; returns the last reading. */
async function quietMachine(maxMs: number): Promise<number> {
  const end = performance.now() + maxMs;
  for (;;) {
    const before = machineBusySeconds();
    await new Promise((r) => setTimeout(r, 2000));
    const percent = ((machineBusySeconds() - before) / 2) * 100;
    if (percent < 30 || performance.now() >= end) return percent;
  }
}

/** Waits until a process has used (almost) no CPU for `quietMs`, or `maxMs` has passed. */
async function settle(pid: number, quietMs = 500, maxMs = 20_000): Promise<void> {
  const end = performance.now() + maxMs;
  while (performance.now() < end) {
    const before = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, quietMs));
    if (cpuSeconds(pid) - before <= 0.01) return;
  }
}

/** Opens `count` meetings with minutes in them, disconnects, lets ours unload them, and measures what stays. */
export async function idleRun(kind: ServerKind, count: number, chars: number, settings: RunSettings): Promise<IdleRun> {
  const warmup = Math.min(5, count);
  await quietMachine(settings.quietWaitMs);
  const out: IdleRun = { server: kind, meetings: count, chars, before: { rss: NaN, heapUsed: NaN }, after: { rss: NaN, heapUsed: NaN } };
  let started: Awaited<ReturnType<typeof serverWithMeetings>>;
  try {
    started = await serverWithMeetings(kind, count + warmup, { IDLE_UNLOAD_MS: String(settings.idleUnloadMs) }, settings, `idle${count}`);
  } catch (error) {
    return { ...out, error: (error as Error).message };
  }
  const { server, meetings, done } = started;
  const quiet = async () => {
    await new Promise((r) => setTimeout(r, settings.idleUnloadMs + 1000));
    await settle(server.pid);
    const m = await server.memory();
    return { rss: m.rss, heapUsed: m.heapUsed };
  };
  try {
    const base = { kind: "idle" as const, port: server.port, chars, seed: settings.seed };
    const timeout = 120_000 + count * 500;
    // A few meetings first, so both servers have loaded their code paths before the baseline.
    await generate({ ...base, meetings: meetings.slice(0, warmup) }, settings.pin?.generator, timeout, () => undefined);
    out.before = await quiet();
    await generate({ ...base, meetings: meetings.slice(warmup) }, settings.pin?.generator, timeout, () => undefined);
    out.after = await quiet();
  } catch (error) {
    out.error = (error as Error).message;
  } finally {
    await done();
  }
  return out;
}
