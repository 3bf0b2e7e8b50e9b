import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import { DataFile } from "lowdb/node";
import { Low } from "lowdb";
import lockfile from "proper-lockfile";
import type { z } from "zod";
import { AppError, describeIssues } from "../errors";

/**
 * A lowdb database over one JSON file, validated with zod on every read. A file that is
 * not JSON or fails the schema raises `store-unreadable` naming the file and the field,
 * and nothing is written over it.
 */
export function openJsonFile<S extends z.ZodType>(file: string, schema: S, empty: z.infer<S>): Low<z.infer<S>> {
  const adapter = new DataFile<z.infer<S>>(file, {
    parse: (text) => parseJson(file, text, schema),
    stringify: (data) => JSON.stringify(data),
  });
  return new Low(adapter, empty);
}

/** Parses and validates a data file's text, with an error that names the file and what is wrong. */
export function parseJson<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AppError(
      "store-unreadable",
      `Data file ${file} is not valid JSON (${(error as Error).message}). It was left unchanged: restore it from a backup or move it aside.`,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      "store-unreadable",
      `Data file ${file} does not hold what it should: ${describeIssues(parsed.error, "(top level)")}. It was left unchanged.`,
    );
  }
  return parsed.data;
}

/** Reads a file's text, or null when it does not exist; other failures name the file. */
export async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new AppError("store-unreadable", `Cannot read data file ${file}: ${(error as Error).message}`);
  }
}

/**
 * Runs read-modify-write on a file shared with other processes (the CLI beside a running
 * server) under an exclusive lock, so neither overwrites the other's change.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, { realpath: false, retries: { retries: 50, minTimeout: 10, maxTimeout: 100 }, stale: 10_000 });
  } catch (error) {
    throw new AppError("store-unwritable", `Cannot lock data file ${file}: ${(error as Error).message}`);
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** Wraps a failed write so the message names the file. */
export function writeError(file: string, error: unknown): AppError {
  return new AppError("store-unwritable", `Cannot write data file ${file}: ${(error as Error).message}`, { cause: error });
}

/** Flushes a file and the folder entry that names it to the disk (fsync both). */
export async function syncToDisk(file: string): Promise<void> {
  for (const target of [file, path.dirname(file)]) {
    const handle = await open(target, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
