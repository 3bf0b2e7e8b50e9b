import { Router, type Request, type Response } from "express";
import * as Y from "yjs";
import {
  addPerson,
  initMeeting,
  readItem,
  restoreSnapshot,
  setMeetingInfo,
  toSnapshot,
  editText,
  ORIGIN,
  newId,
  type PersonInput,
} from "../../shared/meeting";

import { exportMeetingHtml, exportMeetingMarkdown, exportMeetingText, exportItemText } from "../../shared/format";
import { committeeStyle, keepImportedStyle } from "./houseStyles";
import {
  createMeetingSchema,
  exportQuerySchema,
  importSchema,
  saveVersionSchema,
  updateMeetingSchema,
  assignRoleSchema,
  statusChangeInputSchema,
  approvalItemSchema,
} from "../../shared/protocol/api";
import { roleIn, principalId } from "../auth/access";
import { AppError, closeCode } from "../errors";
import type { MeetingRecord } from "../persistence/Store";
import type { MeetingSnapshot } from "../../shared/meeting";
import { meetingAccess, principalOf, requireAdmin, type ApiDeps } from "./context";
import { parseInput } from "./validate";
import { planAgenda, writeAgenda } from "./importAgenda";
import { exportFileName } from "./exportFileName";
import { assertMinutesWritable, changeStatus } from "../lifecycle/changeStatus";
import { addApprovalItem } from "../lifecycle/approvalItems";

const CONTENT_TYPES = {
  text: "text/plain; charset=utf-8",
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** Meetings: CRUD, agenda import, export in every format, roles and version history. */
export function meetingsRouter(deps: ApiDeps): Router {
  const router = Router();
  const { store, rooms } = deps;

  router.get("/", async (req, res) => {
    const principal = await principalOf(req, deps);
    const meetings = await store.listMeetings();
    const admin = principal.kind === "user" && principal.user.role === "admin";
    res.json(meetings.map((m) => ({ ...visibleRecord(m, admin), role: roleIn(principal, m) })).filter((m) => m.role !== null));
  });

  router.post("/", async (req, res) => {
    await requireAdmin(req, deps);
    const input = parseInput(createMeetingSchema, req.body, "meeting");
    // Read before anything is saved: an agenda that is refused leaves no meeting behind.
    const agenda = input.agenda ? planAgenda(input.agenda) : null;
    const now = new Date().toISOString();
    const record: MeetingRecord = {
      id: newId(),
      title: input.title,
      committee: input.committee,
      date: input.date,
      status: "draft",
      public: input.public,
      roles: {},
      createdAt: now,
      updatedAt: now,
    };
    // A committee keeps its members, officers and quorum: the new meeting starts from its last meeting's list.
    const previous = await committeeCarryOver(record.committee);
    await store.saveMeeting(record);
    const imported = await rooms.with(record.id, async (room) => {
      initMeeting(room.doc, record.id);
      editText(room.doc, ["title"], input.title, ORIGIN.server);
      editText(room.doc, ["committee"], input.committee, ORIGIN.server);
      editText(room.doc, ["venue"], input.venue, ORIGIN.server);
      setMeetingInfo(room.doc, { date: input.date, startTime: input.startTime }, ORIGIN.server);
      for (const person of previous?.people ?? []) addPerson(room.doc, person, { origin: ORIGIN.server });
      if (previous?.quorum) setMeetingInfo(room.doc, { quorum: previous.quorum }, ORIGIN.server);
      const imported = agenda ? await writeAgenda(room.doc, agenda) : null;
      await room.flush();
      return imported;
    });
    const styleSet = imported ? await keepImportedStyle(store, record.committee, imported) : false;
    deps.onMeetingsChanged();
    res.status(201).json({ ...record, warnings: imported?.warnings ?? [], styleSet });
  });

  // What the caller may do in a meeting, without the minutes: the public page asks it
  // first, so a private meeting's link says so plainly rather than retrying a refused
  // connection. "No role" is an answer (200), not an error.
  router.get("/:id/access", async (req, res) => {
    const principal = await principalOf(req, deps);
    const id = String(req.params.id);
    const meeting = await store.getMeeting(id);
    if (!meeting) throw new AppError("not-found", `No meeting with id "${id}".`);
    res.json({ meetingId: meeting.id, public: meeting.public, role: roleIn(principal, meeting) });
  });

  router.get("/:id", async (req, res) => {
    const { meeting: record, role, principal } = await meetingAccess(req, deps);
    const meeting = visibleRecord(record, principal.kind === "user" && principal.user.role === "admin");
    const snapshot = await rooms.with(meeting.id, (room) => toSnapshot(room.doc));
    res.json({ meeting: { ...meeting, role }, snapshot });
  });

  router.patch("/:id", async (req, res) => {
    const principal = await requireAdmin(req, deps);
    const { meeting } = await meetingAccess(req, deps);
    const { status, reason, ...input } = parseInput(updateMeetingSchema, req.body, "meeting update");
    const { date, startTime, quorum } = input;
    const details = (["title", "committee", "venue", "date", "startTime", "quorum"] as const).filter((f) => input[f] !== undefined);
    // The details are part of the minutes (their heading): they change only while the minutes may.
    if (details.length > 0) assertMinutesWritable(meeting);
    const moved =
      status !== undefined && status !== meeting.status ? await changeStatus(deps, meeting, principal, status, reason) : meeting;
    if (details.length > 0)
      await rooms.with(meeting.id, (room) => {
        for (const field of ["title", "committee", "venue"] as const)
          if (input[field] !== undefined) editText(room.doc, [field], input[field], ORIGIN.server);
        setMeetingInfo(
          room.doc,
          Object.fromEntries(Object.entries({ date, startTime, quorum }).filter(([, v]) => v !== undefined)),
          ORIGIN.server,
        );
      });
    const next: MeetingRecord = {
      ...moved,
      ...pick(input, ["title", "committee", "date", "public"]),
      updatedAt: new Date().toISOString(),
    };
    await store.saveMeeting(next);
    deps.onMeetingsChanged();
    res.json(next);
  });

  // A status step (lifecycle.ts): the chair or a clerk opens and closes the meeting, a
  // manager takes the rest; the answer is the record with its status history.
  router.post("/:id/status", async (req, res) => {
    const { meeting, principal } = await meetingAccess(req, deps);
    const { status, reason } = parseInput(statusChangeInputSchema, req.body, "status change");
    const next = await changeStatus(deps, meeting, principal, status, reason);
    deps.onMeetingsChanged();
    res.json(visibleRecord(next, principal.kind === "user" && principal.user.role === "admin"));
  });

  // An agenda item whose confirmed resolution approves an earlier meeting's minutes (SPEC 15).
  router.post("/:id/approval-items", async (req, res) => {
    await requireAdmin(req, deps);
    const { meeting } = await meetingAccess(req, deps);
    assertMinutesWritable(meeting);
    const { meetingId } = parseInput(approvalItemSchema, req.body, "approval item");
    res.status(201).json(await addApprovalItem(deps, meeting, meetingId));
  });

  router.delete("/:id", async (req, res) => {
    await requireAdmin(req, deps);
    const { meeting } = await meetingAccess(req, deps);
    await rooms.unload(meeting.id, closeCode("not-found"), "meeting deleted");
    await store.deleteMeeting(meeting.id);
    deps.onMeetingsChanged();
    res.status(204).end();
  });

  router.put("/:id/roles/:userId", async (req, res) => {
    await requireAdmin(req, deps);
    const { meeting } = await meetingAccess(req, deps);
    const { role } = parseInput(assignRoleSchema, req.body, "role assignment");
    const userId = String(req.params.userId);
    if (!(await store.getUser(userId))) throw new AppError("not-found", `No user with id "${userId}".`);
    const roles = { ...meeting.roles };
    if (role) roles[userId] = role;
    else delete roles[userId];
    await store.saveMeeting({ ...meeting, roles, updatedAt: new Date().toISOString() });
    deps.onMeetingsChanged();
    res.json({ roles });
  });

  router.post("/:id/import", async (req, res) => {
    const { meeting } = await meetingAccess(req, deps, "write");
    assertMinutesWritable(meeting);
    const { text } = parseInput(importSchema, req.body, "import");
    const plan = planAgenda(text);
    const imported = await rooms.with(meeting.id, (room) => writeAgenda(room.doc, plan));
    const styleSet = await keepImportedStyle(store, meeting.committee, imported);
    const { itemIds, variant, warnings } = imported;
    res.status(201).json({ itemIds, variant, warnings, styleSet, style: await committeeStyle(store, meeting.committee) });
  });

  router.get("/:id/export", async (req: Request, res: Response) => {
    const { meeting } = await meetingAccess(req, deps);
    const query = parseInput(exportQuerySchema, req.query, "export query");
    const { snapshot, itemLabel } = await rooms.with(meeting.id, (room) => {
      const whole = toSnapshot(room.doc);
      if (!query.item) return { snapshot: whole, itemLabel: undefined };
      const item = readItem(room.doc, query.item);
      // Items imported without a number are told apart by their place in the agenda.
      return {
        snapshot: { ...whole, items: [item] },
        itemLabel: item.number || String(whole.items.findIndex((i) => i.id === item.id) + 1),
      };
    });
    const style = await committeeStyle(store, meeting.committee);
    const variant = query.variant ?? style.variant;
    const name = exportFileName(meeting.title, query.format, variant, itemLabel);
    res.setHeader("Content-Type", CONTENT_TYPES[query.format]);
    res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
    if (query.format === "docx") {
      const { exportMeetingDocx } = await import("../../shared/format/exportDocx");
      return res.send(Buffer.from(await exportMeetingDocx(snapshot, style)));
    }
    if (query.format === "html") return res.send(exportMeetingHtml(snapshot, style));
    if (query.format === "md") return res.send(exportMeetingMarkdown(snapshot, style));
    const single = query.item && snapshot.items[0];
    res.send(single ? exportItemText(single, { variant, style }) : exportMeetingText(snapshot, { variant, style }));
  });

  router.get("/:id/versions", async (req, res) => {
    const { meeting } = await meetingAccess(req, deps);
    res.json(await store.listVersions(meeting.id));
  });

  router.post("/:id/versions", async (req, res) => {
    const { meeting, principal } = await meetingAccess(req, deps, "write");
    const { label } = parseInput(saveVersionSchema, req.body ?? {}, "version");
    const info = await rooms.with(meeting.id, (room) => room.saveVersion(principalId(principal), label));
    res.status(201).json(info);
  });

  router.get("/:id/versions/:versionId", async (req, res) => {
    const { meeting } = await meetingAccess(req, deps);
    res.json(toSnapshot(await versionDoc(meeting.id, String(req.params.versionId))));
  });

  router.post("/:id/versions/:versionId/restore", async (req, res) => {
    const { meeting, principal } = await meetingAccess(req, deps, "write");
    assertMinutesWritable(meeting);
    const old = toSnapshot(await versionDoc(meeting.id, String(req.params.versionId)));
    const info = await rooms.with(meeting.id, async (room) => {
      assertKeepsConfirmed(toSnapshot(room.doc), old, String(req.params.versionId));
      const before = await room.saveVersion(principalId(principal), "Before restoring an earlier version");
      restoreSnapshot(room.doc, old);
      return before;
    });
    res.json({ restored: req.params.versionId, savedBefore: info });
  });

  /** The members and officers (attendance not yet taken) and quorum of the committee's latest meeting, if any. */
  async function committeeCarryOver(committee: string): Promise<{ people: PersonInput[]; quorum: number | null } | null> {
    if (!committee.trim()) return null;
    const same = (await store.listMeetings()).filter((m) => m.committee.trim().toLowerCase() === committee.trim().toLowerCase());
    const latest = same.sort((a, b) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt))[0];
    if (!latest) return null;
    const snapshot = await rooms.with(latest.id, (room) => toSnapshot(room.doc));
    // Members and officers recur; substitutes and guests came for that meeting only.
    const people = snapshot.people
      .filter((p) => p.kind !== "guest" && p.attendance !== "substitute")
      .map(({ id: _id, attendance: _attendance, substituteFor: _for, ...person }) => person);
    return { people, quorum: snapshot.quorum };
  }

  async function versionDoc(meetingId: string, versionId: string): Promise<Y.Doc> {
    const state = await store.loadVersion(meetingId, versionId);
    if (!state) throw new AppError("not-found", `Meeting "${meetingId}" has no version "${versionId}".`);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
    } catch (error) {
      throw new AppError(
        "store-unreadable",
        `Version "${versionId}" of meeting "${meetingId}" is not a valid Yjs update: ${(error as Error).message}. It was left unchanged.`,
        { cause: error },
      );
    }
    return doc;
  }

  return router;
}

/** SPEC 6: a restore may not change or unlock wording the chair has confirmed since; the chair reopens it first. */
function assertKeepsConfirmed(now: MeetingSnapshot, old: MeetingSnapshot, versionId: string): void {
  const then = new Map(old.items.flatMap((i) => i.resolutions).map((r) => [r.id, JSON.stringify(r.confirmation)]));
  for (const r of now.items.flatMap((i) => i.resolutions)) {
    if (r.confirmation && then.get(r.id) !== JSON.stringify(r.confirmation)) {
      throw new AppError(
        "locked",
        `Restoring version "${versionId}" would change resolution "${r.id}", which the chair has confirmed; the chair must reopen it first.`,
      );
    }
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<Pick<T, K>>;
}

/** Who holds which role is for managers: others (the public included) see a record without the user ids. */
function visibleRecord(meeting: MeetingRecord, admin: boolean): MeetingRecord {
  return admin ? meeting : { ...meeting, roles: {} };
}
