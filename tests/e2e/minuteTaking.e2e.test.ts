import { describe, expect, it } from "vitest";
import { HAVE_CHROMIUM, screenshot, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { browserSuite, field, PEOPLE, setupMeeting, storedBytes } from "./fixtures";

describe.skipIf(!HAVE_CHROMIUM)("clerks and the chair in the browser", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("two clerks type in the same comment and in different items at once; everyone converges and the chair sees it live", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const a = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const b = await signedIn(suite.browser, suite.ts, PEOPLE.colin);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await a.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await b.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    await chair.page.getByLabel("Item", { exact: true }).selectOption(itemIds[1]!);

    await a.page.getByRole("button", { name: "+ Comment" }).click();
    await eventually(() => expect(field(b.page, "Comment 14")).toBeTruthy());
    await field(b.page, "Comment 14").waitFor();
    await field(a.page, "Comment 14").focus();
    await field(b.page, "Comment 14").focus();
    await Promise.all([
      a.page.keyboard.type("Clarification was sought on the timetable.", { delay: 15 }),
      b.page.keyboard.type("Councillor Wild: ", { delay: 25 }),
    ]);
    await eventually(async () => {
      const [va, vb] = await Promise.all([field(a.page, "Comment 14").inputValue(), field(b.page, "Comment 14").inputValue()]);
      expect(va).toBe(vb);
      expect(va).toContain("Clarification was sought on the timetable.");
      expect(va).toContain("Councillor Wild: ");
    });
    await screenshot(a.page, "minute-taking");

    // Now different items at once: A keeps to item 5's comment, B drafts item 6's resolution.
    await b.page.getByRole("button", { name: /Stockport Together - Multi-speciality/ }).click();
    const wording = field(b.page, "Resolution 1 wording");
    await wording.click();
    await b.page.keyboard.press("End");
    await Promise.all([
      b.page.keyboard.type(" The Committee thanked the officers.", { delay: 10 }),
      field(a.page, "Response to comment 14").fill("In response it was stated that a timetable would follow."),
    ]);
    await eventually(() => expect(chair.page.locator(".chair-resolution").first()).toBeTruthy());
    await eventually(async () =>
      expect(await chair.page.locator(".chair-resolution").first().textContent()).toContain("The Committee thanked the officers."),
    );
    await screenshot(chair.page, "chair");
    await b.page.getByRole("button", { name: /Stockport Together Updated Business Case/ }).click();
    await eventually(async () =>
      expect(await field(b.page, "Response to comment 14").inputValue()).toBe("In response it was stated that a timetable would follow."),
    );
    for (const s of [a, b, chair]) await s.context.close();
  });

  it("the chair confirms a resolution: both clerks see it locked and cannot change it, and the export carries the confirmed wording", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const a = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const b = await signedIn(suite.browser, suite.ts, PEOPLE.colin);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    for (const clerk of [a, b]) await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await field(a.page, "Resolution 1 wording").fill("That the report be noted and welcomed.");
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    await eventually(async () =>
      expect(await chair.page.locator(".chair-resolution").first().textContent()).toBe("That the report be noted and welcomed."),
    );
    await chair.page.getByRole("button", { name: "Confirm this wording" }).first().click();
    for (const clerk of [a, b]) {
      await eventually(async () => expect(await field(clerk.page, "Resolution 1 wording").getAttribute("readonly")).not.toBeNull());
      await expect(clerk.page.getByText(`Confirmed by ${PEOPLE.chair}`).count()).resolves.toBe(1);
      await field(clerk.page, "Resolution 1 wording").click();
      await clerk.page.keyboard.type(" Amended!");
      expect(await field(clerk.page, "Resolution 1 wording").inputValue()).toBe("That the report be noted and welcomed.");
    }
    const exported = await (await a.page.request.get(`/api/meetings/${meetingId}/export?format=text`)).text();
    expect(exported).toContain("RESOLVED \u2013 (1) That the report be noted and welcomed.");
    expect(exported).not.toContain("Amended!");
    for (const s of [a, b, chair]) await s.context.close();
  });

  it("a clerk who goes offline, keeps typing and reloads while offline loses nothing when back", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const a = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const b = await signedIn(suite.browser, suite.ts, PEOPLE.colin);
    const url = `/meetings/${meetingId}?item=${itemIds[0]}`;
    await a.page.goto(url);
    await b.page.goto(url);
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await field(a.page, "Comment 1").waitFor();

    await a.context.setOffline(true);
    await eventually(async () => expect(await a.page.locator("[data-status]").first().getAttribute("data-status")).toBe("offline"));
    const before = await storedBytes(a.page, meetingId);
    await field(a.page, "Comment 1").click();
    await a.page.keyboard.press("Control+End");
    await a.page.keyboard.type(" [offline one]");
    await field(b.page, "Comment 2").click();
    await b.page.keyboard.press("Control+End");
    await b.page.keyboard.type(" [online]");
    await eventually(async () => expect(await storedBytes(a.page, meetingId)).toBeGreaterThan(before));
    expect(await field(b.page, "Comment 1").inputValue()).not.toContain("[offline one]");

    await a.page.reload();
    await eventually(async () => expect(await field(a.page, "Comment 1").inputValue()).toContain("[offline one]"), { timeout: 10_000 });
    await field(a.page, "Comment 1").click();
    await a.page.keyboard.press("Control+End");
    await a.page.keyboard.type(" [offline two]");
    await screenshot(a.page, "minute-taking-offline");
    await a.context.setOffline(false);
    for (const page of [a.page, b.page]) {
      await eventually(
        async () => {
          expect(await field(page, "Comment 1").inputValue()).toMatch(/\[offline one\] \[offline two\]$/);
          expect(await field(page, "Comment 2").inputValue()).toMatch(/\[online\]$/);
        },
        { timeout: 15_000 },
      );
    }
    await a.context.close();
    await b.context.close();
  });
});
