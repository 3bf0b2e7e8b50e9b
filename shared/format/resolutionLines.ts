import { NUMBERED_RESOLUTION } from "./patterns";

/**
 * How councils open their decisions: "RESOLVED – That …", "RESOLVED- That …", "RESOLVED: That …",
 * "RESOLVED that:" (wording below), "Resolved –", "AGREED – That …", "Decision:", "Decision made
 * (Unanimously):", "UNANIMOUSLY RESOLVED that …", "RECOMMENDED – T H A T …", "RESOLVED, that:",
 * and any of these after a minute paragraph's number ("8.4 RESOLVED: That the Committee:-").
 * Group 1: the paragraph number; 2: the keyword; 3: a note in brackets; 4: the punctuation; 5: the rest.
 */
const KEYWORD_LINE =
  /^(?:(\d{1,3}\.\d{1,2})\s+)?((?:unanimously\s+)?(?:resolved|agreed|recommended|decision(?:\s+made)?))(?![\w'’])[ \t]*(\([^)]{1,40}\))?[ \t]*(,?[ \t]*that[ \t]*:-?|[\u2013\u2014-]+|:-?|,)?[ \t]*(.*)$/i;

/** A line that opens the decisions, read into its parts. */
export interface KeywordLine {
  /** The minute paragraph's number before the keyword, or "". */
  paragraph: string;
  /** The keyword as written ("RESOLVED", "Resolved", "AGREED", "Decision", "UNANIMOUSLY RESOLVED"). */
  keyword: string;
  /** A note after the keyword, "(Unanimously)", or "". */
  note: string;
  /** Everything between keyword and wording as written (" – ", ": ", "- ", " that:", ": (Unanimously)", …). */
  punctuation: string;
  /** What follows on the same line: the wording, a first numbered part, a stem, or nothing. */
  rest: string;
  /** True when the wording is still to come on the next lines ("RESOLVED that:", "Decision:"). */
  leadOnly: boolean;
}

/**
 * Reads a decision keyword line, or null. A keyword written in lower or title case is taken
 * only with punctuation or "that" after it: "Agreed actions would follow" opens a sentence,
 * not the decisions, whereas a capitalised "RESOLVED" or "AGREED" always opens them.
 */
export function readKeywordLine(text: string): KeywordLine | null {
  const m = KEYWORD_LINE.exec(text);
  if (!m) return null;
  const [, paragraph = "", keyword = "", bracket = "", punct = "", after = ""] = m;
  // "RESOLVED: (Unanimously)": the note may follow the punctuation, with the wording below.
  const trailingNote = /^\([^)]{1,40}\)$/.test(after) && !/^\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)$/i.test(after);
  const note = bracket || (trailingNote ? after : "");
  const rest = trailingNote ? "" : after;
  const shouting = keyword === keyword.toUpperCase();
  if (!shouting && !punct && !/^(?:that\b|T H A T\b)/i.test(rest) && !(note && !rest)) return null;
  if (/^decision/i.test(keyword) && !punct && !note) return null;
  const leadOnly = rest === "" || /^that\s*:-?$/i.test(rest);
  const start = text.indexOf(keyword) + keyword.length;
  const punctuation = text.slice(start, text.length - rest.length);
  return { paragraph, keyword, note, punctuation, rest, leadOnly };
}

/** A numbered or lettered part: its label as printed ("(1)", "a)", "2.") and its wording. */
export function readNumberedPart(text: string): { label: string; text: string } | null {
  const m = NUMBERED_RESOLUTION.exec(text);
  return m ? { label: m[1]!, text: m[2]! } : null;
}

/**
 * The kind of a label, so a change of kind ("(1)" then "(a)") can be read as nesting. Letters
 * and roman numerals count as one kind: "i)" is a letter or a numeral depending on what follows.
 */
export function labelKind(label: string): string {
  const kind = /\d/.test(label) ? "number" : "letter";
  return `${kind}${label.startsWith("(") ? "()" : label.endsWith(")") ? ")" : "."}`;
}

/** A stem that introduces parts: "That the Committee:-", "That Cabinet:" (a bare "that:" is not one). */
export function isStem(text: string): boolean {
  return /:-?\s*$/.test(text) && !/^that\s*:-?$/i.test(text.trim());
}
