import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, readSettings } from "../../../server/config";
import { startTestServer } from "../../helpers/server";
import { tempDir } from "../../helpers/tempDir";
import { describeRun, runCli, seedPath } from "./runCli";

/**
 * The CLI and the server read one configuration (server/config.ts: the environment over a
 * .env file in the working folder, the same defaults), and every CLI command that reads or
 * writes data says which folder it used and where that setting came from.
 */

/** Each CLI run starts tsx (about a second, more when the whole suite shares the machine). */
const SLOW = { timeout: 60_000 };

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("live-minutes-cli-config-"));
});
afterAll(async () => {
  await cleanup();
});

/** The data folder line a run printed on stderr. */
const folderLine = (stderr: string) => stderr.split("\n").find((line) => line.startsWith("minutes: data folder ")) ?? "";

describe("which data folder the CLI uses", SLOW, () => {
  it("names the folder and where DATA_DIR came from on stderr for every command that touches data, and says when the folder was new", async () => {
    const dataDir = path.join(dir, "from-environment");
    const created = await runCli(["meeting", "create", "--title", "Audit Committee"], { dataDir });
    expect(created.code, describeRun(created)).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({ id: expect.any(String) });
    expect(folderLine(created.stderr)).toBe(
      `minutes: data folder ${dataDir} (DATA_DIR from the environment); it held no data before: if the server uses another folder, it will not see this`,
    );

    const { id } = JSON.parse(created.stdout) as { id: string };
    const [user, token] = await Promise.all([
      runCli(["user", "add", "alice", "--role", "clerk", "--password-stdin"], { dataDir, input: "correct horse battery\n" }),
      runCli(["token", "--meeting", id, "--role", "viewer"], { dataDir }),
    ]);
    for (const run of [user, token]) {
      expect(run.code, describeRun(run)).toBe(0);
      expect(folderLine(run.stderr)).toBe(`minutes: data folder ${dataDir} (DATA_DIR from the environment)`);
      expect(run.stdout).not.toContain("data folder");
    }
  });

  it("without DATA_DIR anywhere, says it used the default ./data of its working folder and how to choose another", async () => {
    const cwd = path.join(dir, "no-settings");
    await mkdir(cwd);
    const run = await runCli(["meeting", "create", "--title", "Planning"], { cwd });
    expect(run.code, describeRun(run)).toBe(0);
    expect(folderLine(run.stderr)).toMatch(
      new RegExp(`^minutes: data folder ${path.join(cwd, "data")} \\(the default; set DATA_DIR in the environment or in \\.env`),
    );
    expect(existsSync(path.join(cwd, "data", "meetings.json"))).toBe(true);
  });

  it("takes DATA_DIR from .env in its working folder, which the server reads too, and lets the environment override it", async () => {
    const cwd = path.join(dir, "with-env-file");
    await mkdir(cwd);
    await writeFile(path.join(cwd, ".env"), "# settings for this installation\nDATA_DIR=./minutes-data\n");
    const fromFile = await runCli(["user", "add", "bob", "--role", "admin", "--password-stdin"], { cwd, input: "correct horse battery\n" });
    expect(fromFile.code, describeRun(fromFile)).toBe(0);
    const fileFolder = path.join(cwd, "minutes-data");
    expect(folderLine(fromFile.stderr)).toContain(`data folder ${fileFolder} (DATA_DIR from ${path.join(cwd, ".env")})`);
    expect(await readFile(path.join(fileFolder, "users.json"), "utf8")).toContain('"bob"');

    const override = path.join(dir, "overridden");
    const fromEnvironment = await runCli(["meeting", "create", "--title", "Licensing"], { cwd, dataDir: override });
    expect(fromEnvironment.code, describeRun(fromEnvironment)).toBe(0);
    expect(folderLine(fromEnvironment.stderr)).toContain(`data folder ${override} (DATA_DIR from the environment)`);
    expect(existsSync(path.join(override, "meetings.json"))).toBe(true);
    expect(existsSync(path.join(fileFolder, "meetings.json"))).toBe(false);

    // The server's configuration, read in the same folder with no DATA_DIR exported, finds the account.
    const config = loadConfig(readSettings(cwd, {}));
    expect(config.dataDir).toBe(fileFolder);
    const ts = await startTestServer({}, config.dataDir);
    try {
      const res = await fetch(`${ts.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "bob", password: "correct horse battery" }),
      });
      expect(res.status).toBe(200);
    } finally {
      await ts.stop();
    }
  });

  it("names no folder and creates none for commands that touch no data, nor for a mistyped one", async () => {
    const cwd = path.join(dir, "no-data-commands");
    await mkdir(cwd);
    const [imported, unknown] = await Promise.all([
      runCli(["import", seedPath("000")], { cwd }),
      runCli(["meeting", "craete", "--title", "X"], { cwd }),
    ]);
    expect(imported.code, describeRun(imported)).toBe(0);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "meeting craete"');
    for (const run of [imported, unknown]) expect(folderLine(run.stderr)).toBe("");
    expect(existsSync(path.join(cwd, "data"))).toBe(false);
  });
});
