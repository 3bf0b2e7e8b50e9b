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
