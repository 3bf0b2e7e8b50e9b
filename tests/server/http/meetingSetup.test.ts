import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addPerson, ORIGIN, setMeetingInfo, toSnapshot, type MeetingSnapshot } from "../../../shared/meeting";
import { startTestServer, type TestServer } from "../../helpers/server";
import { api, signIn } from "./client";

describe("setting a meeting up (SPEC 15)", () => {
  let ts: TestServer;
  let manager: string;
  beforeEach(async () => {
    ts = await startTestServer();
    await ts.addUser("setup-manager", "admin");
    manager = await signIn(ts, "setup-manager");
  });
  afterEach(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  const create = async (committee: string, date: string) => {
    const reply = await api<{ id: string }>(ts, "POST", "/api/meetings", {
      cookie: manager,
      json: { title: `${committee} ${date}`, committee, date },
    });
    expect(reply.status).toBe(201);
    return reply.body.id;
  };
  const snapshot = async (id: string) =>
    (await api<{ snapshot: MeetingSnapshot }>(ts, "GET", `/api/meetings/${id}`, { cookie: manager })).body.snapshot;

  it("starts a committee's next meeting from its last meeting's members, officers and quorum, attendance not yet taken", async () => {
    const first = await create("Audit Committee", "2026-10-01");
    await ts.server.rooms.with(first, async (room) => {
      addPerson(room.doc, { name: "Cllr Ada Price", role: "chair", attendance: "apologies" }, { origin: ORIGIN.server });
      addPerson(room.doc, { name: "Cllr Ben Cole" }, { origin: ORIGIN.server });
      addPerson(room.doc, { name: "Cllr Sub Stitute", attendance: "substitute" }, { origin: ORIGIN.server });
      addPerson(room.doc, { name: "Jo Webb", kind: "officer", jobTitle: "Head of Audit" }, { origin: ORIGIN.server });
      addPerson(room.doc, { name: "A Visitor", kind: "guest" }, { origin: ORIGIN.server });
      setMeetingInfo(room.doc, { quorum: 2 }, ORIGIN.server);
      await room.flush();
    });
    const other = await create("Planning Committee", "2026-11-01");
    const next = await create("audit committee", "2026-11-05");
    const people = (await snapshot(next)).people;
    expect(people.map((p) => [p.name, p.kind, p.role, p.attendance])).toEqual([
      ["Cllr Ada Price", "member", "chair", "present"],
      ["Cllr Ben Cole", "member", "member", "present"],
      ["Jo Webb", "officer", "member", "present"],
    ]);
    expect((await snapshot(next)).quorum).toBe(2);
    expect((await snapshot(other)).people).toEqual([]);
  });

  it("sets the quorum, refusing one that is not a whole number of members, and not once the minutes are circulated", async () => {
    const id = await create("Audit Committee", "2026-10-01");
    expect((await api(ts, "PATCH", `/api/meetings/${id}`, { cookie: manager, json: { quorum: 4 } })).status).toBe(200);
    expect(await ts.server.rooms.with(id, (room) => toSnapshot(room.doc).quorum)).toBe(4);
    const bad = await api<{ error: { message: string } }>(ts, "PATCH", `/api/meetings/${id}`, { cookie: manager, json: { quorum: 2.5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid meeting update: quorum: /);
    for (const status of ["live", "closed", "circulated"])
      expect((await api(ts, "POST", `/api/meetings/${id}/status`, { cookie: manager, json: { status } })).status).toBe(200);
    const late = await api<{ error: { message: string } }>(ts, "PATCH", `/api/meetings/${id}`, { cookie: manager, json: { quorum: 5 } });
    expect(late.status).toBe(423);
    expect(late.body.error.message).toMatch(/circulated/);
    expect((await api(ts, "PATCH", `/api/meetings/${id}`, { cookie: manager, json: { public: true } })).status).toBe(200);
  });
});
