import { describe, expect, it } from "vitest";
import { exportItemMarkdown, exportMeetingMarkdown, importAgendaItem } from "../../../shared/format";
import {
  createAgendaItem,
  createBlock,
  createDiscussionEntry,
  createMeetingSnapshot,
  createPerson,
  createSupportingDocument,
  type AgendaItem,
} from "../../../shared/meeting";
import { SEED_COUNTS, seeds } from "../../helpers/seeds";

const all = seeds();

const expected = SEED_COUNTS;

function seedItem(name: string): AgendaItem {
  return importAgendaItem(all[name]!).item;
}

/** Markdown's blocks: the runs of lines between blank lines. */
function blocks(markdown: string): string[][] {
  return markdown
    .trim()
    .split(/\n{2,}/)
    .map((block) => block.split("\n"));
}

/** The bullet lines of the block that follows the first block whose first line matches. */
function bulletsAfter(markdown: string, test: (line: string) => boolean): string[] {
  const all = blocks(markdown);
  const at = all.findIndex((b) => test(b[0]!));
  return (all[at + 1] ?? []).filter((line) => line.startsWith("- "));
}

/** What a Markdown reader shows for escaped inline text: each backslash escape undone. */
function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

describe("exporting minutes as Markdown", () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`gives seed ${name} its headings, one bullet per comment and its resolutions`, () => {
      const item = seedItem(name);
      const md = exportItemMarkdown(item);
      const lines = md.split("\n");
      expect(lines.filter((l) => /^# /.test(l))).toEqual(["# Minutes"]);
      expect(lines.filter((l) => /^## /.test(l))).toEqual([`## ${want.title || "Agenda item"}`]);
      expect(lines).toContain("### Minutes");
      expect(bulletsAfter(md, (line) => line === item.discussionIntro)).toHaveLength(want.comments);
      const resolutions = lines.filter((l) => l.startsWith("**RESOLVED**") || /^\(\d+\) /.test(l));
      expect(resolutions).toHaveLength(want.resolutions);
      if (want.resolutions === 1) expect(resolutions[0]).toBe(`**RESOLVED** \u2013 ${item.resolutions[0]!.text}`);
      if (want.resolutions > 1) {
        expect(resolutions[0]).toMatch(/^\*\*RESOLVED\*\* \u2013 \(1\) That /);
        expect(resolutions.slice(1).map((l) => l.slice(0, 4))).toEqual(resolutions.slice(1).map((_, i) => `(${i + 2}) `));
      }
    });
  }

  it("lists seed 001's resolution (3) sub-bullets under it", () => {
    const item = seedItem("001");
    const bullets = bulletsAfter(exportItemMarkdown(item), (line) => line.startsWith("(3) "));
    expect(bullets.map((l) => unescape(l.slice(2)))).toEqual(item.resolutions[2]!.bullets.map((b) => b.text));
    expect(bullets).toHaveLength(4);
  });

  it("prints a meeting's header and attendance, then a level-two heading per item with webcast links", () => {
    const chair = createPerson({ name: "Councillor Wendy Wild", role: "chair" });
    const away = createPerson({ name: "Councillor Ann Other", attendance: "apologies" });
    const recording = { url: "https://webcast.example.org/m/1", startedAt: "2017-02-14T18:00:00.000Z" };
    const first = seedItem("000");
    const item = { ...first, number: "4", discussion: first.discussion.map((e) => ({ ...e, startedAt: "2017-02-14T18:05:00.000Z" })) };
    const meeting = createMeetingSnapshot({
      committee: "Health Scrutiny Committee",
      date: "2017-02-14",
      recording,
      people: [chair, away],
      items: [item, seedItem("002")],
    });
    const md = exportMeetingMarkdown(meeting);
    const lines = md.split("\n");
    expect(lines[0]).toBe("# Health Scrutiny Committee");
    expect(lines).toContain("Tuesday, 14 February 2017");
    expect(lines).toContain("**Present:** Councillor Wendy Wild (Chair)");
    expect(lines).toContain("**Apologies:** Councillor Ann Other");
    expect(lines.filter((l) => l.startsWith("## ")).slice(1)).toEqual([
      "## 4. Stockport Together Updated Business Case",
      `## ${expected["002"].title}`,
    ]);
    const bullets = bulletsAfter(md, (line) => line === item.discussionIntro);
    expect(bullets.every((l) => l.endsWith(`[Watch](${recording.url}#t=300)`))).toBe(true);
    expect(bullets).toHaveLength(13);
  });

  it("escapes what was typed so it reads back as typed, with no stray headings, lists or emphasis", () => {
    const typed = [
      "# Not a heading",
      "- not a bullet",
      "1. Not a list",
      "+ nor this",
      "*stars* _under_ `code` [link](x) <b>tag</b> back\\slash",
    ];
    const comment = "A [bracketed](aside) *remark* with <html> and a trailing #";
    const item = createAgendaItem({
      title: "Budget ### Review #",
      narrative: typed.map((text) => createBlock({ text })),
      discussion: [createDiscussionEntry({ comment })],
      documents: [createSupportingDocument({ title: "Report (draft)", url: "https://example.org/a report (v2).pdf" })],
    });
    const md = exportItemMarkdown(item);
    const lines = md.split("\n");
    for (const text of typed) {
      const line = lines.find((l) => unescape(l) === text);
      expect(line, text).toBeDefined();
      expect(line).not.toMatch(/^(#|[-+*] |\d+[.)] |>)/);
      expect(line).not.toMatch(/(?<!\\)[*_`[\]<>]/);
    }
    const bullet = bulletsAfter(md, (line) => line === item.discussionIntro)[0]!;
    expect(unescape(bullet.slice(2))).toBe(comment);
    expect(bullet.slice(2)).not.toMatch(/(?<!\\)[*_`[\]<>]/);
    expect(lines).toContain("## Budget ### Review \\#");
    expect(lines).toContain("- [Report (draft)](https://example.org/a%20report%20%28v2%29.pdf)");
  });

  it("keeps a multi-line comment inside its bullet", () => {
    const item = createAgendaItem({ discussion: [createDiscussionEntry({ comment: "First line\n# second line" })] });
    expect(bulletsAfter(exportItemMarkdown(item), (line) => line === item.discussionIntro)).toEqual(["- First line # second line"]);
  });
});
