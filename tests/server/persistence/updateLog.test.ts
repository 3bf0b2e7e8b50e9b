import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendFile, mkdir, readFile, rename, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { UpdateLog } from "../../../server/persistence/updateLog";
import { tempDir } from "../../helpers/tempDir";
import { b64, textOf, typed } from "../../helpers/keystrokes";

describe("UpdateLog (a meeting's appended updates)", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it("reads back what was appended, in order, across instances", async () => {
    const file = path.join(dir, "m.log");
    const [first, second] = typed();
    new UpdateLog(file).append([first!]);
    new UpdateLog(file).append([second!]);
    const read = await new UpdateLog(file).read();
    expect(read.map(b64)).toEqual([b64(first!), b64(second!)]);
    expect(textOf(read)).toBe("abc");
  });

  it("ignores a last line cut off by a crash, and the next append starts where the whole lines end", async () => {
    const file = path.join(dir, "m.log");
    const [first, second] = typed();
    await writeFile(file, `${b64(first!)}\n${b64(second!).slice(0, 5)}`);
    const log = new UpdateLog(file);
    expect((await log.read()).map(b64)).toEqual([b64(first!)]);
    log.append([second!]);
    expect(await readFile(file, "utf8")).toBe(`${b64(first!)}\n${b64(second!)}\n`);
  });

  /** A log holding `first`, whose append of `second` then fails: a folder stands in its file's place meanwhile. */
  async function failedSecondAppend(file: string, first: Uint8Array, second: Uint8Array): Promise<UpdateLog> {
    const log = new UpdateLog(file);
    await log.read();
    log.append([first]);
    await rename(file, `${file}.aside`);
    await mkdir(file);
    expect(() => log.append([second])).toThrow(new RegExp(`Cannot write data file ${file}.*EISDIR`));
    await rmdir(file);
    return log;
  }

  it("after a failed append, cuts what that append may have left before writing again", async () => {
    const file = path.join(dir, "m.log");
    const [first, second] = typed();
    const log = await failedSecondAppend(file, first!, second!);
    await rename(`${file}.aside`, file);
    // A full disk would have let part of the failed append through: added by hand.
    await appendFile(file, b64(second!).slice(0, 7));
    log.append([second!]);
    expect(await readFile(file, "utf8")).toBe(`${b64(first!)}\n${b64(second!)}\n`);
    expect(textOf(await new UpdateLog(file).read())).toBe("abc");
  });

  it("starts afresh when its file vanished after a failed append", async () => {
    const file = path.join(dir, "m.log");
    const [first, second] = typed();
    const log = await failedSecondAppend(file, first!, second!);
    log.append([second!]);
    expect(await readFile(file, "utf8")).toBe(`${b64(second!)}\n`);
  });

  it("refuses a line that is not an update, naming the file and line, and leaves the file alone", async () => {
    const file = path.join(dir, "m.log");
    const [first] = typed();
    const text = `${b64(first!)}\nnot an update!\n`;
    await writeFile(file, text);
    await expect(new UpdateLog(file).read()).rejects.toThrow(`Data file ${file} line 2 is not a base64 update`);
    expect(await readFile(file, "utf8")).toBe(text);
  });
});
