import { readdir } from "node:fs/promises";
import type { Config } from "../config";

/** True when the folder holds nothing yet (or does not exist): the CLI is about to start a new data folder. */
export async function isNewDataFolder(dataDir: string): Promise<boolean> {
  try {
    return (await readdir(dataDir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/**
 * The line the CLI prints (on stderr, so stdout stays the command's output) for each command
 * that reads or writes data: which folder, set where, and whether it was new. An account
 * made in a folder the server does not use would otherwise vanish without a word.
 */
export function dataFolderLine(config: Pick<Config, "dataDir" | "sources">, isNew: boolean): string {
  const source = config.sources.DATA_DIR;
  const from = source
    ? `DATA_DIR from ${source}`
    : `the default; set DATA_DIR in the environment or in .env (read by the server too) for another`;
  const fresh = isNew ? `; it held no data before: if the server uses another folder, it will not see this` : "";
  return `data folder ${config.dataDir} (${from})${fresh}`;
}
