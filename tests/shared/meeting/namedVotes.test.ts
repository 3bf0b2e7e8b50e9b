import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addEntry,
  addItem,
  addPerson,
  addResolution,
  initMeeting,
  ModelError,
  ORIGIN,
  readItem,
  recordVote,
  toSnapshot,
} from "../../../shared/meeting";
import { exportMeetingText } from "../../../shared/format";

/** A meeting with three members present, one sending apologies, and an officer; one item with one resolution. */
function meeting() {
  const doc = new Y.Doc();
  initMeeting(doc, "m1");
  const ada = addPerson(doc, { name: "Cllr Ada Price", role: "chair" });
  const ben = addPerson(doc, { name: "Cllr Ben Cole" });
  const cal = addPerson(doc, { name: "Cllr Cal Moss" });
  const dee = addPerson(doc, { name: "Cllr Dee Hart", attendance: "apologies" });
  const officer = addPerson(doc, { name: "Jo Webb", kind: "officer" });
  const itemId = addItem(doc, { number: "7", title: "Allotment Rents" });
  const resolutionId = addResolution(doc, itemId, { text: "That rents rise by 3%." });
  return { doc, itemId, resolutionId, ada, ben, cal, dee, officer };
}

describe("named (roll-call) votes (SPEC 9)", () => {
  it("records who voted which way, takes the counts from the names, and prints the names in the text export", () => {
    const m = meeting();
    recordVote(m.doc, m.itemId, m.resolutionId, { named: { for: [m.ada, m.ben], against: [m.cal], abstain: [] } }, ORIGIN.server);
    expect(readItem(m.doc, m.itemId).resolutions[0]!.vote).toMatchObject({ for: 2, against: 1, abstain: 0 });
    expect(exportMeetingText(toSnapshot(m.doc))).toContain("For 2 (Cllr Ada Price, Cllr Ben Cole), Against 1 (Cllr Cal Moss), Abstain 0");
  });

  it("refuses a name not free to vote on the item, or named on two sides, naming the person and recording nothing", () => {
    const m = meeting();
    const refused = (named: { for: string[]; against: string[]; abstain: string[] }) => {
      try {
        recordVote(m.doc, m.itemId, m.resolutionId, { named }, ORIGIN.server);
      } catch (error) {
        expect(error).toBeInstanceOf(ModelError);
        return (error as Error).message;
      }
      throw new Error("the vote was recorded");
    };
    expect(refused({ for: [m.ada, m.dee], against: [], abstain: [] })).toBe(
      "Cllr Dee Hart may not vote on this item (not a member in the room, or barred by a declaration).",
    );
    expect(refused({ for: [m.officer], against: [], abstain: [] })).toMatch(/^Jo Webb may not vote on this item/);
    expect(refused({ for: [m.ben], against: [], abstain: [m.ben] })).toBe("Cllr Ben Cole is named both for and abstain.");
    addEntry(m.doc, m.itemId, "declarations", { personId: m.cal, kind: "pecuniary", interest: "Rents an allotment" });
    expect(refused({ for: [], against: [m.cal], abstain: [] })).toMatch(/^Cllr Cal Moss may not vote on this item/);
    expect(readItem(m.doc, m.itemId).resolutions[0]!.vote).toBeNull();
  });
});
