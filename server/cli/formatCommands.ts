import { readFile, writeFile } from "node:fs/promises";
import { createMeetingSnapshot, meetingSnapshotSchema, agendaItemSchema, type MeetingSnapshot } from "../../shared/meeting";
import { exportMeetingDocx } from "../../shared/format/exportDocx";
import { exportMeetingHtml, exportMeetingMarkdown, exportMeetingText, importAgendaPage, type Variant } from "../../shared/format";
import { describeIssues } from "../errors";
import { CliError } from "./CliError";

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
}

/** `import FILE`: agenda-item text (one item or a whole page) to a JSON meeting snapshot; warnings go to stderr. */
export async function importCommand(file: string, warn: (line: string) => void): Promise<string> {
  const page = importAgendaPage(await readInput(file));
  for (const w of page.warnings) warn(`${file}:${w.line}: ${w.message}`);
  return JSON.stringify(createMeetingSnapshot({ items: page.items }), null, 2);
}

/** Reads a snapshot (a whole meeting, or a single agenda item) and says which field is wrong if it is not one. */
export async function readSnapshot(file: string): Promise<MeetingSnapshot> {
  const text = await readInput(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const meeting = meetingSnapshotSchema.safeParse(json);
  if (meeting.success) return meeting.data;
  const looksLikeItem = typeof json === "object" && json !== null && !("items" in json) && ("discussion" in json || "resolutions" in json);
  if (looksLikeItem) {
    const item = agendaItemSchema.safeParse(json);
    if (item.success) return createMeetingSnapshot({ items: [item.data] });
  }
  throw new CliError(`${file} is not a meeting snapshot: field ${describeIssues(meeting.error, "(top level)")}`);
}

/** The formats `export` writes. */
export const EXPORT_FORMATS = ["text", "html", "md", "docx"] as const;

/** `export FILE.json --format …`: the snapshot in the chosen format, as text or bytes. */
export async function exportCommand(file: string, format: string, variant: Variant): Promise<string | Uint8Array> {
  const snapshot = await readSnapshot(file);
  switch (format) {
    case "text":
      return exportMeetingText(snapshot, { variant });
    case "html":
      return exportMeetingHtml(snapshot);
    case "md":
      return exportMeetingMarkdown(snapshot);
    case "docx":
      return exportMeetingDocx(snapshot);
    default:
      throw new CliError(`Unknown format "${format}": use text, html, md or docx.`);
  }
}

/** `roundtrip FILE`: import, then export in the house style the file was written in (keyword, numbering, bullets, layout; docs/agenda-item-format.md). */
export async function roundtripCommand(file: string, warn: (line: string) => void): Promise<string> {
  const page = importAgendaPage(await readInput(file));
  for (const w of page.warnings) warn(`${file}:${w.line}: ${w.message}`);
  return exportMeetingText(createMeetingSnapshot({ items: page.items }), page);
}

/** Writes output to a file, or returns it for stdout. */
export async function writeOutput(out: string | undefined, data: string | Uint8Array): Promise<string | Uint8Array | null> {
  if (!out) return data;
  try {
    await writeFile(out, data);
  } catch (error) {
    throw new CliError(`Cannot write ${out}: ${(error as Error).message}`);
  }
  return null;
}
