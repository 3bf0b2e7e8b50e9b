import { describe, expect, it } from "vitest";
import { importAgendaItem, importAgendaPage } from "../../../shared/format";
import { seeds } from "../../helpers/seeds";

/** One small made-up input per convention; the corpus in tests/fixtures/conventions holds fuller items. */
const read = (...lines: string[]) => importAgendaItem(lines.join("\n"));

describe("where other councils put an item's title", () => {
  it("takes the line after a number alone on its line as the title, however it reads", () => {
    const { item } = read("12.", "To receive the minutes of the last meeting pdf icon PDF 80 KB", "Minutes:", "They were agreed.");
    expect([item.number, item.title]).toEqual(["12", "To receive the minutes of the last meeting"]);
  });

  it("sets aside an issue page's heading and Meeting line, keeping the item number and the full title", () => {
    const { item, warnings } = read(
      "Issue - meetings",
      "Parking charges review…",
      "Meeting: 01/02/2024 - Cabinet (Item 7)",
      "7 Parking charges review for the town centre",
      "The review was noted.",
    );
    expect([item.number, item.title]).toEqual(["7", "Parking charges review for the town centre"]);
    expect(item.narrative.map((b) => b.text)).toEqual(["The review was noted."]);
    expect(warnings.map((w) => w.line)).toEqual([1, 2, 3]);
    expect(warnings[0]!.message).toMatch(/Set aside "Issue - meetings" \(the web page's heading\)/);
  });

  it("never takes a bullet for the title", () => {
    const { item } = read("· Report by the Director of Place", "Minutes:", "The report was noted.");
    expect(item.title).toBe("");
    expect(item.purpose.map((b) => [b.kind, b.text])).toEqual([["bullet", "Report by the Director of Place"]]);
  });

  it("reads a number and title on one line, with the link label dropped", () => {
    const { item } = read("108. Exempt Items pdf icon PDF 12 KB", "Minutes:", "RESOLVED: That the items be taken in public.");
    expect([item.number, item.title]).toEqual(["108", "Exempt Items"]);
  });
});

describe("the minutes without a Minutes: line", () => {
  it("starts them at the first numbered minute paragraph and says so", () => {
    const { item, warnings } = read(
      "To approve the minutes.",
      "3.1 The minutes were approved.",
      "3.2 A member asked about car parks. In response, the officer said a report would follow.",
    );
    expect(item.purpose.map((b) => b.text)).toEqual(["To approve the minutes."]);
    expect(item.narrative.map((b) => b.text)).toEqual(["3.1 The minutes were approved."]);
    expect(item.discussion.map((d) => d.response)).toEqual(["In response, the officer said a report would follow."]);
    expect(warnings[0]).toEqual({
      line: 2,
      message: expect.stringMatching(
        /^No "Minutes:" line: read the item from line 2 .* on as its minutes, and the line before it as the purpose\.$/,
      ),
    });
  });

  it("joins a paragraph number alone on its line to the paragraph it numbers", () => {
    const { item } = read("Minutes:", "4.1", "The Chair opened the meeting.", "4.2", "RESOLVED: That the report be noted.");
    expect(item.narrative.map((b) => b.text)).toEqual(["4.1 The Chair opened the meeting."]);
    expect(item.resolutions.map((r) => r.text)).toEqual(["That the report be noted."]);
  });
});

describe("comments and their answers whatever the bullet or numbering", () => {
  it.each([["•"], ["-"], ["\u2013"], ["*"], ["\u25aa"], ["1)"], ["(a)"]])("reads %s comments under a discussion line", (mark) => {
    const { item } = read(
      "Minutes:",
      "Members raised the following points:",
      `${mark} Was the scheme costed? In reply it was stated that it was.`,
      `${mark} Would parishes be consulted? Officers confirmed that they would.`,
    );
    expect(item.discussion.map((d) => [d.comment, d.response])).toEqual([
      ["Was the scheme costed?", "In reply it was stated that it was."],
      ["Would parishes be consulted?", "Officers confirmed that they would."],
    ]);
  });
});

describe("every decision keyword and its punctuation", () => {
  it.each([
    ["RESOLVED \u2013 That the report be noted."],
    ["RESOLVED- That the report be noted."],
    ["RESOLVED: That the report be noted."],
    ["RESOLVED - That the report be noted."],
    ["Resolved \u2013 That the report be noted."],
    ["AGREED \u2013 That the report be noted."],
    ["AGREED: That the report be noted."],
    ["Decision: That the report be noted."],
    ["RESOLVED that:\nThat the report be noted."],
    ["Resolved that:\nThat the report be noted."],
    ["RESOLVED, that:\n\u00b7 That the report be noted."],
    ["Decision:\nThat the report be noted."],
    ["UNANIMOUSLY RESOLVED That the report be noted."],
    ["RECOMMENDED \u2013 That the report be noted."],
    ["12.3 RESOLVED: That the report be noted."],
  ])("reads %j as one resolution", (decision) => {
    const { item, warnings } = importAgendaItem(`Minutes:\nThe report was presented.\n${decision}`);
    expect(item.resolutions.map((r) => r.text)).toEqual(["That the report be noted."]);
    expect(item.narrative.map((b) => b.text)).toEqual(["The report was presented."]);
    expect(warnings).toEqual([]);
  });

  it.each([["RESOLVED: (Unanimously)"], ["Decision made (Unanimously):"]])(
    "reads %j with the wording below, keeping the note as narrative and saying so",
    (decision) => {
      const { item, warnings } = importAgendaItem(`Minutes:\nThe report was presented.\n${decision}\nThat the report be noted.`);
      expect(item.resolutions.map((r) => r.text)).toEqual(["That the report be noted."]);
      expect(item.narrative.map((b) => b.text)).toEqual(["The report was presented.", "(Unanimously)"]);
      expect(warnings).toEqual([
        { line: 3, message: expect.stringMatching(/^Kept "\(Unanimously\)" from the decision line .* as a narrative paragraph/) },
      ]);
    },
  );

  it("does not take a sentence that opens with Agreed or Decision for a decision", () => {
    const { item } = read(
      "Minutes:",
      "Agreed actions from the last meeting were reviewed.",
      "Decision making in the partnership was discussed.",
    );
    expect(item.resolutions).toEqual([]);
    expect(item.narrative).toHaveLength(2);
  });
});

describe("numbered, lettered and nested resolutions", () => {
  it.each([
    ["(1)", "(2)"],
    ["1.", "2."],
    ["1)", "2)"],
    ["(a)", "(b)"],
    ["a)", "b)"],
    ["(i)", "(ii)"],
  ])("reads %s … %s as two resolutions", (first, second) => {
    const { item } = read("Minutes:", `RESOLVED: ${first} That the report be noted.`, `${second} That a further report be brought.`);
    expect(item.resolutions.map((r) => r.text)).toEqual(["That the report be noted.", "That a further report be brought."]);
  });

  it("reads lettered parts under a numbered resolution that ends with a colon as that resolution's parts", () => {
    const { item } = read(
      "Minutes:",
      "RESOLVED \u2013 (1) That Cabinet:",
      "(a) approves the plan; and",
      "(b) notes the risks.",
      "(2) That the plan be reviewed in a year.",
    );
    expect(item.resolutions.map((r) => [r.text, r.bullets.map((b) => b.text)])).toEqual([
      ["That Cabinet:", ["(a) approves the plan; and", "(b) notes the risks."]],
      ["That the plan be reviewed in a year.", []],
    ]);
  });
});

describe("recorded votes", () => {
  it("reads counts into the resolution's vote", () => {
    const { item } = read("Minutes:", "RESOLVED \u2013 That the budget be approved.", "(For: 7; Against: 3; Abstentions: 1)");
    expect(item.resolutions[0]!.vote).toEqual({ for: 7, against: 3, abstain: 1, named: null });
    expect(item.narrative).toEqual([]);
  });

  it("keeps a sentence that carries the counts and reads the counts too", () => {
    const { item } = read("Minutes:", "The motion was carried by 9 votes to 4.", "RESOLVED \u2013 That the budget be approved.");
    expect(item.narrative.map((b) => b.text)).toEqual(["The motion was carried by 9 votes to 4."]);
    expect(item.resolutions[0]!.vote).toEqual({ for: 9, against: 4, abstain: 0, named: null });
  });

  it("reads named sides into a named vote", () => {
    const { item } = read(
      "Minutes:",
      "FOR: Councillors Amin, Booth and Cole",
      "AGAINST: Councillor Drew",
      "ABSTAIN: None",
      "RESOLVED \u2013 That the motion be carried.",
    );
    expect(item.resolutions[0]!.vote).toEqual({
      for: 3,
      against: 1,
      abstain: 0,
      named: { for: ["Amin", "Booth", "Cole"], against: ["Drew"], abstain: [] },
    });
  });

  it("keeps the printed counts and says so when the names listed disagree with them", () => {
    const { item, warnings } = read(
      "Minutes:",
      "There voted for:",
      "Councillors Amin and Booth ..... 3",
      "RESOLVED \u2013 That the motion be carried.",
    );
    expect(item.resolutions[0]!.vote).toEqual({ for: 3, against: 0, abstain: 0, named: null });
    expect(warnings).toEqual([{ line: 2, message: expect.stringMatching(/names and counts disagree \(for 2 names but the count 3\)/) }]);
  });

  it("keeps a vote with no resolution to give it to as narrative and says so", () => {
    const { item, warnings } = read("Minutes:", "For 5, Against 2, Abstain 0");
    expect(item.narrative.map((b) => b.text)).toEqual(["For 5, Against 2, Abstain 0"]);
    expect(warnings[0]!.message).toMatch(/no resolution follows it; kept its lines as narrative/);
  });
});

describe("several items pasted one after another", () => {
  const all = seeds();

  it("splits seeds pasted with no line break between them, keeping each trailer off the next item's first line", () => {
    const { items } = importAgendaPage([all["001"], all["003"], all["000"]].join(""));
    expect(items.map((i) => i.title)).toEqual(["", "", "Stockport Together Updated Business Case"]);
    expect(items.map((i) => i.discussion.length)).toEqual([10, 11, 13]);
    expect(items[1]!.purpose[0]!.text).toBe("This item has been placed on the agenda at the request of the Chair.");
  });

  it("splits items from issue pages at each page heading and each further Meeting line", () => {
    const page = [
      "Issue - meetings",
      "Bus lanes",
      "Meeting: 01/02/2024 - Cabinet (Item 7)",
      "7 Bus lanes",
      "Noted.",
      "Meeting: 01/03/2024 - Council (Item 9)",
      "9 Bus lanes",
      "Adopted.",
      "Issue - meetings",
      "Libraries",
      "Meeting: 01/02/2024 - Cabinet (Item 8)",
      "8 Libraries",
      "Deferred.",
    ].join("\n");
    const { items } = importAgendaPage(page);
    expect(items.map((i) => [i.number, i.title, i.narrative.map((b) => b.text).join()])).toEqual([
      ["7", "Bus lanes", "Noted."],
      ["9", "Bus lanes", "Adopted."],
      ["8", "Libraries", "Deferred."],
    ]);
  });
});

describe("a shape the import cannot place", () => {
  it("keeps it in the minutes narrative, not the purpose, and says where it went", () => {
    const { item, warnings } = read(
      "Title of Item",
      "To consider the report.",
      "Minutes:",
      "RESOLVED \u2013 That the report be noted.",
      "Reasons for the decision",
    );
    expect(item.purpose.map((b) => b.text)).toEqual(["To consider the report."]);
    expect(item.narrative.map((b) => b.text)).toEqual(["Reasons for the decision"]);
    expect(warnings).toEqual([{ line: 5, message: expect.stringMatching(/kept it in the minutes narrative/) }]);
  });
});

// A pattern that rescans a run of white space from each of its positions takes time growing with
// the run's square: these lines each held the import for seconds to a minute before the patterns
// were written to read a run once.
describe("lines holding a run of a million spaces or leader dots", () => {
  const run = " ".repeat(1_000_000);

  it("reads a title, an issue page's Meeting line and a paragraph number with a long run inside", () => {
    expect(read(`Title${run}PDF x`, "Minutes:", "Noted.").item.title).toBe(`Title${run}PDF x`);
    expect(importAgendaPage(`Meeting: 01/01/2020 -${run}x\nNoted.`).items).toHaveLength(1);
    expect(read("Minutes:", `1.1${run}x`).item.narrative.map((b) => b.text)).toEqual([`1.1${run}x`]);
  });

  it("reads vote lines with a long run inside, and names with a long run of leader dots before the count", () => {
    expect(read("Minutes:", `For${run}x`).item.narrative.map((b) => b.text)).toEqual([`For${run}x`]);
    const { item } = read(
      "Minutes:",
      "For the motion",
      `Councillors Amin and Booth ${".".repeat(1_000_000)} 2`,
      `Against${run}: Councillor Cole`,
      "RESOLVED \u2013 That it be done.",
    );
    expect(item.resolutions[0]!.vote).toEqual({
      for: 2,
      against: 1,
      abstain: 0,
      named: { for: ["Amin", "Booth"], against: ["Cole"], abstain: [] },
    });
  });
});

describe("a meeting page pasted whole", () => {
  it("starts an item at each number alone on its line with a title under it, once the item before has its minutes", () => {
    const page = [
      "66.",
      "Apologies for absence",
      "Minutes:",
      "None.",
      "67.",
      "Declarations of Interest",
      "Members are asked to declare any interests.",
      "Minutes:",
      "8.1",
      "There were none.",
      "68.",
      "Minutes of the last meeting pdf icon PDF 90 KB",
      "Minutes:",
      "RESOLVED: That the minutes be approved.",
    ].join("\n");
    const { items } = importAgendaPage(page);
    expect(items.map((i) => [i.number, i.title])).toEqual([
      ["66", "Apologies for absence"],
      ["67", "Declarations of Interest"],
      ["68", "Minutes of the last meeting"],
    ]);
    expect(items[1]!.narrative.map((b) => b.text)).toEqual(["8.1 There were none."]);
    expect(items[2]!.resolutions.map((r) => r.text)).toEqual(["That the minutes be approved."]);
  });
});
