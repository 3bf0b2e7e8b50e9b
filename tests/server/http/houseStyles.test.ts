import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SEED_STYLE, type HouseStyle } from "../../../shared/format";
import { startTestServer, type TestServer } from "../../helpers/server";
import { api, signIn } from "./client";

// A council that prints compact pages, dash bullets, "RESOLVED: 1. …" and no "Agenda item" line.
const OTHER_COUNCIL = `12. Allotments Rent Review
Minutes:
The Committee considered a report on allotment rents.
The following comments were made:
- Members asked whether concessions would continue. The officer confirmed that they would.
- A Member asked about the waiting list. The officer said it had 40 names.
RESOLVED: 1. That rents rise by 3% from 1 April.
2. That the concession continues.
`;

// The seeds' shape: rich, "Agenda item", "RESOLVED – (1) That …".
const SEED_SHAPED = `Agenda item

4. Street Lighting

Minutes:

The Committee noted the report.

 

RESOLVED – That the report be noted.

Supporting documents:
`;

type Created = { id: string; styleSet: boolean };
type Imported = { itemIds: string[]; styleSet: boolean; style: HouseStyle };

describe("each committee's house style (SPEC 11)", () => {
  let ts: TestServer;
  let manager: string;
  let clerk: string;
  beforeEach(async () => {
    ts = await startTestServer();
    await ts.addUser("hs-manager", "admin");
    await ts.addUser("hs-clerk", "clerk");
    manager = await signIn(ts, "hs-manager");
    clerk = await signIn(ts, "hs-clerk");
  });
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  const newMeeting = async (committee: string, agenda?: string) => {
    const reply = await api<Created>(ts, "POST", "/api/meetings", {
      cookie: manager,
      json: { title: `${committee || "No committee"} meeting`, committee, date: "2026-11-03", ...(agenda ? { agenda } : {}) },
    });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const exportText = async (id: string, query = "") =>
    (await api<string>(ts, "GET", `/api/meetings/${id}/export?format=text${query}`, { cookie: manager })).body;

  it("takes a committee's style from its first import and writes every export, text, HTML and Markdown, in it", async () => {
    expect((await api<{ standard: boolean; style: HouseStyle }>(ts, "GET", "/api/styles/Allotments", { cookie: clerk })).body).toEqual({
      committee: "Allotments",
      standard: true,
      style: SEED_STYLE,
    });
    const first = await newMeeting("Allotments");
    const imported = await api<Imported>(ts, "POST", `/api/meetings/${first.id}/import`, {
      cookie: manager,
      json: { text: OTHER_COUNCIL },
    });
    expect(imported.status).toBe(201);
    expect(imported.body.styleSet).toBe(true);
    expect(imported.body.style).toMatchObject({
      variant: "compact",
      header: false,
      bullet: "-",
      keyword: "RESOLVED",
      punctuation: ": ",
      numbering: "1.",
    });

    const text = await exportText(first.id);
    expect(text).toContain("RESOLVED: 1. That rents rise by 3% from 1 April.\n2. That the concession continues.");
    expect(text).toContain("- Members asked whether concessions would continue.");
    expect(text).not.toContain("Agenda item");
    expect(text).not.toContain("RESOLVED –");
    const html = (await api<string>(ts, "GET", `/api/meetings/${first.id}/export?format=html`, { cookie: manager })).body;
    expect(html).toMatch(/<strong>RESOLVED<\/strong>: /);
    const md = (await api<string>(ts, "GET", `/api/meetings/${first.id}/export?format=md`, { cookie: manager })).body;
    expect(md).toMatch(/RESOLVED(\*\*)?: /);

    // The committee's next meeting, made from scratch, writes in the same style; a later import in
    // another shape does not change it (only a manager does).
    const next = await newMeeting("allotments", SEED_SHAPED);
    expect(next.styleSet).toBe(false);
    const nextText = await exportText(next.id);
    expect(nextText).toContain("RESOLVED: That the report be noted.");
    expect(nextText).not.toContain("Agenda item");
  });

  it("starts a meeting of a committee without a style, or of no committee, in the seeds' style", async () => {
    const none = await newMeeting("", OTHER_COUNCIL);
    expect(none.styleSet).toBe(false);
    expect(await exportText(none.id)).toContain("RESOLVED – (1) That rents rise by 3% from 1 April.");
    const fresh = await newMeeting("Licensing");
    expect((await api(ts, "POST", `/api/meetings/${fresh.id}/import`, { cookie: manager, json: { text: SEED_SHAPED } })).status).toBe(201);
    expect((await api<{ standard: boolean }>(ts, "GET", "/api/styles/Licensing", { cookie: clerk })).body.standard).toBe(false);
    expect(await exportText(fresh.id)).toMatch(/^Agenda item\n\n4\. Street Lighting/m);
  });

  it("lets a manager change the style, and every export follows; a variant asked for still wins", async () => {
    const meeting = await newMeeting("Planning", SEED_SHAPED);
    const style: HouseStyle = { ...SEED_STYLE, keyword: "Decision", punctuation: ": ", numbering: "(a)", header: false };
    const saved = await api(ts, "PUT", "/api/styles/Planning", { cookie: manager, json: { style } });
    expect(saved.status).toBe(200);
    expect((await api<{ style: HouseStyle }>(ts, "GET", "/api/styles/planning", { cookie: clerk })).body.style).toEqual(style);
    const text = await exportText(meeting.id);
    expect(text).toContain("Decision: That the report be noted.");
    expect(text).not.toContain("Agenda item");
    expect(await exportText(meeting.id, "&variant=compact")).toContain("Decision: That the report be noted.\nSupporting documents:");
  });

  it("refuses a style from anyone but a manager, and a style with a bad or missing part, naming it", async () => {
    const clerkPut = await api(ts, "PUT", "/api/styles/Planning", { cookie: clerk, json: { style: SEED_STYLE } });
    expect(clerkPut.status).toBe(403);
    const { trailer: _trailer, ...lacking } = SEED_STYLE;
    const missing = await api<{ error: { message: string } }>(ts, "PUT", "/api/styles/Planning", {
      cookie: manager,
      json: { style: lacking },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/style\.trailer/);
    const bad = await api<{ error: { message: string } }>(ts, "PUT", "/api/styles/Planning", {
      cookie: manager,
      json: { style: { ...SEED_STYLE, numbering: "first", keyword: "RESOLVED\nThat" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/numbering: a sample label/);
    expect(bad.body.error.message).toMatch(/keyword: one line/);
    expect((await api(ts, "GET", "/api/styles/Planning", {})).status).toBe(401);
    expect((await api<{ standard: boolean }>(ts, "GET", "/api/styles/Planning", { cookie: clerk })).body.standard).toBe(true);
  });
});
