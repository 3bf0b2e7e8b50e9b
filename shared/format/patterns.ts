/**
 * The fixed phrases and marks of the agenda-item format (see docs/agenda-item-format.md),
 * shared by import and export so both read and write the same shapes.
 */

/** NO-BREAK SPACE: the rich variant's paragraph separator and bullet padding. */
export const NBSP = "\u00a0";
/** MIDDLE DOT: the bullet mark. */
export const BULLET = "\u00b7";
/** EN DASH after RESOLVED. */
export const EN_DASH = "\u2013";

/** The two published shapes: rich (header, NBSP separators) and compact (no blank lines). */
export type Variant = "rich" | "compact";

export const HEADER_LINE = /^agenda item$/i;
export const MINUTES_LINE = /^minutes\s*:?$/i;
export const DOCUMENTS_LINE = /^supporting documents\s*:?$/i;
export const CONTACT_LINE = /^officer contact\s*:\s*(.*)$/i;
/**
 * "The following comments were made/ issues raised:-" and its cousins on other councils' sites,
 * which may open with a clause ("Detailed discussion ensued during which … the following comments were made:-").
 */
export const DISCUSSION_LINE = /^(?:[^:]{0,120}\b)?the following (?:comments|issues|points|questions|observations|matters)\b.*[:-]\s*$/i;
/** "(1) That …", "(a) That …", "1. That …", "1) That …", "a) …", "(ii) …": the label, then the wording. */
export const NUMBERED_RESOLUTION = /^(\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+(.*)$/i;
/** A numbered minute paragraph ("8.1 The Chair reported …", or "8.1" alone on its line before the paragraph). */
export const MINUTE_PARAGRAPH = /^(\d{1,3}\.\d{1,2})(?:\s+(\S.*))?$/;
/** Headings a web page puts above an item (ModernGov's issue and decision pages): never the item's title. */
export const PAGE_HEADING = /^(?:issue\s*[-\u2013]\s*(?:meetings|decisions)|issue details|decisions? for issue\b.*)$/i;
/** "Meeting: 20/09/2017 - Council (Item 52)": which meeting an issue page's section is from, and the item's number there. */
export const MEETING_REF = /^meeting:\s*\d{1,2}\/\d{1,2}\/\d{2,4}\s*[-\u2013].*\(item\s*([\w./]+?):?\)$/i;
/** A number alone on its line before a title: "66.", "35/20", "5.1", "1850.". */
export const BARE_NUMBER = /^(\d{1,4}[a-z]?(?:[./]\d{1,2})?)\.?$/i;
/**
 * ModernGov's link label after a title: "pdf icon PDF 164 KB". No leading `\s*`: searched from
 * every position of a run of spaces it would rescan the run each time (remove the space before with trimEnd).
 */
export const PDF_LABEL = /(?:pdf icon\s+)?PDF\s+[\d.]+\s?[KM]B$/i;
/** "30/05/2019 - Changes to …": the date line a decision page prints above the decision. */
export const DECISION_DATE = /^\d{1,2}\/\d{1,2}\/\d{4}\s*[-\u2013]\s*\S/;
/** Bullet marks seen on councils' sites, followed by any run of spaces and no-break spaces. */
export const BULLET_LINE = /^[\u00b7\u2022\u25aa\u25cf\u25e6*\u2013-][\s\u00a0]+(.*)$/;
/** An item heading on a whole agenda page: "5. Title", "5 Title", "12a. Title". */
export const NUMBERED_HEADING = /^(\d{1,3}[a-z]?)[.)]?\s+(\S.*)$/;
/** How purpose text opens; a line that opens so is never taken for a title. */
export const PURPOSE_START =
  /^(?:to (?:consider|receive|note|approve|agree|review|scrutinise|comment)|this item|the (?:committee|board|panel) (?:is|will|are))/i;
/** The standard phrases that open the answer to a comment. */
export const RESPONSE_PHRASE =
  /(?:In response|In reply|In answer|It was (?:confirmed|stated|commented|reported|explained|clarified|advised)|An assurance was given|Assurance was given|Members were (?:advised|informed|told)|Officers? (?:explained|confirmed|advised|responded|replied|stated|said)|The (?:Chair|Chairman|Leader|Director|Cabinet Member|Portfolio Holder|officer|Head of Service|Monitoring Officer)\b[^.?!]{0,40}? (?:explained|confirmed|advised|responded|replied|stated|said))\b/g;

/**
 * Where the answer to a comment begins: the first standard phrase that starts a sentence
 * (after . ? or !, perhaps a closing quote or bracket, and white space), or -1. Checked by
 * hand rather than with a lookbehind: a lookbehind with `\s+` rescans a run of spaces at
 * every position in it, so one long run in an import took time growing with its square.
 */
export function responseStart(text: string): number {
  for (const match of text.matchAll(RESPONSE_PHRASE)) {
    let i = match.index - 1;
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    if (i === match.index - 1) continue;
    if (i >= 1 && "’”'\")".includes(text[i]!) && ".?!".includes(text[i - 1]!)) return match.index;
    if (i >= 0 && ".?!".includes(text[i]!)) return match.index;
  }
  return -1;
}
/** A line that names a document (file type, size or link) under "Supporting documents:". */
export const DOCUMENT_LINE = /\b(?:pdf|docx?|xlsx?|pptx?|odt|kb|mb)\b|https?:\/\//i;
export const URL_IN_LINE = /(https?:\/\/\S+)/;

/** A short line with no closing punctuation reads as a sub-heading ("System Performance", "Finance"). */
export function looksLikeHeading(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words <= 6 && /^[A-Z0-9]/.test(line) && !/[.,;:?!\-)]$/.test(line) && !line.includes(",");
}

/** A line that can be an item's title: short, unpunctuated at the end, not purpose text, not a bullet. */
export function looksLikeTitle(line: string): boolean {
  return (
    line.split(/\s+/).length <= 20 &&
    !/[.;:?!]$/.test(line) &&
    !PURPOSE_START.test(line) &&
    !MINUTES_LINE.test(line) &&
    !BULLET_LINE.test(line)
  );
}
