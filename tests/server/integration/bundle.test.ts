import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addItem, itemTextPath, newId, textAt } from "../../../shared/meeting";
import { LowdbStore } from "../../../server/persistence/lowdbStore";
import { TokenSigner } from "../../../server/auth/tokens";
import { connectProvider, synced } from "../../helpers/server";
import { freePort, spawnServer, type ServerProcess } from "../../helpers/serverProcess";
import { tempDir } from "../../helpers/tempDir";
import { eventually } from "../../helpers/eventually";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * `npm start` runs the server as one bundle (`npm run build:server`), not from source. Built
 * here with that script's own options into a folder of its own, then started as a process:
 * it must serve the API and a live meeting, and load the Word exporter (a chunk of its own,
 * so that it stays out of memory until the first DOCX download) when one is asked for.
 */
describe("the server bundle npm start runs", () => {
  let outDir: string;
  let server: ServerProcess | null = null;
  let data: { dir: string; cleanup: () => Promise<void> };

  beforeAll(() => {
    // Inside the project, so that the bundle finds node_modules as dist/server does.
    mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
    outDir = mkdtempSync(path.join(ROOT, ".tmp", "bundle-"));
    const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts[
      "build:server"
    ]!;
    const args = script
      .split(" ")
      .slice(1)
      .map((a) => (a.startsWith("--outdir=") ? `--outdir=${outDir}` : a));
    expect(args).toContain(`--outdir=${outDir}`);
    execFileSync(path.join(ROOT, "node_modules/.bin/esbuild"), args, { cwd: ROOT, stdio: "pipe" });
  }, 60_000);

  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await server?.exited;
    await data?.cleanup();
    rmSync(outDir, { recursive: true, force: true });
  });

  it("keeps the Word exporter in a chunk of its own, out of the entry", () => {
    const files = readdirSync(outDir);
    expect(files.some((f) => /^exportDocx-.*\.js$/.test(f))).toBe(true);
    const entry = readFileSync(path.join(outDir, "index.js"), "utf8");
    expect(entry).not.toMatch(/from\s*"docx"/);
  });

  it("serves a live meeting and exports it to Word", async () => {
    data = await tempDir("live-minutes-bundle-");
    const store = new LowdbStore(data.dir);
    await store.open();
    const meetingId = newId();
    const now = new Date().toISOString();
    await store.saveMeeting({
      id: meetingId,
      title: "Bundled",
      committee: "Planning",
      date: "",
      status: "live",
      public: false,
      roles: {},
      createdAt: now,
      updatedAt: now,
    });
    const token = await new TokenSigner(store).sign({ k: "meeting", m: meetingId, r: "clerk", e: Date.now() + 3600_000 });
    await store.close();

    const port = await freePort();
    server = await spawnServer(data.dir, port, {}, [path.join(outDir, "index.js")]);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);

    const provider = connectProvider(`ws://127.0.0.1:${port}/yjs`, meetingId, token);
    try {
      await synced(provider);
      const itemId = addItem(provider.doc, { title: "" });
      textAt(provider.doc, itemTextPath(itemId, "title"))!.insert(0, "Bundled agenda item");
      const body = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/meetings/${meetingId}/export?format=docx`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file("word/document.xml")!.async("string");
        expect(xml).toContain("Bundled agenda item");
        return xml;
      });
      expect(body).toContain("Planning");
    } finally {
      provider.destroy();
    }
  }, 60_000);
});
