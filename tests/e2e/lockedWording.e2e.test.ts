import { describe, expect, it } from "vitest";
import { entryTextPath, readItems, textAt, type ItemId } from "../../shared/meeting";
import { HAVE_CHROMIUM, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { browserSuite, field, PEOPLE, setupMeeting } from "./fixtures";

describe.skipIf(!HAVE_CHROMIUM)("confirmed wording and offline work in the browser (SPEC 6, 14)", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  /** The first item's first comment and resolution as the server holds them. */
  function onServer(meetingId: string, itemId: ItemId) {
    const doc = suite.ts.server.rooms.peek(meetingId)!.doc;
    const item = readItems(doc).find((i) => i.id === itemId)!;
    return {
      comment: item.discussion[0]!.comment,
      resolution: textAt(doc, entryTextPath(itemId, "resolutions", item.resolutions[0]!.id, "text"))!.toString(),
    };
  }

  it("a clerk fixes a typo in a resolution, the chair confirms, the clerk types offline and comes back: the offline text reaches the server", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await clerk.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const wording = field(clerk.page, "Resolution 1 wording");
    await wording.click();
    await clerk.page.keyboard.press("Control+End");
    await clerk.page.keyboard.type(" Noted..");
    await clerk.page.keyboard.press("Backspace");
    const fixed = await wording.inputValue();
    expect(fixed).toMatch(/ Noted\.$/);
    await eventually(() => expect(onServer(meetingId, itemIds[0]!).resolution).toBe(fixed));
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    await chair.page.getByRole("button", { name: "Confirm this wording" }).first().click();
    await eventually(async () => expect(await wording.getAttribute("readonly")).not.toBeNull());

    await clerk.context.setOffline(true);
    await eventually(async () => expect(await clerk.page.locator("[data-status]").first().getAttribute("data-status")).toBe("offline"));
    await field(clerk.page, "Comment 1").click();
    await clerk.page.keyboard.press("Control+End");
    await clerk.page.keyboard.type(" [typed offline]");
    await clerk.context.setOffline(false);

    await eventually(() => expect(onServer(meetingId, itemIds[0]!).comment).toMatch(/\[typed offline\]$/), { timeout: 15_000 });
    expect(onServer(meetingId, itemIds[0]!).resolution).toBe(fixed);
    expect(await clerk.page.getByRole("alert").filter({ hasText: "did not accept" }).count()).toBe(0);
    for (const s of [clerk, chair]) await s.context.close();
  });

  it("a clerk who typed offline into wording the chair confirmed meanwhile keeps the rest of the offline work and is told what was kept out", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await clerk.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await field(clerk.page, "Resolution 1 wording").waitFor();
    const before = onServer(meetingId, itemIds[0]!).resolution;

    await clerk.context.setOffline(true);
    await eventually(async () => expect(await clerk.page.locator("[data-status]").first().getAttribute("data-status")).toBe("offline"));
    await field(clerk.page, "Comment 1").click();
    await clerk.page.keyboard.press("Control+End");
    await clerk.page.keyboard.type(" [kept]");
    await field(clerk.page, "Resolution 1 wording").click();
    await clerk.page.keyboard.press("Control+End");
    await clerk.page.keyboard.type(" [too late]");
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    await chair.page.getByRole("button", { name: "Confirm this wording" }).first().click();
    await clerk.context.setOffline(false);

    await eventually(() => expect(onServer(meetingId, itemIds[0]!).comment).toMatch(/\[kept\]$/), { timeout: 15_000 });
    await eventually(async () =>
      expect(await clerk.page.getByRole("alert").filter({ hasText: "did not accept a change" }).textContent()).toMatch(
        /is confirmed by the chair.*everything else you typed was saved/,
      ),
    );
    await eventually(async () => expect(await field(clerk.page, "Resolution 1 wording").inputValue()).toBe(before));
    expect(onServer(meetingId, itemIds[0]!).resolution).toBe(before);
    for (const s of [clerk, chair]) await s.context.close();
  });
});
