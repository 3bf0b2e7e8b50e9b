import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { newId } from "../../../shared/meeting";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { TokenSigner } from "../../../server/auth/tokens";
import { connectProvider, synced } from "../../helpers/server";
import { connectRaw } from "../../helpers/rawClient";
import { freePort, spawnServer, type ServerProcess } from "../../helpers/serverProcess";
import { eventually } from "../../helpers/eventually";
import { tempDir } from "../../helpers/tempDir";
import type { WebsocketProvider } from "y-websocket";

/** A data folder with one meeting and a signer for its tokens. */
async function prepare(): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
  meetingId: string;
  token: (role: "clerk" | "viewer") => Promise<string>;
}> {
  const { dir, cleanup } = await tempDir();
  const store = new LowdbStore(dir);
  await store.open();
  const meetingId = newId();
  const now = new Date().toISOString();
  await store.saveMeeting({
    id: meetingId,
    title: "Crash",
    committee: "",
    date: "",
    status: "live",
    public: false,
    roles: {},
    createdAt: now,
    updatedAt: now,
  });
  const signer = new TokenSigner(store);
  return { dir, cleanup, meetingId, token: (role) => signer.sign({ k: "meeting", m: meetingId, r: role, e: Date.now() + 3600_000 }) };
}

/** The meeting's text as the store on disk holds it. */
async function storedText(dir: string, meetingId: string, name: string): Promise<string> {
  const store = new LowdbStore(dir);
  await store.open();
  const doc = new Y.Doc();
  for (const u of await store.loadDocument(meetingId)) Y.applyUpdate(doc, u);
  return doc.getText(name).toString();
}

describe("a server killed with SIGKILL", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("loses nothing once the clients reconnect to the restarted server", async () => {
    const { dir, cleanup, meetingId, token } = await prepare();
    cleanups.push(cleanup);
    const port = await freePort();
    let server: ServerProcess = await spawnServer(dir, port);
    cleanups.push(() => server.child.kill("SIGKILL"));
    const url = `ws://127.0.0.1:${port}/yjs`;
    const clients: WebsocketProvider[] = [
      connectProvider(url, meetingId, await token("clerk")),
      connectProvider(url, meetingId, await token("clerk")),
    ];
    cleanups.push(() => clients.forEach((c) => c.destroy()));
    await Promise.all(clients.map(synced));

    // Each clerk types into its own meeting field, a character every few milliseconds, across the kill.
    const fields = ["committee", "venue"];
    const typed = ["", ""];
    let typing = true;
    const loops = clients.map((c, i) =>
      (async () => {
        for (let n = 0; typing; n++) {
          const ch = String.fromCharCode(97 + ((n + i * 7) % 26));
          c.doc.getText(fields[i]).insert(typed[i]!.length, ch);
          typed[i] += ch;
          await new Promise((r) => setTimeout(r, 3));
        }
      })(),
    );
    await eventually(() => expect(typed[0]!.length + typed[1]!.length).toBeGreaterThan(100));
    server.child.kill("SIGKILL");
    await server.exited;
    await eventually(() => expect(typed[0]!.length + typed[1]!.length).toBeGreaterThan(200));
    server = await spawnServer(dir, port);
    await eventually(() => expect(clients.every((c) => c.wsconnected)).toBe(true), { timeout: 10_000 });
    await eventually(() => expect(typed[0]!.length + typed[1]!.length).toBeGreaterThan(300));
    typing = false;
    await Promise.all(loops);

    const viewer = connectProvider(url, meetingId, await token("viewer"));
    cleanups.push(() => viewer.destroy());
    await synced(viewer);
    await eventually(
      () => {
        expect(viewer.doc.getText("committee").toString()).toBe(typed[0]);
        expect(viewer.doc.getText("venue").toString()).toBe(typed[1]);
      },
      { timeout: 10_000 },
    );
  });

  it("has on disk every edit it received more than 100 ms before the kill", async () => {
    const { dir, cleanup, meetingId, token } = await prepare();
    cleanups.push(cleanup);
    const port = await freePort();
    const server = await spawnServer(dir, port);
    cleanups.push(() => server.child.kill("SIGKILL"));
    const raw = await connectRaw(`ws://127.0.0.1:${port}/yjs/${meetingId}?token=${await token("clerk")}`);
    await raw.synced;
    // Each keystroke goes straight onto the wire; the time it left is noted.
    const sent: { at: number; length: number }[] = [];
    const text = raw.doc.getText("title");
    for (let i = 0; i < 400; i++) {
      raw.sendUpdate(raw.capture(() => text.insert(text.length, String.fromCharCode(97 + (i % 26)))));
      sent.push({ at: performance.now(), length: text.length });
      await new Promise((r) => setTimeout(r, 2));
    }
    const killedAt = performance.now();
    server.child.kill("SIGKILL");
    await server.exited;
    const mustHave = sent.filter((s) => s.at < killedAt - 100).at(-1)!.length;
    const onDisk = await storedText(dir, meetingId, "title");
    expect(onDisk.length).toBeGreaterThanOrEqual(mustHave);
    expect(onDisk).toBe(text.toString().slice(0, onDisk.length));
  });
});

describe("a corrupt data file", () => {
  it("stops the start with a message naming the file, and leaves the file unchanged", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = path.join(dir, "meetings", "broken.json");
      await mkdir(path.dirname(file), { recursive: true });
      const garbage = '{"state":"AAA=","updates":["AQ';
      await writeFile(file, garbage);
      const outcome = await spawnServer(dir, await freePort()).then(
        (s) => {
          s.child.kill("SIGKILL");
          return "started";
        },
        (e: Error) => e.message,
      );
      expect(outcome).toMatch(/exited before listening \(code 1\)/);
      expect(outcome).toContain(`could not start: Data file ${file} is not valid JSON`);
      expect(await readFile(file, "utf8")).toBe(garbage);
    } finally {
      await cleanup();
    }
  });
});
