import { describe, expect, it } from "vitest";
import { readItem } from "../../shared/meeting";
import { HAVE_CHROMIUM, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { axeViolations, browserSuite, PEOPLE, setupMeeting } from "./fixtures";

describe.skipIf(!HAVE_CHROMIUM)("a recorded vote by name in the browser", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("the chair records who voted which way from the members present; the counts follow the names and the export names them", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    const card = chair.page.getByRole("article", { name: "Resolution (1)" });
    await card.getByText("Record a vote").click();
    await card.getByLabel("By name (recorded vote)").check();
    // Members present may vote; the officer may not, so is not offered.
    expect(await card.getByRole("combobox").count()).toBe(4);
    expect(await card.getByLabel("How Michael Cullen voted").count()).toBe(0);
    await card.getByLabel("How Cllr Wendy Wild voted").selectOption("for");
    await card.getByLabel("How Cllr Tom McGee voted").selectOption("for");
    await card.getByLabel("How Cllr Ann Smith voted").selectOption("against");
    await card.getByText("For 2, Against 1, Abstain 0").waitFor();
    expect(await axeViolations(chair.page)).toEqual([]);
    await card.getByRole("button", { name: "Record vote" }).click();
    const vote = () => suite.ts.server.rooms.with(meetingId, (room) => readItem(room.doc, itemIds[0]!).resolutions[0]!.vote);
    await eventually(async () => expect(await vote()).toMatchObject({ for: 2, against: 1, abstain: 0 }));
    expect((await vote())!.named!.for).toHaveLength(2);
    await card.getByText(/^Vote:/).waitFor();
    expect(await card.getByText(/For 2 \(Cllr Wendy Wild, Cllr Tom McGee\), Against 1 \(Cllr Ann Smith\), Abstain 0/).count()).toBe(1);
    await chair.context.close();
  });
});
