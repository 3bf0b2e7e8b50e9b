import type { AgendaItem, MeetingSnapshot } from "../meeting";
import {
  describeVote,
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

// A newline inside a bullet or paragraph would end it and let the next line start a new block.
function inline(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>]/g, "\\$&");
}

/**
 * Escapes user text so a Markdown reader shows it as typed. Every block's text is escaped
 * as if it started a line, because after "- " it does: "- # x" would be a heading in a list.
 */
function md(text: string): string {
  return inline(text)
    .replace(/^#/, "\\#")
    .replace(/^([-+~])(?=\s|$|[-~])/, "\\$1")
    .replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/** A heading's text is never read as a block start, but a closing run of "#" would be dropped. */
function heading(mark: string, text: string): string {
  return `${mark} ${inline(text).replace(/(\s)(#+)$/, "$1\\$2")}`;
}

/** Spaces, brackets and backslashes would end or break a link destination, so they are percent-encoded. */
function mdUrl(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function link(text: string, href: string): string {
  return `[${inline(text)}](${mdUrl(href)})`;
}

function bullets(items: readonly string[]): string {
  return items.map((text) => `- ${text}`).join("\n");
}

function flowMd(flow: readonly Flow[], headingMark: string): string[] {
  return flow.map((f) => {
    if (f.kind === "bullets") return bullets(f.items.map(md));
    return f.kind === "heading" ? heading(headingMark, f.text) : md(f.text);
  });
}

function commentMd(c: PrintedComment): string {
  const href = c.link && safeHref(c.link);
  return href ? `${md(c.text)} ${link("Watch", href)}` : md(c.text);
}

function discussionMd(discussion: NonNullable<ItemLayout["discussion"]>): string[] {
  const out = discussion.intro ? [md(discussion.intro)] : [];
  let run: string[] = [];
  // A note is a paragraph between bullets: it ends one list and the next bullets start another.
  const close = () => {
    if (run.length > 0) out.push(bullets(run));
    run = [];
  };
  for (const c of discussion.comments) {
    if (c.note) {
      close();
      out.push(commentMd(c));
    } else run.push(commentMd(c));
  }
  close();
  return out;
}

function resolutionMd(r: PrintedResolution, first: boolean, meeting: MeetingSnapshot | null, decision: ItemLayout["decision"]): string[] {
  // The published format names the keyword once; later resolutions open with their number alone.
  const wording = md([r.label, r.text].filter(Boolean).join(" "));
  // The punctuation is written as is: it holds dashes, colons, commas and "that", none of which Markdown reads mid-line.
  const out =
    first && decision.keyword && !decision.alone ? [`**${inline(decision.keyword)}**${decision.punctuation}${wording}`] : [wording];
  if (r.bullets.length > 0) out.push(bullets(r.bullets.map(md)));
  if (r.vote) out.push(`Recorded vote: ${md(describeVote(r.vote, meeting))}`);
  return out;
}

function itemMd(item: ItemLayout, meeting: MeetingSnapshot | null, withDeclarations: boolean): string[] {
  const out = [heading("##", item.label), ...flowMd(item.purpose, "###")];
  if (item.contact) out.push(`**Officer contact:** ${md(item.contact)}`);
  if (withDeclarations && item.declarations.length > 0) out.push("### Declarations of interest", bullets(item.declarations.map(md)));
  if (item.minutes) {
    out.push("### Minutes", ...flowMd(item.narrative, "####"));
    if (item.discussion) out.push(...discussionMd(item.discussion));
    if (item.decision.keyword && item.decision.alone && item.resolutions.length > 0)
      out.push(`**${inline(item.decision.keyword)}**${item.decision.punctuation.trimEnd()}`);
    item.resolutions.forEach((r, i) => out.push(...resolutionMd(r, i === 0, meeting, item.decision)));
  }
  if (item.actions.length > 0) out.push("### Actions", bullets(item.actions.map(md)));
  if (item.documents.length > 0) {
    const docs = item.documents.map((d) => {
      const href = safeHref(d.url);
      return href ? link(d.title || d.url, href) : md([d.title, d.url].filter(Boolean).join(" "));
    });
    out.push("### Supporting documents", bullets(docs));
  }
  return out;
}

function headerMd({ title, details }: { title: string[]; details: string[] }): string[] {
  const [name = "", ...rest] = title;
  return [heading("#", name), ...rest.map(md), ...details.map(md)];
}

function attendanceMd(layout: MeetingLayout): string[] {
  const out: string[] = [];
  if (layout.attendance.length > 0) {
    out.push("## Attendance", ...layout.attendance.map((row) => `**${inline(row.label)}:** ${inline(row.names.join(", "))}`));
  }
  if (layout.declarations.length > 0) out.push("## Declarations of interest", bullets(layout.declarations.map(md)));
  return out;
}

function join(blocks: readonly string[]): string {
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}

/** A whole meeting as Markdown: # for the meeting, ## for each item, ### for its parts. */
export function exportMeetingMarkdown(meeting: MeetingSnapshot, style: Partial<HouseStyle> = {}): string {
  const layout = layoutMeeting(meeting, style);
  return join([...headerMd(layout), ...attendanceMd(layout), ...layout.items.flatMap((item) => itemMd(item, meeting, false))]);
}

/** One agenda item as Markdown; `meeting` supplies its header, names and webcast. */
export function exportItemMarkdown(item: AgendaItem, meeting: MeetingSnapshot | null = null, style: Partial<HouseStyle> = {}): string {
  return join([...headerMd(layoutHeader(meeting)), ...itemMd(layoutItem(item, meeting, style), meeting, true)]);
}
