import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { MeetingRecord, Store, UserRecord } from "../../server/persistence/Store";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { MemoryStore } from "../../server/persistence/memoryStore";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import { createTestDatabase } from "../helpers/postgres";
import { tempDir } from "../helpers/tempDir";
import { SEED_STYLE } from "../../shared/format/houseStyle";

const now = new Date().toISOString();
const meeting = (id: string, extra: Partial<MeetingRecord> = {}): MeetingRecord => ({
  id,
  title: `Meeting ${id}`,
  committee: "Scrutiny",
  date: "2017-02-14",
  status: "draft",
  public: false,
  roles: {},
  createdAt: now,
  updatedAt: now,
  ...extra,
});
const user = (id: string, name: string): UserRecord => ({
  id,
  name,
  displayName: name,
  role: "clerk",
  passwordHash: "scrypt$x",
  createdAt: now,
});

/** This file's own database, made on first use and dropped after; each test starts from an empty schema. */
let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
afterAll(async () => database?.drop());
async function emptyPostgres(): Promise<string> {
  database ??= await createTestDatabase();
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    await c.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
  } finally {
    await c.end();
  }
  return database.url;
}

// One suite, every store: a server-grade store must pass exactly this to be plugged in.
const stores: [string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
  ["MemoryStore", async () => ({ store: new MemoryStore(), cleanup: async () => {} })],
  [
    "LowdbStore",
    async () => {
      const { dir, cleanup } = await tempDir();
      return { store: new LowdbStore(dir), cleanup };
    },
  ],
  ["PostgresStore", async () => ({ store: new PostgresStore(await emptyPostgres()), cleanup: async () => {} })],
];

for (const [name, make] of stores) {
  describe(`${name} meets the store contract`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await make());
      await store.open();
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it("creates, lists, replaces and deletes meetings", async () => {
      await store.saveMeeting(meeting("a"));
      await store.saveMeeting(meeting("b"));
      await store.saveMeeting(meeting("a", { title: "Renamed", roles: { u1: "chair" } }));
      expect((await store.listMeetings()).map((m) => m.id).sort()).toEqual(["a", "b"]);
      expect(await store.getMeeting("a")).toMatchObject({ title: "Renamed", roles: { u1: "chair" } });
      await store.deleteMeeting("a");
      expect(await store.getMeeting("a")).toBeNull();
      expect(await store.listMeetings()).toHaveLength(1);
    });

    it("keeps user names unique regardless of case", async () => {
      await store.saveUser(user("u1", "Clerk"));
      await expect(store.saveUser(user("u2", "clerk"))).rejects.toThrow(/already exists/);
      expect((await store.findUserByName("CLERK"))?.id).toBe("u1");
      await store.deleteUser("u1");
      expect(await store.getUser("u1")).toBeNull();
    });

    it("gives back a document as stored: appended updates, then a compacted state", async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      doc.getText("t").insert(0, "hello");
      doc.getText("t").insert(5, " world");
      await store.appendUpdates("m", updates.slice(0, 1));
      await store.appendUpdates("m", updates.slice(1));
      const copy = new Y.Doc();
      for (const u of await store.loadDocument("m")) Y.applyUpdate(copy, u);
      expect(copy.getText("t").toString()).toBe("hello world");

      await store.replaceDocument("m", Y.encodeStateAsUpdate(doc));
      expect(await store.loadDocument("m")).toHaveLength(1);
      await store.releaseDocument("m");
      const again = new Y.Doc();
      for (const u of await store.loadDocument("m")) Y.applyUpdate(again, u);
      expect(again.getText("t").toString()).toBe("hello world");
    });

    it("returns no updates for a meeting never edited", async () => {
      expect(await store.loadDocument("never")).toEqual([]);
    });

    it("saves, lists and loads versions", async () => {
      const a = await store.saveVersion("m", { by: "u1", label: "before item 5", state: new Uint8Array([1, 2, 3]) });
      await store.saveVersion("m", { by: "u1", label: "", state: new Uint8Array([4]) });
      const list = await store.listVersions("m");
      expect(list.map((v) => v.label)).toEqual(["before item 5", ""]);
      expect(list[0]).toMatchObject({ id: a.id, by: "u1", bytes: 3 });
      expect(Array.from((await store.loadVersion("m", a.id))!)).toEqual([1, 2, 3]);
      expect(await store.loadVersion("m", "nope")).toBeNull();
    });

    it("deleting a meeting removes its document and versions", async () => {
      await store.saveMeeting(meeting("gone"));
      await store.appendUpdates("gone", [Y.encodeStateAsUpdate(new Y.Doc())]);
      await store.saveVersion("gone", { by: "", label: "", state: new Uint8Array([1]) });
      await store.deleteMeeting("gone");
      expect(await store.loadDocument("gone")).toEqual([]);
      expect(await store.listVersions("gone")).toEqual([]);
    });

    it("keeps a phrasebook per committee, whatever the case of its name", async () => {
      expect(await store.getPhrasebook("Health Scrutiny")).toBeNull();
      await store.savePhrasebook("Health Scrutiny", [{ abbreviation: "hw", phrase: "Health and Wellbeing Board" }]);
      expect(await store.getPhrasebook("health scrutiny")).toEqual([{ abbreviation: "hw", phrase: "Health and Wellbeing Board" }]);
      expect(await store.getPhrasebook("Audit")).toBeNull();
      await expect(store.savePhrasebook("Audit", [{ abbreviation: "has space", phrase: "x" }])).rejects.toThrow(
        /abbreviations are 1-12 letters/,
      );
    });

    it("keeps a meeting's status history and its approval links with the record", async () => {
      const at = new Date().toISOString();
      const record = meeting("m-life", {
        status: "approved",
        statusLog: [{ from: "circulated", to: "approved", by: "u1", byName: "Ann", at, reason: "Approved at the next meeting" }],
        approvedBy: { meetingId: "m-next", itemId: "i1", resolutionId: "r1", wording: "That the minutes be approved.", at },
      });
      await store.saveMeeting(record);
      await store.saveMeeting(meeting("m-next", { approves: [{ itemId: "i1", meetingId: "m-life" }] }));
      expect(await store.getMeeting("m-life")).toEqual(record);
      expect((await store.getMeeting("m-next"))?.approves).toEqual([{ itemId: "i1", meetingId: "m-life" }]);
      expect((await store.getMeeting("m-next"))?.statusLog).toBeUndefined();
    });

    it("keeps a house style per committee, whatever the case of its name, and refuses one with a part missing", async () => {
      const style = { ...SEED_STYLE, keyword: "Resolved", punctuation: ": ", numbering: "1." };
      expect(await store.getHouseStyle("Planning")).toBeNull();
      await store.saveHouseStyle("Planning", style);
      expect(await store.getHouseStyle("PLANNING")).toEqual(style);
      expect(await store.getHouseStyle("Licensing")).toBeNull();
      const { trailer: _trailer, ...lacking } = style;
      await expect(store.saveHouseStyle("Licensing", lacking as typeof style)).rejects.toThrow(/trailer/);
      expect(await store.getHouseStyle("Licensing")).toBeNull();
    });

    it("remembers a signed-out session until it would have expired", async () => {
      const later = Date.now() + 3600_000;
      expect(await store.isSessionRevoked("s1")).toBe(false);
      await store.revokeSession("s1", later);
      await store.revokeSession("s2", later);
      expect(await store.isSessionRevoked("s1")).toBe(true);
      expect(await store.isSessionRevoked("s2")).toBe(true);
      expect(await store.isSessionRevoked("s3")).toBe(false);
    });

    it("need not remember a session signed out after it expired", async () => {
      await store.revokeSession("old", Date.now() - 1);
      expect(await store.isSessionRevoked("old")).toBe(false);
    });

    it("makes one signing key on first use and keeps it: a 256-bit secret with an id, in use", async () => {
      const [first, ...others] = await store.signingKeys();
      expect(others).toEqual([]);
      expect(first).toMatchObject({ kid: expect.any(String), retiredAt: null });
      expect(first!.secret.byteLength).toBe(32);
      const again = await store.signingKeys();
      expect(again.map((k) => k.kid)).toEqual([first!.kid]);
      expect(Array.from(again[0]!.secret)).toEqual(Array.from(first!.secret));
    });

    it("replaces the signing keys with what the change makes of them, and keeps that", async () => {
      const [first] = await store.signingKeys();
      const added = {
        kid: "k-next",
        secret: new Uint8Array(32).fill(3),
        createdAt: new Date().toISOString(),
        retiredAt: null,
        legacy: false,
      };
      const written = await store.updateSigningKeys((keys) => [
        added,
        ...keys.map((k) => ({ ...k, retiredAt: "2030-01-01T00:00:00.000Z" })),
      ]);
      expect(written.map((k) => [k.kid, k.retiredAt])).toEqual([
        ["k-next", null],
        [first!.kid, "2030-01-01T00:00:00.000Z"],
      ]);
      const read = await store.signingKeys();
      expect(read.map((k) => [k.kid, k.retiredAt])).toEqual([
        ["k-next", null],
        [first!.kid, "2030-01-01T00:00:00.000Z"],
      ]);
      expect(Array.from(read[0]!.secret)).toEqual(Array.from(added.secret));
      expect(Array.from(read[1]!.secret)).toEqual(Array.from(first!.secret));
    });
  });
}
