import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Folder of the five published agenda items the format is checked against. */
export const SEED_DIR = fileURLToPath(new URL("../fixtures/seeds/", import.meta.url));

/** The seed files by short name ("000" … "004"), as text. */
export function seeds(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of readdirSync(SEED_DIR).sort()) out[file.slice(0, 3)] = readFileSync(SEED_DIR + file, "utf8");
  return out;
}

/** The comparison the format notes define: NBSP to space, runs of spaces collapsed, lines trimmed, empty lines dropped. */
export function normalise(text: string): string[] {
  return text
    .replaceAll("\u00a0", " ")
    .split(/\r?\n/)
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .filter((line) => line.length > 0);
}

/** The table in the format notes: what an import must find in each seed. */
export const SEED_COUNTS = {
  "000": { title: "Stockport Together Updated Business Case", comments: 13, resolutions: 2, bullets: [0, 0], variant: "rich" },
  "001": { title: "", comments: 10, resolutions: 3, bullets: [0, 0, 4], variant: "compact" },
  "002": { title: "Stockport Together - Multi-speciality Community Provider", comments: 10, resolutions: 1, bullets: [0], variant: "rich" },
  "003": { title: "", comments: 11, resolutions: 1, bullets: [0], variant: "compact" },
  "004": {
    title: "Greater Manchester Health and Social Care Strategic Partnership",
    comments: 10,
    resolutions: 0,
    bullets: [],
    variant: "rich",
  },
} as const;
