import type { AgendaItem, MeetingSnapshot } from "../meeting";
import { layoutItem, layoutMeeting, type Flow, type ItemLayout } from "./layout";
import { BULLET, EN_DASH, NBSP, type Variant } from "./patterns";

/** A printed line and whether the rich variant puts a no-break-space paragraph before it. */
interface Unit {
  text: string;
  gap: boolean;
}

const RICH_BULLET = `${BULLET}${NBSP.repeat(8)} `;
const COMPACT_BULLET = `${BULLET} `;

function bulletMark(variant: Variant): string {
  return variant === "rich" ? RICH_BULLET : COMPACT_BULLET;
}

/** A comment that carries its minute paragraph's number ("69.2 …"), or a resolution's part that carries its label ("(a) …"), is printed as numbered, without a bullet mark. */
const NUMBERED_TEXT = /^(?:\d{1,3}\.\d{1,2}|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)|(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s/i;

function marked(text: string, variant: Variant): string {
  return NUMBERED_TEXT.test(text) ? text : bulletMark(variant) + text;
}

function flowUnits(flow: readonly Flow[], variant: Variant, gapFirst: boolean): Unit[] {
  const units: Unit[] = [];
  flow.forEach((f, i) => {
    const gap = i > 0 || gapFirst;
    if (f.kind === "bullets") f.items.forEach((text, j) => units.push({ text: bulletMark(variant) + text, gap: gap && j === 0 }));
    else units.push({ text: f.text, gap });
  });
  return units;
}

/** How to print: the variant, and whether to end each item with "Supporting documents:" even when it lists none. */
export interface TextOptions {
  variant?: Variant;
  trailer?: boolean;
}

function itemUnits(item: ItemLayout, variant: Variant, trailer: boolean): Unit[] {
  const units: Unit[] = [];
  if (variant === "rich") units.push({ text: "Agenda item", gap: false });
  if (item.heading) units.push({ text: item.heading, gap: false });
  units.push(...flowUnits(item.purpose, variant, false));
  if (item.contact) units.push({ text: `Officer contact: ${item.contact}`, gap: item.purpose.length > 0 });
  if (item.minutes) {
    units.push({ text: "Minutes:", gap: false });
    units.push(...flowUnits(item.narrative, variant, false));
    if (item.discussion) {
      // An intro left empty: the discussion was numbered paragraphs with no line to open it.
      if (item.discussion.intro) units.push({ text: item.discussion.intro, gap: item.narrative.length > 0 });
      item.discussion.comments.forEach((c, i) => units.push({ text: c.note ? c.text : marked(c.text, variant), gap: i === 0 }));
    }
    item.resolutions.forEach((r, i) => {
      const wording = [r.label, r.text].filter(Boolean).join(" ");
      units.push({ text: i === 0 ? `RESOLVED ${EN_DASH} ${wording}` : wording, gap: true });
      for (const bullet of r.bullets) units.push({ text: marked(bullet, variant), gap: false });
    });
  }
  if (trailer || item.documents.length > 0) units.push({ text: "Supporting documents:", gap: false });
  for (const doc of item.documents) units.push({ text: [doc.title, doc.url].filter(Boolean).join(" "), gap: false });
  return units;
}

function render(units: readonly Unit[], variant: Variant): string {
  if (variant === "compact") return units.map((u) => u.text).join("\n");
  return units.map((u, i) => (u.gap && i > 0 ? `${NBSP}\n\n${u.text}` : u.text)).join("\n\n");
}

/** One agenda item in the published format, rich or compact. */
export function exportItemText(item: AgendaItem, { variant = "rich", trailer = true }: TextOptions = {}): string {
  return render(itemUnits(layoutItem(item), variant, trailer), variant);
}

/** A whole meeting: header, attendance and declarations (where set), then each item in order. */
export function exportMeetingText(meeting: MeetingSnapshot, { variant = "rich", trailer = true }: TextOptions = {}): string {
  const layout = layoutMeeting(meeting);
  const header: Unit[] = layout.heading.map((text) => ({ text, gap: false }));
  for (const row of layout.attendance) header.push({ text: `${row.label}: ${row.names.join(", ")}`, gap: false });
  if (layout.declarations.length > 0) {
    header.push({ text: "Declarations of interest:", gap: true });
    for (const d of layout.declarations) header.push({ text: bulletMark(variant) + d, gap: false });
  }
  const parts = header.length > 0 ? [render(header, variant)] : [];
  for (const item of layout.items) parts.push(render(itemUnits(item, variant, trailer), variant));
  return parts.join(variant === "rich" ? "\n\n" : "\n");
}
