import { describe, expect, it } from "vitest";
import { HAVE_CHROMIUM, screenshot, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { setCurrentItem } from "../../shared/meeting";
import { axeViolations, browserSuite, field, PEOPLE, setupMeeting } from "./fixtures";

describe.skipIf(!HAVE_CHROMIUM)("every screen in the browser", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("the public view follows the minutes live and offers no way to edit", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const publicContext = await suite.browser.newContext({ baseURL: suite.ts.url, viewport: { width: 1280, height: 860 } });
    const watcher = await publicContext.newPage();
    await watcher.goto(`/public/${meetingId}`);
    await watcher.getByRole("heading", { name: /Stockport Together Updated Business Case/ }).waitFor();
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await clerk.page.getByRole("button", { name: "+ Comment" }).click();
    await clerk.page.keyboard.type("The public can see this comment as it is typed.");
    const bullets = watcher.getByRole("region", { name: "Discussion" }).getByRole("listitem");
    await eventually(async () =>
      expect((await bullets.allTextContents()).filter((t) => t.includes("The public can see this comment as it is typed."))).toEqual([
        "The public can see this comment as it is typed.",
      ]),
    );
    for (const selector of ["textarea", "input", "select", "button", "[contenteditable]", "form"])
      expect(await watcher.locator(selector).count(), selector).toBe(0);
    // The chair moves the meeting on; the projector follows.
    await suite.ts.server.rooms.with(meetingId, (room) => setCurrentItem(room.doc, itemIds[1]!));
    await watcher.getByRole("heading", { name: /Multi-speciality Community Provider/ }).waitFor();
    expect(await axeViolations(watcher)).toEqual([]);
    await screenshot(watcher, "public");
    await watcher.setViewportSize({ width: 800, height: 1100 });
    await screenshot(watcher, "public-tablet");
    await publicContext.close();
    await clerk.context.close();
  });

  it("keyboard-first capture: Enter, Tab, Ctrl+Enter, Alt+arrows, phrases, and undo that spares a colleague's typing", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const a = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const b = await signedIn(suite.browser, suite.ts, PEOPLE.colin);
    await a.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await b.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await a.page.getByRole("button", { name: "+ Comment" }).click();
    await a.page.keyboard.type(";cs the cost of agency staff.");
    await a.page.keyboard.press("Tab");
    await a.page.keyboard.type(";irs it would fall.");
    await a.page.keyboard.press("Enter");
    await a.page.keyboard.type("Second comment");
    expect(await field(a.page, "Comment 14").inputValue()).toBe("Clarification was sought on the cost of agency staff.");
    expect(await field(a.page, "Response to comment 14").inputValue()).toBe("In response it was stated that it would fall.");
    expect(await field(a.page, "Comment 15").inputValue()).toBe("Second comment");

    // B types in another comment meanwhile; A's undo must leave it alone.
    await field(b.page, "Comment 1").click();
    await b.page.keyboard.press("Control+End");
    await b.page.keyboard.type(" (B's note)");
    await eventually(async () => expect(await field(a.page, "Comment 1").inputValue()).toMatch(/\(B's note\)$/));
    await field(a.page, "Comment 15").click();
    await a.page.keyboard.press("Control+z");
    await eventually(async () => expect(await field(a.page, "Comment 15").inputValue()).toBe(""));
    expect(await field(a.page, "Comment 1").inputValue()).toMatch(/\(B's note\)$/);
    await a.page.keyboard.press("Control+Shift+z");
    await eventually(async () => expect(await field(a.page, "Comment 15").inputValue()).toBe("Second comment"));

    await a.page.keyboard.press("Control+Enter");
    await eventually(async () =>
      expect(
        await a.page.evaluate(
          () =>
            document.activeElement?.getAttribute("aria-label") ??
            (document.activeElement as HTMLTextAreaElement | null)?.labels?.[0]?.textContent,
        ),
      ).toBe("Resolution 3 wording"),
    );
    await a.page.keyboard.type("the update be circulated.");
    expect(await field(a.page, "Resolution 3 wording").inputValue()).toBe("That the update be circulated.");

    await a.page.keyboard.press("Alt+ArrowDown");
    await eventually(async () =>
      expect(await field(a.page, "Item title").inputValue()).toBe("Stockport Together - Multi-speciality Community Provider"),
    );
    await a.page.keyboard.press("F1");
    await a.page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    await a.context.close();
    await b.context.close();
  });

  it("meets WCAG 2.2 AA (axe) on sign-in, meeting list, minute-taking and chair screens, and looks finished", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const anonymous = await suite.browser.newContext({ baseURL: suite.ts.url, viewport: { width: 1280, height: 860 } });
    const signin = await anonymous.newPage();
    await signin.goto("/signin");
    await signin.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await axeViolations(signin)).toEqual([]);
    await screenshot(signin, "signin");
    await anonymous.close();

    const admin = await signedIn(suite.browser, suite.ts, PEOPLE.admin);
    await admin.page.getByRole("list", { name: "Meetings" }).getByRole("listitem").first().waitFor();
    expect(await axeViolations(admin.page)).toEqual([]);
    await screenshot(admin.page, "meeting-list");

    await admin.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await field(admin.page, "Comment 1").waitFor();
    expect(await axeViolations(admin.page)).toEqual([]);
    await admin.page.getByRole("button", { name: "Attendance" }).click();
    await admin.page.getByRole("dialog", { name: "Attendance" }).waitFor();
    expect(await axeViolations(admin.page)).toEqual([]);
    await screenshot(admin.page, "attendance");

    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    await chair.page.getByRole("button", { name: "Confirm this wording" }).first().waitFor();
    expect(await axeViolations(chair.page)).toEqual([]);
    await chair.page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(chair.page, "chair-tablet");
    await admin.context.close();
    await chair.context.close();
  });
});
