import type { AgendaItem, MeetingSnapshot, Vote } from "../meeting";
import { readVoteLine } from "./voteLines";
import { layoutItem, layoutMeeting, type Flow, type ItemLayout } from "./layout";
import { NBSP, type Variant } from "./patterns";
import { label, withDefaults, type HouseStyle } from "./houseStyle";

/** A printed line and whether the rich variant puts a no-break-space paragraph before it. */
interface Unit {
  text: string;
  gap: boolean;
}

/** The mark before a bullet: the rich variant pads it with no-break spaces as the seeds do. */
function bulletMark(style: HouseStyle): string {
  return style.variant === "rich" ? `${style.bullet}${NBSP.repeat(8)} ` : `${style.bullet} `;
}

/** A comment that carries its minute paragraph's number ("69.2 …"), or a resolution's part that carries its label ("(a) …"), is printed as numbered, without a bullet mark. */
const NUMBERED_TEXT = /^(?:\d{1,3}\.\d{1,2}|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s/i;

function marked(text: string, style: HouseStyle): string {
  return NUMBERED_TEXT.test(text) ? text : bulletMark(style) + text;
}

const PARAGRAPH_NUMBER = /^(\d{1,3})\.(\d{1,2}) (.*)$/s;

/** A numbered minute paragraph, its number on a line of its own when the style puts it there. */
function paragraphUnits(text: string, style: HouseStyle, gap: boolean): Unit[] {
  const numbered = style.paragraphNumberAlone ? PARAGRAPH_NUMBER.exec(text) : null;
  if (!numbered) return [{ text, gap }];
  return [
    { text: `${numbered[1]}.${numbered[2]}`, gap },
    { text: numbered[3]!, gap: true },
  ];
}

function flowUnits(flow: readonly Flow[], style: HouseStyle, gapFirst: boolean): Unit[] {
  const units: Unit[] = [];
  flow.forEach((f, i) => {
    const gap = i > 0 || gapFirst;
    if (f.kind === "bullets") f.items.forEach((text, j) => units.push({ text: bulletMark(style) + text, gap: gap && j === 0 }));
    else units.push(...paragraphUnits(f.text, style, gap));
  });
  return units;
}

/** True when a narrative paragraph already gives the vote's counts ("carried by 24 votes to 10"), so printing it again would repeat it. */
function saidInNarrative(item: ItemLayout, vote: Vote): boolean {
  return item.narrative.some((f) => {
    if (f.kind === "bullets") return false;
    const read = readVoteLine(f.text);
    return read?.kind === "counts" && read.for === vote.for && read.against === vote.against && read.abstain === vote.abstain;
  });
}

/** The number the decision takes when it is the next minute paragraph: one past the item's last numbered paragraph. */
function decisionNumber(item: ItemLayout): string {
  const texts = [
    ...item.narrative.flatMap((f) => (f.kind === "bullets" ? [] : [f.text])),
    ...(item.discussion?.comments.map((c) => c.text) ?? []),
  ];
  const last = texts
    .map((t) => PARAGRAPH_NUMBER.exec(t))
    .filter((m) => m !== null)
    .at(-1);
  return last ? `${last[1]}.${Number(last[2]) + 1}` : "";
}

/**
 * How to print: a house style (what an import saw of it; the seeds' style for the rest), and
 * the variant and trailer, which, when given, win over the style's.
 */
export interface TextOptions {
  variant?: Variant;
  trailer?: boolean;
  style?: Partial<HouseStyle>;
}

/** The style an export writes in. */
export function resolveStyle({ variant, trailer, style = {} }: TextOptions = {}): HouseStyle {
  const resolved = withDefaults(style, variant ?? style.variant);
  // Asking for the other variant asks for its header too: compact pages print no "Agenda item" line.
  const switched = variant && variant !== resolved.variant ? { variant, header: variant === "rich" } : {};
  return { ...resolved, ...switched, ...(trailer === undefined ? {} : { trailer }) };
}

function headingUnits(item: ItemLayout, style: HouseStyle): Unit[] {
  const { number, title } = item;
  if (!number) return title ? [{ text: title, gap: false }] : [];
  switch (style.number) {
    case "apart":
      return title ? [{ text: title, gap: false }] : [];
    case "inline":
      return [{ text: [number, title].filter(Boolean).join(" "), gap: false }];
    case "own-line-dot":
    case "own-line":
      return [
        { text: style.number === "own-line-dot" ? `${number}.` : number, gap: false },
        ...(title ? [{ text: title, gap: false }] : []),
      ];
    default:
      return [{ text: item.heading, gap: false }];
  }
}

function resolutionUnits(item: ItemLayout, style: HouseStyle): Unit[] {
  const units: Unit[] = [];
  const paragraph = style.decisionNumbered ? decisionNumber(item) : "";
  const opening = `${style.keyword}${style.punctuation}`;
  if (style.keyword && style.keywordAlone && item.resolutions.length > 0)
    units.push(...paragraphUnits([paragraph, opening.trim()].filter(Boolean).join(" "), style, true));
  item.resolutions.forEach((r, i) => {
    const wording = [r.label, r.text].filter(Boolean).join(" ");
    const first = i === 0 && style.keyword && !style.keywordAlone;
    if (first) units.push(...paragraphUnits([paragraph, `${opening}${wording}`].filter(Boolean).join(" "), style, true));
    else units.push({ text: style.resolutionBullets && style.keywordAlone ? bulletMark(style) + wording : wording, gap: true });
    for (const bullet of r.bullets) units.push({ text: marked(bullet, style), gap: false });
    // A recorded vote under its resolution, in the words the import reads back (names in brackets when named).
    if (r.vote && r.voteText && !saidInNarrative(item, r.vote)) units.push({ text: r.voteText, gap: false });
  });
  return units;
}

function itemUnits(item: ItemLayout, style: HouseStyle): Unit[] {
  const units: Unit[] = [];
  if (style.header) units.push({ text: "Agenda item", gap: false });
  units.push(...headingUnits(item, style));
  units.push(...flowUnits(item.purpose, style, false));
  if (item.contact) units.push({ text: `Officer contact: ${item.contact}`, gap: item.purpose.length > 0 });
  if (item.minutes) {
    if (style.minutes) units.push({ text: style.minutes, gap: false });
    units.push(...flowUnits(item.narrative, style, false));
    if (item.discussion) {
      // An intro left empty: the discussion was numbered paragraphs with no line to open it.
      if (item.discussion.intro) units.push({ text: item.discussion.intro, gap: item.narrative.length > 0 });
      item.discussion.comments.forEach((c, i) => {
        const text = c.note ? c.text : style.commentNumbering ? `${label(style.commentNumbering, i + 1)} ${c.text}` : marked(c.text, style);
        units.push(...paragraphUnits(text, style, i === 0));
      });
    }
    units.push(...resolutionUnits(item, style));
  }
  if (style.trailer || item.documents.length > 0) units.push({ text: "Supporting documents:", gap: false });
  for (const doc of item.documents) units.push({ text: [doc.title, doc.url].filter(Boolean).join(" "), gap: false });
  return units;
}

function render(units: readonly Unit[], { variant }: HouseStyle): string {
  if (variant === "compact") return units.map((u) => u.text).join("\n");
  return units.map((u, i) => (u.gap && i > 0 ? `${NBSP}\n\n${u.text}` : u.text)).join("\n\n");
}

/** One agenda item in the published format, in a house style (the seeds' style by default). */
export function exportItemText(item: AgendaItem, options: TextOptions = {}): string {
  const style = resolveStyle(options);
  return render(itemUnits(layoutItem(item, null, style), style), style);
}

/** A whole meeting: header, attendance and declarations (where set), then each item in order. */
export function exportMeetingText(meeting: MeetingSnapshot, options: TextOptions = {}): string {
  const style = resolveStyle(options);
  const layout = layoutMeeting(meeting, style);
  const header: Unit[] = layout.heading.map((text) => ({ text, gap: false }));
  for (const row of layout.attendance) header.push({ text: `${row.label}: ${row.names.join(", ")}`, gap: false });
  if (layout.declarations.length > 0) {
    header.push({ text: "Declarations of interest:", gap: true });
    for (const d of layout.declarations) header.push({ text: bulletMark(style) + d, gap: false });
  }
  const parts = header.length > 0 ? [render(header, style)] : [];
  for (const item of layout.items) parts.push(render(itemUnits(item, style), style));
  return parts.join(style.variant === "rich" ? "\n\n" : "\n");
}
