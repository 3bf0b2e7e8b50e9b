import { LIMITS } from "../protocol/limits";

/** What an import is counted by: all its lines, its agenda items, and the lines of each item. */
export type ImportBound = "lines" | "agenda items" | "item lines";

const LIMIT: Record<ImportBound, number> = {
  lines: LIMITS.importLines,
  "agenda items": LIMITS.importItems,
  "item lines": LIMITS.importItemLines,
};

/**
 * An import refused because its text holds more than one import may: raised after
 * counting and before any item is built, so an oversized page costs a count rather than
 * the work it asks for. The message names the limit and what was found.
 */
export class ImportTooLarge extends Error {
  override readonly name = "ImportTooLarge";
  /** The stable code the server answers with (413). */
  readonly code = "too-large";
  constructor(
    readonly bound: ImportBound,
    readonly found: number,
    readonly limit: number,
    message: string,
  ) {
    super(message);
  }
}

/** Lines in `text`, blank ones included (\r\n, \n and \r each end one): a scan, with no string built per line. */
export function countLines(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lines++;
    else if (c === 13) {
      lines++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return lines;
}

/** Throws ImportTooLarge when `found` is over the limit on `bound`; `item` says which item (1-based, and its first line) for "item lines". */
export function assertWithin(bound: ImportBound, found: number, item?: { index: number; line: number }): void {
  const limit = LIMIT[bound];
  if (found <= limit) return;
  const message =
    bound === "item lines"
      ? `Agenda item ${item?.index ?? 1} of the text (from line ${item?.line ?? 1}) has ${count(found)} lines; one item takes at most ${count(limit)}.`
      : `The agenda text has ${count(found)} ${bound}; one import takes at most ${count(limit)}. Import it in parts.`;
  throw new ImportTooLarge(bound, found, limit, message);
}

function count(n: number): string {
  return n.toLocaleString("en-GB");
}
