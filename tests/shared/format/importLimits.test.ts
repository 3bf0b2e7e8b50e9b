import { describe, expect, it } from "vitest";
import { countLines, importAgendaItem, importAgendaPage, ImportTooLarge, planAgendaPage } from "../../../shared/format";
import { LIMITS } from "../../../shared/protocol/limits";

/** A page of `n` items of two lines each ("Agenda item", then a numbered title). */
const itemsPage = (n: number) => Array.from({ length: n }, (_, i) => `Agenda item\n${i + 1}. Item ${i + 1}`).join("\n");

/** The ImportTooLarge `run` throws; fails the test if it throws nothing or something else. */
function refusal(run: () => unknown): ImportTooLarge {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportTooLarge);
    return error as ImportTooLarge;
  }
  throw new Error("expected the import to be refused");
}

describe("the import limits (LIMITS.importLines, importItems, importItemLines)", () => {
  it("counts every line, blank ones included, with \\r\\n, \\n and \\r each ending one", () => {
    expect(countLines("")).toBe(1);
    expect(countLines("a\r\nb\nc\rd")).toBe(4);
    expect(countLines("\n\n\u00a0\n")).toBe(4);
  });

  it("refuses a page of one line more than LIMITS.importLines, naming the limit and the count", () => {
    const over = "x\n".repeat(LIMITS.importLines);
    const error = refusal(() => importAgendaPage(over));
    expect(error).toMatchObject({ code: "too-large", bound: "lines", found: LIMITS.importLines + 1, limit: LIMITS.importLines });
    expect(error.message).toBe(
      `The agenda text has ${(LIMITS.importLines + 1).toLocaleString("en-GB")} lines; one import takes at most ${LIMITS.importLines.toLocaleString("en-GB")}. Import it in parts.`,
    );
    expect(refusal(() => importAgendaItem(over)).bound).toBe("lines");
  });

  it("refuses a page of one item more than LIMITS.importItems, naming the limit and the count", () => {
    const error = refusal(() => planAgendaPage(itemsPage(LIMITS.importItems + 1)));
    expect(error).toMatchObject({ bound: "agenda items", found: LIMITS.importItems + 1, limit: LIMITS.importItems });
    expect(error.message).toBe(
      `The agenda text has ${LIMITS.importItems + 1} agenda items; one import takes at most ${LIMITS.importItems}. Import it in parts.`,
    );
  });

  it("refuses an item spanning more than LIMITS.importItemLines lines, naming the item and where it starts", () => {
    const long = `Agenda item\nLong Item\n${"Minutes:\n".repeat(LIMITS.importItemLines - 1)}`;
    const error = refusal(() => planAgendaPage(`${itemsPage(2)}\n${long}`));
    expect(error).toMatchObject({ bound: "item lines", found: LIMITS.importItemLines + 1, limit: LIMITS.importItemLines });
    expect(error.message).toBe(
      `Agenda item 3 of the text (from line 5) has ${LIMITS.importItemLines + 1} lines; one item takes at most ${LIMITS.importItemLines}.`,
    );
  });

  it("reads a page exactly at each limit", () => {
    expect(importAgendaPage(itemsPage(LIMITS.importItems)).items).toHaveLength(LIMITS.importItems);
    const atLines = importAgendaPage(`Title\n${"Paragraph.\n".repeat(LIMITS.importItemLines - 2)}Last.`);
    expect(atLines.items[0]!.purpose).toHaveLength(LIMITS.importItemLines - 1);
  });
});
