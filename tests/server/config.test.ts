import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, readSettings } from "../../server/config";
import { tempDir } from "../helpers/tempDir";

/** server/config.ts: one configuration for the server and the CLI, from the environment over a .env file. */
describe("loadConfig and readSettings", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("live-minutes-config-"));
  });
  afterAll(async () => {
    await cleanup();
  });

  it("uses the documented defaults when nothing is set, relative paths from the working folder", () => {
    const config = loadConfig(readSettings(path.join(dir, "nowhere"), {}));
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      dataDir: path.join(dir, "nowhere", "data"),
      clientDir: path.join(dir, "nowhere", "dist", "client"),
      logLevel: "info",
      sessionHours: 12,
      sources: {},
    });
  });

  it("reads settings from .env, relative paths from its folder, with the environment winning and each source recorded", async () => {
    const cwd = path.join(dir, "install");
    await mkdir(cwd);
    await writeFile(path.join(cwd, ".env"), 'DATA_DIR=./store\nPORT=8080\nLOG_LEVEL="warn"\nNOT_A_SETTING=1\n');
    const config = loadConfig(readSettings(cwd, { PORT: "9090" }));
    expect(config.dataDir).toBe(path.join(cwd, "store"));
    expect(config.port).toBe(9090);
    expect(config.logLevel).toBe("warn");
    expect(config.sources).toEqual({ DATA_DIR: path.join(cwd, ".env"), LOG_LEVEL: path.join(cwd, ".env"), PORT: "the environment" });
  });

  it("reports every bad setting at once, naming the variable, its value and the file it came from", async () => {
    const cwd = path.join(dir, "bad");
    await mkdir(cwd);
    await writeFile(path.join(cwd, ".env"), "PORT=eighty\n");
    let thrown: unknown;
    try {
      loadConfig(readSettings(cwd, { LOG_LEVEL: "loud" }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as Error).message;
    expect(message).toContain(`PORT="eighty" (from ${path.join(cwd, ".env")})`);
    expect(message).toContain('LOG_LEVEL="loud" (from the environment)');
  });

  it("chooses lowdb by default, and postgres with DATABASE_URL and the pool size", () => {
    expect(loadConfig({})).toMatchObject({ store: "lowdb", database: null });
    expect(loadConfig({ STORE: "postgres", DATABASE_URL: "postgres://u:p@db:5432/minutes", DATABASE_POOL_SIZE: "4" })).toMatchObject({
      store: "postgres",
      database: { url: "postgres://u:p@db:5432/minutes", poolSize: 4 },
    });
  });

  it("reports store problems with the others at once, and never shows a database password", () => {
    const message = (() => {
      try {
        loadConfig({ STORE: "postgres", DATABASE_URL: "mysql://root:hunter2@db/minutes", PORT: "eighty" });
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(message).toContain('PORT="eighty"');
    expect(message).toContain('DATABASE_URL="mysql://root:***@db/minutes": the scheme must be postgres: or postgresql:, not mysql:');
    expect(message).not.toContain("hunter2");
    expect(() => loadConfig({ STORE: "postgres" })).toThrow(/DATABASE_URL="": STORE=postgres needs DATABASE_URL/);
    expect(() => loadConfig({ STORE: "postgres", DATABASE_URL: "postgres://db:5432" })).toThrow(/names no database/);
    expect(() => loadConfig({ STORE: "sqlite" })).toThrow(/STORE="sqlite"/);
  });
});
