import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answers, resolvePostgres } from "../helpers/postgres";
import { startPrivatePostgres } from "../helpers/privatePostgres";
import { freePort } from "../helpers/serverProcess";

/** tests/helpers/postgres.ts: where nothing answers at DATABASE_URL, the tests start (and stop) a PostgreSQL of their own. */
describe("the tests' own PostgreSQL", () => {
  it("starts a private server when DATABASE_URL points at a closed port, and stops it and removes its folder afterwards", async () => {
    const closed = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const { server, stop } = await resolvePostgres({ DATABASE_URL: closed });
    if ("error" in server) throw new Error(server.error);
    expect(server.url).not.toBe(closed);
    expect(server.source).toMatch(/^a private PostgreSQL in /);
    const dir = server.source.replace("a private PostgreSQL in ", "");
    expect(await answers(server.url)).toBe(true);
    await stop();
    expect(await answers(server.url)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it("uses DATABASE_URL when it answers, and starts nothing", async () => {
    let started = false;
    const own = await startPrivatePostgres();
    try {
      const { server } = await resolvePostgres({ DATABASE_URL: own.url }, async () => {
        started = true;
        throw new Error("not expected");
      });
      expect(server).toEqual({ url: own.url, source: "DATABASE_URL" });
      expect(started).toBe(false);
    } finally {
      await own.stop();
    }
  }, 60_000);

  it("without the PostgreSQL binaries says which package to install", async () => {
    const { server } = await resolvePostgres({}, () => startPrivatePostgres({ binDir: null }));
    expect(server).toEqual({ error: expect.stringMatching(/initdb and pg_ctl were not found .*install Debian's postgresql package/) });
  });
});
