import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import { z } from "zod";
import { AppError } from "../errors";
import { writeError } from "./jsonFile";
import type { Logger } from "../logger";

/** The lock's folder (made and kept fresh by proper-lockfile) and the note of who holds it, inside the data folder. */
export const LOCK_DIR = "server.lock";
export const HOLDER_FILE = "server.lock.json";

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.iso.datetime() });
type Holder = z.infer<typeof holderSchema>;

/** A held lock on a data folder. */
export interface DataFolderLock {
  release(): Promise<void>;
}

async function readHolder(dataDir: string): Promise<Holder | null> {
  try {
    return holderSchema.parse(JSON.parse(await readFile(path.join(dataDir, HOLDER_FILE), "utf8")));
  } catch {
    // Not written yet (a server taking the lock this instant), or damaged: the holder is unknown.
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when the holder is gone: it ran on this machine and its process no longer does. A
 * process with our own pid is this one, unless it took the lock before we started: a
 * restarted container gives its server the same pid every time.
 */
function isGone(holder: Holder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return Date.parse(holder.since) < Date.now() - process.uptime() * 1000 - 1000;
  return !isRunning(holder.pid);
}

function holderWords(holder: Holder | null): string {
  return holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : "a process that has not said who it is yet";
}

/**
 * Takes the data folder for this server process alone. Two servers over one folder would
 * each cache the same files and overwrite each other's writes, so a second one refuses to
 * start, naming the holder. The lock is a folder proper-lockfile creates atomically and
 * touches every few seconds; a holder killed with SIGKILL leaves it behind, and it is taken
 * over at once when its note names a process of this machine that no longer runs (or, for a
 * holder on another machine sharing the folder, once it has gone untouched for 10 s). The
 * CLI never takes it: it writes only under per-file locks, safely beside a running server.
 */
export async function lockDataFolder(dataDir: string, log: Logger): Promise<DataFolderLock> {
  await mkdir(dataDir, { recursive: true });
  const lockDir = path.join(dataDir, LOCK_DIR);
  const take = () =>
    lockfile.lock(dataDir, {
      lockfilePath: lockDir,
      realpath: false,
      // Only a lock whose holder stopped touching it (a crashed server, a stalled disk) is past this.
      stale: 10_000,
      onCompromised: (error) =>
        log.error("lost the lock on the data folder: another server may be writing to it", { dataDir, error: error.message }),
    });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED")
      throw new AppError("store-unwritable", `Cannot lock the data folder ${dataDir}: ${(error as Error).message}`);
    const holder = await readHolder(dataDir);
    if (!holder || !isGone(holder)) {
      throw new AppError(
        "conflict",
        `The data folder ${dataDir} is in use by another live-minutes server (${holderWords(holder)}). Stop it first, or give this server another DATA_DIR.`,
      );
    }
    log.warn("taking over the data folder from a server that is no longer running", { dataDir, holder });
    await rmdir(lockDir).catch(() => undefined);
    // Once only: if another server took the lock meanwhile, this one gives way.
    release = await take().catch((again: Error) => {
      throw new AppError(
        "conflict",
        `The data folder ${dataDir} was taken by another live-minutes server while this one started: ${again.message}`,
      );
    });
  }
  const note: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const holderFile = path.join(dataDir, HOLDER_FILE);
  try {
    await writeFile(`${holderFile}.tmp`, JSON.stringify(note));
    await rename(`${holderFile}.tmp`, holderFile);
  } catch (error) {
    await release();
    throw writeError(holderFile, error);
  }
  return {
    async release() {
      await rm(holderFile, { force: true });
      await release();
    },
  };
}
