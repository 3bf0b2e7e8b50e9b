import { createAgendaItem, type AgendaItem } from "../meeting";
import { DOCUMENTS_LINE, HEADER_LINE, type Variant } from "./patterns";
import { readHeading } from "./itemHeading";
import { readBody } from "./itemBody";
import { assertWithin, countLines } from "./importLimits";
import type { HouseStyle } from "./houseStyle";

/** Something the import could not place exactly; its text was kept as narrative. */
export interface ImportWarning {
  line: number;
  message: string;
}

/** How the source was written, so an export can give back the same shape. */
export interface SourceShape {
  variant: Variant;
  /** Whether the source ended with a "Supporting documents:" line. */
  trailer: boolean;
  /** What the source showed of its council's house style (the rest is the seeds' style). */
  style: Partial<HouseStyle>;
}

/** One imported item, the shape its text was written in, and what could not be placed. */
export interface ItemImport extends SourceShape {
  item: AgendaItem;
  warnings: ImportWarning[];
}

/** A non-empty line of the source with its 1-based line number. */
export interface SourceLine {
  no: number;
  text: string;
}

/** "Supporting documents:" with more after it on the same line: two items pasted with no line break between them. */
const GLUED_TRAILER = /^(supporting documents\s*:)\s*(\S.*)$/i;

/**
 * Splits text into its non-empty lines, trimmed (no-break spaces and byte-order marks
 * included: `trim` removes what `\s` matches), keeping line numbers. Not a trailing `\s+$`
 * regex: that rescans a run of inner spaces from each of its positions.
 */
export function sourceLines(text: string): SourceLine[] {
  return text
    .split(/\r?\n|\r/)
    .flatMap((raw, i) => {
      const text = raw.trim();
      const glued = GLUED_TRAILER.exec(text);
      // The trailer and what was glued on keep the one line number they share.
      return glued
        ? [
            { no: i + 1, text: glued[1]! },
            { no: i + 1, text: glued[2]! },
          ]
        : [{ no: i + 1, text }];
    })
    .filter((l) => l.text.length > 0);
}

/** Rich text has the "Agenda item" header, NBSP-only separator lines, or NBSP-padded bullets. */
export function detectVariant(text: string): Variant {
  const first = sourceLines(text)[0]?.text ?? "";
  if (HEADER_LINE.test(first)) return "rich";
  return /^\u00a0[ \t]*$/m.test(text) || /\u00b7\u00a0{2,}/.test(text) ? "rich" : "compact";
}

/** Reads one agenda item in either variant of the published format; over `LIMITS.importLines` lines it is refused (ImportTooLarge). */
export function importAgendaItem(text: string): ItemImport {
  assertWithin("lines", countLines(text));
  const lines = sourceLines(text);
  return { ...importItemLines(lines), variant: detectVariant(text), trailer: lines.some((l) => DOCUMENTS_LINE.test(l.text)) };
}

/** Reads one item from its lines; shared by the single-item and whole-page imports. */
export function importItemLines(lines: readonly SourceLine[]): { item: AgendaItem; warnings: ImportWarning[]; style: Partial<HouseStyle> } {
  const heading = readHeading(lines);
  const body = readBody(lines, heading.next, heading.minutesPage);
  const item = createAgendaItem({
    number: heading.number,
    title: heading.title,
    purpose: body.purpose,
    officerContact: body.contact,
    narrative: body.narrative,
    discussionIntro: body.discussionIntro,
    discussion: body.discussion,
    resolutions: body.resolutions,
    documents: body.documents,
  });
  const style: Partial<HouseStyle> = { header: heading.header, ...body.style, ...(heading.layout ? { number: heading.layout } : {}) };
  return { item, warnings: [...heading.warnings, ...body.warnings].sort((a, b) => a.line - b.line), style };
}

export { splitComment } from "./itemBody";
