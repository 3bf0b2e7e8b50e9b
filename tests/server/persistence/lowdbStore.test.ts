import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as Y from "yjs";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { tempDir } from "../../helpers/tempDir";
import { b64, textOf, typed } from "../../helpers/keystrokes";

describe("LowdbStore on disk", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("refuses to open over a corrupt meeting file, naming it and leaving it unchanged", async () => {
    const file = path.join(dir, "meetings", "m1.json");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"state": "AAA=", "updates": [');
    const error = await new LowdbStore(dir).open().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/not valid JSON/);
    expect(await readFile(file, "utf8")).toBe('{"state": "AAA=", "updates": [');
  });

  it("refuses an index whose records fail validation, naming the field", async () => {
    const file = path.join(dir, "meetings.json");
    await writeFile(file, JSON.stringify({ meetings: [{ id: "bad id!", createdAt: "x", updatedAt: "y" }] }));
    await expect(new LowdbStore(dir).open()).rejects.toThrow(/meetings\.json.*meetings\.0\.id/);
    expect(JSON.parse(await readFile(file, "utf8")).meetings[0].id).toBe("bad id!");
  });

  it("sees a change made by another process (the CLI) without restarting", async () => {
    const server = new LowdbStore(dir);
    const cli = new LowdbStore(dir);
    await server.open();
    await cli.open();
    const now = new Date().toISOString();
    await cli.saveMeeting({
      id: "from-cli",
      title: "T",
      committee: "",
      date: "",
      status: "draft",
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    expect((await server.getMeeting("from-cli"))?.title).toBe("T");
  });

  it("loses no record when two processes write the index at once", async () => {
    const a = new LowdbStore(dir);
    const b = new LowdbStore(dir);
    const now = new Date().toISOString();
    const rec = (id: string) => ({
      id,
      title: id,
      committee: "",
      date: "",
      status: "draft" as const,
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).saveMeeting(rec(`m${i}`))));
    expect((await a.listMeetings()).map((m) => m.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
  });

  // The document files: a compacted state plus an update log.
  it("appends batches to the log without rewriting the state file, and compaction empties the log", async () => {
    const store = new LowdbStore(dir);
    await store.open();
    const [first, second] = typed();
    await store.replaceDocument("m1", first!);
    const stateFile = await readFile(path.join(dir, "meetings", "m1.json"), "utf8");
    await store.appendUpdates("m1", [second!]);
    expect(await readFile(path.join(dir, "meetings", "m1.json"), "utf8")).toBe(stateFile);
    expect(await readFile(path.join(dir, "meetings", "m1.log"), "utf8")).toBe(`${b64(second!)}\n`);
    expect(textOf(await new LowdbStore(dir).loadDocument("m1"))).toBe("abc");

    const whole = Y.mergeUpdates([first!, second!]);
    await store.replaceDocument("m1", whole);
    await expect(readFile(path.join(dir, "meetings", "m1.log"), "utf8")).rejects.toThrow(/ENOENT/);
    expect(textOf(await new LowdbStore(dir).loadDocument("m1"))).toBe("abc");
  });

  it("still reads a document file that keeps its updates inside it", async () => {
    const [first, second] = typed();
    await mkdir(path.join(dir, "meetings"), { recursive: true });
    await writeFile(path.join(dir, "meetings", "m1.json"), JSON.stringify({ state: b64(first!), updates: [b64(second!)] }));
    const store = new LowdbStore(dir);
    await store.open();
    expect(textOf(await store.loadDocument("m1"))).toBe("abc");
  });

  it("refuses to open over a corrupt update log, naming it", async () => {
    await mkdir(path.join(dir, "meetings"), { recursive: true });
    const file = path.join(dir, "meetings", "m1.log");
    await writeFile(file, "%%%\n");
    await expect(new LowdbStore(dir).open()).rejects.toThrow(`Data file ${file} line 1 is not a base64 update`);
    expect(await readFile(file, "utf8")).toBe("%%%\n");
  });

  it("removes the log with the meeting", async () => {
    const store = new LowdbStore(dir);
    await store.open();
    await store.appendUpdates("m1", typed());
    await store.deleteMeeting("m1");
    expect(await store.loadDocument("m1")).toEqual([]);
    await expect(readFile(path.join(dir, "meetings", "m1.log"), "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("keeps signed-out sessions in sessions.json, dropping those that have expired", async () => {
    const file = path.join(dir, "sessions.json");
    await writeFile(file, JSON.stringify({ revoked: { expired: Date.now() - 1000 } }));
    const store = new LowdbStore(dir);
    await store.open();
    const until = Date.now() + 3600_000;
    await store.revokeSession("signed-out", until);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ revoked: { "signed-out": until } });
    expect(await new LowdbStore(dir).isSessionRevoked("signed-out")).toBe(true);
  });

  it("refuses to open over a sessions file that fails validation, naming it", async () => {
    await writeFile(path.join(dir, "sessions.json"), JSON.stringify({ revoked: { s: "tomorrow" } }));
    await expect(new LowdbStore(dir).open()).rejects.toThrow(/sessions\.json.*revoked\.s/);
  });
});
