import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A free loopback port: bound to 0, read, released, so a restarted server can take the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The server started as its own process, from source or from the bundle `npm start` runs (less the client build). */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Resolves when it exits, with its code, signal and everything it wrote to stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Spawns the server on `port` over `dataDir`; resolves once it listens, rejects if it exits
 * first. It runs from source (`server/index.ts` under tsx) unless `entry` names a built bundle.
 */
export function spawnServer(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  entry: string[] = ["--import", "tsx", "server/index.ts"],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, CLIENT_DIR: "", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => {
      if (c.toString().includes("is running on")) resolve({ child, port, exited });
    });
    void exited.then((e) => reject(new Error(`server exited before listening (code ${e.code}): ${e.stderr}`)));
  });
}
