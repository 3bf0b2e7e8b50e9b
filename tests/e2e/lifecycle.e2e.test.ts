import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ORIGIN, setMeetingInfo } from "../../shared/meeting";
import { HAVE_CHROMIUM, screenshot, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { axeViolations, browserSuite, field, PEOPLE, setupMeeting } from "./fixtures";

describe.skipIf(!HAVE_CHROMIUM)("the minutes' status in the browser", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("the clerk closes the meeting, a manager circulates and approves it with a reason; the clerk's screen turns read-only and the history shows each step", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    const status = (page: typeof clerk.page) => page.getByRole("button", { name: /^Meeting status:/ });
    await eventually(async () => expect(await status(clerk.page).textContent()).toMatch(/Live/));
    await status(clerk.page).click();
    const panel = clerk.page.getByRole("region", { name: "Meeting status" });
    expect(await panel.getByRole("button", { name: "Circulate the draft minutes" }).count()).toBe(0);
    await panel.getByRole("button", { name: "Close the meeting" }).click();
    await eventually(async () => expect(await status(clerk.page).textContent()).toMatch(/Closed/));
    expect(await field(clerk.page, "Comment 1").isEditable()).toBe(true);

    const manager = await signedIn(suite.browser, suite.ts, PEOPLE.admin);
    await manager.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await eventually(async () => expect(await status(manager.page).textContent()).toMatch(/Closed/));
    await status(manager.page).click();
    const managed = manager.page.getByRole("region", { name: "Meeting status" });
    await managed.getByRole("button", { name: "Circulate the draft minutes" }).click();
    // The clerk's screen follows the document's status: every field read-only.
    await eventually(async () => expect(await status(clerk.page).textContent()).toMatch(/Circulated/));
    await eventually(async () => expect(await field(clerk.page, "Comment 1").isEditable()).toBe(false));

    await managed.getByRole("button", { name: "Record the minutes as approved" }).click();
    const submit = managed.getByRole("button", { name: "Record the minutes as approved" });
    expect(await submit.isDisabled()).toBe(true);
    await managed.getByLabel(/^Why\?/).fill("Approved as a correct record on 4 December 2026");
    await submit.click();
    await eventually(async () => expect(await status(manager.page).textContent()).toMatch(/Approved/));
    const history = managed.getByRole("listitem");
    await eventually(async () =>
      expect(await history.allTextContents()).toEqual([
        expect.stringMatching(new RegExp(`^Live → Closed by ${PEOPLE.clara}`)),
        expect.stringMatching(new RegExp(`^Closed → Circulated by ${PEOPLE.admin}`)),
        expect.stringMatching(/^Circulated → Approved by .*“Approved as a correct record on 4 December 2026”$/),
      ]),
    );
    expect(await axeViolations(manager.page)).toEqual([]);
    await screenshot(manager.page, "meeting-status");
    await eventually(async () => expect(await status(clerk.page).textContent()).toMatch(/Approved/));
    expect(await field(clerk.page, "Comment 1").isEditable()).toBe(false);
    expect((await suite.ts.store.getMeeting(meetingId))!.status).toBe("approved");
    await clerk.context.close();
    await manager.context.close();
  });

  it("the public archive: a committee's minutes by date, a draft marked DRAFT, readable on a phone, and axe finds nothing", async () => {
    const { meetingId } = await setupMeeting(suite.ts); // public
    const record = (await suite.ts.store.getMeeting(meetingId))!;
    await suite.ts.store.saveMeeting({ ...record, status: "circulated" });
    const context = await suite.browser.newContext({ baseURL: suite.ts.url, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const noSidewaysScroll = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.goto("/archive");
    await page.getByRole("link", { name: "Health & Wellbeing Scrutiny Committee" }).click();
    await page.getByRole("heading", { name: "Minutes of Health & Wellbeing Scrutiny Committee" }).waitFor();
    expect(await page.getByRole("cell", { name: /DRAFT minutes/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await noSidewaysScroll();
    await page
      .getByRole("row")
      .filter({ hasText: "DRAFT" })
      .getByRole("link", { name: "Meeting of the Health and Wellbeing Scrutiny Committee", exact: true })
      .click();
    await page.getByText("DRAFT: these minutes have not yet been approved as a correct record.").waitFor();
    expect(await page.getByText(/Stockport Together Updated Business Case/).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await noSidewaysScroll();
    await screenshot(page, "archive-phone");
    await context.close();
  });

  it("a manager sets a meeting up: details and quorum, a clerk and a chair by name; the chair sees the role; the screen passes axe and fits a phone", async () => {
    const { meetingId } = await setupMeeting(suite.ts);
    const manager = await signedIn(suite.browser, suite.ts, PEOPLE.admin);
    const row = manager.page.getByRole("listitem").filter({ has: manager.page.locator(`a[href="/meetings/${meetingId}/setup"]`) });
    await row.getByRole("link", { name: "Set up" }).click();
    await manager.page.getByRole("heading", { name: "Meeting details" }).waitFor();
    await field(manager.page, "Quorum (members)").fill("3");
    await field(manager.page, "Venue").fill("Council Chamber, Town Hall");
    await manager.page.getByRole("button", { name: "Save details" }).click();
    await manager.page.getByText("Meeting details saved.").waitFor();
    await manager.page.getByLabel(`Role of ${PEOPLE.colin} in this meeting`).selectOption("clerk");
    await manager.page.getByText(`${PEOPLE.colin} is now clerk of this meeting.`).waitFor();
    await manager.page.getByLabel(`Role of ${PEOPLE.clara} in this meeting`).selectOption("chair");
    await manager.page.getByText(`${PEOPLE.clara} is now chair of this meeting.`).waitFor();
    expect(
      await manager.page.getByRole("region", { name: "Members, officers and guests" }).getByText("Cllr Charles Chair (Chair)").count(),
    ).toBe(1);
    expect(await axeViolations(manager.page)).toEqual([]);

    const record = (await suite.ts.store.getMeeting(meetingId))!;
    const colin = (await suite.ts.store.findUserByName(PEOPLE.colin))!;
    const clara = (await suite.ts.store.findUserByName(PEOPLE.clara))!;
    expect(record.roles).toMatchObject({ [colin.id]: "clerk", [clara.id]: "chair" });
    expect(await suite.ts.server.rooms.with(meetingId, (room) => room.doc.getMap("meeting").get("quorum"))).toBe(3);

    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const chairRow = chair.page.getByRole("listitem").filter({ has: chair.page.locator(`a[href="/meetings/${meetingId}/chair"]`) });
    await chairRow.getByText("You: chair").waitFor();
    await chair.context.close();

    await manager.page.setViewportSize({ width: 390, height: 844 });
    expect(await manager.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(manager.page, "meeting-setup-phone");
    await manager.context.close();
  });

  it("the whole life: the chair opens the meeting live, the clerk minutes and closes it, a manager circulates it; the next meeting's resolution approves and locks it, and it is in the public archive", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const chairUser = (await suite.ts.store.findUserByName(PEOPLE.chair))!;
    const clara = (await suite.ts.store.findUserByName(PEOPLE.clara))!;
    const record = (await suite.ts.store.getMeeting(meetingId))!;
    await suite.ts.store.saveMeeting({ ...record, status: "draft", roles: { [chairUser.id]: "chair", [clara.id]: "clerk" } });
    // The fixture's document was made live; a meeting being set up is a draft, in the record, the document and the room alike.
    await suite.ts.server.rooms.with(meetingId, (room) => {
      room.setStatus("draft");
      setMeetingInfo(room.doc, { status: "draft" }, ORIGIN.server);
    });
    const status = (page: Page) => page.getByRole("button", { name: /^Meeting status:/ });
    const takeStep = async (page: Page, step: string) => {
      if ((await status(page).getAttribute("aria-expanded")) !== "true") await status(page).click();
      await page.getByRole("region", { name: "Meeting status" }).getByRole("button", { name: step }).click();
    };

    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await chair.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await takeStep(chair.page, "Open the meeting live");
    await eventually(async () => expect(await status(chair.page).textContent()).toMatch(/Live/));

    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await field(clerk.page, "Comment 1").click();
    await clerk.page.keyboard.press("End");
    await clerk.page.keyboard.type(" Minuted live.");
    await takeStep(clerk.page, "Close the meeting");
    await eventually(async () => expect(await status(clerk.page).textContent()).toMatch(/Closed/));

    const manager = await signedIn(suite.browser, suite.ts, PEOPLE.admin);
    await manager.page.goto(`/meetings/${meetingId}/setup`);
    await takeStep(manager.page, "Circulate the draft minutes");
    await eventually(async () => expect(await status(manager.page).textContent()).toMatch(/Circulated/));

    // The next meeting of the committee puts those minutes for approval.
    const next = await suite.ts.createMeeting("Next meeting of the Health and Wellbeing Scrutiny Committee", { public: true });
    const nextRecord = (await suite.ts.store.getMeeting(next))!;
    await suite.ts.store.saveMeeting({ ...nextRecord, committee: record.committee, roles: { [chairUser.id]: "chair" } });
    await manager.page.goto(`/meetings/${next}/setup`);
    await manager.page.getByLabel("Meeting whose minutes to approve").selectOption(meetingId);
    await manager.page.getByRole("button", { name: "Add to the agenda" }).click();
    await manager.page.getByText("Added the item “Minutes of the previous meeting” to the agenda.").waitFor();

    await chair.page.goto(`/meetings/${next}/chair`);
    await chair.page
      .getByText("That the minutes of the meeting held on 14 February 2017 be approved as a correct record.")
      .first()
      .waitFor();
    await chair.page.getByRole("button", { name: "Confirm this wording" }).first().click();
    await eventually(async () => expect((await suite.ts.store.getMeeting(meetingId))!.status).toBe("approved"));

    // Locked for the clerk, on screen and on the wire; in the archive, approved.
    await eventually(async () => expect(await status(clerk.page).textContent()).toMatch(/Approved/));
    expect(await field(clerk.page, "Comment 1").isEditable()).toBe(false);
    const archive = await manager.context.newPage();
    await archive.goto(`/archive/meetings/${meetingId}`);
    expect(await archive.getByText(/Minuted live\./).count()).toBe(1);
    expect(await archive.getByText(/^DRAFT/).count()).toBe(0);
    for (const user of [chair, clerk, manager]) await user.context.close();
  });
});
