import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment, editText, entryTextPath, itemIds, toSnapshot } from "../../shared/meeting";
import { exportMeetingHtml, exportMeetingText, SEED_STYLE } from "../../shared/format";
import { TokenSigner } from "../../server/auth/tokens";
import { LowdbStore } from "../../server/persistence/lowdbStore";
import { PostgresStore } from "../../server/persistence/postgres/PostgresStore";
import type { Store } from "../../server/persistence/Store";
import { buildSyntheticMeeting } from "../../bench/syntheticMeeting";
import { createTestDatabase } from "../helpers/postgres";
import { runMinutes } from "../helpers/minutesCli";
import { tempDir } from "../helpers/tempDir";

const now = new Date().toISOString();
const MEETINGS = ["compacted", "logOnly", "stateAndLog"] as const;
const STYLE = { ...SEED_STYLE, keyword: "Decision", punctuation: ": ", numbering: "1." };
const STEP = { from: "live", to: "closed", by: "u1", byName: "Carla", at: now, reason: "" } as const;

/** Every export of a meeting as the store holds it. */
async function exportsOf(store: Store, id: string): Promise<{ text: string; html: string }> {
  const doc = new Y.Doc();
  for (const u of await store.loadDocument(id)) Y.applyUpdate(doc, u);
  await store.releaseDocument(id);
  const snapshot = toSnapshot(doc);
  return { text: exportMeetingText(snapshot), html: exportMeetingHtml(snapshot) };
}

/** Edits a clerk makes after the meeting's state was written: comments typed into the first item, each keystroke its own update. */
function laterEdits(doc: Y.Doc, words: string): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array) => updates.push(u);
  doc.on("update", record);
  const itemId = itemIds(doc)[0]!;
  const entryId = addComment(doc, itemId, {});
  const path = entryTextPath(itemId, "discussion", entryId, "comment");
  for (let i = 1; i <= words.length; i++) editText(doc, path, words.slice(0, i));
  doc.off("update", record);
  return updates;
}

/**
 * `db import --from-dir DIR` (server/persistence/postgres/importDataFolder.ts): a lowdb data
 * folder made here, with a meeting whose edits are all still in its log, one compacted, one
 * with a state and a log after it, versions, accounts, a phrasebook and the signing key.
 */
describe("db import --from-dir", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const before = new Map<string, { text: string; html: string }>();
  let token: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("live-minutes-import-"));
    db = await createTestDatabase();
    const lowdb = new LowdbStore(dir);
    await lowdb.open();
    for (const [n, id] of MEETINGS.entries()) {
      await lowdb.saveMeeting({
        id,
        title: `Meeting ${n}`,
        committee: "Scrutiny",
        date: "2017-02-14",
        status: "live",
        public: false,
        roles: {},
        createdAt: now,
        updatedAt: now,
      });
      const { doc, state } = buildSyntheticMeeting({ items: 3, hours: 0.05, seed: n + 1 });
      if (id === "logOnly") {
        // Every keystroke a line of the log, as a server that never compacted leaves it.
        const replay = new Y.Doc();
        const updates: Uint8Array[] = [];
        replay.on("update", (u: Uint8Array) => updates.push(u));
        Y.applyUpdate(replay, state);
        await lowdb.appendUpdates(id, [...updates, ...laterEdits(replay, "Members asked about the budget.")]);
      } else {
        await lowdb.replaceDocument(id, state);
        if (id === "stateAndLog") await lowdb.appendUpdates(id, laterEdits(doc, "The chair thanked officers."));
      }
      await lowdb.saveVersion(id, { by: "u1", label: `version of ${id}`, state });
      await lowdb.saveVersion(id, { by: "u1", label: "", state: Y.encodeStateAsUpdate(doc) });
    }
    await lowdb.saveUser({
      id: "u1",
      name: "Carla Clerk",
      displayName: "Carla",
      role: "clerk",
      passwordHash: "scrypt$abc",
      createdAt: now,
    });
    await lowdb.savePhrasebook("Scrutiny", [{ abbreviation: "hw", phrase: "Health and Wellbeing Board" }]);
    await lowdb.saveHouseStyle("Scrutiny", STYLE);
    const closed = (await lowdb.getMeeting("compacted"))!;
    await lowdb.saveMeeting({ ...closed, status: "closed", statusLog: [STEP] });
    token = await new TokenSigner(lowdb).sign({ k: "meeting", m: "stateAndLog", r: "clerk", e: Date.now() + 3600_000 });
    for (const id of MEETINGS) before.set(id, await exportsOf(lowdb, id));
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    await cleanup?.();
  });

  it("copies everything, so every meeting's exported minutes are the same from the database, and tokens signed before stay valid", async () => {
    const run = await runMinutes(["db", "import", "--from-dir", dir], { DATABASE_URL: db.url });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      users: 1,
      meetings: 3,
      documents: 3,
      versions: 6,
      phrasebooks: 1,
      houseStyles: 1,
      signingKeys: 1,
    });
    // The edits still in the logs are in what is compared.
    expect(before.get("stateAndLog")?.text).toContain("The chair thanked officers.");
    expect(before.get("logOnly")?.text).toContain("Members asked about the budget.");
    const pg = new PostgresStore(db.url);
    await pg.open();
    try {
      for (const id of MEETINGS) {
        const after = await exportsOf(pg, id);
        expect(after.text.length).toBeGreaterThan(200);
        expect(after, id).toEqual(before.get(id));
      }
      expect((await pg.listMeetings()).map((m) => m.id).sort()).toEqual([...MEETINGS].sort());
      const lowdb = new LowdbStore(dir);
      expect(await pg.listVersions("logOnly")).toEqual(await lowdb.listVersions("logOnly"));
      expect((await pg.findUserByName("carla clerk"))?.passwordHash).toBe("scrypt$abc");
      expect(await pg.getPhrasebook("scrutiny")).toEqual([{ abbreviation: "hw", phrase: "Health and Wellbeing Board" }]);
      expect(await pg.getHouseStyle("scrutiny")).toEqual(STYLE);
      expect((await pg.getMeeting("compacted"))?.statusLog).toEqual([STEP]);
      expect(await new TokenSigner(pg).verify(token)).toMatchObject({ ok: true, claims: { m: "stateAndLog" } });
    } finally {
      await pg.close();
    }
  });

  it("run again, copies nothing twice and keeps edits made in the database since", async () => {
    const pg = new PostgresStore(db.url);
    await pg.open();
    try {
      const doc = new Y.Doc();
      for (const u of await pg.loadDocument("compacted")) Y.applyUpdate(doc, u);
      await pg.appendUpdates("compacted", laterEdits(doc, "Added after the move."));
      await pg.releaseDocument("compacted");
      const run = await runMinutes(["db", "import", "--from-dir", dir], { DATABASE_URL: db.url });
      expect(run.code, run.stderr).toBe(0);
      expect((await pg.listVersions("compacted")).length).toBe(2);
      expect((await pg.listUsers()).length).toBe(1);
      expect((await pg.signingKeys()).length).toBe(1);
      expect((await exportsOf(pg, "compacted")).text).toContain("Added after the move.");
      for (const id of ["logOnly", "stateAndLog"]) expect(await exportsOf(pg, id)).toEqual(before.get(id));
    } finally {
      await pg.close();
    }
  });

  it("names a folder that does not exist, and needs DATABASE_URL", async () => {
    const missing = await runMinutes(["db", "import", "--from-dir", `${dir}/nowhere`], { DATABASE_URL: db.url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`db import --from-dir ${dir}/nowhere: no such folder`);
    const noUrl = await runMinutes(["db", "import", "--from-dir", dir], { DATABASE_URL: "" });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("db commands need DATABASE_URL");
  });
});
