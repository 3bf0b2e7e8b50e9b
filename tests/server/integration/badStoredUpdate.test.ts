import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type MeetingSnapshot } from "../../../shared/meeting";
import { loadConfig } from "../../../server/config";
import { createLogger } from "../../../server/logger";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { startServer, type LiveMinutesServer } from "../../../server/createServer";
import { connectRaw } from "../../helpers/rawClient";
import { tempDir } from "../../helpers/tempDir";

/** Base64 that decodes to bytes Yjs cannot read as an update. */
const GARBAGE = Buffer.from("garbage-not-yjs-at-all-").toString("base64");

/** A meeting's state with `venue` set, as base64. */
function stateWith(venue: string): string {
  const doc = new Y.Doc();
  doc.getText("venue").insert(0, venue);
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64");
}

describe("a data file that parses but holds a bad Yjs update", () => {
  let data: { dir: string; cleanup(): Promise<void> };
  let server: LiveMinutesServer;
  const logged: { level: string; message: string; error?: string }[] = [];
  const ids = { good: newId(), badState: newId(), badLog: newId() };
  const files = () => ({
    state: path.join(data.dir, "meetings", `${ids.badState}.json`),
    log: path.join(data.dir, "meetings", `${ids.badLog}.log`),
  });
  let before: { state: string; log: string };
  const url = () => `http://127.0.0.1:${server.port}`;
  const token = (meetingId: string) => server.signer.sign({ k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 3600_000 });
  const get = async (meetingId: string) => {
    const res = await fetch(`${url()}/api/meetings/${meetingId}`, { headers: { authorization: `Bearer ${await token(meetingId)}` } });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; snapshot?: MeetingSnapshot } };
  };

  beforeAll(async () => {
    data = await tempDir();
    const store = new LowdbStore(data.dir);
    await store.open();
    const now = new Date().toISOString();
    for (const id of Object.values(ids))
      await store.saveMeeting({
        id,
        title: id,
        committee: "",
        date: "",
        status: "live",
        public: false,
        roles: {},
        createdAt: now,
        updatedAt: now,
      });
    await writeFile(path.join(data.dir, "meetings", `${ids.good}.json`), JSON.stringify({ state: stateWith("Town Hall") }));
    await writeFile(files().state, JSON.stringify({ state: GARBAGE }));
    await writeFile(path.join(data.dir, "meetings", `${ids.badLog}.json`), JSON.stringify({ state: stateWith("Room 2") }));
    await writeFile(files().log, `${stateWith("Room 3")}\n${GARBAGE}\n`);
    before = { state: await readFile(files().state, "utf8"), log: await readFile(files().log, "utf8") };
    const config = loadConfig({ LOG_LEVEL: "info" }, { port: 0, host: "127.0.0.1", dataDir: data.dir, clientDir: "" });
    server = await startServer(
      config,
      new LowdbStore(data.dir),
      createLogger("info", (line) => logged.push(JSON.parse(line))),
    );
  });
  afterAll(async () => {
    await server?.close();
    await data.cleanup();
  });

  it("starts the server, and the other meetings load", async () => {
    const good = await get(ids.good);
    expect(good.status).toBe(200);
    expect(good.body.snapshot?.venue).toBe("Town Hall");
  });

  it("fails loading a meeting whose state is not a Yjs update with an error naming the file, over REST and in the log", async () => {
    const res = await get(ids.badState);
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({
      code: "store-unreadable",
      message: expect.stringMatching(
        new RegExp(`^Data file .*meetings/${ids.badState}\\.json: the stored state is not a valid Yjs update: .+\\. It was left unchanged`),
      ),
    });
    expect(res.body.error!.message).toContain(files().state);
    expect(
      logged.some(
        (l) => l.level === "error" && l.error?.includes(`meetings/${ids.badState}.json: the stored state is not a valid Yjs update`),
      ),
    ).toBe(true);
  });

  it("names the update log and its line when a logged update is bad", async () => {
    const res = await get(ids.badLog);
    expect(res.status).toBe(500);
    expect(res.body.error?.message).toContain(`Data file ${files().log} line 2: the update is not a valid Yjs update: `);
  });

  it("refuses the Yjs upgrade to such a meeting with the same words", async () => {
    const refused = await connectRaw(`ws://127.0.0.1:${server.port}/yjs/${ids.badState}?token=${await token(ids.badState)}`).then(
      () => null,
      (e: { status: number; body: string }) => e,
    );
    expect(refused?.status).toBe(500);
    expect(JSON.parse(refused!.body).error).toContain(
      `Meeting "${ids.badState}" cannot be loaded: Data file ${files().state}: the stored state is not a valid Yjs update`,
    );
  });

  it("never writes over the bad files, even once the server stops", async () => {
    expect((await get(ids.badState)).status).toBe(500);
    expect((await get(ids.good)).status).toBe(200);
    await server.close();
    expect(await readFile(files().state, "utf8")).toBe(before.state);
    expect(await readFile(files().log, "utf8")).toBe(before.log);
  });
});
