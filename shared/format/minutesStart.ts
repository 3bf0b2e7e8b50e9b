import { CONTACT_LINE, DISCUSSION_LINE, DOCUMENTS_LINE, MINUTE_PARAGRAPH, PURPOSE_START } from "./patterns";
import { readKeywordLine } from "./resolutionLines";
import { readVoteLine } from "./voteLines";
import type { SourceLine } from "./importText";

/** "Purpose: To consider …" (West Berkshire's agenda entries) opens purpose text as "To consider …" does. */
const PURPOSE_LABEL = /^purpose\s*:/i;
/** Past-tense reporting that only minutes hold: "A Member questioned …", "The minutes were agreed …". */
const REPORTED =
  /\b(?:was|were|had been|had|questioned|commented|reported|noted|agreed|asked|explained|discussed|identified|considered|received|presented|welcomed)\b/i;

/**
 * Where the minutes begin in an item printed without a "Minutes:" line (ModernGov's item pages
 * often leave the label out), or -1 when nothing marks any (an agenda entry). The minutes start
 * at the first line only minutes hold (a decision, a numbered minute paragraph, the discussion's
 * opening, a recorded vote) or, after purpose text ("To approve …") and before any contact line,
 * at the first paragraph that reports what happened; a contact line closes the purpose, so a
 * paragraph after one is minutes too.
 */
export function findMinutesStart(lines: readonly SourceLine[], from: number): number {
  let opened = false;
  let contact = false;
  for (let k = from; k < lines.length; k++) {
    const text = lines[k]!.text;
    if (DOCUMENTS_LINE.test(text)) return -1;
    if (readKeywordLine(text) || MINUTE_PARAGRAPH.test(text) || DISCUSSION_LINE.test(text) || readVoteLine(text)) return k;
    if (CONTACT_LINE.test(text)) {
      contact = true;
      continue;
    }
    if (contact) return k;
    if (k === from && (PURPOSE_START.test(text) || PURPOSE_LABEL.test(text))) opened = true;
    else if (opened && !PURPOSE_START.test(text) && REPORTED.test(text)) return k;
  }
  return -1;
}
