import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { HAVE_CHROMIUM, screenshot, signedIn } from "../helpers/browser";
import { eventually } from "../helpers/eventually";
import { browserSuite, field, PEOPLE, setupMeeting } from "./fixtures";

const seed = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url)), "utf8");

describe.skipIf(!HAVE_CHROMIUM)("setting up and looking after a meeting in the browser", { timeout: 90_000 }, () => {
  const suite = browserSuite();
  beforeAll(() => setupMeeting(suite.ts));

  it("a manager creates a meeting from a pasted agenda, sees what the import could not place, and the lobby updates live for a clerk", async () => {
    const clerk = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const rows = clerk.page.getByRole("list", { name: "Meetings" }).getByRole("listitem");
    await rows.first().waitFor();
    const before = await rows.count();
    const admin = await signedIn(suite.browser, suite.ts, PEOPLE.admin);
    await admin.page.getByRole("button", { name: "New meeting" }).click();
    await field(admin.page, "Title").fill("Meeting of the Corporate Scrutiny Committee");
    await field(admin.page, "Committee").fill("Corporate Scrutiny Committee");
    await field(admin.page, "Date").fill("2017-03-07");
    const agenda = `${seed("001_67d2d0edf2158497.txt")}\n${seed("003_39fdf6d797adaeb9.txt")}\nAgenda item\nWork Programme\nTo consider the work programme.\nMinutes:\nRESOLVED – That the work programme be noted.\nCouncillor Smith asked that her dissent be recorded.`;
    await admin.page.getByLabel(/^Agenda \(optional\)/).fill(agenda);
    await screenshot(admin.page, "new-meeting");
    await admin.page.getByRole("button", { name: "Create meeting" }).click();
    await admin.page.getByRole("heading", { name: /check the agenda import/ }).waitFor();
    const warnings = admin.page.getByRole("region", { name: /check the agenda import/ }).getByRole("listitem");
    expect(await warnings.allTextContents()).toEqual([
      expect.stringMatching(/^Line 63: item 3: Could not place "Councillor Smith asked that her dissent be recorded\."/),
    ]);
    await eventually(async () => expect(await rows.count()).toBe(before + 1));
    await admin.page.getByRole("button", { name: "Open the meeting" }).click();
    const agendaNav = admin.page.getByRole("navigation", { name: "Agenda" });
    await eventually(async () => expect(await agendaNav.getByRole("listitem").count()).toBe(3));
    expect(await agendaNav.getByText("Work Programme").count()).toBe(1);
    await admin.context.close();
    await clerk.context.close();
  });

  it("shows a colleague's caret, with their name, in the field they are typing in", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const a = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    const b = await signedIn(suite.browser, suite.ts, PEOPLE.colin);
    await a.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await b.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await field(b.page, "Comment 3").click();
    await b.page.keyboard.type(" Noted.");
    const caret = a.page.locator(".remote-caret-name", { hasText: PEOPLE.colin });
    await eventually(async () => expect(await caret.count()).toBe(1));
    expect(await a.page.getByText(`${PEOPLE.colin} also editing this field.`).count()).toBe(1);
    await eventually(async () =>
      expect(await a.page.getByRole("navigation", { name: "Agenda" }).getByTitle(`${PEOPLE.colin} is on this item`).count()).toBe(1),
    );
    await a.context.close();
    await b.context.close();
  });

  it("version history: save a version, change the minutes, view and restore it", async () => {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const a = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    a.page.on("dialog", (d) => void d.accept());
    await a.page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await a.page.getByRole("button", { name: "History" }).click();
    await field(a.page, "Name for this version").fill("Before item 5 discussion");
    await a.page.getByRole("button", { name: "Save version" }).click();
    await a.page.getByText("Version saved.").waitFor();
    await a.page.getByRole("button", { name: "Close version history" }).click();
    await field(a.page, "Comment 1").fill("This comment was rewritten by mistake.");
    await a.page.getByRole("button", { name: "History" }).click();
    await a.page.getByRole("listitem").filter({ hasText: "Before item 5 discussion" }).getByRole("button", { name: "View" }).click();
    await a.page
      .getByText(/An update was requested in respect of co-location/)
      .first()
      .waitFor();
    await screenshot(a.page, "version-history");
    await a.page.getByRole("button", { name: "Restore this version" }).click();
    await eventually(async () =>
      expect(await field(a.page, "Comment 1").inputValue()).toMatch(/^An update was requested in respect of co-location/),
    );
    await a.context.close();
  });
});
