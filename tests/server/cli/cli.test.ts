import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import JSZip from "jszip";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, it } from "vitest";
import { importAgendaPage } from "../../../shared/format";
import { createMeetingSnapshot, meetingSnapshotSchema, type AgendaItem, type MeetingSnapshot } from "../../../shared/meeting";
import { normalise, seeds } from "../../helpers/seeds";
import { tempDir } from "../../helpers/tempDir";
import { describeRun, runCli, seedPath } from "./runCli";

/**
 * The `minutes` CLI's format commands (import, export, roundtrip) and its handling of bad
 * input, each run as its own process. The tests run concurrently: every one spawns tsx,
 * which costs about a second.
 */

const all = seeds();
/** Each CLI run starts tsx (about a second, more when the whole suite shares the machine). */
const SLOW = { timeout: 60_000 };

/** What docs/agenda-item-format.md says an import of each seed must find. */
const EXPECTED: Record<string, { title: string; comments: number; resolutions: number; bullets: number[] }> = {
  "000": { title: "Stockport Together Updated Business Case", comments: 13, resolutions: 2, bullets: [0, 0] },
  "001": { title: "", comments: 10, resolutions: 3, bullets: [0, 0, 4] },
  "002": { title: "Stockport Together - Multi-speciality Community Provider", comments: 10, resolutions: 1, bullets: [0] },
  "003": { title: "", comments: 11, resolutions: 1, bullets: [0] },
  "004": { title: "Greater Manchester Health and Social Care Strategic Partnership", comments: 10, resolutions: 0, bullets: [] },
};

let dir: string;
let cleanup: () => Promise<void>;
/** Snapshots of seeds 000 and 001 (built in-process), written to `<name>.json` for export. */
const snapshots: Record<string, MeetingSnapshot> = {};

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("live-minutes-cli-"));
  for (const name of ["000", "001"]) {
    snapshots[name] = createMeetingSnapshot({ items: importAgendaPage(all[name]!).items });
    await writeFile(file(`${name}.json`), JSON.stringify(snapshots[name]));
  }
});
afterAll(async () => {
  await cleanup();
});

const file = (name: string) => path.join(dir, name);
const cli = (...args: string[]) => runCli(args, { dataDir: dir });
const item = (name: string): AgendaItem => snapshots[name]!.items[0]!;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/** The text of each Word paragraph: its runs joined, XML entities decoded. */
const wordParagraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!))
      .join(""),
  );

describe.concurrent("minutes import", SLOW, () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`prints a valid JSON snapshot of seed ${name} with its title, ${want.comments} comments and ${want.resolutions} resolutions`, async ({
      expect,
    }) => {
      const run = await cli("import", seedPath(name));
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stderr, "a seed imports without warnings").toBe("");
      const parsed = meetingSnapshotSchema.safeParse(JSON.parse(run.stdout));
      expect(parsed.error?.issues ?? []).toEqual([]);
      const items = parsed.data!.items;
      expect(items).toHaveLength(1);
      expect(items[0]!.title).toBe(want.title);
      expect(items[0]!.discussion.filter((d) => d.kind === "comment")).toHaveLength(want.comments);
      expect(items[0]!.resolutions.map((r) => r.bullets.length)).toEqual(want.bullets);
    });
  }
});

describe.concurrent("minutes export", SLOW, () => {
  it("writes the agenda-item text, rich by default and compact with --variant compact to --out, each giving back its seed", async ({
    expect,
  }) => {
    const out = file("001.txt");
    const [rich, compact] = await Promise.all([
      cli("export", file("000.json"), "--format", "text"),
      cli("export", file("001.json"), "--variant", "compact", "--out", out),
    ]);
    expect(rich.code, describeRun(rich)).toBe(0);
    expect(normalise(rich.stdout)).toEqual(normalise(all["000"]!));
    expect(rich.stdout.split("\n")[0]).toBe("Agenda item");
    expect(compact.code, describeRun(compact)).toBe(0);
    expect(compact.stdout, "with --out nothing goes to stdout").toBe("");
    const written = await readFile(out, "utf8");
    expect(normalise(written)).toEqual(normalise(all["001"]!));
    expect(written).not.toContain("\u00a0");
  });

  it("writes an HTML document that parses, with the item's title and each comment as a list item", async ({ expect }) => {
    const run = await cli("export", file("000.json"), "--format", "html");
    expect(run.code, describeRun(run)).toBe(0);
    const root = parse(run.stdout);
    expect(root.querySelector("html")?.getAttribute("lang")).toBe("en-GB");
    expect(root.querySelector("article.agenda-item h2")?.text).toBe(EXPECTED["000"]!.title);
    const bullets = root.querySelectorAll("ul.discussion > li").map((li) => li.text);
    expect(bullets).toHaveLength(13);
    item("000").discussion.forEach((entry, i) => expect(bullets[i]).toContain(entry.comment));
    expect(root.querySelectorAll("p.resolution")).toHaveLength(2);
  });

  it("writes Markdown with the item as a heading and each comment as a bullet", async ({ expect }) => {
    const run = await cli("export", file("000.json"), "--format", "md");
    expect(run.code, describeRun(run)).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines).toContain(`## ${EXPECTED["000"]!.title}`);
    const bullets = lines.filter((l) => l.startsWith("- "));
    for (const entry of item("000").discussion)
      expect(
        bullets.some((b) => b.includes(entry.comment)),
        entry.comment,
      ).toBe(true);
  });

  it("writes a Word file to --out (nothing on stdout) whose document holds every comment", async ({ expect }) => {
    const out = file("000.docx");
    const run = await cli("export", file("000.json"), "--format", "docx", "--out", out);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.bytes.length).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(out));
    const paragraphs = wordParagraphs(await zip.file("word/document.xml")!.async("string"));
    expect(paragraphs).toContain(EXPECTED["000"]!.title);
    for (const entry of item("000").discussion)
      expect(
        paragraphs.some((p) => p.includes(entry.comment)),
        entry.comment,
      ).toBe(true);
  });
});

describe.concurrent("minutes roundtrip", SLOW, () => {
  for (const name of Object.keys(EXPECTED)) {
    it(`gives back seed ${name} under the format's comparison`, async ({ expect }) => {
      const run = await cli("roundtrip", seedPath(name));
      expect(run.code, describeRun(run)).toBe(0);
      expect(normalise(run.stdout)).toEqual(normalise(all[name]!));
    });
  }

  // 004 has no "Supporting documents:" line, and the trailer is one setting for a whole page,
  // so a page mixing it with items that have one cannot come back line for line.
  for (const names of [
    ["000", "002"],
    ["001", "003"],
  ]) {
    it(`gives back a page of seeds ${names.join(" + ")}, one item after another`, async ({ expect }) => {
      const page = names.map((n) => all[n]!.trimEnd()).join("\n");
      const pageFile = file(`page-${names.join("-")}.txt`);
      await writeFile(pageFile, page);
      const roundtrip = await cli("roundtrip", pageFile);
      expect(roundtrip.code, describeRun(roundtrip)).toBe(0);
      expect(normalise(roundtrip.stdout)).toEqual(normalise(page));
    });
  }
});

describe.concurrent("minutes refuses bad input, naming the file and what is wrong", SLOW, () => {
  it("a missing file", async ({ expect }) => {
    const missing = file("no-such-agenda.txt");
    const run = await cli("import", missing);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain(`Cannot read ${missing}: no such file`);
  });

  it("a snapshot that is not JSON", async ({ expect }) => {
    const bad = file("truncated.json");
    await writeFile(bad, JSON.stringify(snapshots["000"]).slice(0, 200));
    const run = await cli("export", bad, "--format", "html");
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain(`${bad} is not valid JSON`);
  });

  it("a snapshot that fails validation, by the path of the bad field", async ({ expect }) => {
    const bad = file("bad-field.json");
    const snapshot = structuredClone(snapshots["000"]!) as unknown as { items: { discussion: { comment: unknown }[] }[] };
    snapshot.items[0]!.discussion[2]!.comment = 42;
    await writeFile(bad, JSON.stringify(snapshot));
    const run = await cli("export", bad);
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain(`${bad} is not a meeting snapshot: field items.0.discussion.2.comment`);
  });

  it("an unknown --format or --variant, as a usage error before reading the file", async ({ expect }) => {
    const [format, variant] = await Promise.all([
      cli("export", file("no-such.json"), "--format", "pdf"),
      cli("export", file("000.json"), "--variant", "fancy"),
    ]);
    expect(format).toMatchObject({ code: 2, stdout: "" });
    expect(format.stderr).toContain('Unknown --format "pdf": use text, html, md, docx');
    expect(variant).toMatchObject({ code: 2, stdout: "" });
    expect(variant.stderr).toContain('Unknown --variant "fancy": use rich or compact');
  });

  it("an unknown command or option, with exit 2 and the usage", async ({ expect }) => {
    const [command, option] = await Promise.all([cli("publish", file("000.json")), cli("import", seedPath("000"), "--frobnicate")]);
    expect(command).toMatchObject({ code: 2, stdout: "" });
    expect(command.stderr).toContain(`Unknown command "publish ${file("000.json")}"`);
    expect(command.stderr).toContain("Usage: npm run -s minutes -- <command>");
    expect(option).toMatchObject({ code: 2, stdout: "" });
    expect(option.stderr).toContain("--frobnicate");
  });
});
