import { loadConfig } from "./config";
import { createLogger } from "./logger";
import { lockDataFolder } from "./persistence/dataFolderLock";
import { createStore, storeLocation } from "./persistence/createStore";
import { startServer } from "./createServer";

// The only module with side effects: read the environment, take the data folder, open the store, serve.
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // The lock guards a data folder's files; a database keeps its own integrity (one server per database still, README).
  const lock = config.store === "lowdb" ? await lockDataFolder(config.dataDir, log.child("lock")) : { release: async () => {} };
  const store = createStore(config, log);
  const server = await startServer(config, store, log).catch(async (error: Error) => {
    await store.close().catch(() => undefined);
    await lock.release();
    throw error;
  });
  process.stdout.write(`live-minutes is running on http://localhost:${server.port} (${storeLocation(config)})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping: writing open meetings", { signal });
    server
      .close()
      .then(() => lock.release())
      .then(
        () => process.exit(0),
        (error: Error) => {
          log.error("error while stopping", { error: error.message });
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: Error) => {
  process.stderr.write(`live-minutes could not start: ${error.message}\n`);
  process.exit(1);
});
