import { afterEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { textAt } from "../../shared/meeting";
import { eventually } from "../helpers/eventually";
import { tempDir } from "../helpers/tempDir";
import { clerks, onDisk, rig, typing, type Cleanup } from "./faultyServer";
import { FULL } from "./mode";

/**
 * A really full disk, not an injected error: the data folder is a 512 KiB tmpfs that a
 * filler file fills up, so lowdb's own writes fail with ENOSPC part-way through, and then
 * the filler goes. Needs the right to mount (root here); run by `npm run test:faults`.
 */

const run = promisify(execFile);

/** Mounts a tmpfs of `size` at `dir`; false when this machine does not allow it. */
async function mountTmpfs(dir: string, size: string): Promise<boolean> {
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
    return true;
  } catch {
    return false;
  }
}

/** Writes zeros to `file` until the disk refuses; returns the bytes written. */
async function fillDisk(file: string): Promise<number> {
  const handle = await open(file, "w");
  const chunk = Buffer.alloc(16 * 1024);
  let written = 0;
  try {
    for (let i = 0; i < 1024; i++) written += (await handle.write(chunk)).bytesWritten;
    throw new Error(`the disk took ${written} bytes and is still not full`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    await handle.close();
  }
  return written;
}

describe.runIf(FULL)("a data folder on a disk that fills up", () => {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("keeps the edits while the disk is full and writes them once space is freed", async (ctx) => {
    const { dir, cleanup } = await tempDir("live-minutes-full-");
    cleanups.push(cleanup);
    const dataDir = path.join(dir, "data");
    await mkdir(dataDir);
    if (!(await mountTmpfs(dataDir, "512k"))) {
      console.warn("\n*** DISK-FULL TEST SKIPPED: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN) ***\n");
      return ctx.skip();
    }
    cleanups.push(() => run("umount", [dataDir]));
    const r = await rig(cleanups, { dataDir });
    const { a, b, path: titlePath, saved, titleOf } = await clerks(r, cleanups);
    const typeA = typing(a, () => textAt(a.doc, titlePath)!);
    cleanups.push(() => typeA.stop());
    await eventually(() => expect(saved.some((s) => s.savedAt !== null && s.error === null)).toBe(true));

    const filler = path.join(dataDir, "filler");
    expect(await fillDisk(filler)).toBeGreaterThan(0);
    await eventually(() => expect(saved.at(-1)?.error).toMatch(/ENOSPC/), { timeout: 5000 });
    const typedWhileFull = typeA.count;
    await eventually(() => expect(typeA.count).toBeGreaterThan(typedWhileFull + 50));
    await eventually(() => expect(titleOf(b.doc)).toBe(titleOf(a.doc)));

    await rm(filler);
    await eventually(() => expect(saved.at(-1)).toMatchObject({ error: null, savedAt: expect.any(String) }), { timeout: 8000 });
    await typeA.stop();
    await eventually(() => expect(r.server.rooms.peek(r.meetingId)!.saveStatus).toMatchObject({ unsaved: 0, error: null }));
    await r.stop();
    const { doc, file, log } = await onDisk(dataDir, r.meetingId);
    expect(titleOf(doc)).toBe(titleOf(a.doc));
    expect([...file.updates, ...log], "closing compacted the file").toEqual([]);
  }, 60_000);
});
