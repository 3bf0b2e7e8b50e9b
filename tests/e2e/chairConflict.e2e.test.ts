import { describe, expect, it } from "vitest";
import type { WebSocketRoute } from "playwright-core";
import { isConfirmed, type ResolutionId } from "../../shared/meeting";
import { HAVE_CHROMIUM, screenshot, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { browserSuite, field, PEOPLE, setupMeeting } from "./fixtures";

describe.skipIf(!HAVE_CHROMIUM)("the chair confirms what the chair's screen shows", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("a clerk's keystroke lands after the chair's screen showed the wording: nothing is confirmed, the chair sees what changed and confirms the new wording", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const chair = await signedIn(suite.browser, suite.ts, PEOPLE.chair);
    // The chair's live copy is held back on demand, as a slow link would hold it, so a clerk's
    // keystroke can reach the server and not yet the chair's screen.
    let held: (string | Buffer)[] | null = null;
    let toChair: WebSocketRoute | null = null;
    await chair.page.routeWebSocket(/\/yjs\//, (ws) => {
      toChair = ws;
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => (held ? held.push(m) : ws.send(m)));
    });
    await clerk.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await chair.page.goto(`/meetings/${meetingId}/chair`);
    const wording = field(clerk.page, "Resolution 1 wording");
    const seen = await wording.inputValue();
    await eventually(async () => expect(await chair.page.locator(".chair-resolution").first().textContent()).toBe(seen));

    held = [];
    await wording.click();
    await clerk.page.keyboard.press("Control+End");
    await clerk.page.keyboard.type(" Amended at the last moment.");
    const doc = () => suite.ts.server.rooms.peek(meetingId)!.doc;
    await eventually(async () => expect(JSON.stringify(doc().toJSON())).toContain("Amended at the last moment."));
    expect(await chair.page.locator(".chair-resolution").first().textContent()).toBe(seen);

    await chair.page.getByRole("button", { name: "Confirm this wording" }).first().click();
    const alert = chair.page.getByRole("alert").filter({ hasText: "The wording changed after your screen showed it" });
    await alert.waitFor();
    expect(await alert.locator("ins").allTextContents()).toEqual([expect.stringContaining("Amended at the last moment")]);
    const resolutionId = (await chair.page.locator("[data-resolution]").first().getAttribute("data-resolution"))! as ResolutionId;
    expect(isConfirmed(doc(), resolutionId)).toBe(false);
    await alert.scrollIntoViewIfNeeded();
    await screenshot(chair.page, "chair-conflict");

    for (const m of held) (toChair as WebSocketRoute | null)?.send(m);
    held = null;
    await chair.page.getByRole("button", { name: "Confirm the wording as it now reads" }).click();
    await eventually(() => expect(isConfirmed(doc(), resolutionId)).toBe(true));
    await eventually(async () => expect(await wording.getAttribute("readonly")).not.toBeNull());
    expect(await wording.inputValue()).toBe(`${seen} Amended at the last moment.`);
    for (const s of [clerk, chair]) await s.context.close();
  });
});
