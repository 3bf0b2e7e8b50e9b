import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HOLDER_FILE, LOCK_DIR } from "../../../server/persistence/dataFolderLock";
import { freePort, spawnServer, type ServerProcess } from "../../helpers/serverProcess";
import { tempDir } from "../../helpers/tempDir";
import { describeRun, runCli } from "../cli/runCli";

/** Why a server process would not start: its error output, as the failed spawn reports it. */
async function refusal(dir: string): Promise<string> {
  return spawnServer(dir, await freePort()).then(
    (started) => {
      started.child.kill("SIGKILL");
      return "(it started)";
    },
    (error: Error) => error.message,
  );
}

describe("one server process per data folder", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function folder(): Promise<string> {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    return dir;
  }

  async function serve(dir: string): Promise<ServerProcess> {
    const server = await spawnServer(dir, await freePort());
    cleanups.push(async () => {
      server.child.kill("SIGKILL");
      await server.exited;
    });
    return server;
  }

  it("refuses a second server on the same folder, naming the holder's process, host and start time; the first serves on", async () => {
    const dir = await folder();
    const first = await serve(dir);
    const message = await refusal(dir);
    expect(message).toMatch(/\(code 1\)/);
    expect(message).toContain(
      `live-minutes could not start: The data folder ${dir} is in use by another live-minutes server (process ${first.child.pid} on ${hostname()}, since 20`,
    );
    expect(message).toContain("Stop it first, or give this server another DATA_DIR.");
    expect((await fetch(`http://127.0.0.1:${first.port}/api/health`)).status).toBe(200);
  }, 30_000);

  it("leaves the CLI free to work beside a running server on the same folder", async () => {
    const dir = await folder();
    const server = await serve(dir);
    const created = await runCli(["meeting", "create", "--title", "Beside the server"], { dataDir: dir });
    expect(created.code, describeRun(created)).toBe(0);
    const index = JSON.parse(await readFile(path.join(dir, "meetings.json"), "utf8")) as { meetings: { title: string }[] };
    expect(index.meetings.map((m) => m.title)).toEqual(["Beside the server"]);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
  }, 30_000);

  it("lets a server start at once on the folder of one killed with SIGKILL, whose lock was left behind", async () => {
    const dir = await folder();
    const killed = await spawnServer(dir, await freePort());
    killed.child.kill("SIGKILL");
    await killed.exited;
    expect((await stat(path.join(dir, LOCK_DIR))).isDirectory()).toBe(true);
    const next = await serve(dir);
    expect((await fetch(`http://127.0.0.1:${next.port}/api/health`)).status).toBe(200);
    expect(JSON.parse(await readFile(path.join(dir, HOLDER_FILE), "utf8"))).toMatchObject({ pid: next.child.pid, host: hostname() });
  }, 30_000);

  it("releases the folder when stopped with SIGTERM", async () => {
    const dir = await folder();
    const stopped = await spawnServer(dir, await freePort());
    stopped.child.kill("SIGTERM");
    expect((await stopped.exited).code).toBe(0);
    await expect(stat(path.join(dir, LOCK_DIR))).rejects.toThrow(/ENOENT/);
    await expect(stat(path.join(dir, HOLDER_FILE))).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it("does not take over a fresh lock held from another machine, whose process it cannot check", async () => {
    const dir = await folder();
    await mkdir(path.join(dir, LOCK_DIR));
    await writeFile(
      path.join(dir, HOLDER_FILE),
      JSON.stringify({ pid: 4242, host: "minutes-2.example", since: "2024-05-01T09:00:00.000Z" }),
    );
    expect(await refusal(dir)).toContain("(process 4242 on minutes-2.example, since 2024-05-01T09:00:00.000Z)");
  }, 30_000);
});
