import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importAgendaItem } from "../../../shared/format";
import { CONVENTIONS } from "../../fixtures/conventions/expectations";

const DIR = fileURLToPath(new URL("../../fixtures/conventions/", import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();

describe("the corpus of other councils' conventions", () => {
  it("has an expectation for every item and an item for every expectation, at least 30", () => {
    expect(files.map((f) => f.slice(0, -4))).toEqual(Object.keys(CONVENTIONS).sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    const name = file.slice(0, -4);
    const want = CONVENTIONS[name]!;
    it(`reads ${name} (${want.council}) as a clerk does: title, purpose, minutes, comments, resolutions, votes`, () => {
      const { item } = importAgendaItem(readFileSync(DIR + file, "utf8"));
      expect({ number: item.number, title: item.title }).toEqual({ number: want.number, title: want.title });
      expect({ purpose: item.purpose.length, narrative: item.narrative.length }).toEqual({ purpose: want.purpose, narrative: want.narrative });
      const comments = item.discussion.filter((d) => d.kind === "comment");
      expect({ comments: comments.length, answered: comments.filter((c) => c.response).length }).toEqual({ comments: want.comments, answered: want.answered });
      expect(item.resolutions.map((r) => r.text)).toEqual(want.resolutions);
      if (want.parts) expect(item.resolutions.map((r) => r.bullets.length)).toEqual(want.parts);
      const vote = item.resolutions.at(-1)?.vote ?? null;
      expect(vote).toEqual(want.vote ? { named: null, ...want.vote } : null);
    });
  }
});
