import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./serverProcess";

const run = promisify(execFile);

/** What to install where the PostgreSQL binaries are missing. */
export const INSTALL_HINT =
  "install Debian's postgresql package (apt-get install postgresql), or set TEST_DATABASE_URL to a server the tests may create databases on";

/** The folders searched for initdb and pg_ctl: Debian's versioned folders (newest first), then PATH. */
export function defaultBinDirs(): string[] {
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debian, v, "bin"))
    : [];
  return [...versions, ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean)];
}

/** The first folder holding initdb, pg_ctl and postgres together, or null. */
export function findBinDir(dirs = defaultBinDirs()): string | null {
  return dirs.find((d) => ["initdb", "pg_ctl", "postgres"].every((b) => existsSync(path.join(d, b)))) ?? null;
}

/** A PostgreSQL server of the tests' own, in a temporary folder, on a free loopback port. */
export interface PrivatePostgres {
  /** A URL of its `postgres` database, as the superuser `postgres` (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The temporary folder holding its data, socket and log. */
  dir: string;
  /** Shuts the server down (fast: its connections end), keeping its data, until `start`. */
  halt(): Promise<void>;
  /** Starts it again on the same port, with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a private PostgreSQL with the installed binaries (initdb, pg_ctl): cluster, socket
 * and log in a temporary folder, listening on 127.0.0.1 only. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` account Debian's package creates.
 * `fsync: false` (tests) skips flushing to disk: a crash of the machine is not what they test.
 */
export async function startPrivatePostgres({ binDir = findBinDir(), fsync = false } = {}): Promise<PrivatePostgres> {
  if (!binDir)
    throw new Error(`PostgreSQL's initdb and pg_ctl were not found (looked in ${defaultBinDirs().join(", ")}): ${INSTALL_HINT}.`);
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(tmpdir(), "live-minutes-pg-"));
  const data = path.join(dir, "data");
  const exec = async (bin: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(binDir, bin), ...args]] : [path.join(binDir, bin), args];
    try {
      return await run(file, argv, { cwd: dir, timeout: 60_000 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${bin} ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`, { cause: error });
    }
  };
  try {
    if (asRoot) {
      const { stdout } = await run("id", ["-u", "postgres"]).catch(() => {
        throw new Error(`PostgreSQL will not run as root, and there is no postgres account to run it as: ${INSTALL_HINT}.`);
      });
      const { stdout: gid } = await run("id", ["-g", "postgres"]);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await exec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fsync ? "on" : "off"} -c max_connections=200`;
    const ctl = (action: string) =>
      exec("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-m", "fast", action]);
    await ctl("start");
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      port,
      dir,
      halt: async () => void (await ctl("stop")),
      start: async () => void (await ctl("start")),
      stop: async () => {
        await exec("pg_ctl", ["-D", data, "-w", "-m", "fast", "stop"]).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await exec("pg_ctl", ["-D", data, "-m", "immediate", "stop"]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
