import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { exportItemHtml, exportItemMarkdown, exportItemText, importAgendaItem, label, SEED_STYLE } from "../../../shared/format";
import { exportItemDocx } from "../../../shared/format/exportDocx";
import { createAgendaItem, createResolution } from "../../../shared/meeting";
import { normalise } from "../../helpers/seeds";

const twoResolutions = createAgendaItem({
  title: "Budget",
  narrative: [],
  resolutions: [createResolution({ text: "That the budget be approved." }), createResolution({ text: "That it be reviewed." })],
});

describe("house style", () => {
  it.each([
    ["(1)", 2, "(2)"],
    ["1.", 3, "3."],
    ["1)", 10, "10)"],
    ["(a)", 2, "(b)"],
    ["a)", 3, "c)"],
    ["(A)", 2, "(B)"],
    ["(i)", 4, "(iv)"],
    ["i)", 3, "iii)"],
  ])("numbers in the style of %s: label %i is %s", (sample, n, want) => {
    expect(label(sample, n)).toBe(want);
  });

  it("is the seeds' style by default: RESOLVED – (1) …, Agenda item header, Minutes:", () => {
    const out = exportItemText(twoResolutions);
    expect(normalise(out)).toEqual([
      "Agenda item",
      "Budget",
      "Minutes:",
      "RESOLVED \u2013 (1) That the budget be approved.",
      "(2) That it be reviewed.",
      "Supporting documents:",
    ]);
    expect(SEED_STYLE.keyword).toBe("RESOLVED");
  });

  it("reads a council's keyword, punctuation and numbering and writes them back", () => {
    const imported = importAgendaItem(
      ["Budget", "Minutes:", "AGREED: a) That the budget be approved.", "b) That it be reviewed."].join("\n"),
    );
    expect(imported.style).toMatchObject({
      keyword: "AGREED",
      punctuation: ": ",
      keywordAlone: false,
      numbering: "a)",
      header: false,
      minutes: "Minutes:",
    });
    expect(normalise(exportItemText(twoResolutions, imported))).toEqual([
      "Budget",
      "Minutes:",
      "AGREED: a) That the budget be approved.",
      "b) That it be reviewed.",
    ]);
  });

  it("writes the keyword alone above the wording when the council does", () => {
    const imported = importAgendaItem(
      ["Budget", "Minutes:", "Resolved that:", "1. That the budget be approved.", "2. That it be reviewed."].join("\n"),
    );
    expect(normalise(exportItemText(twoResolutions, imported))).toEqual([
      "Budget",
      "Minutes:",
      "Resolved that:",
      "1. That the budget be approved.",
      "2. That it be reviewed.",
    ]);
  });

  it("gives the HTML, Markdown and Word exports the council's keyword and numbering", async () => {
    const { style } = importAgendaItem(
      ["Budget", "Minutes:", "AGREED \u2013 (a) That the budget be approved.", "(b) That it be reviewed."].join("\n"),
    );
    const html = exportItemHtml(twoResolutions, null, style);
    expect(html).toContain('<strong>AGREED</strong> \u2013 <span class="label">(a)</span> That the budget be approved.');
    expect(html).toContain('<span class="label">(b)</span> That it be reviewed.');
    expect(exportItemMarkdown(twoResolutions, null, style)).toContain("**AGREED** \u2013 (a) That the budget be approved.");
    const zip = await JSZip.loadAsync(await exportItemDocx(twoResolutions, null, style));
    const text = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(text).toContain("AGREED \u2013 (a) That the budget be approved.");
    expect(text).not.toContain("RESOLVED");
  });

  it("puts a keyword that stands alone on its own line in HTML too", () => {
    const { style } = importAgendaItem(["Budget", "Minutes:", "RESOLVED that:", "That the budget be approved."].join("\n"));
    const html = exportItemHtml(
      createAgendaItem({ title: "Budget", resolutions: [createResolution({ text: "That the budget be approved." })] }),
      null,
      style,
    );
    expect(html).toContain('<p class="resolution-keyword"><strong>RESOLVED</strong> that:</p>');
  });
});
