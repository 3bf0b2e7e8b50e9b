import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from "docx";
import type { AgendaItem, MeetingSnapshot } from "../meeting";
import {
  describeVote,
  documentTitle,
  layoutHeader,
  layoutItem,
  layoutMeeting,
  safeHref,
  type Flow,
  type ItemLayout,
  type MeetingLayout,
  type PrintedComment,
  type PrintedResolution,
} from "./layout";
import type { HouseStyle } from "./houseStyle";

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel];

// A sans-serif body, as public-sector accessibility guidance asks of Word documents.
const FONT = "Arial";
const headingStyle = (size: number, italics = false) => ({
  run: { font: FONT, size, bold: true, italics, color: "000000" },
  paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } },
});

function heading(text: string, level: Heading): Paragraph {
  return new Paragraph({ heading: level, text });
}

function para(children: ParagraphChild[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ children, ...options });
}

function bullet(children: ParagraphChild[]): Paragraph {
  // Word's own list numbering, not a typed "·", so the bullets reflow and restyle like any Word list.
  return new Paragraph({ children, bullet: { level: 0 }, keepLines: true });
}

function hyperlink(text: string, href: string): ExternalHyperlink {
  return new ExternalHyperlink({ link: href, children: [new TextRun({ text, style: "Hyperlink" })] });
}

function labelled(label: string, text: string): ParagraphChild[] {
  return [new TextRun({ text: `${label}:`, bold: true }), new TextRun(` ${text}`)];
}

function flowDocx(flow: readonly Flow[], level: Heading): Paragraph[] {
  return flow.flatMap((f) => {
    if (f.kind === "bullets") return f.items.map((text) => bullet([new TextRun(text)]));
    return [f.kind === "heading" ? heading(f.text, level) : para([new TextRun(f.text)])];
  });
}

function commentRuns(c: PrintedComment): ParagraphChild[] {
  const href = c.link && safeHref(c.link);
  return href ? [new TextRun(`${c.text} `), hyperlink("Watch", href)] : [new TextRun(c.text)];
}

function discussionDocx(discussion: NonNullable<ItemLayout["discussion"]>): Paragraph[] {
  const out = discussion.intro ? [para([new TextRun(discussion.intro)], { keepNext: true })] : [];
  for (const c of discussion.comments) out.push(c.note ? para(commentRuns(c)) : bullet(commentRuns(c)));
  return out;
}

function resolutionDocx(
  r: PrintedResolution,
  first: boolean,
  meeting: MeetingSnapshot | null,
  decision: ItemLayout["decision"],
): Paragraph[] {
  const wording = [r.label, r.text].filter(Boolean).join(" ");
  // The published format names the keyword once; later resolutions open with their number alone.
  const runs =
    first && decision.keyword && !decision.alone
      ? [new TextRun({ text: decision.keyword, bold: true }), new TextRun(`${decision.punctuation}${wording}`)]
      : [new TextRun(wording)];
  const follows = r.bullets.length > 0 || r.vote !== null;
  const out = [new Paragraph({ children: runs, keepLines: true, keepNext: follows || undefined })];
  out.push(...r.bullets.map((text) => bullet([new TextRun(text)])));
  if (r.vote) out.push(para([new TextRun({ text: `Recorded vote: ${describeVote(r.vote, meeting)}`, italics: true })]));
  return out;
}

function itemDocx(item: ItemLayout, meeting: MeetingSnapshot | null, withDeclarations: boolean): Paragraph[] {
  const out = [heading(item.label, HeadingLevel.HEADING_2), ...flowDocx(item.purpose, HeadingLevel.HEADING_3)];
  if (item.contact) out.push(para(labelled("Officer contact", item.contact)));
  if (withDeclarations && item.declarations.length > 0) {
    out.push(heading("Declarations of interest", HeadingLevel.HEADING_3), ...item.declarations.map((d) => bullet([new TextRun(d)])));
  }
  if (item.minutes) {
    out.push(heading("Minutes", HeadingLevel.HEADING_3), ...flowDocx(item.narrative, HeadingLevel.HEADING_4));
    if (item.discussion) out.push(...discussionDocx(item.discussion));
    if (item.decision.keyword && item.decision.alone && item.resolutions.length > 0)
      out.push(
        para([new TextRun({ text: item.decision.keyword, bold: true }), new TextRun(item.decision.punctuation.trimEnd())], {
          keepNext: true,
        }),
      );
    item.resolutions.forEach((r, i) => out.push(...resolutionDocx(r, i === 0, meeting, item.decision)));
  }
  if (item.actions.length > 0) out.push(heading("Actions", HeadingLevel.HEADING_3), ...item.actions.map((a) => bullet([new TextRun(a)])));
  if (item.documents.length > 0) {
    out.push(heading("Supporting documents", HeadingLevel.HEADING_3));
    for (const d of item.documents) {
      const href = safeHref(d.url);
      out.push(bullet([href ? hyperlink(d.title || d.url, href) : new TextRun([d.title, d.url].filter(Boolean).join(" "))]));
    }
  }
  return out;
}

function headerDocx({ title, details }: { title: string[]; details: string[] }): Paragraph[] {
  const [name = "", ...rest] = title;
  return [
    heading(name, HeadingLevel.HEADING_1),
    ...rest.map((t) => para([new TextRun({ text: t, size: 28 })])),
    ...details.map((d) => para([new TextRun(d)])),
  ];
}

function attendanceDocx(layout: MeetingLayout): Paragraph[] {
  const out: Paragraph[] = [];
  if (layout.attendance.length > 0) {
    out.push(
      heading("Attendance", HeadingLevel.HEADING_2),
      ...layout.attendance.map((row) => para(labelled(row.label, row.names.join(", ")))),
    );
  }
  if (layout.declarations.length > 0) {
    out.push(heading("Declarations of interest", HeadingLevel.HEADING_2), ...layout.declarations.map((d) => bullet([new TextRun(d)])));
  }
  return out;
}

function pack(title: string, children: Paragraph[]): Promise<Uint8Array> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
  const doc = new Document({
    title,
    creator: "live-minutes",
    lastModifiedBy: "live-minutes",
    subject: "Minutes",
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 140, line: 276 } } },
        heading1: headingStyle(36),
        heading2: headingStyle(30),
        heading3: headingStyle(24),
        heading4: headingStyle(22, true),
        hyperlink: { run: { color: "0B4F8A", underline: {} } },
      },
    },
    sections: [
      {
        // A4 with 2 cm margins, as councils print their minutes.
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: { default: footer },
        children,
      },
    ],
  });
  // "uint8array" rather than toBuffer: the same call works in the browser and in Node.
  return Packer.pack(doc, "uint8array");
}

/** A whole meeting as a Word document (.docx bytes). */
export function exportMeetingDocx(meeting: MeetingSnapshot, style: Partial<HouseStyle> = {}): Promise<Uint8Array> {
  const layout = layoutMeeting(meeting, style);
  const children = [
    ...headerDocx(layout),
    para([new TextRun({ text: layout.minutesOf, bold: true })]),
    ...attendanceDocx(layout),
    ...layout.items.flatMap((item) => itemDocx(item, meeting, false)),
    // A signed set ends with the chair's signature and the date, with room to sign above each.
    ...layout.signature.map((line) => new Paragraph({ spacing: { before: 600 }, children: [new TextRun(line)] })),
  ];
  return pack(documentTitle(meeting), children);
}

/** One agenda item as a Word document (.docx bytes); `meeting` supplies its header, names and webcast. */
export function exportItemDocx(
  item: AgendaItem,
  meeting: MeetingSnapshot | null = null,
  style: Partial<HouseStyle> = {},
): Promise<Uint8Array> {
  const layout = layoutItem(item, meeting, style);
  const header = layoutHeader(meeting);
  return pack(documentTitle(meeting, layout), [...headerDocx(header), ...itemDocx(layout, meeting, true)]);
}
