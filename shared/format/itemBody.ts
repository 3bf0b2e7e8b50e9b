import {
  createBlock,
  createDiscussionEntry,
  createResolution,
  createSupportingDocument,
  STANDARD_DISCUSSION_INTRO,
  type Block,
  type DiscussionEntry,
  type Resolution,
  type SupportingDocument,
} from "../meeting";
import {
  BULLET_LINE,
  CONTACT_LINE,
  DISCUSSION_LINE,
  DOCUMENTS_LINE,
  MINUTE_PARAGRAPH,
  MINUTES_LINE,
  NBSP,
  URL_IN_LINE,
  looksLikeHeading,
  responseStart,
} from "./patterns";
import { isStem, labelKind, readKeywordLine, readNumberedPart, type KeywordLine } from "./resolutionLines";
import { isNamesLine, readVoteLine, VoteDraft, type VoteSide } from "./voteLines";
import { findMinutesStart } from "./minutesStart";
import type { ImportWarning, SourceLine } from "./importText";
import type { HouseStyle } from "./houseStyle";

type Section = "purpose" | "narrative" | "discussion" | "resolutions" | "documents";

/** What an item's body holds, read from its lines. */
export interface ItemBody {
  purpose: Block[];
  contact: { name: string; phone: string; email: string };
  narrative: Block[];
  discussionIntro: string;
  discussion: DiscussionEntry[];
  resolutions: Resolution[];
  documents: SupportingDocument[];
  /** The first decision keyword line as written. */
  keyword: KeywordLine | null;
  /** What the body showed of the council's house style. */
  style: Partial<HouseStyle>;
  warnings: ImportWarning[];
}

/** Splits a comment into the comment and the answer given, where a standard answer phrase starts a sentence. */
export function splitComment(text: string): DiscussionEntry {
  const start = responseStart(text);
  if (start <= 0) return createDiscussionEntry({ comment: text });
  return createDiscussionEntry({ comment: text.slice(0, start).trimEnd(), response: text.slice(start) });
}

/** "Michael Cullen, 0161 474 4631, Michael.cullen@…": name first, then whichever parts are a phone number or an email. */
export function parseContact(value: string): { name: string; phone: string; email: string } {
  // A contact is a name, a number and an address: a line far longer is kept whole as the name rather than split into thousands of parts.
  if (value.length > 1000) return { name: value, phone: "", email: "" };
  const parts = value.split(/\s*,\s*/).filter(Boolean);
  const email = parts.find((p) => /@/.test(p)) ?? "";
  const phone = parts.find((p) => p !== email && /^[+\d][\d ()-]{5,}$/.test(p)) ?? "";
  const name = parts.filter((p) => p !== email && p !== phone).join(", ");
  return { name, phone, email };
}

function clip(text: string): string {
  const flat = text.replaceAll(NBSP, " ");
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** Reads an item's body, from the line after its title to its end; on an issue or decision page (`minutesPage`) the body is the minutes. */
export function readBody(lines: readonly SourceLine[], from: number, minutesPage = false): ItemBody {
  const out: ItemBody = {
    purpose: [],
    contact: { name: "", phone: "", email: "" },
    narrative: [],
    discussionIntro: STANDARD_DISCUSSION_INTRO,
    discussion: [],
    resolutions: [],
    documents: [],
    keyword: null,
    style: {},
    warnings: [],
  };
  const style = out.style;
  const warn = (line: number, message: string) => out.warnings.push({ line, message });
  const hasMinutesLine = lines.some((l) => MINUTES_LINE.test(l.text));
  const marked = hasMinutesLine ? -1 : findMinutesStart(lines, from);
  const minutesFrom = marked < 0 && minutesPage && !hasMinutesLine && from < lines.length ? from : marked;
  if (minutesFrom >= 0 && !(minutesPage && minutesFrom === from)) {
    const start = lines[minutesFrom]!;
    const before =
      minutesFrom > from ? `, and the ${minutesFrom - from === 1 ? "line" : `${minutesFrom - from} lines`} before it as the purpose` : "";
    warn(start.no, `No "Minutes:" line: read the item from line ${start.no} ("${clip(start.text)}") on as its minutes${before}.`);
  }

  let section: Section = "purpose";
  // Resolutions: whether the wording is still to come after "RESOLVED that:", the kind of label
  // the top-level resolutions use, and the kind of the parts under a stem ("That the Committee:-").
  let awaiting = false;
  let topKind = "";
  let partKind = "";
  // A recorded vote: read over several lines, then given to its resolution.
  let vote = new VoteDraft();
  let voteLines: SourceLine[] = [];
  let voteTarget: Resolution | "next" = "next";
  let sideAwaitingNames: { side: VoteSide; line: SourceLine } | null = null;
  const settleVote = (next: Resolution | null) => {
    if (!vote.seen) return;
    const target = voteTarget === "next" ? next : voteTarget;
    if (!target) return;
    const { vote: built, mismatch } = vote.build();
    target.vote = built;
    if (mismatch)
      warn(voteLines[0]!.no, `The recorded vote's names and counts disagree (${mismatch}); kept the printed counts without names.`);
    vote = new VoteDraft();
    voteLines = [];
    voteTarget = "next";
  };
  const addResolution = (text: string) => {
    const r = createResolution({ text });
    settleVote(r);
    out.resolutions.push(r);
    return r;
  };

  for (let i = from; i < lines.length; i++) {
    let line = lines[i]!;
    const bare = MINUTE_PARAGRAPH.exec(line.text);
    if (section !== "purpose" && section !== "documents" && bare && !bare[2] && lines[i + 1]) {
      // "8.1" alone on its line: the paragraph it numbers is the next line.
      i++;
      line = { no: line.no, text: `${bare[1]} ${lines[i]!.text}` };
      style.paragraphNumberAlone ??= true;
    }
    const { no, text } = line;
    const bullet = BULLET_LINE.exec(text);
    if (bullet && style.bullet === undefined) style.bullet = text[0]!;
    const current = out.resolutions[out.resolutions.length - 1];
    if (i === minutesFrom) section = "narrative";
    if (section === "purpose" && CONTACT_LINE.test(text)) {
      Object.assign(out.contact, parseContact(CONTACT_LINE.exec(text)![1]!));
      continue;
    }
    if (section === "purpose" && MINUTES_LINE.test(text)) {
      section = "narrative";
      style.minutes = text;
      continue;
    }
    if (DOCUMENTS_LINE.test(text)) {
      section = "documents";
      continue;
    }
    if (section === "documents") {
      const url = URL_IN_LINE.exec(text)?.[1] ?? "";
      out.documents.push(createSupportingDocument({ title: (bullet?.[1] ?? text).replace(url, "").trim() || url, url }));
      continue;
    }
    if (section === "purpose") {
      out.purpose.push(createBlock({ kind: bullet ? "bullet" : "paragraph", text: bullet?.[1] ?? text }));
      continue;
    }

    // Recorded votes, wherever they stand in the minutes.
    if (sideAwaitingNames) {
      const side = sideAwaitingNames;
      sideAwaitingNames = null;
      if (isNamesLine(text)) {
        vote.addNames(side.side, text);
        voteLines.push(line);
        continue;
      }
      out.narrative.push(createBlock({ text: side.line.text }));
      warn(side.line.no, `"${clip(side.line.text)}" reads as a side of a recorded vote but no names followed; kept it as narrative.`);
    }
    const voteLine = readVoteLine(text);
    if (voteLine) {
      if (!vote.seen) voteTarget = section === "resolutions" && current ? current : "next";
      vote.add(voteLine);
      voteLines.push(line);
      if (voteLine.kind === "side" && voteLine.names === null && voteLine.count === null) sideAwaitingNames = { side: voteLine.side, line };
      if (voteLine.kind === "side" || voteLine.whole) continue;
    }

    const keyword = readKeywordLine(text);
    if (keyword) {
      if (!out.keyword) {
        out.keyword = keyword;
        if (keyword.paragraph) style.decisionNumbered = true;
        Object.assign(style, {
          keyword: keyword.keyword,
          punctuation: keyword.punctuation.replace(keyword.note, "").replace(/\s+$/, keyword.leadOnly ? "" : " "),
          keywordAlone: keyword.leadOnly,
        });
      }
      section = "resolutions";
      awaiting = keyword.leadOnly;
      partKind = "";
      if (keyword.note) {
        // "(Unanimously)" after the keyword: the model has no place for it beside the resolution, so the clerk sees it in the narrative.
        out.narrative.push(createBlock({ text: keyword.note }));
        warn(
          no,
          `Kept "${keyword.note}" from the decision line "${clip(text)}" as a narrative paragraph: a resolution has no place for such a note.`,
        );
      }
      if (keyword.leadOnly) continue;
      const part = readNumberedPart(keyword.rest);
      if (part) topKind = labelKind(part.label);
      if (part) style.numbering ??= part.label;
      addResolution(part ? part.text : keyword.rest);
      continue;
    }
    if (section === "resolutions") {
      const part = readNumberedPart(text);
      const stemOpen = current && (partKind !== "" || isStem(current.text));
      if (part && stemOpen && labelKind(part.label) !== topKind && (partKind === "" || partKind === labelKind(part.label))) {
        partKind = labelKind(part.label);
        current.bullets.push(createBlock({ kind: "paragraph", text: text }));
      } else if (part) {
        if (!topKind) topKind = labelKind(part.label);
        style.numbering ??= part.label;
        partKind = "";
        addResolution(part.text);
        awaiting = false;
      } else if (awaiting) {
        if (bullet) style.resolutionBullets ??= true;
        addResolution(bullet?.[1] ?? text);
        // A bulleted list under "RESOLVED, that:" is a list of resolutions; a plain paragraph is the one resolution.
        awaiting = Boolean(bullet);
      } else if (bullet && current) current.bullets.push(createBlock({ kind: "bullet", text: bullet[1]! }));
      else {
        out.narrative.push(createBlock({ text }));
        warn(
          no,
          `Could not place "${clip(text)}" after the resolutions (not numbered, not a bullet); kept it in the minutes narrative, after the other narrative paragraphs.`,
        );
      }
      continue;
    }

    const implicit = readNumberedPart(text);
    if (implicit && /^that\b/i.test(implicit.text) && section !== "discussion") {
      // "1. That …" with no keyword above it: decision pages print the resolutions so.
      section = "resolutions";
      topKind = labelKind(implicit.label);
      style.numbering ??= implicit.label;
      style.keyword ??= "";
      addResolution(implicit.text);
      continue;
    }
    if (MINUTE_PARAGRAPH.test(text)) {
      placeParagraph(text);
      continue;
    }
    if (DISCUSSION_LINE.test(text)) {
      section = "discussion";
      out.discussionIntro = text;
    } else if (section === "narrative") {
      const kind = bullet ? "bullet" : looksLikeHeading(text) && lines[i + 1] ? "heading" : "paragraph";
      out.narrative.push(createBlock({ kind, text: bullet?.[1] ?? text }));
    } else {
      const part = bullet ? null : readNumberedPart(text);
      if (part) style.commentNumbering ??= part.label;
      if (bullet || part) out.discussion.push(splitComment(bullet?.[1] ?? part!.text));
      else out.discussion.push(createDiscussionEntry({ kind: "note", comment: text }));
    }
  }

  /** A numbered minute paragraph: narrative, until one records a question and its answer; from then on, the discussion. */
  function placeParagraph(text: string): void {
    const entry = splitComment(text);
    if (section === "narrative" && entry.response) {
      section = "discussion";
      out.discussionIntro = "";
    }
    if (section === "discussion") out.discussion.push(entry);
    else out.narrative.push(createBlock({ text }));
  }

  if (sideAwaitingNames) out.narrative.push(createBlock({ text: sideAwaitingNames.line.text }));
  settleVote(out.resolutions[out.resolutions.length - 1] ?? null);
  if (vote.seen) {
    for (const l of voteLines) out.narrative.push(createBlock({ text: l.text }));
    warn(voteLines[0]!.no, "A recorded vote stands in the minutes but no resolution follows it; kept its lines as narrative.");
  }
  if (!hasMinutesLine && minutesFrom >= 0) style.minutes = "";
  if (!hasMinutesLine && minutesFrom < 0 && section === "purpose" && lines.length > 0)
    warn(lines[0]!.no, 'No "Minutes:" line: read the item as an agenda entry (title, purpose and contact only).');
  return out;
}
