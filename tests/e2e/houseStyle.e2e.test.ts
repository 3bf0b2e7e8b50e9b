import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HAVE_CHROMIUM, screenshot, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { browserSuite, field, PEOPLE, setupMeeting } from "./fixtures";

// Another council's shape: compact, no "Agenda item" line, dash bullets, "RESOLVED: 1. …".
const OTHER_COUNCIL = `12. Allotments Rent Review
Minutes:
The Committee considered a report on allotment rents.
The following comments were made:
- Members asked whether concessions would continue. The officer confirmed that they would.
- A Member asked about the waiting list. The officer said it had 40 names.
RESOLVED: 1. That rents rise by 3% from 1 April.
2. That the concession continues.
`;

/** Downloads the house-style text export from the meeting's Export menu and reads it. */
async function houseStyleExport(page: Page): Promise<string> {
  const menu = page.getByRole("button", { name: "Export" });
  if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("menuitem", { name: "Agenda-item text (the committee's house style)" }).click(),
  ]);
  return readFile((await file.path())!, "utf8");
}

describe.skipIf(!HAVE_CHROMIUM)("another council's minutes in the browser, in its own house style", { timeout: 90_000 }, () => {
  const suite = browserSuite();

  it("a manager pastes another council's item; the clerk sees its parts in their sections and exports in that council's style, which the manager can change", async () => {
    await setupMeeting(suite.ts); // the people
    const admin = await signedIn(suite.browser, suite.ts, PEOPLE.admin);
    await admin.page.getByRole("button", { name: "New meeting" }).click();
    await field(admin.page, "Title").fill("Meeting of the Allotments Committee");
    await field(admin.page, "Committee").fill("Allotments Committee");
    await field(admin.page, "Date").fill("2026-11-03");
    await admin.page.getByLabel(/^Agenda \(optional\)/).fill(OTHER_COUNCIL);
    await admin.page.getByRole("button", { name: "Create meeting" }).click();
    await admin.page.waitForURL(/\/meetings\/[^/?]+/);
    const meetingId = /\/meetings\/([^/?]+)/.exec(admin.page.url())![1]!;
    const record = (await suite.ts.store.getMeeting(meetingId))!;
    const clara = (await suite.ts.store.findUserByName(PEOPLE.clara))!;
    await suite.ts.store.saveMeeting({ ...record, roles: { ...record.roles, [clara.id]: "clerk" } });

    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    await clerk.page.goto(`/meetings/${meetingId}`);
    await eventually(async () => expect(await field(clerk.page, "Item title").inputValue()).toBe("Allotments Rent Review"));
    expect(await field(clerk.page, "Comment 1").inputValue()).toBe("Members asked whether concessions would continue.");
    expect(await field(clerk.page, "Response to comment 1").inputValue()).toBe("The officer confirmed that they would.");
    expect(await field(clerk.page, "Comment 2").inputValue()).toBe("A Member asked about the waiting list.");
    expect(await field(clerk.page, "Resolution 1 wording").inputValue()).toBe("That rents rise by 3% from 1 April.");
    expect(await field(clerk.page, "Resolution 2 wording").inputValue()).toBe("That the concession continues.");

    const text = await houseStyleExport(clerk.page);
    expect(text).toContain("12. Allotments Rent Review\nMinutes:\n");
    expect(text).toContain("- Members asked whether concessions would continue. The officer confirmed that they would.\n");
    expect(text).toContain("RESOLVED: 1. That rents rise by 3% from 1 April.\n2. That the concession continues.");
    expect(text).not.toContain("Agenda item");

    // The manager sees the style the import kept, changes its keyword, and the clerk's next export follows.
    await admin.page.getByRole("button", { name: "Keyboard shortcuts (F1)" }).click();
    await admin.page.getByRole("button", { name: "Show and edit" }).click();
    const form = admin.page.getByRole("form", { name: "House style for Allotments Committee" });
    expect(await form.getByLabel("Decision keyword").inputValue()).toBe("RESOLVED");
    await form.getByLabel("Decision keyword").fill("AGREED");
    await form.getByLabel("After the keyword").fill(" – ");
    await form.getByLabel("Several resolutions numbered").selectOption("(a)");
    await eventually(async () =>
      expect(await form.getByLabel("Sample item in this style").textContent()).toContain(
        "AGREED – (a) That rents rise by 3% from 1 April.",
      ),
    );
    await screenshot(admin.page, "house-style");
    await form.getByRole("button", { name: "Save house style" }).click();
    await form.getByText(/^Saved\. Every export of Allotments Committee's minutes/).waitFor();
    expect(await houseStyleExport(clerk.page)).toContain(
      "AGREED – (a) That rents rise by 3% from 1 April.\n(b) That the concession continues.",
    );

    // A clerk sees the style but cannot change it.
    await clerk.page.getByRole("button", { name: "Keyboard shortcuts (F1)" }).click();
    await clerk.page.getByRole("button", { name: "Show", exact: true }).click();
    const seen = clerk.page.getByRole("form", { name: "House style for Allotments Committee" });
    expect(await seen.getByLabel("Decision keyword").inputValue()).toBe("AGREED");
    expect(await seen.getByLabel("Decision keyword").isEditable()).toBe(false);
    expect(await seen.getByRole("button", { name: "Save house style" }).count()).toBe(0);
    await admin.context.close();
    await clerk.context.close();
  });
});
