import { describe, expect, it } from "vitest";
import { exportItemText, importAgendaItem, splitComment } from "../../../shared/format";
import { normalise, SEED_COUNTS, seeds } from "../../helpers/seeds";

const all = seeds();

const expected = SEED_COUNTS;

describe("importing the published agenda-item format", () => {
  it("has all five seeds to check against", () => {
    expect(Object.keys(all)).toEqual(Object.keys(expected));
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`finds the title, comments, resolutions and sub-bullets of seed ${name}`, () => {
      const { item, variant, warnings } = importAgendaItem(all[name]!);
      expect(variant).toBe(want.variant);
      expect(item.title).toBe(want.title);
      expect(item.discussion).toHaveLength(want.comments);
      expect(item.resolutions).toHaveLength(want.resolutions);
      expect(item.resolutions.map((r) => r.bullets.length)).toEqual(want.bullets);
      expect(warnings).toEqual([]);
    });

    it(`gives seed ${name} back unchanged on round trip (SPEC 11)`, () => {
      const imported = importAgendaItem(all[name]!);
      expect(normalise(exportItemText(imported.item, imported))).toEqual(normalise(all[name]!));
    });
  }

  it("reads the officer contact into name, phone and email", () => {
    const { item } = importAgendaItem(all["000"]!);
    expect(item.officerContact).toEqual({ name: "Michael Cullen", phone: "0161 474 4631", email: "Michael.cullen@stockport.gov.uk" });
  });

  it("keeps typographic quotes, the en dash and middle dots unchanged", () => {
    const { item } = importAgendaItem(all["001"]!);
    expect(item.narrative[0]!.text).toContain("\u2018Developing a Single Vision");
    expect(item.resolutions[2]!.text).toContain("\u2018Integrating Health and Social Care\u2019");
    const out = exportItemText(item, { variant: "compact" });
    expect(out).toContain("RESOLVED \u2013 (1) That the presentation be noted");
    expect(out).toContain("\n\u00b7 supported the broad principals");
  });

  it("reads 004's sub-headings and narrative bullets", () => {
    const { item } = importAgendaItem(all["004"]!);
    const headings = item.narrative.filter((b) => b.kind === "heading").map((b) => b.text);
    expect(headings).toEqual(["System Performance", "Quality", "Finance", "Transformation"]);
    expect(item.narrative.filter((b) => b.kind === "bullet")).toHaveLength(3);
  });

  it("splits a bullet into the comment and the answer given", () => {
    const entry = splitComment(
      "Clarification was sought on Direct Access Physio. In response it was stated that services were being considered.",
    );
    expect(entry.comment).toBe("Clarification was sought on Direct Access Physio.");
    expect(entry.response).toBe("In response it was stated that services were being considered.");
    expect(splitComment("Ensuring public understanding would be a challenge.").response).toBe("");
    expect(splitComment("It was confirmed that this was the case.").comment).toBe("It was confirmed that this was the case.");
    expect(splitComment("Was it costed?”  In reply, it was stated that it was.").response).toBe("In reply, it was stated that it was.");
    expect(splitComment("See the report (page 4.) In response the officer agreed.").response).toBe("In response the officer agreed.");
    expect(splitComment("Asked whether In response times were met.").response).toBe("");
  });

  // Runs of white space used to be rescanned from each of their positions (a trailing-space
  // regex, a lookbehind): a page holding one such run held the whole server for minutes.
  it("reads lines holding a run of a million spaces, keeping the words either side", () => {
    const run = " ".repeat(1_000_000);
    const text = `Title\nTo note the report.${run}Then more.\nMinutes:\nThe following comments were made:-\n· Asked about costs.${run}In response it was stated that they were met.${run}x`;
    const { item } = importAgendaItem(text);
    expect(item.purpose[0]!.text).toBe(`To note the report.${run}Then more.`);
    expect(item.discussion[0]!.comment).toBe("Asked about costs.");
    expect(item.discussion[0]!.response).toBe(`In response it was stated that they were met.${run}x`);
  });

  it("reads other councils' shapes: RESOLVED: with lettered resolutions and • bullets", () => {
    const text = [
      "Budget Monitoring",
      "To consider a report of the Treasurer.",
      "Minutes:",
      "The report was submitted.",
      "The following comments were made:-",
      "• A question was asked. In reply it was stated that all was well.",
      "RESOLVED: (a) That the report be noted.",
      "(b) That a further report be submitted.",
    ].join("\n");
    const { item, warnings } = importAgendaItem(text);
    expect(item.title).toBe("Budget Monitoring");
    expect(item.discussion.map((d) => d.response)).toEqual(["In reply it was stated that all was well."]);
    expect(item.resolutions.map((r) => r.text)).toEqual(["That the report be noted.", "That a further report be submitted."]);
    expect(warnings).toEqual([]);
  });

  it("keeps a shape it cannot place as narrative and says which line (SPEC 10)", () => {
    const text = [
      "Minutes:",
      "The report was noted.",
      "RESOLVED – That the report be noted.",
      "Councillor Smith asked that her abstention be recorded.",
    ].join("\n");
    const { item, warnings } = importAgendaItem(text);
    expect(item.narrative.map((b) => b.text)).toContain("Councillor Smith asked that her abstention be recorded.");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toBe(4);
    expect(warnings[0]!.message).toMatch(/Councillor Smith asked/);
  });

  it("reads an item with no minutes yet as an agenda entry and says so", () => {
    const { item, warnings } = importAgendaItem(
      "Annual Report\nTo consider the annual report.\nOfficer contact: A Person, 0161 000 0000, a@example.org",
    );
    expect(item.title).toBe("Annual Report");
    expect(item.purpose.map((b) => b.text)).toEqual(["To consider the annual report."]);
    expect(item.officerContact.name).toBe("A Person");
    expect(warnings[0]!.message).toMatch(/No "Minutes:" line/);
  });
});
