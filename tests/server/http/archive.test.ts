import JSZip from "jszip";
import { parse } from "node-html-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addComment, addItem, addResolution, ORIGIN, setMeetingInfo } from "../../../shared/meeting";
import type { MeetingRecord } from "../../../server/persistence/Store";
import { startTestServer, type TestServer } from "../../helpers/server";

describe("the public archive of minutes (SPEC 15)", () => {
  let ts: TestServer;
  beforeEach(async () => {
    ts = await startTestServer();
  });
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  /** A meeting of `committee` on `date` with one minuted item, in `status`. */
  async function meeting(committee: string, date: string, status: MeetingRecord["status"], isPublic = true): Promise<string> {
    const id = await ts.createMeeting(`Meeting of the ${committee}`, { public: isPublic });
    const record = (await ts.store.getMeeting(id))!;
    await ts.store.saveMeeting({ ...record, committee, date, status });
    await ts.server.rooms.with(id, async (room) => {
      setMeetingInfo(room.doc, { date }, ORIGIN.server);
      const itemId = addItem(room.doc, { title: `Parks Budget ${date}` }, { origin: ORIGIN.server });
      addComment(room.doc, itemId, { comment: "Members asked about the play areas." }, { origin: ORIGIN.server });
      addResolution(room.doc, itemId, { text: "That the budget be agreed." }, { origin: ORIGIN.server });
      await room.flush();
    });
    return id;
  }
  const get = async (path: string) => {
    const res = await fetch(`${ts.url}${path}`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  it("lists a committee's public minutes from circulation on, latest first, drafts marked DRAFT, without signing in", async () => {
    const approved = await meeting("Parks Committee", "2026-10-06", "approved");
    const circulated = await meeting("Parks Committee", "2026-11-03", "circulated");
    await meeting("Parks Committee", "2026-12-01", "live");
    await meeting("Parks Committee", "2026-09-01", "published", false);
    await meeting("Licensing Committee", "2026-11-10", "published");

    const index = await get("/archive");
    expect(index.status).toBe(200);
    const links = parse(index.text).querySelectorAll("li a");
    expect(links.map((a) => [a.text, a.getAttribute("href")])).toEqual([
      ["Licensing Committee", "/archive/Licensing%20Committee"],
      ["Parks Committee", "/archive/Parks%20Committee"],
    ]);

    const parks = parse((await get("/archive/Parks%20Committee")).text);
    const rows = parks.querySelectorAll("tbody tr").map((tr) => tr.querySelectorAll("td").map((td) => td.text.trim()));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ["Tuesday, 3 November 2026", "Meeting of the Parks Committee", "DRAFT minutes, to be approved"],
      ["Tuesday, 6 October 2026", "Meeting of the Parks Committee", "Approved"],
    ]);
    expect(parks.querySelectorAll("tbody a").map((a) => a.getAttribute("href"))).toContain(`/archive/meetings/${approved}`);

    const draft = await get(`/archive/meetings/${circulated}`);
    expect(draft.status).toBe(200);
    expect(draft.text).toContain("DRAFT: these minutes have not yet been approved as a correct record.");
    expect(draft.text).toContain("Members asked about the play areas.");
    const final = await get(`/archive/meetings/${approved}`);
    expect(final.text).toContain("Parks Budget 2026-10-06");
    expect(final.text).not.toContain("DRAFT");
    // No script may run on these pages; only their own styles, by hash.
    const csp = final.headers.get("content-security-policy")!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'sha256-[^']+' 'sha256-[^']+'/);
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
  });

  it("downloads the minutes as Word, a web page and text, a draft's names saying so", async () => {
    const id = await meeting("Parks Committee", "2026-11-03", "circulated");
    const docx = await fetch(`${ts.url}/archive/meetings/${id}/download?format=docx`);
    expect(docx.headers.get("content-disposition")).toBe('attachment; filename="Meeting-of-the-Parks-Committee-DRAFT.docx"');
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    expect(await zip.file("word/document.xml")!.async("string")).toContain("That the budget be agreed.");
    const text = await fetch(`${ts.url}/archive/meetings/${id}/download?format=text`);
    expect(await text.text()).toContain("RESOLVED – That the budget be agreed.");
    const bad = await get(`/archive/meetings/${id}/download?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/format: Invalid option/);
  });

  it("shows nothing of a private meeting or of minutes not yet circulated, with a page that says so", async () => {
    const hidden = await meeting("Staffing Committee", "2026-11-03", "approved", false);
    const live = await meeting("Parks Committee", "2026-12-01", "closed");
    for (const path of [`/archive/meetings/${hidden}`, `/archive/meetings/${live}`, `/archive/meetings/${live}/download?format=text`]) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.text).toMatch(/No published minutes for meeting/);
    }
    expect((await get("/archive/Staffing%20Committee")).status).toBe(404);
    expect((await get("/archive")).text).toContain("No minutes have been published yet.");
  });
});
