import {
  BARE_NUMBER,
  CONTACT_LINE,
  DECISION_DATE,
  HEADER_LINE,
  MEETING_REF,
  NUMBERED_HEADING,
  PAGE_HEADING,
  PDF_LABEL,
  looksLikeTitle,
} from "./patterns";
import type { ImportWarning, SourceLine } from "./importText";
import type { NumberLayout } from "./houseStyle";

/** The opening of an item: its number and title, where its body starts, and what was set aside. */
export interface ItemHeading {
  number: string;
  title: string;
  /** Index of the first line of the body. */
  next: number;
  /** Whether the item opened with the "Agenda item" header line. */
  header: boolean;
  /** True on an issue or decision page, whose text under the heading is what the meeting did. */
  minutesPage: boolean;
  /** How the number sat beside the title, when there was one. */
  layout?: NumberLayout;
  warnings: ImportWarning[];
}

/** Drops a "pdf icon PDF 164 KB" link label from a title line, saying so. */
function withoutLabel(line: SourceLine, text: string, warnings: ImportWarning[]): string {
  const label = PDF_LABEL.exec(text);
  if (!label) return text;
  warnings.push({
    line: line.no,
    message: `Dropped the link label "${label[0].trim()}" from the title: the web page's link to the document, not part of the title.`,
  });
  return text.slice(0, label.index).trimEnd();
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Reads the lines before an item's body. Pages put the title in several places: after the
 * "Agenda item" header (mgAi pages), after a number alone on its line ("66." then the title, as
 * ieListDocuments pages print their table), on one line with its number ("5. Title", "810 MINUTES –"),
 * or, on an issue page, under "Meeting: 20/09/2017 - Council (Item 52)" with the number first and
 * the page's own headings ("Issue - meetings", the issue's clipped name) above it. Page headings
 * and "pdf icon PDF 164 KB" link labels are not the item's text; each heading set aside is named
 * in a warning so the clerk knows it was not kept.
 */
export function readHeading(lines: readonly SourceLine[]): ItemHeading {
  const warnings: ImportWarning[] = [];
  let i = 0;
  let header = false;
  let number = "";
  let title = "";
  const skip = (why: string) => {
    warnings.push({ line: lines[i]!.no, message: `Set aside "${clip(lines[i]!.text)}" (${why}); it is not part of the item.` });
    i++;
  };
  if (lines[i] && HEADER_LINE.test(lines[i]!.text)) {
    header = true;
    i++;
  }
  let minutesPage = false;
  while (lines[i] && PAGE_HEADING.test(lines[i]!.text)) {
    minutesPage = true;
    skip("the web page's heading");
  }
  // A decision page: the issue's name, then "30/05/2019 - " and the name again.
  if (minutesPage && lines[i + 1] && DECISION_DATE.test(lines[i + 1]!.text)) {
    title = lines[i]!.text;
    i++;
    skip("the date of the decision and the issue's name again");
    return { number, title, next: i, header, minutesPage, warnings };
  }
  // An issue page: the issue's name (often clipped with "…"), then "Meeting: … (Item N)", then "N Title".
  const ref = [i, i + 1].find((k) => lines[k] && MEETING_REF.test(lines[k]!.text));
  if (ref !== undefined) {
    const issueName = ref > i ? lines[i]!.text.replace(/\u2026$/, "").trim() : "";
    const line = lines[ref + 1];
    number = MEETING_REF.exec(lines[ref]!.text)![1]!;
    const numbered = line ? NUMBERED_HEADING.exec(line.text) : null;
    const candidate = line ? (numbered && numbered[1] === number ? numbered[2]! : line.text).replace(PDF_LABEL, "").trimEnd() : "";
    if (line && PDF_LABEL.test(line.text)) withoutLabel(line, line.text, warnings);
    // The line under "Meeting:" is the item's heading when it is short or repeats the issue's name.
    const headed = line !== undefined && (candidate.startsWith(issueName) || (issueName === "" && candidate.split(/\s+/).length <= 30));
    if (ref > i) {
      if (headed) skip("the issue's name, printed again below");
      else {
        title = issueName;
        i++;
      }
    }
    skip(`which meeting the minutes are from; its item number ${number} is kept`);
    if (headed) {
      title = candidate;
      i++;
    }
    const layout: NumberLayout =
      headed && numbered && numbered[1] === number ? (line.text[number.length] === "." ? "inline-dot" : "inline") : "apart";
    return { number, title, next: i, header, minutesPage: true, layout, warnings };
  }
  const bare = lines[i] && BARE_NUMBER.exec(lines[i]!.text);
  if (bare && lines[i + 1]) {
    number = bare[1]!;
    const layout: NumberLayout = lines[i]!.text.endsWith(".") ? "own-line-dot" : "own-line";
    i++;
    // After a bare number the page's next line is the title, however it reads ("To receive the minutes …").
    if (lines[i + 1] && !CONTACT_LINE.test(lines[i]!.text) && lines[i]!.text.split(/\s+/).length <= 30) {
      title = withoutLabel(lines[i]!, lines[i]!.text, warnings);
      i++;
    }
    return { number, title, next: i, header, minutesPage, layout, warnings };
  }
  const first = lines[i];
  if (first && !CONTACT_LINE.test(first.text) && lines.length > i + 1) {
    const text = first.text.replace(PDF_LABEL, "").trimEnd();
    if (looksLikeTitle(text)) {
      withoutLabel(first, first.text, warnings);
      const numbered = NUMBERED_HEADING.exec(text);
      if (numbered) [number, title] = [numbered[1]!, numbered[2]!];
      else title = text;
      i++;
      if (numbered)
        return { number, title, next: i, header, minutesPage, layout: text[number.length] === "." ? "inline-dot" : "inline", warnings };
    }
  }
  return { number, title, next: i, header, minutesPage, warnings };
}
