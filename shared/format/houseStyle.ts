import { BULLET, EN_DASH, type Variant } from "./patterns";

/**
 * How a council prints an item number beside its title: "5. Title", "5 Title", the number on its
 * own line ("66." / "66"), or not beside the title at all ("apart": an issue page gives it only in
 * its "Meeting: … (Item 4)" line).
 */
export type NumberLayout = "inline-dot" | "inline" | "own-line-dot" | "own-line" | "apart";

/**
 * A council's way of printing an agenda item, as the import saw it: the header line, paragraph
 * separators (the variant), the bullet mark, the "Minutes" line, the decision keyword with its
 * punctuation and case, how resolutions and numbered comments are labelled, how the item
 * number sits beside the title, and the trailer line. The text export writes in it.
 */
export interface HouseStyle {
  variant: Variant;
  /** Whether each item opens with the "Agenda item" line. */
  header: boolean;
  /** The bullet mark ("·", "•", "-", …); the rich variant pads it with no-break spaces as the seeds do. */
  bullet: string;
  /** The line before the minutes ("Minutes:", "Minutes"), or "" for none. */
  minutes: string;
  /** The decision keyword as written ("RESOLVED", "Resolved", "AGREED", "Decision", "UNANIMOUSLY RESOLVED"), or "" for none. */
  keyword: string;
  /** What follows the keyword before the wording (" – ", "- ", ": ", " that:", " "). */
  punctuation: string;
  /** True when the keyword stands on its own line and the wording follows below ("RESOLVED that:"). */
  keywordAlone: boolean;
  /** A sample label of the numbering resolutions take when there are several: "(1)", "1.", "1)", "(a)", "a)", "(i)". */
  numbering: string;
  /** A sample label when discussion comments are numbered rather than bulleted ("1)", "(a)"), or "" for bullets. */
  commentNumbering: string;
  number: NumberLayout;
  /** True when a minute paragraph's number stands on its own line above the paragraph ("8.1" then the text). */
  paragraphNumberAlone: boolean;
  /** True when the decision is itself the next numbered minute paragraph ("8.4 RESOLVED: …"). */
  decisionNumbered: boolean;
  /** True when the resolutions under a keyword alone are bulleted ("RESOLVED, that:" then "· The report be noted."). */
  resolutionBullets: boolean;
  /** Whether each item ends with "Supporting documents:" even when it lists none. */
  trailer: boolean;
}

/** The seeds' style: the default for a meeting made from scratch. */
export const SEED_STYLE: HouseStyle = {
  variant: "rich",
  header: true,
  bullet: BULLET,
  minutes: "Minutes:",
  keyword: "RESOLVED",
  punctuation: ` ${EN_DASH} `,
  keywordAlone: false,
  numbering: "(1)",
  commentNumbering: "",
  number: "inline-dot",
  paragraphNumberAlone: false,
  decisionNumbered: false,
  resolutionBullets: false,
  trailer: true,
};

function roman(n: number): string {
  const parts: [number, string][] = [
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  for (const [value, letters] of parts) for (; n >= value; n -= value) out += letters;
  return out;
}

/** The `n`th label (1-based) in the numbering a sample shows: label("(a)", 2) is "(b)", label("i)", 3) is "iii)". */
export function label(sample: string, n: number): string {
  const open = sample.startsWith("(") ? "(" : "";
  const close = sample.endsWith(")") ? ")" : sample.endsWith(".") ? "." : "";
  const core = sample.slice(open.length, sample.length - close.length);
  const upper = core !== core.toLowerCase();
  let value: string;
  if (/^\d+$/.test(core)) value = String(n);
  else if (/^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$/i.test(core) && core.toLowerCase() !== "v" && core.toLowerCase() !== "x") value = roman(n);
  else value = String.fromCharCode(96 + (((n - 1) % 26) + 1));
  return `${open}${upper ? value.toUpperCase() : value}${close}`;
}

/** A style with every part the import saw of one item, over the seeds' style where it saw nothing. */
export function withDefaults(seen: Partial<HouseStyle>, variant?: Variant): HouseStyle {
  const base = { ...SEED_STYLE, ...(variant ? { variant, header: variant === "rich" } : {}) };
  return { ...base, ...seen };
}

/** A page's style: for each part, what the first item that showed it showed. */
export function mergeStyles(styles: readonly Partial<HouseStyle>[]): Partial<HouseStyle> {
  const out: Partial<HouseStyle> = {};
  for (const style of styles) for (const [key, value] of Object.entries(style)) if (!(key in out)) Object.assign(out, { [key]: value });
  return out;
}
