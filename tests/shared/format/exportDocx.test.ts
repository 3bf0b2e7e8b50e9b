import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { importAgendaItem } from "../../../shared/format";
import { exportItemDocx, exportMeetingDocx } from "../../../shared/format/exportDocx";
import {
  createAgendaItem,
  createDiscussionEntry,
  createMeetingSnapshot,
  createPerson,
  createSupportingDocument,
  type AgendaItem,
} from "../../../shared/meeting";
import { seeds } from "../../helpers/seeds";

const all = seeds();

function seedItem(name: string): AgendaItem {
  return importAgendaItem(all[name]!).item;
}

/** One Word paragraph read back: its style, whether it is a list item, its text and its bold text. */
interface WordParagraph {
  style: string;
  bullet: boolean;
  text: string;
  bold: string;
  xml: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unxml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
const runText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unxml(m[1]!)).join("");

/** Unzips a .docx and reads back its paragraphs, hyperlink relationships and core properties. */
async function readDocx(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (path: string) => zip.file(path)!.async("string");
  const [document, rels, core] = await Promise.all([
    read("word/document.xml"),
    read("word/_rels/document.xml.rels"),
    read("docProps/core.xml"),
  ]);
  const paragraphs: WordParagraph[] = [...document.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [^>]*>[\s\S]*?<\/w:p>/g)].map(([xml]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(xml)?.[1] ?? "",
    bullet: xml.includes("<w:numPr>"),
    text: runText(xml),
    bold: [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:b\/>[\s\S]*?<\/w:r>/g)].map(([run]) => runText(run)).join(""),
    xml,
  }));
  const targets = new Map(
    [...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"[^>]*\/>/g)].map((m) => [m[1]!, unxml(m[2]!)]),
  );
  // Word keeps a link's fragment (#t=…) apart from its address, in the hyperlink's anchor.
  const links = [...document.matchAll(/<w:hyperlink ([^>]*)>([\s\S]*?)<\/w:hyperlink>/g)].map(([, attrs, inner]) => {
    const anchor = /w:anchor="([^"]*)"/.exec(attrs!)?.[1];
    const target = targets.get(/r:id="([^"]+)"/.exec(attrs!)?.[1] ?? "") ?? "";
    return { href: anchor ? `${target}#${unxml(anchor)}` : target, text: runText(inner!) };
  });
  const title = unxml(/<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1] ?? "");
  const creator = unxml(/<dc:creator>([^<]*)<\/dc:creator>/.exec(core)?.[1] ?? "");
  return { paragraphs, links, title, creator };
}

describe("exporting minutes as a Word document", () => {
  it("reads back seed 000's title, every comment as a Word bullet, and its resolutions", async () => {
    const item = seedItem("000");
    const { paragraphs, title, creator } = await readDocx(await exportItemDocx(item));
    expect(title).toContain(item.title);
    expect(creator).toBe("live-minutes");
    expect(paragraphs.filter((p) => p.style === "Heading2").map((p) => p.text)).toEqual([item.title]);
    const bullets = paragraphs.filter((p) => p.bullet).map((p) => p.text);
    expect(bullets).toEqual(item.discussion.map((e) => [e.comment, e.response].filter(Boolean).join(" ")));
    expect(bullets).toHaveLength(13);
    const resolved = paragraphs.filter((p) => p.text.startsWith("RESOLVED"));
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.bold).toBe("RESOLVED");
    expect(resolved[0]!.text).toBe(`RESOLVED \u2013 (1) ${item.resolutions[0]!.text}`);
    expect(paragraphs.map((p) => p.text)).toContain(`(2) ${item.resolutions[1]!.text}`);
  });

  it("keeps seed 001's typographic quotes and en dash, and lists resolution (3)'s four bullets after it", async () => {
    const item = seedItem("001");
    const { paragraphs } = await readDocx(await exportItemDocx(item));
    const texts = paragraphs.map((p) => p.text);
    expect(texts).toContain(item.narrative[0]!.text);
    expect(item.narrative[0]!.text).toContain("\u2018Developing a Single Vision");
    expect(texts.some((t) => t.startsWith("RESOLVED \u2013 (1) That the presentation be noted"))).toBe(true);
    const at = texts.findIndex((t) => t.startsWith("(3) That the \u2018Integrating Health and Social Care\u2019 report"));
    expect(at).toBeGreaterThan(0);
    const after = paragraphs.slice(at + 1, at + 6);
    expect(after.filter((p) => p.bullet).map((p) => p.text)).toEqual(item.resolutions[2]!.bullets.map((b) => b.text));
    expect(after[4]?.bullet ?? false).toBe(false);
  });

  it("gives seed 004's sub-headings a heading style and prints no RESOLVED when there is none", async () => {
    const item = seedItem("004");
    const { paragraphs } = await readDocx(await exportItemDocx(item));
    expect(paragraphs.filter((p) => p.style === "Heading4").map((p) => p.text)).toEqual(
      item.narrative.filter((b) => b.kind === "heading").map((b) => b.text),
    );
    expect(paragraphs.some((p) => p.text.includes("RESOLVED"))).toBe(false);
  });

  it("keeps quotes, the en dash, the middle dot and markup characters exactly as typed", async () => {
    const comment = '\u201cQuoted\u201d \u2013 \u2018single\u2019 \u00b7 dot & <angle> "straight"';
    const item = createAgendaItem({ title: "Caf\u00e9 \u2013 \u201cplans\u201d", discussion: [createDiscussionEntry({ comment })] });
    const { paragraphs, title } = await readDocx(await exportItemDocx(item));
    expect(paragraphs.filter((p) => p.bullet).map((p) => p.text)).toEqual([comment]);
    expect(title).toContain(item.title);
  });

  it("prints a meeting's header and attendance and links comments and documents", async () => {
    const recording = { url: "https://webcast.example.org/m/7", startedAt: "2017-02-14T18:00:00.000Z" };
    const base = seedItem("002");
    const item = {
      ...base,
      number: "6",
      discussion: base.discussion.map((e, i) => ({ ...e, startedAt: i === 0 ? "2017-02-14T17:59:00.000Z" : "2017-02-14T18:02:30.000Z" })),
      documents: [createSupportingDocument({ title: "MCP report", url: "https://democracy.example.org/mcp.pdf" })],
    };
    const meeting = createMeetingSnapshot({
      committee: "Health Scrutiny Committee",
      date: "2017-02-14",
      recording,
      people: [createPerson({ name: "Councillor Wendy Wild", role: "chair" })],
      items: [item],
    });
    const { paragraphs, links, title } = await readDocx(await exportMeetingDocx(meeting));
    expect(title).toBe("Health Scrutiny Committee \u2013 Tuesday, 14 February 2017");
    expect(paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text)).toEqual(["Health Scrutiny Committee"]);
    expect(paragraphs.map((p) => p.text)).toContain("Present: Councillor Wendy Wild (Chair)");
    // A signed set: what it is the minutes of, and the chair's signature and date lines last.
    expect(paragraphs[2]!.text).toBe("Minutes of the meeting of the Health Scrutiny Committee held on Tuesday, 14 February 2017");
    expect(paragraphs.slice(-2).map((p) => p.text)).toEqual(["Chair: ……………………………………………", "Date: ……………………………"]);
    expect(paragraphs.filter((p) => p.style === "Heading2").map((p) => p.text)).toEqual(["Attendance", `6. ${base.title}`]);
    const watch = links.filter((l) => l.text === "Watch");
    expect(watch.map((l) => l.href)).toEqual(item.discussion.slice(1).map(() => `${recording.url}#t=150`));
    expect(links.filter((l) => l.text !== "Watch")).toEqual([{ href: "https://democracy.example.org/mcp.pdf", text: "MCP report" }]);
  });
});
