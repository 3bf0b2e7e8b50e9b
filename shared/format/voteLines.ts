import { createVote, type Vote } from "../meeting";

/** A side of a recorded vote. */
export type VoteSide = "for" | "against" | "abstain";

/**
 * "For 6, Against 2, Abstain 1", "(For: 7; Against: 3; Abstentions: 1)", "For – 5, Against – 4", and
 * the text export's own "For 2 (Amin, Booth), Against 1 (Cole), Abstain 0", names in brackets.
 * Groups: for, its names, against, its names, abstain, its names.
 */
const COUNTS =
  /\bFor(?:\s*[:\u2013-])? ?(\d{1,4})(?: ?\(([^)]*)\))?[,;] ?Against(?:\s*[:\u2013-])? ?(\d{1,4})(?: ?\(([^)]*)\))?(?:[,;]? ?(?:and )?(?:Abstain(?:ed|ing)?|Abstentions?)(?:\s*[:\u2013-])? ?(\d{1,4})(?: ?\(([^)]*)\))?)?/i;
/** "carried by 24 votes to 10, with 1 abstention". */
const BY_VOTES = /\bby (\d{1,4}) votes? to (\d{1,4})(?:,?\s*with (\d{1,4}) abstentions?)?/i;
/** A side's heading: "For", "FOR:", "For the motion", "Against the recommendation:", "Abstentions", "There voted for …:", "There abstained from voting:". */
const SIDE_HEADING =
  /^(?:(for|against)(?: the (?:motion|amendment|recommendations?|proposal))?|(abstain(?:ed|ing)?|abstentions?)|there voted (for|against)\b[^:]{0,80}|there abstained\b[^:]{0,40}|voting (for|against)|not voting|abstaining)\s*(?::-?|-|\u2013)?\s*(.*)$/i;
/** A line of names: "Councillors A, B and C …… 24", "Cllrs D Ashenden, H Allen", "Councillor Long (1)", "None". */
const NAMES = /^(?:(?:Councillors?|Cllrs?\.?)\s+\S|None\b|Nil\b)/i;

function sideOf(m: RegExpExecArray): VoteSide {
  const word = (m[1] ?? m[3] ?? m[4] ?? "").toLowerCase();
  if (word === "for") return "for";
  if (word === "against") return "against";
  return "abstain";
}

/** Names and the printed count from a names line: titles, leader dots and the count are not names. */
export function readNames(text: string): { names: string[]; count: number | null } {
  // Runs of spaces and of leader dots are shortened first, so the count's pattern never rescans a long run.
  const line = text
    .replace(/\s+/g, " ")
    .replace(/\.{3,}/g, "..")
    .trim();
  const countMatch = /(?:\.{2,}|\u2026+| ) ?\(?(\d{1,4})\)?$/.exec(line);
  const body = (countMatch ? line.slice(0, countMatch.index) : line)
    .replace(/[.\u2026\s]+$/, "")
    .replace(/^(?:Councillors?|Cllrs?\.?)\s+/i, "");
  const names = /^(?:None|Nil)\b/i.test(body)
    ? []
    : body
        .split(/\s*,\s*|\s+and\s+/)
        .map((n) => n.replace(/^(?:Councillors?|Cllrs?\.?)\s+/i, "").trim())
        .filter(Boolean);
  return { names, count: countMatch ? Number(countMatch[1]) : null };
}

/** What one line says of a vote: counts in a sentence, a side's heading, or a side with its names. */
export type VoteLine =
  | { kind: "counts"; for: number; against: number; abstain: number; whole: boolean; named?: Record<VoteSide, string[]> }
  | { kind: "side"; side: VoteSide; names: string[] | null; count: number | null };

/** Reads a line for a recorded vote, or null. `whole` is true when the line holds nothing but the counts. */
export function readVoteLine(text: string): VoteLine | null {
  // Runs of white space are read as one space: the patterns then never rescan a long run.
  const flat = text.replace(/\s+/g, " ");
  const counts = COUNTS.exec(flat);
  if (counts) {
    const left = flat
      .replace(counts[0], "")
      .replace(/^(?:recorded vote|vote)\s*:?/i, "")
      .replace(/[\s().;:,]/g, "");
    const names = (list: string | undefined) => (list === undefined ? undefined : list.split(/\s*,\s*/).filter(Boolean));
    const named =
      counts[2] !== undefined || counts[4] !== undefined || counts[6] !== undefined
        ? { for: names(counts[2]) ?? [], against: names(counts[4]) ?? [], abstain: names(counts[6]) ?? [] }
        : undefined;
    return {
      kind: "counts",
      for: Number(counts[1]),
      against: Number(counts[3]),
      abstain: Number(counts[5] ?? 0),
      whole: left === "",
      ...(named ? { named } : {}),
    };
  }
  const by = BY_VOTES.exec(flat);
  if (by) return { kind: "counts", for: Number(by[1]), against: Number(by[2]), abstain: Number(by[3] ?? 0), whole: false };
  const side = SIDE_HEADING.exec(flat);
  if (!side) return null;
  const rest = side[5] ?? "";
  if (rest && !NAMES.test(rest) && !/^\d{1,4}$/.test(rest)) return null;
  if (/^\d{1,4}$/.test(rest)) return { kind: "side", side: sideOf(side), names: null, count: Number(rest) };
  const read = rest ? readNames(rest) : null;
  return { kind: "side", side: sideOf(side), names: read ? read.names : null, count: read ? read.count : null };
}

/** True for a line that can follow a side's heading as its names. */
export function isNamesLine(text: string): boolean {
  return NAMES.test(text);
}

/** A vote being read from several lines. */
export class VoteDraft {
  private counts = { for: 0, against: 0, abstain: 0 };
  private named: Record<VoteSide, string[]> | null = null;
  private printed: Partial<Record<VoteSide, number>> = {};
  /** True once anything was read. */
  seen = false;

  /** Adds one line's reading. */
  add(line: VoteLine): void {
    this.seen = true;
    if (line.kind === "counts") {
      this.counts = { for: line.for, against: line.against, abstain: line.abstain };
      if (line.named) {
        this.named = line.named;
        this.printed = { ...this.counts };
      }
      return;
    }
    if (line.count !== null) this.printed[line.side] = line.count;
    if (line.names) {
      this.named ??= { for: [], against: [], abstain: [] };
      this.named[line.side].push(...line.names);
    }
  }

  /** Adds names read from the line under a side's heading. */
  addNames(side: VoteSide, line: string): void {
    const read = readNames(line);
    this.add({ kind: "side", side, names: read.names, count: read.count });
  }

  /**
   * The vote: named when every printed count agrees with the names listed (the model counts
   * names, so a disagreeing page keeps its printed counts and `mismatch` says so).
   */
  build(): { vote: Vote; mismatch: string | null } {
    const sides: VoteSide[] = ["for", "against", "abstain"];
    if (!this.named) return { vote: createVote({ ...this.counts, ...this.printed }), mismatch: null };
    const named = this.named;
    const off = sides.filter((s) => this.printed[s] !== undefined && this.printed[s] !== named[s].length);
    if (off.length === 0) return { vote: createVote({ named }), mismatch: null };
    const counts = Object.fromEntries(sides.map((s) => [s, this.printed[s] ?? named[s].length]));
    return {
      vote: createVote(counts),
      mismatch: off.map((s) => `${s} ${named[s].length} names but the count ${this.printed[s]}`).join(", "),
    };
  }
}
