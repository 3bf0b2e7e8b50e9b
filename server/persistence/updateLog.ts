import { appendFileSync, truncateSync } from "node:fs";
import { rm } from "node:fs/promises";
import { AppError } from "../errors";
import { readText, writeError } from "./jsonFile";

const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * A meeting's updates since its last compaction, one base64 line each, appended as they
 * come: a batch costs its own bytes rather than a rewrite of the whole document file.
 *
 * Appends are synchronous. A batch is a few hundred bytes into the page cache, about 13 µs
 * of CPU with its encoding; the same append through the thread pool (fs/promises) costs
 * about 150 µs and a wake-up of the event loop, and a busy server makes one per meeting for
 * each turn of the event loop that brought it edits (`npm run bench:log` measures both). The
 * price is that a stalled disk would stall the server, which is why the data folder belongs
 * on a local disk.
 *
 * A line counts only once its newline is written. A crash part-way through an append leaves
 * a tail without one, which reading ignores; a failed append (a full disk takes part of it)
 * leaves the same, and the next append cuts the file back to its last whole line first, so
 * a retried batch never runs into the remains of the one that failed.
 */
export class UpdateLog {
  /** Bytes of whole lines: where the next append belongs. */
  private length = 0;
  /** True when bytes past `length` may be on disk. */
  private torn = false;

  constructor(readonly file: string) {}

  /** Reads the updates; a line that is not base64 raises `store-unreadable` naming the file and line. */
  async read(): Promise<Uint8Array[]> {
    const text = await readText(this.file);
    if (text === null) {
      this.length = 0;
      this.torn = false;
      return [];
    }
    const end = text.lastIndexOf("\n") + 1;
    this.length = Buffer.byteLength(text.slice(0, end));
    this.torn = end < text.length;
    const lines = text.slice(0, end).split("\n").slice(0, -1);
    return lines.map((line, i) => {
      if (!BASE64_LINE.test(line))
        throw new AppError(
          "store-unreadable",
          `Data file ${this.file} line ${i + 1} is not a base64 update. It was left unchanged: restore it from a backup or move it aside.`,
        );
      return new Uint8Array(Buffer.from(line, "base64"));
    });
  }

  /** Appends updates; once it returns they are written, and if it throws none of them count. */
  append(updates: readonly Uint8Array[]): void {
    let text = "";
    for (const u of updates) text += `${Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString("base64")}\n`;
    try {
      if (this.torn) this.cut();
      appendFileSync(this.file, text);
      // Base64 is ASCII: a character is a byte.
      this.length += text.length;
    } catch (error) {
      this.torn = true;
      throw writeError(this.file, error);
    }
  }

  /** Removes the log, once its updates are part of a compacted state. */
  async clear(): Promise<void> {
    try {
      await rm(this.file, { force: true });
    } catch (error) {
      throw writeError(this.file, error);
    }
    this.length = 0;
    this.torn = false;
  }

  private cut(): void {
    try {
      truncateSync(this.file, this.length);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // Gone (moved aside by someone): there is nothing left to cut, and the next append starts it afresh.
      this.length = 0;
    }
    this.torn = false;
  }
}
