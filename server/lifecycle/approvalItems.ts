import { addItem, addResolution, ORIGIN, type Confirmation } from "../../shared/meeting";
import { AppError } from "../errors";
import type { MeetingRecord, Store } from "../persistence/Store";
import type { Rooms } from "../realtime/Rooms";
import { applyStatus } from "./changeStatus";

/** A date as the minutes print it ("4 December 2026"), or the text as given when it is not a date. */
function longDate(date: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : null;
  return parsed ? parsed.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : date;
}

/**
 * Adds to `meeting`'s agenda the item that approves an earlier meeting's minutes, with the
 * usual draft resolution, and links the two: when the chair confirms a resolution of that item,
 * the earlier minutes become approved (SPEC 15).
 */
export async function addApprovalItem(
  deps: { store: Store; rooms: Rooms },
  meeting: MeetingRecord,
  earlierId: string,
): Promise<{ itemId: string; resolutionId: string }> {
  const earlier = await deps.store.getMeeting(earlierId);
  if (!earlier) throw new AppError("not-found", `No meeting with id "${earlierId}" to approve the minutes of.`);
  if (earlier.id === meeting.id) throw new AppError("bad-request", `Meeting "${meeting.id}" cannot approve its own minutes.`);
  if (earlier.status !== "closed" && earlier.status !== "circulated")
    throw new AppError(
      "conflict",
      `The minutes of meeting "${earlier.id}" are ${earlier.status}; only closed or circulated minutes can be put for approval.`,
    );
  const held = earlier.date ? ` held on ${longDate(earlier.date)}` : "";
  const ids = await deps.rooms.with(meeting.id, (room) => {
    const itemId = addItem(
      room.doc,
      {
        title: "Minutes of the previous meeting",
        purpose: [
          { id: "approval-purpose", text: `To approve as a correct record the minutes of the ${earlier.title || "meeting"}${held}.` },
        ],
      },
      { origin: ORIGIN.server },
    );
    const resolutionId = addResolution(
      room.doc,
      itemId,
      { text: `That the minutes of the meeting${held} be approved as a correct record.` },
      { origin: ORIGIN.server },
    );
    return room.flush().then(() => ({ itemId, resolutionId }));
  });
  const current = (await deps.store.getMeeting(meeting.id)) ?? meeting;
  await deps.store.saveMeeting({ ...current, approves: [...(current.approves ?? []), { itemId: ids.itemId, meetingId: earlier.id }] });
  return ids;
}

/**
 * After the chair confirms a resolution: if its item approves an earlier meeting's minutes, they
 * become approved, recorded with the confirmed wording (corrections included) and who confirmed it.
 * Returns the earlier meeting's record when it moved.
 */
export async function approveByResolution(
  deps: { store: Store; rooms: Rooms },
  meeting: MeetingRecord,
  itemId: string,
  resolutionId: string,
  confirmation: Confirmation,
): Promise<MeetingRecord | null> {
  const link = (meeting.approves ?? []).find((a) => a.itemId === itemId);
  if (!link) return null;
  const earlier = await deps.store.getMeeting(link.meetingId);
  if (!earlier || (earlier.status !== "closed" && earlier.status !== "circulated")) return null;
  // The wording as confirmed, sub-paragraphs included: corrections are recorded as the resolution made them.
  const wording = [confirmation.text, ...confirmation.bullets].filter(Boolean).join(" ");
  const at = new Date().toISOString();
  return applyStatus(
    deps,
    earlier,
    "approved",
    {
      by: confirmation.by,
      byName: confirmation.byName,
      reason: `Approved by resolution of the ${meeting.title || "meeting"}${meeting.date ? ` on ${longDate(meeting.date)}` : ""}: ${wording}`,
    },
    { approvedBy: { meetingId: meeting.id, itemId, resolutionId, wording, at } },
  );
}
