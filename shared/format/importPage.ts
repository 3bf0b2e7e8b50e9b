import type { AgendaItem } from "../meeting";
import { detectVariant, importItemLines, sourceLines, type ImportWarning, type SourceLine, type SourceShape } from "./importText";
import {
  BULLET_LINE,
  DOCUMENT_LINE,
  DOCUMENTS_LINE,
  HEADER_LINE,
  MEETING_REF,
  MINUTES_LINE,
  PAGE_HEADING,
  looksLikeTitle,
} from "./patterns";

/** An item number alone on its line, as a meeting page's table prints it: "67.", "67", "35/20" (not "8.1", a minute paragraph's number). */
const ITEM_NUMBER_LINE = /^\d{1,4}[a-z]?(?:\/\d{2})?\.?$/i;
import { assertWithin, countLines } from "./importLimits";
import { mergeStyles, type HouseStyle } from "./houseStyle";

/** A whole published agenda or minutes page read into items, in order. */
export interface PageImport extends SourceShape {
  items: AgendaItem[];
  warnings: ImportWarning[];
}

/**
 * Splits a page into items: each "Agenda item" header or issue-page heading ("Issue - meetings")
 * starts one, and so does the first line after a "Supporting documents:" list that does not
 * name a document, and a second "Meeting: … (Item N)" line (an issue page lists each meeting
 * that took the issue, one after another). The header glued to a heading stays with it. On a
 * meeting page pasted whole, an item number alone on its line, with a title under it, starts
 * one once the item before has had its "Minutes:" line.
 */
export function splitItems(lines: readonly SourceLine[]): SourceLine[][] {
  const chunks: SourceLine[][] = [];
  let current: SourceLine[] = [];
  let inDocuments = false;
  let meetingRef = false;
  let minutesSeen = false;
  lines.forEach((line, k) => {
    const previous = current[current.length - 1];
    const next = lines[k + 1];
    const numbered =
      minutesSeen && ITEM_NUMBER_LINE.test(line.text) && next !== undefined && looksLikeTitle(next.text) && lines[k + 2] !== undefined;
    const afterHeader = previous !== undefined && current.length === 1 && HEADER_LINE.test(previous.text);
    const ref = MEETING_REF.test(line.text);
    const startsItem =
      HEADER_LINE.test(line.text) ||
      (PAGE_HEADING.test(line.text) && !afterHeader) ||
      (ref && meetingRef) ||
      numbered ||
      (inDocuments && !DOCUMENT_LINE.test(line.text) && !BULLET_LINE.test(line.text));
    if (startsItem && current.length > 0) {
      chunks.push(current);
      current = [];
      inDocuments = false;
      meetingRef = false;
      minutesSeen = false;
    }
    if (ref) meetingRef = true;
    if (MINUTES_LINE.test(line.text)) minutesSeen = true;
    current.push(line);
    if (DOCUMENTS_LINE.test(line.text)) inDocuments = true;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A page split into its items' lines and checked against the import limits, before any item is read. */
export interface PagePlan extends Omit<SourceShape, "style"> {
  chunks: SourceLine[][];
}

/**
 * Splits a page into items and checks it against the import limits: over
 * `LIMITS.importLines` lines, `LIMITS.importItems` items or `LIMITS.importItemLines` lines
 * in one item it is refused (ImportTooLarge), with no item read yet.
 */
export function planAgendaPage(text: string): PagePlan {
  assertWithin("lines", countLines(text));
  const lines = sourceLines(text);
  const chunks = splitItems(lines);
  assertWithin("agenda items", chunks.length);
  chunks.forEach((chunk, i) => assertWithin("item lines", chunk.at(-1)!.no - chunk[0]!.no + 1, { index: i + 1, line: chunk[0]!.no }));
  return { chunks, variant: detectVariant(text), trailer: lines.some((l) => DOCUMENTS_LINE.test(l.text)) };
}

/** Reads item `index` of a planned page; on a page of several, its warnings say which item. */
export function readPlannedItem(
  plan: PagePlan,
  index: number,
): { item: AgendaItem; warnings: ImportWarning[]; style: Partial<HouseStyle> } {
  const result = importItemLines(plan.chunks[index]!);
  const label = plan.chunks.length > 1 ? `item ${index + 1}: ` : "";
  return { item: result.item, warnings: result.warnings.map((w) => ({ line: w.line, message: label + w.message })), style: result.style };
}

/** Reads a page of one or more agenda items at once (see planAgendaPage for its limits); warnings name the source line. */
export function importAgendaPage(text: string): PageImport {
  const plan = planAgendaPage(text);
  const read = plan.chunks.map((_, i) => readPlannedItem(plan, i));
  return {
    items: read.map((r) => r.item),
    warnings: read.flatMap((r) => r.warnings),
    variant: plan.variant,
    trailer: plan.trailer,
    style: mergeStyles(read.map((r) => r.style)),
  };
}
