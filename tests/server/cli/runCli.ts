import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SEED_DIR } from "../../helpers/seeds";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** How a CLI run ended: its exit code, what it printed (as text and as bytes) and its error output. */
export interface CliResult {
  code: number | null;
  stdout: string;
  bytes: Buffer;
  stderr: string;
}

/**
 * Runs `minutes ARGS` as its own process, exactly as `npm run minutes` does (tsx over
 * server/cli/index.ts), with DATA_DIR set to `dataDir` (or unset when it is not given), in
 * `cwd` (the project folder by default). `input` is piped to stdin, which is always closed
 * so a command reading it never waits for a terminal.
 */
export function runCli(
  args: readonly string[],
  { dataDir, cwd = ROOT, input = "" }: { dataDir?: string; cwd?: string; input?: string },
): Promise<CliResult> {
  const env = { ...process.env, DATA_DIR: dataDir };
  if (dataDir === undefined) delete env.DATA_DIR;
  // Absolute paths, so that the CLI can run from any folder (it reads .env from its own).
  const child = spawn(
    process.execPath,
    ["--import", pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, path.join(ROOT, "server/cli/index.ts"), ...args],
    {
      cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => out.push(c));
  child.stderr.on("data", (c: Buffer) => err.push(c));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString("utf8"), bytes, stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** A readable summary of a run, for assertion messages. */
export function describeRun(result: CliResult): string {
  return `exit ${result.code}; stderr: ${result.stderr.trim() || "(none)"}`;
}

/** The path of a seed file by its short name ("000" … "004"). */
export function seedPath(name: string): string {
  const file = readdirSync(SEED_DIR).find((f) => f.startsWith(`${name}_`));
  if (!file) throw new Error(`no seed named ${name} in ${SEED_DIR}`);
  return path.join(SEED_DIR, file);
}
