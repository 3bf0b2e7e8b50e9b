import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";

import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newId } from "../../shared/meeting";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { TokenSigner } from "../../server/auth/tokens";
import type { MeetingTarget } from "./meetingLoad";
import { onCpus } from "./pinning";

/** The project folder: servers and the generator run from here. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PROBE = fileURLToPath(new URL("./serverProbe.mjs", import.meta.url));
const REFERENCE_BIN = path.join(ROOT, "node_modules/@y/websocket-server/src/server.js");

/** Which server is under test: ours as checked out, ours at another git revision (`ours@REV`), or the reference. */
export type ServerKind = "ours" | `ours@${string}` | "reference";

/** Checkouts of other revisions, one per revision, made on first use and removed by `cleanupAll`. */
const checkouts = new Map<string, string>();

/**
 * Where to run ours at `rev`: a detached git worktree sharing this checkout's node_modules,
 * so two builds of our server can be compared in one run (same machine, same moment).
 */
function checkout(rev: string): string {
  let dir = checkouts.get(rev);
  if (!dir) {
    dir = mkdtempSync(path.join(tmpdir(), "live-minutes-rev-"));
    execFileSync("git", ["worktree", "add", "--detach", dir, rev], { cwd: ROOT, stdio: "ignore" });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    checkouts.set(rev, dir);
  }
  return dir;
}

/** A server under test, running as its own process. */
export interface ServerUnderTest {
  kind: ServerKind;
  pid: number;
  port: number;
  /** Event-loop delay each second (ms), as the server reports it, with when it arrived. */
  loop: { at: number; p99: number; max: number }[];
  /** Memory after two full collections, as the server itself reports it. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Starts the server's CPU profiler; `stopProfile` writes what it saw to `file`. */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** SIGTERM (ours writes its meetings first), SIGKILL after 30 s. */
  stop(): Promise<void>;
}

/** Every child process and temp folder made, so they can be removed however the run ends. */
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Kills every child still running and removes every temp folder (synchronous: safe in an exit handler). */
export function cleanupAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
  for (const dir of checkouts.values()) execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: ROOT, stdio: "ignore" });
  checkouts.clear();
}

/** A fresh temp folder, removed by `cleanupAll` or the returned function. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove(): void }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return {
    dir,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
}

/** Starts a child process that `cleanupAll` will kill. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** A free loopback port. */
export { freePort } from "../../tests/helpers/serverProcess";

/** Meetings in a data folder, each with a clerk and a viewer token signed with the folder's key. */
export async function prepareMeetings(dataDir: string, count: number): Promise<MeetingTarget[]> {
  const store = new LowdbStore(dataDir);
  await store.open();
  const signer = new TokenSigner(store);
  const expires = Date.now() + 6 * 3600_000;
  const out: MeetingTarget[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    const now = new Date().toISOString();
    await store.saveMeeting({
      id,
      title: `Bench meeting ${i + 1}`,
      committee: "",
      date: "",
      status: "live",
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    out.push({
      id,
      clerkToken: await signer.sign({ k: "meeting", m: id, r: "clerk", e: expires }),
      viewerToken: await signer.sign({ k: "meeting", m: id, r: "viewer", e: expires }),
    });
  }
  await store.close();
  return out;
}

/** How to run a server beyond its own settings: extra Node flags (--trace-gc, ...) and a file for its output. */
export interface ServerExtras {
  nodeArgs?: string[];
  logFile?: string;
  /** The folder to run in (another revision's checkout); this checkout by default. */
  cwd?: string;
  /** CPUs to run on (a taskset list); any when unset. */
  cpus?: string;
}

function start(
  kind: ServerKind,
  args: string[],
  env: Record<string, string>,
  readyText: string,
  port: number,
  extras: ServerExtras,
): Promise<ServerUnderTest> {
  const [command, ...argv] = onCpus([process.execPath, "--expose-gc", "--import", PROBE, ...(extras.nodeArgs ?? []), ...args], extras.cpus);
  const child = track(spawn(command, argv, { cwd: extras.cwd ?? ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] }));
  if (extras.logFile) {
    const log = createWriteStream(extras.logFile);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  let stderr = "";
  const memoryWaiters: ((m: NodeJS.MemoryUsage) => void)[] = [];
  const probeWaiters: ((answer: string) => void)[] = [];
  const ask = (command: string, what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${kind} server did not answer "${what}"`)), 30_000);
      probeWaiters.push((answer) => {
        clearTimeout(timer);
        if (answer.startsWith("error")) reject(new Error(`${kind} server probe: ${answer}`));
        else resolve(answer);
      });
      child.stdin!.write(`${command}\n`);
    });
  child.stderr!.on("data", (c: Buffer) => {
    const text = c.toString();
    for (const line of text.split("\n")) {
      if (line.startsWith("MEMPROBE ")) memoryWaiters.shift()?.(JSON.parse(line.slice(9)) as NodeJS.MemoryUsage);
      else if (line.startsWith("PROBE ")) probeWaiters.shift()?.(JSON.parse(line.slice(6)) as string);
      else if (line.startsWith("LOOPPROBE "))
        server.loop.push({ at: performance.now(), ...(JSON.parse(line.slice(10)) as { p99: number; max: number }) });
      else if (line.trim()) stderr = (stderr + line + "\n").slice(-4000);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server: ServerUnderTest = {
    kind,
    pid: child.pid!,
    port,
    loop: [],
    memory: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${kind} server did not report its memory`)), 10_000);
        memoryWaiters.push((m) => {
          clearTimeout(timer);
          resolve(m);
        });
        child.stdin!.write("memory\n");
      }),
    startProfile: () => ask("profile-start", "profile-start").then(() => undefined),
    stopProfile: (file) => ask(`profile-stop ${file}`, "profile-stop").then(() => undefined),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(killer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 30 s: ${stderr}`)), 30_000);
    child.stdout!.on("data", (c: Buffer) => {
      if (!c.toString().includes(readyText)) return;
      clearTimeout(timer);
      resolve(server);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited before listening (code ${code}): ${stderr}`));
    });
  });
}

/** Checkouts whose server bundle is built, so each run builds it once. */
const built = new Set<string>();

/**
 * How to start our server in `dir` as `npm start` does: the bundle `npm run build:server`
 * makes, built here once per run. Revisions from before the bundle ran from source under tsx.
 */
function ourEntry(dir: string): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  if (!scripts["build:server"]) return ["--import", "tsx", "server/index.ts"];
  if (!built.has(dir)) {
    execFileSync("npm", ["run", "--silent", "build:server"], { cwd: dir, stdio: "inherit" });
    built.add(dir);
  }
  return ["dist/server/index.js"];
}

/** Our server as `npm start` runs it (less the client), over `dataDir`, persisting and checking tokens. */
export function startOurs(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  extras: ServerExtras = {},
  kind: ServerKind = "ours",
): Promise<ServerUnderTest> {
  const rev = kind.startsWith("ours@") ? kind.slice("ours@".length) : null;
  const cwd = rev ? checkout(rev) : ROOT;
  // Every simulated client connects from this one address: no per-address cap (older revisions ignore the variable).
  return start(
    kind,
    ourEntry(cwd),
    {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      CLIENT_DIR: "",
      LOG_LEVEL: "warn",
      MAX_CONNECTIONS_PER_ADDRESS: "0",
      ...env,
    },
    "is running on",
    port,
    { ...extras, cwd },
  );
}

/** The reference y-websocket server (@y/websocket-server 0.1.1, bin/server.js): in memory, no auth. */
export function startReference(port: number, extras: ServerExtras = {}): Promise<ServerUnderTest> {
  return start("reference", [REFERENCE_BIN], { HOST: "127.0.0.1", PORT: String(port) }, "running at", port, extras);
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system, all threads) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** CPU seconds a process has spent in its own code and in the kernel on its behalf (sockets, files). */
export function cpuSplit(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
}

/** Resident memory of a process, in bytes. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** CPU seconds the whole machine has spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return (total - (v[3] ?? 0) - (v[4] ?? 0)) / CLOCK_TICKS;
}

/** CPU seconds of every process now, by pid, with a short command line. */
export function allProcesses(): Map<number, { cpu: number; command: string }> {
  const out = new Map<number, { cpu: number; command: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ").trim().slice(0, 100);
      out.set(Number(name), {
        cpu: cpuSeconds(Number(name)),
        command: command || `[${readFileSync(`/proc/${name}/comm`, "utf8").trim()}]`,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** The processes that used the most CPU between two `allProcesses` readings, leaving out `exclude`. */
export function topProcesses(
  before: Map<number, { cpu: number }>,
  after: Map<number, { cpu: number; command: string }>,
  exclude: number[],
  seconds: number,
  count = 3,
): string[] {
  return [...after]
    .filter(([pid]) => !exclude.includes(pid))
    .map(([pid, p]) => ({ pid, command: p.command, percent: ((p.cpu - (before.get(pid)?.cpu ?? 0)) / seconds) * 100 }))
    .filter((p) => p.percent >= 5)
    .sort((a, b) => b.percent - a.percent)
    .slice(0, count)
    .map((p) => `${p.percent.toFixed(0)}% ${p.command}`);
}
