import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, renameSync } from "node:fs";
import { mkdir, rename, rmdir } from "node:fs/promises";
import path from "node:path";
import { newId, textAt } from "../../shared/meeting";
import { createLogger } from "../../server/logger";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { TokenSigner } from "../../server/auth/tokens";
import { Rooms } from "../../server/realtime/Rooms";
import { connectProvider, synced } from "../helpers/server";
import { freePort, spawnServer, type ServerProcess } from "../helpers/serverProcess";
import { eventually } from "../helpers/eventually";
import { tempDir } from "../helpers/tempDir";
import { FaultyStore, type DiskFault } from "./faultyStore";
import { clerks, onDisk, rig, typing, type Cleanup, type LogLine } from "./faultyServer";
import { FULL } from "./mode";

/**
 * A data folder that stops taking writes (full, or no longer writable) under a running
 * server. The server must say so (log, `meeting:saved`, the REST error), keep every edit in
 * memory while clerks carry on and converge, write it all once the disk takes writes again,
 * and never drop queued edits by closing a room (idle unload, shutdown) meanwhile.
 */

describe("a data folder that stops taking writes", () => {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const faults: DiskFault[] = FULL ? ["ENOSPC", "EACCES", "EROFS"] : ["ENOSPC"];
  for (const fault of faults) {
    it(`${fault}: says so, keeps the clerks' edits in memory while they converge, and writes them all once it clears`, async () => {
      const r = await rig(cleanups);
      const { a, b, path, saved, titleOf } = await clerks(r, cleanups);
      const typeA = typing(a, () => textAt(a.doc, path)!);
      const typeB = typing(b, () => b.doc.getText("committee"));
      cleanups.push(
        () => typeA.stop(),
        () => typeB.stop(),
      );
      await eventually(() => expect(saved.some((s) => s.savedAt !== null && s.error === null)).toBe(true));

      r.store.fault = fault;
      const faultAt = performance.now();
      // The outage lasts until the server has retried several times, the clerks typing throughout.
      await eventually(() => expect(r.store.documentWrites(faultAt).filter((w) => w.failed).length).toBeGreaterThanOrEqual(FULL ? 8 : 5), {
        timeout: FULL ? 30_000 : 10_000,
      });
      const typedDuringFault = typeA.count + typeB.count;

      // Reported: one error in the log, the status pushed to the meeting, and a REST write refused with the cause.
      const errors = r.logged.filter((l) => l.level === "error");
      expect(errors).toEqual([
        expect.objectContaining({
          message: "cannot save meeting; keeping edits in memory and retrying",
          meetingId: r.meetingId,
          error: expect.stringContaining(fault),
        }),
      ]);
      expect(saved.at(-1)).toMatchObject({ meetingId: r.meetingId, error: expect.stringContaining(fault) });
      expect(saved.at(-1)!.unsaved).toBeGreaterThan(0);
      const version = await fetch(`http://127.0.0.1:${r.server.port}/api/meetings/${r.meetingId}/versions`, {
        method: "POST",
        headers: { authorization: `Bearer ${await r.token("clerk")}`, "content-type": "application/json" },
        body: "{}",
      });
      expect(version.status).toBe(503);
      expect(await version.json()).toMatchObject({ error: { code: "store-unwritable", message: expect.stringContaining(fault) } });
      const health = await fetch(`http://127.0.0.1:${r.server.port}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        ok: false,
        unsaved: [{ meetingId: r.meetingId, unsaved: expect.any(Number), error: expect.stringContaining(fault) }],
      });
      // No tight loop: retries back off, each gap at least twice the flush interval and growing.
      const gaps = r.store
        .documentWrites(faultAt)
        .filter((w) => w.failed)
        .map((w, i, all) => (i === 0 ? 0 : w.at - all[i - 1]!.at))
        .slice(1);
      expect(Math.min(...gaps), `retry gaps ${gaps.map(Math.round).join(", ")}`).toBeGreaterThanOrEqual(70);
      expect(gaps.at(-1)!, `retry gaps ${gaps.map(Math.round).join(", ")}`).toBeGreaterThan(gaps[0]! * 4);
      expect(Math.max(...gaps), `retry gaps ${gaps.map(Math.round).join(", ")}`).toBeLessThanOrEqual(5000 + 500);

      // The clerks carry on and see each other's typing.
      await eventually(() => expect(typeA.count + typeB.count).toBeGreaterThan(typedDuringFault + 50));
      await eventually(() => {
        expect(titleOf(b.doc)).toBe(titleOf(a.doc));
        expect(a.doc.getText("committee").toString()).toBe(b.doc.getText("committee").toString());
      });

      r.store.fault = null;
      const clearedAt = saved.length;
      await eventually(() => expect(saved.slice(clearedAt).some((s) => s.error === null && s.savedAt !== null)).toBe(true), {
        timeout: 8000,
      });
      expect(r.logged.filter((l) => l.message === "saving meeting again")).toHaveLength(1);
      await Promise.all([typeA.stop(), typeB.stop()]);
      await eventually(() => expect(r.server.rooms.peek(r.meetingId)!.saveStatus).toMatchObject({ unsaved: 0, error: null }));
      expect(await (await fetch(`http://127.0.0.1:${r.server.port}/api/health`)).json()).toMatchObject({ ok: true, unsaved: [] });
      await eventually(async () => {
        const { doc } = await onDisk(r.dir, r.meetingId);
        expect(titleOf(doc)).toBe(titleOf(a.doc));
        expect(doc.getText("committee").toString()).toBe(b.doc.getText("committee").toString());
      });
      expect(titleOf(a.doc).length).toBeGreaterThan(20);

      // Closing compacts: the file holds one state and no update log, with everything in it.
      await r.stop();
      const { doc, file, log } = await onDisk(r.dir, r.meetingId);
      expect([...file.updates, ...log]).toEqual([]);
      expect(titleOf(doc)).toBe(titleOf(a.doc));
      expect(doc.getText("committee").toString()).toBe(b.doc.getText("committee").toString());
    }, 60_000);
  }

  it("keeps a room that nobody uses in memory until its edits are written, then unloads it", async () => {
    const r = await rig(cleanups, { idleUnloadMs: 50 });
    const a = connectProvider(r.wsUrl, r.meetingId, await r.token("clerk"));
    cleanups.push(() => a.destroy());
    await synced(a);
    r.store.fault = "ENOSPC";
    const faultAt = performance.now();
    a.doc.getText("venue").insert(0, "Committee Room 2, Town Hall");
    await eventually(() => expect(r.store.documentWrites(faultAt).some((w) => w.failed)).toBe(true));
    a.destroy();
    const leftAt = performance.now();
    // Several retries after the last clerk left, far past the 50 ms idle time: the room stays.
    await eventually(() => expect(r.store.documentWrites(leftAt).filter((w) => w.failed).length).toBeGreaterThanOrEqual(3), {
      timeout: 5000,
    });
    expect(r.server.rooms.peek(r.meetingId)?.saveStatus.unsaved).toBeGreaterThan(0);

    r.store.fault = null;
    await eventually(() => expect(r.server.rooms.loaded).toBe(0), { timeout: 8000 });
    // The room leaves the list before its closing compaction has finished writing, so the disk is read until it has.
    await eventually(
      async () => {
        const { doc, file, log } = await onDisk(r.dir, r.meetingId);
        expect(doc.getText("venue").toString()).toBe("Committee Room 2, Town Hall");
        expect([...file.updates, ...log], "the unload compacted the file").toEqual([]);
      },
      { timeout: 8000 },
    );
  });

  it("keeps retrying at shutdown until the edits are written", async () => {
    const r = await rig(cleanups);
    const a = connectProvider(r.wsUrl, r.meetingId, await r.token("clerk"));
    cleanups.push(() => a.destroy());
    await synced(a);
    r.store.fault = "EACCES";
    a.doc.getText("venue").insert(0, "Council Chamber");
    await eventually(() => expect(r.server.rooms.peek(r.meetingId)?.saveStatus.error).toMatch(/EACCES/));
    let stopped = false;
    const stopAt = performance.now();
    const stopping = r.stop().then(() => (stopped = true));
    await eventually(() => expect(r.store.documentWrites(stopAt).filter((w) => w.failed).length).toBeGreaterThanOrEqual(3), {
      timeout: 5000,
    });
    expect(stopped).toBe(false);
    expect(r.logged).toContainEqual(
      expect.objectContaining({ level: "warn", message: "meeting has unsaved edits; retrying before it closes", meetingId: r.meetingId }),
    );

    r.store.fault = null;
    await stopping;
    expect((await onDisk(r.dir, r.meetingId)).doc.getText("venue").toString()).toBe("Council Chamber");
  });

  it("gives up closing a room after its retry time, and says how many edits were lost", async () => {
    const { dir, cleanup } = await tempDir("live-minutes-disk-");
    cleanups.push(cleanup);
    const store = new FaultyStore(new LowdbStore(dir));
    await store.open();
    const logged: LogLine[] = [];
    const rooms = new Rooms(
      store,
      createLogger("info", (line) => logged.push(JSON.parse(line) as LogLine)),
      { flushIntervalMs: 40, idleUnloadMs: 60_000, versionIntervalMs: 600_000, closeRetryMs: 300 },
    );
    const meetingId = newId();
    const now = new Date().toISOString();
    await store.saveMeeting({
      id: meetingId,
      title: "Lost",
      committee: "",
      date: "",
      status: "live",
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    await rooms.with(meetingId, (room) => room.flush());
    store.fault = "ENOSPC";
    await rooms.with(meetingId, (room) => room.doc.getText("venue").insert(0, "x"));
    await rooms.closeAll();
    expect(rooms.loaded).toBe(0);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "closing meeting with edits the store never took: they are lost",
        meetingId,
        unsaved: 1,
        error: expect.stringContaining("ENOSPC"),
      }),
    );
  });

  // KNOWN BUG, expected to fail until fixed in server/realtime/Room.ts (not this suite's to
  // change): Room.handleDocUpdate starts the automatic version with `void this.saveVersion(…)`,
  // so a refused write is an unhandled rejection, and Node ends the process with every edit
  // it was keeping. Once Room.ts catches and logs it, drop `.fails`.
  it("stays up when an automatic version falls due while the disk refuses writes", async () => {
    const { dir, cleanup } = await tempDir("live-minutes-disk-");
    cleanups.push(cleanup);
    const store = new LowdbStore(dir);
    await store.open();
    const meetingId = newId();
    const now = new Date().toISOString();
    await store.saveMeeting({
      id: meetingId,
      title: "Versions",
      committee: "",
      date: "",
      status: "live",
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    const signer = new TokenSigner(store);
    const port = await freePort();
    const server = await spawnServer(dir, port, { VERSION_INTERVAL_MS: "1000" });
    cleanups.push(() => server.child.kill("SIGKILL"));
    let exit: Awaited<ServerProcess["exited"]> | null = null;
    void server.exited.then((e) => (exit = e));
    const a = connectProvider(
      `ws://127.0.0.1:${port}/yjs`,
      meetingId,
      await signer.sign({ k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 3600_000 }),
    );
    cleanups.push(() => a.destroy());
    await synced(a);
    // The document and its versions file both refuse writes (see the lowdb test below for how).
    for (const name of [`.${meetingId}.json.tmp`, `.${meetingId}.versions.json.tmp`]) await mkdir(path.join(dir, "meetings", name));
    const typedFrom = Date.now();
    const typist = typing(a, () => a.doc.getText("venue"));
    cleanups.push(() => typist.stop());
    // Typing goes on past the version interval, unless the server dies first.
    await eventually(() => expect(exit !== null || Date.now() - typedFrom > 2000).toBe(true), { timeout: 6000 });
    expect(
      exit,
      `the server exited: ${(exit as { stderr: string } | null)?.stderr.split("\n").find((l) => l.startsWith("AppError"))}`,
    ).toBeNull();
  }, 20_000);

  it("stores a batch the file system refused once, not once per retry (real files)", async () => {
    // No injected fault here: the wrapper only counts attempts, and the real file system refuses.
    const r = await rig(cleanups);
    const a = connectProvider(r.wsUrl, r.meetingId, await r.token("clerk"));
    cleanups.push(() => a.destroy());
    await synced(a);
    const room = r.server.rooms.peek(r.meetingId)!;
    a.doc.getText("venue").insert(0, "A");
    await eventually(() => expect(room.saveStatus).toMatchObject({ unsaved: 0, savedAt: expect.any(String) }));
    // Root ignores permissions, so the write is refused another way: the update log is moved
    // aside and a folder takes its place, which an append cannot write to.
    const logFile = path.join(r.dir, "meetings", `${r.meetingId}.log`);
    const aside = `${logFile}.aside`;
    // Both at once, with no turn of the event loop between them for the server to append in.
    renameSync(logFile, aside);
    mkdirSync(logFile);
    cleanups.push(() => rmdir(logFile).catch(() => undefined));
    const blockedAt = performance.now();
    a.doc.getText("venue").insert(1, "B");
    await eventually(() => expect(room.saveStatus.error).toMatch(/EISDIR/));
    await eventually(() => expect(r.store.documentWrites(blockedAt).length).toBeGreaterThanOrEqual(4), { timeout: 5000 });
    await rmdir(logFile);
    await rename(aside, logFile);
    await eventually(() => expect(room.saveStatus).toMatchObject({ unsaved: 0, error: null }), { timeout: 8000 });
    const { doc, log } = await onDisk(r.dir, r.meetingId);
    expect(doc.getText("venue").toString()).toBe("AB");
    expect(new Set(log).size, `${log.length} updates stored`).toBe(log.length);
    expect(log.length).toBeGreaterThanOrEqual(2);
  });
});
