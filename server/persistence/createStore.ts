import type { Config } from "../config";
import type { Logger } from "../logger";
import { LowdbStore } from "./lowdbStore";
import { PostgresStore } from "./postgres/PostgresStore";
import { describeDatabase } from "./postgres/database";
import type { Store } from "./Store";

/** The store the settings choose: lowdb over DATA_DIR (the default), or PostgreSQL at DATABASE_URL. Not yet opened. */
export function createStore(config: Pick<Config, "store" | "dataDir" | "database">, log?: Logger): Store {
  if (config.store === "postgres") {
    if (!config.database) throw new Error("STORE=postgres needs DATABASE_URL.");
    return new PostgresStore(config.database.url, { poolSize: config.database.poolSize, log: log?.child("store") });
  }
  return new LowdbStore(config.dataDir);
}

/** Where the chosen store keeps the data, as the start-up line and the CLI show it (never a password). */
export function storeLocation(config: Pick<Config, "store" | "dataDir" | "database">): string {
  return config.store === "postgres" && config.database ? `database ${describeDatabase(config.database.url)}` : `data in ${config.dataDir}`;
}
