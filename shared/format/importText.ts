import { createAgendaItem, createBlock, createDiscussionEntry, createResolution, createSupportingDocument, STANDARD_DISCUSSION_INTRO, type AgendaItem, type Block, type DiscussionEntry, type Resolution } from "../meeting";
import { BULLET_LINE, CONTACT_LINE, DISCUSSION_LINE, DOCUMENTS_LINE, HEADER_LINE, MINUTES_LINE, NBSP, NUMBERED_HEADING, NUMBERED_RESOLUTION, RESOLVED_LINE, URL_IN_LINE, responseStart, looksLikeHeading, looksLikeTitle, type Variant } from "./patterns";
import { assertWithin, countLines } from "./importLimits";

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

/**
 * Splits text into its non-empty lines, trimmed (no-break spaces and byte-order marks
 * included: `trim` removes what `\s` matches), keeping line numbers. Not a trailing `\s+$`
 * regex: that rescans a run of inner spaces from each of its positions.
 */
export function sourceLines(text: string): SourceLine[] {
  return text
    .split(/\r?\n|\r/)
    .map((raw, i) => ({ no: i + 1, text: raw.trim() }))
    .filter((l) => l.text.length > 0);
}

/** Rich text has the "Agenda item" header, NBSP-only separator lines, or NBSP-padded bullets. */
export function detectVariant(text: string): Variant {
  const first = sourceLines(text)[0]?.text ?? "";
  if (HEADER_LINE.test(first)) return "rich";
  return /^\u00a0[ \t]*$/m.test(text) || /\u00b7\u00a0{2,}/.test(text) ? "rich" : "compact";
}

type Section = "purpose" | "narrative" | "discussion" | "resolutions" | "documents";

/** Reads one agenda item in either variant of the published format; over `LIMITS.importLines` lines it is refused (ImportTooLarge). */
export function importAgendaItem(text: string): ItemImport {
  assertWithin("lines", countLines(text));
  const lines = sourceLines(text);
  return { ...importItemLines(lines), variant: detectVariant(text), trailer: lines.some((l) => DOCUMENTS_LINE.test(l.text)) };
}

/** Reads one item from its lines; shared by the single-item and whole-page imports. */
export function importItemLines(lines: readonly SourceLine[]): { item: AgendaItem; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  let i = 0;
  if (lines[i] && HEADER_LINE.test(lines[i]!.text)) i++;
  let number = "";
  let title = "";
  const hasMinutes = lines.some((l) => MINUTES_LINE.test(l.text));
  const first = lines[i];
  if (first && looksLikeTitle(first.text) && !CONTACT_LINE.test(first.text) && lines.length > i + 1) {
    const numbered = NUMBERED_HEADING.exec(first.text);
    if (numbered) [number, title] = [numbered[1]!, numbered[2]!];
    else title = first.text;
    i++;
  }

  const purpose: Block[] = [];
  const narrative: Block[] = [];
  const discussion: DiscussionEntry[] = [];
  const resolutions: Resolution[] = [];
  const documents = [];
  const contact = { name: "", phone: "", email: "" };
  let discussionIntro = STANDARD_DISCUSSION_INTRO;
  let section: Section = "purpose";

  for (; i < lines.length; i++) {
    const { no, text } = lines[i]!;
    const bullet = BULLET_LINE.exec(text);
    const resolved = RESOLVED_LINE.exec(text);
    const minutesStarted = section !== "purpose" || !hasMinutes;
    if (section === "purpose" && CONTACT_LINE.test(text)) {
      Object.assign(contact, parseContact(CONTACT_LINE.exec(text)![1]!));
    } else if (MINUTES_LINE.test(text) && section === "purpose") {
      section = "narrative";
    } else if (DOCUMENTS_LINE.test(text)) {
      section = "documents";
    } else if (section === "documents") {
      const url = URL_IN_LINE.exec(text)?.[1] ?? "";
      documents.push(createSupportingDocument({ title: (bullet?.[1] ?? text).replace(url, "").trim() || url, url }));
    } else if (resolved && minutesStarted && section !== "resolutions") {
      section = "resolutions";
      const numbered = NUMBERED_RESOLUTION.exec(resolved[1]!);
      resolutions.push(createResolution({ text: numbered ? numbered[3]! : resolved[1]! }));
    } else if (DISCUSSION_LINE.test(text) && minutesStarted && section !== "resolutions") {
      section = "discussion";
      discussionIntro = text;
    } else if (section === "purpose") {
      purpose.push(createBlock({ kind: bullet ? "bullet" : "paragraph", text: bullet?.[1] ?? text }));
    } else if (section === "narrative") {
      const kind = bullet ? "bullet" : looksLikeHeading(text) && lines[i + 1] ? "heading" : "paragraph";
      narrative.push(createBlock({ kind, text: bullet?.[1] ?? text }));
    } else if (section === "discussion") {
      if (bullet) discussion.push(splitComment(bullet[1]!));
      else discussion.push(createDiscussionEntry({ kind: "note", comment: text }));
    } else {
      const numbered = NUMBERED_RESOLUTION.exec(text);
      const current = resolutions[resolutions.length - 1];
      if (numbered) resolutions.push(createResolution({ text: numbered[3]! }));
      else if (bullet && current) current.bullets.push(createBlock({ kind: "bullet", text: bullet[1]! }));
      else {
        narrative.push(createBlock({ text }));
        warnings.push({ line: no, message: `Could not place "${clip(text)}" after the resolutions (not numbered, not a bullet); kept it as narrative.` });
      }
    }
  }
  if (!hasMinutes && section === "purpose" && lines.length > 0) warnings.push({ line: lines[0]!.no, message: "No \"Minutes:\" line: read the item as an agenda entry (title, purpose and contact only)." });
  const item = createAgendaItem({ number, title, purpose, officerContact: contact, narrative, discussionIntro, discussion, resolutions, documents });
  return { item, warnings };
}

/** "Michael Cullen, 0161 474 4631, Michael.cullen@…": name first, then whichever parts are a phone number or an email. */
function parseContact(value: string): { name: string; phone: string; email: string } {
  // A contact is a name, a number and an address: a line far longer is kept whole as the name rather than split into thousands of parts.
  if (value.length > 1000) return { name: value, phone: "", email: "" };
  const parts = value.split(/\s*,\s*/).filter(Boolean);
  const email = parts.find((p) => /@/.test(p)) ?? "";
  const phone = parts.find((p) => p !== email && /^[+\d][\d ()-]{5,}$/.test(p)) ?? "";
  const name = parts.filter((p) => p !== email && p !== phone).join(", ");
  return { name, phone, email };
}

/** Splits a discussion bullet into the comment and the answer given, where a standard answer phrase starts a sentence. */
export function splitComment(text: string): DiscussionEntry {
  const start = responseStart(text);
  if (start <= 0) return createDiscussionEntry({ comment: text });
  return createDiscussionEntry({ comment: text.slice(0, start).trimEnd(), response: text.slice(start) });
}

function clip(text: string): string {
  const flat = text.replaceAll(NBSP, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
