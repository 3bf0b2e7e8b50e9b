import { describe, expect, it } from "vitest";
import { exportItemText, importAgendaPage } from "../../../shared/format";
import { normalise, seeds } from "../../helpers/seeds";

const all = seeds();

describe("importing a whole published page of items", () => {
  it("splits the five seeds, one after another, into five items in order", () => {
    const page = Object.values(all).join("\n");
    const { items } = importAgendaPage(page);
    expect(items.map((i) => i.discussion.length)).toEqual([13, 10, 10, 11, 10]);
    expect(items.map((i) => i.resolutions.length)).toEqual([2, 3, 1, 1, 0]);
  });

  it("splits compact items at the first line after a supporting-documents list", () => {
    const page = [all["001"], all["003"]].join("\n");
    const { items, variant } = importAgendaPage(page);
    expect(variant).toBe("compact");
    expect(items).toHaveLength(2);
    expect(normalise(exportItemText(items[1]!, { variant: "compact" }))).toEqual(normalise(all["003"]!));
  });

  it("reads numbered item headings and document links", () => {
    const page = [
      "Agenda item",
      "5. Budget Monitoring",
      "To consider a report of the Treasurer.",
      "Minutes:",
      "RESOLVED – That the report be noted.",
      "Supporting documents:",
      "Budget report PDF 200 KB https://example.org/budget.pdf",
      "Agenda item",
      "6. Work Programme",
      "To consider the work programme.",
    ].join("\n");
    const { items, warnings } = importAgendaPage(page);
    expect(items.map((i) => [i.number, i.title])).toEqual([
      ["5", "Budget Monitoring"],
      ["6", "Work Programme"],
    ]);
    expect(items[0]!.documents).toEqual([
      expect.objectContaining({ title: "Budget report PDF 200 KB", url: "https://example.org/budget.pdf" }),
    ]);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^item 2: No "Minutes:" line/)]);
  });
});
