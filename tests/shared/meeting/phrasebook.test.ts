import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { expandAbbreviation, STANDARD_PHRASES } from "../../../shared/meeting/phrasebook";
import { replaceText } from "../../../shared/meeting";

describe("the phrasebook", () => {
  it("expands ;abbreviation once the clerk types the space after it", () => {
    const typed = "Councillor Smith: ;cs ";
    expect(expandAbbreviation(typed, typed.length, STANDARD_PHRASES)).toEqual({
      value: "Councillor Smith: Clarification was sought on ",
      caret: "Councillor Smith: Clarification was sought on ".length,
    });
  });

  it("expands in the middle of text and keeps what follows", () => {
    const value = "Start ;irs, then more";
    const caret = "Start ;irs,".length;
    expect(expandAbbreviation(value, caret, STANDARD_PHRASES)).toEqual({
      value: "Start In response it was stated that, then more",
      caret: "Start In response it was stated that,".length,
    });
  });

  it("leaves ordinary words, unknown abbreviations and unfinished ones alone", () => {
    for (const [value, caret] of [
      ["cs ", 3],
      [";zz ", 4],
      [";cs", 3],
      ["a;cs", 4],
    ] as const)
      expect(expandAbbreviation(value, caret, STANDARD_PHRASES)).toBeNull();
  });

  it("uses the committee's own phrases, whatever the case typed", () => {
    expect(expandAbbreviation(";SFT ", 5, [{ abbreviation: "sft", phrase: "Stockport NHS Foundation Trust" }])?.value).toBe(
      "Stockport NHS Foundation Trust ",
    );
  });
});

describe("replaceText with the caret known", () => {
  const run = (before: string, after: string, caret?: number) => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, before);
    const deltas: unknown[] = [];
    text.observe((e) => deltas.push(e.delta));
    doc.transact(() => replaceText(text, after, caret));
    expect(text.toString()).toBe(after);
    return deltas[0];
  };

  it("inserts where the caret is when a plain diff would guess wrong", () => {
    expect(run("ab", "abb")).toEqual([{ retain: 2 }, { insert: "b" }]);
    expect(run("ab", "abb", 2)).toEqual([{ retain: 1 }, { insert: "b" }]);
  });

  it("deletes at the caret for a backspace among repeated letters", () => {
    expect(run("aaa", "aa", 1)).toEqual([{ retain: 1 }, { delete: 1 }]);
  });

  it("falls back to the plain diff when the caret does not fit the text", () => {
    expect(run("hello", "help", 99)).toEqual([{ retain: 3 }, { delete: 2 }, { insert: "p" }]);
  });
});
