import { describe, expect, it } from "vitest";
import type { ConsoleMessage, Page } from "playwright-core";
import { confirmResolution, readItems } from "../../shared/meeting";
import { HAVE_CHROMIUM, signedIn } from "../helpers/browser";
import { axeViolations, browserSuite, PEOPLE, setupMeeting } from "./fixtures";

/** Console errors and uncaught exceptions a page logs, gathered from when it is opened. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()}: uncaught ${error.message}`));
  return errors;
}

/**
 * Emoji glyphs the page paints: characters drawn as emoji by default, inside the part of
 * their element that is shown. Where no emoji font is installed each is an empty box.
 */
function paintedEmoji(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const painted: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\p{Emoji_Presentation}/u.test(node.textContent ?? "")) continue;
      const parent = node.parentElement!;
      const range = document.createRange();
      range.selectNodeContents(node);
      const glyphs = range.getBoundingClientRect();
      const box = parent.getBoundingClientRect();
      const clipped = getComputedStyle(parent).overflow !== "visible";
      const shownWidth = clipped ? Math.min(glyphs.right, box.right) - Math.max(glyphs.left, box.left) : glyphs.width;
      if (shownWidth > 0.5 && glyphs.height > 0) painted.push(`${parent.outerHTML.slice(0, 120)}`);
    }
    return painted;
  });
}

describe.skipIf(!HAVE_CHROMIUM)("what a newcomer meets in the first hour, in the browser", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("a private meeting's public link says plainly that it is not open to the public, and opens no connection to it", async () => {
    const privateId = await suite.ts.createMeeting("Closed session", { public: false });
    const context = await suite.browser.newContext({ baseURL: suite.ts.url });
    const page = await context.newPage();
    const sockets: string[] = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    await page.goto(`/public/${privateId}`);
    const notice = page.getByRole("status");
    await notice.getByText("This meeting is not open to the public").waitFor();
    expect(await notice.textContent()).toContain("reload this page");
    expect(await page.getByText("Connecting").count()).toBe(0);
    expect(sockets.filter((url) => url.includes("/yjs/"))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto("/public/no-such-meeting");
    await page.getByText("There is no meeting at this address.").waitFor();
    await context.close();
  });

  it("the rich and the compact text exports download under names of their own", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    const download = async (label: string) => {
      const menu = clerk.page.getByRole("button", { name: "Export" });
      // The menu stays open after a download; a second click would close it.
      if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
      const [file] = await Promise.all([clerk.page.waitForEvent("download"), clerk.page.getByRole("menuitem", { name: label }).click()]);
      return file.suggestedFilename();
    };
    const rich = await download("Agenda-item text (rich, as published)");
    const compact = await download("Agenda-item text (compact)");
    expect(rich).toBe("Meeting-of-the-Health-and-Wellbeing-Scrutiny-Committee-rich.txt");
    expect(compact).toBe("Meeting-of-the-Health-and-Wellbeing-Scrutiny-Committee-compact.txt");
    await clerk.context.close();
  });

  it("a normal page load logs no console error: sign-in, the meeting list, minute-taking, the chair's screen and the public page", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    // Before anyone signs in: the app asks who is signed in and is sent to the sign-in form.
    const anonymous = await suite.browser.newContext({ baseURL: suite.ts.url });
    const first = await anonymous.newPage();
    const errors = consoleErrors(first);
    await first.goto("/");
    await first.waitForURL((url) => url.pathname === "/signin");
    await first.getByRole("button", { name: "Sign in" }).waitFor();
    const watcher = await anonymous.newPage();
    errors.push(...consoleErrors(watcher));
    await watcher.goto(`/public/${meetingId}`);
    await watcher.getByRole("heading", { name: /Stockport Together Updated Business Case/ }).waitFor();

    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    const clerkErrors = consoleErrors(clerk.page);
    const chairErrors = consoleErrors(chair.page);
    await clerk.page.goto("/");
    await clerk.page.getByRole("list", { name: "Meetings" }).getByRole("listitem").first().waitFor();
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await clerk.page.getByLabel("Comment 1", { exact: true }).waitFor();
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    await chair.page.locator(".chair-resolution").first().waitFor();
    expect([...errors, ...clerkErrors, ...chairErrors]).toEqual([]);
    for (const context of [anonymous, clerk.context, chair.context]) await context.close();
  });

  it("the lock on a confirmed resolution is drawn (inline SVG), needing no emoji font: no emoji glyph is painted on the clerk's or the chair's screen", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const chairUser = (await suite.ts.store.findUserByName(PEOPLE.chair))!;
    await suite.ts.server.rooms.with(meetingId, (room) => {
      const resolution = readItems(room.doc).find((i) => i.id === itemIds[0])!.resolutions[0]!;
      confirmResolution(room.doc, itemIds[0]!, resolution.id, { by: chairUser.id, byName: PEOPLE.chair });
    });
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    for (const page of [clerk.page, chair.page]) {
      const badge = page.locator(".badge-locked", { hasText: "Confirmed by" }).first();
      await badge.waitFor();
      expect(await badge.textContent()).toContain(`Confirmed by ${PEOPLE.chair}`);
      const icon = await badge.evaluate((el) => {
        const svg = el.querySelector("svg");
        return { drawn: svg !== null && svg.querySelector("path, rect") !== null, width: svg?.getBoundingClientRect().width ?? 0 };
      });
      expect(icon).toEqual({ drawn: true, width: expect.any(Number) });
      expect(icon.width).toBeGreaterThan(4);
      expect(await paintedEmoji(page)).toEqual([]);
    }
    for (const s of [clerk, chair]) await s.context.close();
  });
});
