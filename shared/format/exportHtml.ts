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

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

// One escape serves element content and quoted attribute values alike.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// Serif body and sans headings read as a printed council document; the print rules keep
// a resolution, a bullet or a heading with what follows it on one page.
const STYLES = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 1.05rem/1.55 Georgia, "Times New Roman", Times, serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1, h2, h3, h4 { font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; line-height: 1.25; color: #111; }
h1 { font-size: 1.7rem; margin: 0 0 0.4rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.08rem; margin: 1.5rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 0.4rem; font-style: italic; }
.meeting-header { padding-bottom: 1rem; border-bottom: 2px solid #111; }
.meeting-header p { margin: 0.15rem 0; }
.meeting-header .subtitle { font-size: 1.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.25rem; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
ul { padding-left: 1.6rem; }
li { margin: 0.4rem 0; }
.contact { font-size: 0.95rem; }
.resolution-entry { margin: 1rem 0; }
.resolution { margin: 0; }
.resolution + ul { margin-top: 0.4rem; }
.vote { margin: 0.3rem 0 0 1.6rem; font-style: italic; }
.minutes-of { margin: 1rem 0 0; }
.signature { margin-top: 3rem; }
.signature p { margin: 2.5rem 0 0; }
a { color: #0b4f8a; }
a.webcast { margin-left: 0.4em; font-family: Arial, Helvetica, sans-serif; font-size: 0.8em; white-space: nowrap; }
@media screen { .resolution[data-status="draft"] { padding-left: 0.6rem; border-left: 3px solid #c98a00; } }
@media print {
  @page { size: A4; margin: 20mm 18mm 22mm; }
  body { font-size: 11pt; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a.webcast { display: none; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .resolution-entry, li, dl, .contact { break-inside: avoid; page-break-inside: avoid; }
  p { orphans: 3; widows: 3; }
}
`;

function flowHtml(flow: readonly Flow[], headingTag: "h3" | "h4"): string[] {
  return flow.map((f) => {
    if (f.kind === "bullets") return listHtml(f.items);
    return f.kind === "heading" ? `<${headingTag}>${escapeHtml(f.text)}</${headingTag}>` : `<p>${escapeHtml(f.text)}</p>`;
  });
}

function listHtml(items: readonly string[], className = ""): string {
  const open = className ? `<ul class="${className}">` : "<ul>";
  return [open, ...items.map((text) => `<li>${escapeHtml(text)}</li>`), "</ul>"].join("\n");
}

function link(href: string, text: string, className = ""): string {
  return `<a href="${escapeHtml(href)}"${className ? ` class="${className}"` : ""}>${escapeHtml(text)}</a>`;
}

function commentHtml(c: PrintedComment): string {
  const response = c.comment && c.response ? ` <span class="response">${escapeHtml(c.response)}</span>` : "";
  const text = c.comment && c.response ? escapeHtml(c.comment) + response : escapeHtml(c.text);
  const href = c.link && safeHref(c.link);
  return href ? `${text} ${link(href, "Watch", "webcast")}` : text;
}

function discussionHtml(discussion: NonNullable<ItemLayout["discussion"]>): string[] {
  const out = discussion.intro ? [`<p class="discussion-intro">${escapeHtml(discussion.intro)}</p>`] : [];
  let bullets: string[] = [];
  // A note stands between bullets as a paragraph, so it closes the list and a new one follows it.
  const close = () => {
    if (bullets.length > 0) out.push(['<ul class="discussion">', ...bullets, "</ul>"].join("\n"));
    bullets = [];
  };
  for (const c of discussion.comments) {
    if (c.note) {
      close();
      out.push(`<p class="note">${commentHtml(c)}</p>`);
    } else bullets.push(`<li>${commentHtml(c)}</li>`);
  }
  close();
  return out;
}

/** The decision keyword as the house style writes it, alone above the wording when the style puts it there. */
function keywordHtml(decision: ItemLayout["decision"]): string {
  return decision.keyword && decision.alone
    ? `<p class="resolution-keyword"><strong>${escapeHtml(decision.keyword)}</strong>${escapeHtml(decision.punctuation.trimEnd())}</p>`
    : "";
}

function resolutionHtml(r: PrintedResolution, first: boolean, meeting: MeetingSnapshot | null, decision: ItemLayout["decision"]): string {
  const status = r.confirmed ? "confirmed" : "draft";
  // The published format names the keyword once; later resolutions open with their number alone.
  const lead =
    first && decision.keyword && !decision.alone
      ? `<strong>${escapeHtml(decision.keyword)}</strong>${escapeHtml(decision.punctuation)}`
      : "";
  const label = r.label ? `<span class="label">${escapeHtml(r.label)}</span> ` : "";
  const parts = [`<p class="resolution" data-status="${status}">${lead}${label}${escapeHtml(r.text)}</p>`];
  if (r.bullets.length > 0) parts.push(listHtml(r.bullets));
  if (r.vote) parts.push(`<p class="vote">Recorded vote: ${escapeHtml(describeVote(r.vote, meeting))}</p>`);
  return ['<div class="resolution-entry">', ...parts, "</div>"].join("\n");
}

function section(className: string, heading: string, body: readonly string[]): string {
  return [`<section class="${className}">`, heading, ...body, "</section>"].filter(Boolean).join("\n");
}

function itemHtml(item: ItemLayout, meeting: MeetingSnapshot | null, withDeclarations: boolean): string {
  const parts = [`<h2>${escapeHtml(item.label)}</h2>`];
  if (item.purpose.length > 0) parts.push(section("purpose", "", flowHtml(item.purpose, "h3")));
  if (item.contact) parts.push(`<p class="contact"><strong>Officer contact:</strong> ${escapeHtml(item.contact)}</p>`);
  if (withDeclarations && item.declarations.length > 0)
    parts.push(section("declarations", "<h3>Declarations of interest</h3>", [listHtml(item.declarations)]));
  if (item.minutes) {
    const body = flowHtml(item.narrative, "h4");
    if (item.discussion) body.push(...discussionHtml(item.discussion));
    if (item.resolutions.length > 0)
      body.push(
        section(
          "resolutions",
          keywordHtml(item.decision),
          item.resolutions.map((r, i) => resolutionHtml(r, i === 0, meeting, item.decision)),
        ),
      );
    parts.push(section("minutes", "<h3>Minutes</h3>", body));
  }
  if (item.actions.length > 0) parts.push(section("actions", "<h3>Actions</h3>", [listHtml(item.actions)]));
  if (item.documents.length > 0) {
    const docs = item.documents.map((d) => {
      const href = safeHref(d.url);
      const text = d.title || d.url;
      return `<li>${href ? link(href, text) : escapeHtml([d.title, d.url].filter(Boolean).join(" "))}</li>`;
    });
    parts.push(section("documents", "<h3>Supporting documents</h3>", [["<ul>", ...docs, "</ul>"].join("\n")]));
  }
  return ['<article class="agenda-item">', ...parts, "</article>"].join("\n");
}

function headerHtml({ title, details }: { title: string[]; details: string[] }): string {
  const [name = "", ...rest] = title;
  const lines = [
    `<h1>${escapeHtml(name)}</h1>`,
    ...rest.map((t) => `<p class="subtitle">${escapeHtml(t)}</p>`),
    ...details.map((d) => `<p>${escapeHtml(d)}</p>`),
  ];
  return ['<header class="meeting-header">', ...lines, "</header>"].join("\n");
}

function attendanceHtml(layout: MeetingLayout): string[] {
  const out: string[] = [];
  if (layout.attendance.length > 0) {
    const rows = layout.attendance.map((row) => `<dt>${escapeHtml(row.label)}</dt>\n<dd>${escapeHtml(row.names.join(", "))}</dd>`);
    out.push(section("attendance", "<h2>Attendance</h2>", [["<dl>", ...rows, "</dl>"].join("\n")]));
  }
  if (layout.declarations.length > 0)
    out.push(section("declarations", "<h2>Declarations of interest</h2>", [listHtml(layout.declarations)]));
  return out;
}

function documentHtml(title: string, body: readonly string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en-GB">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="live-minutes">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLES}</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** A whole meeting as a standalone, printable HTML5 document, its decisions in a house style (the seeds' by default). */
export function exportMeetingHtml(meeting: MeetingSnapshot, style: Partial<HouseStyle> = {}): string {
  const layout = layoutMeeting(meeting, style);
  const body = [
    headerHtml(layout),
    `<p class="minutes-of"><strong>${escapeHtml(layout.minutesOf)}</strong></p>`,
    ...attendanceHtml(layout),
    ...layout.items.map((item) => itemHtml(item, meeting, false)),
    // A signed set ends with the chair's signature and the date, printed for signing.
    `<footer class="signature">\n${layout.signature.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}\n</footer>`,
  ];
  return documentHtml(documentTitle(meeting), body);
}

/** One agenda item as a standalone HTML5 document; `meeting` supplies its header, names and webcast; `style` its decisions' keyword and numbering. */
export function exportItemHtml(item: AgendaItem, meeting: MeetingSnapshot | null = null, style: Partial<HouseStyle> = {}): string {
  const layout = layoutItem(item, meeting, style);
  const header = layoutHeader(meeting);
  return documentHtml(documentTitle(meeting, layout), [headerHtml(header), itemHtml(layout, meeting, true)]);
}
