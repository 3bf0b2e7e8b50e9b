import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
 * server/cli/index.ts), with DATA_DIR set to `dataDir`. `input` is piped to stdin, which is
 * always closed so a command reading it never waits for a terminal.
 */
export function runCli(args: readonly string[], { dataDir, input = "" }: { dataDir: string; input?: string }): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/index.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ["pipe", "pipe", "pipe"],
  });
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
