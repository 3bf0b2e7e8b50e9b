import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { roundtripCommand } from "../../../server/cli/formatCommands";
import { normalise } from "../../helpers/seeds";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/conventions/${name}.txt`, import.meta.url));

describe("minutes roundtrip in the file's own house style", () => {
  it.each([
    ["31_recommended-that-stem-lettered"],
    ["35_numbered-comment-list"],
    ["22_numbered-paragraphs-stem-with-parts"],
    ["17_resolved-that-colon-title-case"],
  ])("gives back %s in its council's keyword, numbering and layout, warnings to stderr", async (name) => {
    const warnings: string[] = [];
    const out = await roundtripCommand(fixture(name), (line) => warnings.push(line));
    const source = readFileSync(fixture(name), "utf8").replace(/ PDF 115 KB$/m, "");
    expect(normalise(out)).toEqual(normalise(source));
    expect(warnings.every((w) => w.startsWith(`${fixture(name)}:`))).toBe(true);
  });

  it("writes a council's RESOLVED that: with the wording below, not the seeds' RESOLVED –", async () => {
    const out = await roundtripCommand(fixture("05_resolved-that-colon-wording-below"), () => {});
    expect(normalise(out)).toContain("RESOLVED that:");
    expect(out).not.toContain("RESOLVED \u2013");
  });
});
