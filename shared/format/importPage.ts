import type { AgendaItem } from "../meeting";
import { detectVariant, importItemLines, sourceLines, type ImportWarning, type SourceLine, type SourceShape } from "./importText";
import { BULLET_LINE, DOCUMENT_LINE, DOCUMENTS_LINE, HEADER_LINE } from "./patterns";

/** A whole published agenda or minutes page read into items, in order. */
export interface PageImport extends SourceShape {
  items: AgendaItem[];
  warnings: ImportWarning[];
}

/**
 * Splits a page into items: each "Agenda item" header starts one, and so does the
 * first line after a "Supporting documents:" list that does not name a document.
 */
export function splitItems(lines: readonly SourceLine[]): SourceLine[][] {
  const chunks: SourceLine[][] = [];
  let current: SourceLine[] = [];
  let inDocuments = false;
  for (const line of lines) {
    const startsItem = HEADER_LINE.test(line.text) || (inDocuments && !DOCUMENT_LINE.test(line.text) && !BULLET_LINE.test(line.text));
    if (startsItem && current.length > 0) {
      chunks.push(current);
      current = [];
      inDocuments = false;
    }
    current.push(line);
    if (DOCUMENTS_LINE.test(line.text)) inDocuments = true;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Reads a page of one or more agenda items; warnings name the source line. */
export function importAgendaPage(text: string): PageImport {
  const lines = sourceLines(text);
  const chunks = splitItems(lines);
  const items: AgendaItem[] = [];
  const warnings: ImportWarning[] = [];
  chunks.forEach((chunk, index) => {
    const result = importItemLines(chunk);
    items.push(result.item);
    const label = chunks.length > 1 ? `item ${index + 1}: ` : "";
    warnings.push(...result.warnings.map((w) => ({ line: w.line, message: label + w.message })));
  });
  return { items, warnings, variant: detectVariant(text), trailer: lines.some((l) => DOCUMENTS_LINE.test(l.text)) };
}
