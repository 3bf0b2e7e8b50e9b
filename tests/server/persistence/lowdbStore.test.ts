import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { tempDir } from "../../helpers/tempDir";

describe("LowdbStore on disk", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("refuses to open over a corrupt meeting file, naming it and leaving it unchanged", async () => {
    const file = path.join(dir, "meetings", "m1.json");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"state": "AAA=", "updates": [');
    const error = await new LowdbStore(dir).open().then(() => null, (e: Error) => e);
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
    await cli.saveMeeting({ id: "from-cli", title: "T", committee: "", date: "", status: "draft", public: false, roles: {}, createdAt: now, updatedAt: now });
    expect((await server.getMeeting("from-cli"))?.title).toBe("T");
  });

  it("loses no record when two processes write the index at once", async () => {
    const a = new LowdbStore(dir);
    const b = new LowdbStore(dir);
    const now = new Date().toISOString();
    const rec = (id: string) => ({ id, title: id, committee: "", date: "", status: "draft" as const, public: false, roles: {}, createdAt: now, updatedAt: now });
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).saveMeeting(rec(`m${i}`))));
    expect((await a.listMeetings()).map((m) => m.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
  });
});
