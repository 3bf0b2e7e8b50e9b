import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { meetingText, type MeetingSnapshot } from "../../../shared/meeting";
import { CLOSE } from "../../../shared/protocol/closeCodes";
import { connectProvider, synced } from "../../helpers/server";
import { eventually } from "../../helpers/eventually";
import { seeds } from "../../helpers/seeds";
import { api, startStaffedServer, type ErrorBody, type Staffed } from "./client";

const all = seeds();

/** What POST /api/meetings answers. */
interface Created {
  id: string;
  title: string;
  status: string;
  public: boolean;
  warnings: { line: number; message: string }[];
}

describe("meetings (/api/meetings)", () => {
  let s: Staffed;
  const providers: WebsocketProvider[] = [];
  beforeEach(async () => {
    s = await startStaffedServer();
  });
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await s.ts.stop();
    await s.ts.cleanup();
  });

  const create = (json: unknown) => api<Created>(s.ts, "POST", "/api/meetings", { cookie: s.admin.cookie, json });
  const snapshotOf = async (id: string) =>
    (await api<{ snapshot: MeetingSnapshot }>(s.ts, "GET", `/api/meetings/${id}`, { cookie: s.admin.cookie })).body.snapshot;

  it("creates an empty meeting as a draft, with its details in the document", async () => {
    const res = await create({
      title: "Health Scrutiny",
      committee: "Health Scrutiny Committee",
      date: "2017-02-14",
      startTime: "18:00",
      venue: "Town Hall",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      title: "Health Scrutiny",
      committee: "Health Scrutiny Committee",
      date: "2017-02-14",
      status: "draft",
      public: false,
      roles: {},
      warnings: [],
    });
    const snapshot = await snapshotOf(res.body.id);
    expect(snapshot).toMatchObject({
      id: res.body.id,
      title: "Health Scrutiny",
      committee: "Health Scrutiny Committee",
      venue: "Town Hall",
      date: "2017-02-14",
      startTime: "18:00",
      status: "draft",
      items: [],
    });
  });

  it("creates a meeting from a published agenda page: one item per seed, and a warning naming the item that lacks minutes", async () => {
    const agenda = [...Object.values(all), "Agenda item", "6. Work Programme", "To consider the work programme."].join("\n");
    const res = await create({ title: "Health Scrutiny", agenda });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([{ line: expect.any(Number), message: expect.stringMatching(/^item 6: No "Minutes:" line/) }]);
    const snapshot = await snapshotOf(res.body.id);
    expect(snapshot.items.map((i) => i.title)).toEqual([
      "Stockport Together Updated Business Case",
      "",
      "Stockport Together - Multi-speciality Community Provider",
      "",
      "Greater Manchester Health and Social Care Strategic Partnership",
      "Work Programme",
    ]);
    expect(snapshot.items.map((i) => i.resolutions.length)).toEqual([2, 3, 1, 1, 0, 0]);
    expect(snapshot.items[0]!.resolutions[0]!.text).toBe("That the report be noted.");
  });

  it("names the field when a new meeting is invalid", async () => {
    const missing = await create({ committee: "No title" });
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ErrorBody).error).toEqual({
      code: "bad-request",
      message: expect.stringMatching(/^Invalid meeting: title: /),
    });
    const date = await create({ title: "T", date: "14/02/2017" });
    expect((date.body as unknown as ErrorBody).error.message).toMatch(/^Invalid meeting: date: /);
    const extra = await create({ title: "T", chair: "Cllr Wild" });
    expect((extra.body as unknown as ErrorBody).error.message).toMatch(/^Invalid meeting: \(body\): Unrecognized key: "chair"/);
  });

  it("lists the meetings each caller may see, with the caller's role in each", async () => {
    const privateId = (await create({ title: "Private" })).body.id;
    const publicId = (await create({ title: "Public", public: true })).body.id;
    const roleOf = async (as: { cookie?: string; token?: string }) => {
      const res = await api<{ id: string; role: string }[]>(s.ts, "GET", "/api/meetings", as);
      expect(res.status).toBe(200);
      return Object.fromEntries(res.body.map((m) => [m.id, m.role]));
    };
    expect(await roleOf({ cookie: s.admin.cookie })).toEqual({ [privateId]: "clerk", [publicId]: "clerk" });
    expect(await roleOf({ cookie: s.clerk.cookie })).toEqual({ [privateId]: "clerk", [publicId]: "clerk" });
    expect(await roleOf({ cookie: s.chair.cookie })).toEqual({ [privateId]: "viewer", [publicId]: "viewer" });
    expect(await roleOf({})).toEqual({ [publicId]: "viewer" });
    expect(await roleOf({ token: await s.ts.token(privateId, "chair") })).toEqual({ [privateId]: "chair" });
  });

  it("returns a meeting's record with the caller's role and its document snapshot, refusing the anonymous on a private one", async () => {
    const id = (await create({ title: "Private" })).body.id;
    const res = await api<{ meeting: Record<string, unknown>; snapshot: MeetingSnapshot }>(s.ts, "GET", `/api/meetings/${id}`, {
      cookie: s.clerk.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({ id, title: "Private", role: "clerk" });
    expect(res.body.snapshot).toMatchObject({ id, title: "Private", items: [] });
    const anonymous = await api<ErrorBody>(s.ts, "GET", `/api/meetings/${id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toEqual({ code: "unauthenticated", message: `Meeting "${id}" is not public: sign in or give a token.` });
    const missing = await api<ErrorBody>(s.ts, "GET", "/api/meetings/nosuch", { cookie: s.admin.cookie });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No meeting with id "nosuch".');
  });

  it("says what the caller may do in a meeting without sending the minutes: no role (200) for the public on a private one, viewer on a public one, 404 for none", async () => {
    const privateId = (await create({ title: "Private" })).body.id;
    const publicId = (await create({ title: "Open", public: true })).body.id;
    expect(await api(s.ts, "GET", `/api/meetings/${privateId}/access`)).toMatchObject({
      status: 200,
      body: { meetingId: privateId, public: false, role: null },
    });
    expect(await api(s.ts, "GET", `/api/meetings/${publicId}/access`)).toMatchObject({
      status: 200,
      body: { meetingId: publicId, public: true, role: "viewer" },
    });
    expect(await api(s.ts, "GET", `/api/meetings/${privateId}/access`, { cookie: s.clerk.cookie })).toMatchObject({
      status: 200,
      body: { public: false, role: "clerk" },
    });
    expect(await api(s.ts, "GET", `/api/meetings/${privateId}/access`, { token: await s.ts.token(publicId, "clerk") })).toMatchObject({
      status: 200,
      body: { role: null },
    });
    const missing = await api<ErrorBody>(s.ts, "GET", "/api/meetings/nosuch/access");
    expect(missing).toMatchObject({ status: 404, body: { error: { code: "not-found", message: 'No meeting with id "nosuch".' } } });
    const access = await api<Record<string, unknown>>(s.ts, "GET", `/api/meetings/${publicId}/access`);
    expect(Object.keys(access.body).sort()).toEqual(["meetingId", "public", "role"]);
  });

  it("updates title, status and public flag, and a connected client sees the new title text", async () => {
    const id = (await create({ title: "Old title" })).body.id;
    const clerk = connectProvider(s.ts.wsUrl, id, await s.ts.token(id, "clerk"));
    providers.push(clerk);
    await synced(clerk);
    expect(meetingText(clerk.doc, "title").toString()).toBe("Old title");

    const res = await api<Record<string, unknown>>(s.ts, "PATCH", `/api/meetings/${id}`, {
      cookie: s.admin.cookie,
      json: { title: "Health Scrutiny Committee", status: "live", public: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, title: "Health Scrutiny Committee", status: "live", public: true });
    await eventually(() => expect(meetingText(clerk.doc, "title").toString()).toBe("Health Scrutiny Committee"));
    expect(await snapshotOf(id)).toMatchObject({ title: "Health Scrutiny Committee", status: "live" });
    // Now public: anyone may read it.
    expect((await api(s.ts, "GET", `/api/meetings/${id}`)).status).toBe(200);

    const bad = await api<ErrorBody>(s.ts, "PATCH", `/api/meetings/${id}`, { cookie: s.admin.cookie, json: { status: "finished" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid meeting update: status: /);
  });

  it("deletes a meeting, closing its connections with the 'gone' code", async () => {
    const id = (await create({ title: "Doomed" })).body.id;
    const viewer = connectProvider(s.ts.wsUrl, id, await s.ts.token(id, "viewer"));
    providers.push(viewer);
    await synced(viewer);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => viewer.once("closed", (event) => resolve(event)));
    expect((await api(s.ts, "DELETE", `/api/meetings/${id}`, { cookie: s.admin.cookie })).status).toBe(204);
    expect(await closed).toEqual({ code: CLOSE.gone, reason: "meeting deleted" });
    expect((await api(s.ts, "GET", `/api/meetings/${id}`, { cookie: s.admin.cookie })).status).toBe(404);
    expect((await api<unknown[]>(s.ts, "GET", "/api/meetings", { cookie: s.admin.cookie })).body).toEqual([]);
  });

  it("refuses creating, changing and deleting meetings to anyone but an administrator, saying why", async () => {
    const id = (await create({ title: "Kept" })).body.id;
    const attempts = [
      ["POST", "/api/meetings", { title: "Sneaky" }],
      ["PATCH", `/api/meetings/${id}`, { title: "Sneaky" }],
      ["DELETE", `/api/meetings/${id}`, undefined],
      ["PUT", `/api/meetings/${id}/roles/${s.clerk.id}`, { role: "chair" }],
    ] as const;
    for (const [method, path, json] of attempts) {
      const clerk = await api<ErrorBody>(s.ts, method, path, { cookie: s.clerk.cookie, json });
      expect(clerk.status).toBe(403);
      expect(clerk.body.error).toEqual({ code: "forbidden", message: 'Only administrators may do this; "clerk" is a clerk.' });
      const chairToken = await api<ErrorBody>(s.ts, method, path, { token: await s.ts.token(id, "chair"), json });
      expect(chairToken.status).toBe(401);
      const anonymous = await api<ErrorBody>(s.ts, method, path, { json });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error).toEqual({ code: "unauthenticated", message: "Sign in as an administrator to do this." });
    }
    expect((await api<{ title: string }[]>(s.ts, "GET", "/api/meetings", { cookie: s.admin.cookie })).body.map((m) => m.title)).toEqual([
      "Kept",
    ]);
  });

  it("assigns and removes a user's role in a meeting", async () => {
    const id = (await create({ title: "Roles" })).body.id;
    const put = (userId: string, role: unknown) =>
      api<{ roles: Record<string, string> } & ErrorBody>(s.ts, "PUT", `/api/meetings/${id}/roles/${userId}`, {
        cookie: s.admin.cookie,
        json: { role },
      });
    const roleOfChair = async () =>
      (await api<{ meeting: { role: string } }>(s.ts, "GET", `/api/meetings/${id}`, { cookie: s.chair.cookie })).body.meeting.role;

    expect(await roleOfChair()).toBe("viewer");
    expect(await put(s.chair.id, "chair")).toMatchObject({ status: 200, body: { roles: { [s.chair.id]: "chair" } } });
    expect(await roleOfChair()).toBe("chair");
    expect(await put(s.chair.id, null)).toMatchObject({ status: 200, body: { roles: {} } });
    expect(await roleOfChair()).toBe("viewer");

    const unknown = await put("nosuchuser", "clerk");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No user with id "nosuchuser".');
    const bad = await put(s.chair.id, "mayor");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid role assignment: role: /);
  });
});
