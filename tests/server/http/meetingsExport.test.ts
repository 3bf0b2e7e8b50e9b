import JSZip from "jszip";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../../../shared/meeting";
import { SEED_STYLE } from "../../../shared/format";
import { normalise, seeds } from "../../helpers/seeds";
import { api, authHeaders, startStaffedServer, type ErrorBody, type Staffed } from "./client";

const all = seeds();
const EN_DASH = "\u2013";
const NBSP = "\u00a0";
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of a Word document's runs, entities decoded. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!))
    .join("");
}

describe("importing agenda text and exporting minutes over REST", () => {
  let s: Staffed;
  let meetingId: string;
  let items: MeetingSnapshot["items"];
  beforeAll(async () => {
    s = await startStaffedServer();
    const created = await api<{ id: string }>(s.ts, "POST", "/api/meetings", {
      cookie: s.admin.cookie,
      json: {
        title: "Health Scrutiny",
        committee: "Health Scrutiny Committee",
        date: "2017-02-14",
        agenda: [all["000"], all["002"]].join("\n"),
      },
    });
    meetingId = created.body.id;
    items = (await api<{ snapshot: MeetingSnapshot }>(s.ts, "GET", `/api/meetings/${meetingId}`, { cookie: s.admin.cookie })).body.snapshot
      .items;
  });
  afterAll(async () => {
    await s.ts.stop();
    await s.ts.cleanup();
  });

  const exported = (query: string, as: { cookie?: string; token?: string } = { cookie: s.clerk.cookie }) =>
    api<string>(s.ts, "GET", `/api/meetings/${meetingId}/export${query}`, as);

  describe("import", () => {
    it("lets a clerk add a compact page's items, reporting the variant", async () => {
      const id = await s.ts.createMeeting();
      const res = await api<{ itemIds: string[]; variant: string; warnings: unknown[]; styleSet: boolean }>(
        s.ts,
        "POST",
        `/api/meetings/${id}/import`,
        {
          cookie: s.clerk.cookie,
          json: { text: [all["001"], all["003"]].join("\n") },
        },
      );
      expect(res.status).toBe(201);
      // A meeting of no committee keeps no style: its exports use the seeds' style.
      expect(res.body).toEqual({
        itemIds: [expect.any(String), expect.any(String)],
        variant: "compact",
        warnings: [],
        styleSet: false,
        style: SEED_STYLE,
      });
      const snapshot = (await api<{ snapshot: MeetingSnapshot }>(s.ts, "GET", `/api/meetings/${id}`, { cookie: s.clerk.cookie })).body
        .snapshot;
      expect(snapshot.items.map((i) => i.id)).toEqual(res.body.itemIds);
      expect(snapshot.items.map((i) => i.resolutions.length)).toEqual([3, 1]);
    });

    it("refuses a viewer (a chair with no assignment), an anonymous caller and empty text, saying why", async () => {
      const id = await s.ts.createMeeting();
      const viewer = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${id}/import`, {
        cookie: s.chair.cookie,
        json: { text: all["003"] },
      });
      expect(viewer.status).toBe(403);
      expect(viewer.body.error).toEqual({ code: "forbidden", message: `Viewers cannot change meeting "${id}".` });
      const anonymous = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${id}/import`, { json: { text: all["003"] } });
      expect(anonymous.status).toBe(401);
      const empty = await api<ErrorBody>(s.ts, "POST", `/api/meetings/${id}/import`, { cookie: s.clerk.cookie, json: { text: "" } });
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toBe("Invalid import: text: the agenda text is empty");
      expect(
        (await api<{ snapshot: MeetingSnapshot }>(s.ts, "GET", `/api/meetings/${id}`, { cookie: s.clerk.cookie })).body.snapshot.items,
      ).toEqual([]);
    });
  });

  describe("export", () => {
    it("exports rich text as a download: the header, every item, the resolutions with an en dash, NBSP spacer paragraphs", async () => {
      const res = await exported("?format=text");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="Health-Scrutiny-rich.txt"');
      expect(
        res.body.startsWith(
          "Health Scrutiny Committee\n\nHealth Scrutiny\n\nTuesday, 14 February 2017\n\nAgenda item\n\nStockport Together Updated Business Case",
        ),
      ).toBe(true);
      expect(res.body).toContain(`RESOLVED ${EN_DASH} (1) That the report be noted.`);
      expect(res.body).toContain(`(2) ${items[0]!.resolutions[1]!.text}`);
      expect(res.body).toContain(
        `RESOLVED ${EN_DASH} That the report be noted and Andrew Webb, James Sumner and Keith Spencer be thanked for their attendance.`,
      );
      expect(res.body).toContain(`${NBSP}\n\n`);
      // The default is the rich variant.
      expect((await exported("")).body).toBe(res.body);
    });

    it("exports compact text: one line a paragraph, no spacer paragraphs and no 'Agenda item' header lines", async () => {
      const res = await exported("?format=text&variant=compact");
      expect(res.body).not.toContain(NBSP);
      expect(res.body).not.toMatch(/^Agenda item$/m);
      expect(res.body).toContain(`\nRESOLVED ${EN_DASH} (1) That the report be noted.\n(2) That the Democratic Services Manager`);
      // A name of its own, so the rich and compact downloads never overwrite each other.
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="Health-Scrutiny-compact.txt"');
    });

    it("exports one item (?item=) as the published item text, matching the seed it was imported from", async () => {
      const rich = await exported(`?format=text&item=${items[0]!.id}`);
      expect(normalise(rich.body)).toEqual(normalise(all["000"]!));
      expect(rich.headers.get("content-disposition")).toBe(`attachment; filename="Health-Scrutiny-item-${items[0]!.number || 1}-rich.txt"`);
      const compact = await exported(`?format=text&variant=compact&item=${items[1]!.id}`);
      expect(compact.headers.get("content-disposition")).toBe(
        `attachment; filename="Health-Scrutiny-item-${items[1]!.number || 2}-compact.txt"`,
      );
      expect(compact.body).not.toContain("Stockport Together Updated Business Case");
      expect(compact.body).toContain(`RESOLVED ${EN_DASH} That the report be noted and Andrew Webb`);
      const missing = await exported("?format=text&item=nosuchitem");
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: { code: "item-not-found", message: 'No agenda item with id "nosuchitem" in this meeting.' } });
    });

    it("exports HTML whose headings and resolutions read back as the items", async () => {
      const res = await exported("?format=html");
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const root = parse(res.body);
      expect(root.querySelector("h1")?.text).toBe("Health Scrutiny Committee");
      expect(root.querySelectorAll("article.agenda-item h2").map((h) => h.text)).toEqual(items.map((i) => i.title));
      const resolutions = root.querySelectorAll("p.resolution").map((p) => p.text);
      expect(resolutions).toEqual([
        `RESOLVED ${EN_DASH} (1) That the report be noted.`,
        `(2) ${items[0]!.resolutions[1]!.text}`,
        `RESOLVED ${EN_DASH} ${items[1]!.resolutions[0]!.text}`,
      ]);
      expect(root.querySelectorAll("ul.discussion li")).toHaveLength(items[0]!.discussion.length + items[1]!.discussion.length);
      const single = parse((await exported(`?format=html&item=${items[1]!.id}`)).body);
      expect(single.querySelectorAll("article.agenda-item h2").map((h) => h.text)).toEqual([items[1]!.title]);
    });

    it("exports Markdown with a heading per item and bold RESOLVED", async () => {
      const res = await exported("?format=md");
      expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="Health-Scrutiny.md"');
      expect(res.body.match(/^## .*$/gm)).toEqual(items.map((i) => `## ${i.title}`));
      expect(res.body).toContain(`**RESOLVED** ${EN_DASH} (1) That the report be noted.`);
    });

    it("exports a Word document whose text holds the items and resolutions", async () => {
      const res = await fetch(`${s.ts.url}/api/meetings/${meetingId}/export?format=docx`, {
        headers: authHeaders({ cookie: s.clerk.cookie }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="Health-Scrutiny.docx"');
      const zip = await JSZip.loadAsync(await res.arrayBuffer());
      const text = wordText(await zip.file("word/document.xml")!.async("string"));
      for (const item of items) expect(text).toContain(item.title);
      expect(text).toContain(`RESOLVED ${EN_DASH} (1) That the report be noted.`);
      expect(text).toContain(items[0]!.resolutions[1]!.text);
    });

    it("lets a viewer token export, refuses a token for another meeting, and names a bad format", async () => {
      expect((await exported("?format=md", { token: await s.ts.token(meetingId, "viewer") })).status).toBe(200);
      const otherId = await s.ts.createMeeting();
      const other = await exported("?format=md", { token: await s.ts.token(otherId, "viewer") });
      expect(other.status).toBe(403);
      expect(other.body).toEqual({ error: { code: "forbidden", message: `This token is for meeting "${otherId}", not "${meetingId}".` } });
      const bad = await exported("?format=pdf");
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ error: { code: "bad-request", message: expect.stringMatching(/^Invalid export query: format: /) } });
    });
  });
});
