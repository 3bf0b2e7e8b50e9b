import { z } from "zod";

/** One abbreviation and the standard phrase it stands for. */
export const phraseSchema = z.object({
  abbreviation: z.string().regex(/^[a-z0-9]{1,12}$/i, "abbreviations are 1-12 letters or digits"),
  phrase: z.string().min(1).max(500),
});
export type Phrase = z.infer<typeof phraseSchema>;

/** A committee's phrasebook. */
export const phrasebookSchema = z.array(phraseSchema).max(500);

/** What starts an abbreviation: ";cs" then a space expands, so ordinary words never do. */
export const ABBREVIATION_MARK = ";";

/** The standard phrases of published minutes, as every new committee starts with them. */
export const STANDARD_PHRASES: readonly Phrase[] = [
  { abbreviation: "cs", phrase: "Clarification was sought on" },
  { abbreviation: "irs", phrase: "In response it was stated that" },
  { abbreviation: "irc", phrase: "In response it was confirmed that" },
  { abbreviation: "iag", phrase: "In response an assurance was given that" },
  { abbreviation: "iwc", phrase: "It was confirmed that" },
  { abbreviation: "iwq", phrase: "It was queried" },
  { abbreviation: "cwe", phrase: "Concerns were expressed that" },
  { abbreviation: "ws", phrase: "was submitted (copies of which had been circulated)" },
  { abbreviation: "att", phrase: "attended the meeting to respond to questions." },
  { abbreviation: "rn", phrase: "RESOLVED \u2013 That the report be noted." },
  { abbreviation: "tn", phrase: "That the report be noted." },
  { abbreviation: "thx", phrase: "be thanked for their attendance" },
  { abbreviation: "fc", phrase: "The following comments were made/ issues raised:-" },
];

/**
 * Expands an abbreviation that the clerk has just finished typing: when the character
 * before the caret is a space or punctuation and the word before it is `;abbr`, the word
 * becomes the phrase. Returns null when there is nothing to expand.
 */
export function expandAbbreviation(value: string, caret: number, phrases: readonly Phrase[]): { value: string; caret: number } | null {
  const trigger = value[caret - 1];
  if (trigger === undefined || !/[\s.,;:!?)]/.test(trigger) || trigger === ABBREVIATION_MARK) return null;
  const before = value.slice(0, caret - 1);
  const match = /;([a-z0-9]{1,12})$/i.exec(before);
  if (!match) return null;
  const found = phrases.find((p) => p.abbreviation.toLowerCase() === match[1]!.toLowerCase());
  if (!found) return null;
  const start = before.length - match[0].length;
  const next = value.slice(0, start) + found.phrase + trigger + value.slice(caret);
  return { value: next, caret: start + found.phrase.length + 1 };
}
