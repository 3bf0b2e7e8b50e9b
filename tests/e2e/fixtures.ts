import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startAppServer } from "../helpers/browser";
import { addItem, addPerson, editText, setCurrentItem, setMeetingInfo, ORIGIN, type ItemId } from "../../shared/meeting";
import { importAgendaItem } from "../../shared/format";
import type { TestServer } from "../helpers/server";

const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));

/** Accounts every browser test signs in with. */
export const PEOPLE = { admin: "Anna Admin", clara: "Clara Clerk", colin: "Colin Clerk", chair: "Cllr Charles Chair" } as const;

/** A public meeting with two real agenda items (seeds 000 and 002), attendance, and a chair. */
export async function setupMeeting(ts: TestServer): Promise<{ meetingId: string; itemIds: ItemId[] }> {
  if (!(await ts.store.findUserByName(PEOPLE.admin))) {
    await ts.addUser(PEOPLE.admin, "admin");
    await ts.addUser(PEOPLE.clara, "clerk");
    await ts.addUser(PEOPLE.colin, "clerk");
    await ts.addUser(PEOPLE.chair, "chair");
  }
  const chair = (await ts.store.findUserByName(PEOPLE.chair))!;
  const meetingId = await ts.createMeeting("Meeting of the Health and Wellbeing Scrutiny Committee", { public: true });
  const record = (await ts.store.getMeeting(meetingId))!;
  await ts.store.saveMeeting({
    ...record,
    committee: "Health & Wellbeing Scrutiny Committee",
    date: "2017-02-14",
    roles: { [chair.id]: "chair" },
  });
  const seed = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/seeds/${name}`, import.meta.url)), "utf8");
  const itemIds = await ts.server.rooms.with(meetingId, async (room) => {
    editText(room.doc, ["title"], record.title, ORIGIN.server);
    editText(room.doc, ["committee"], "Health & Wellbeing Scrutiny Committee", ORIGIN.server);
    editText(room.doc, ["venue"], "Committee Room 2, Town Hall, Stockport", ORIGIN.server);
    setMeetingInfo(room.doc, { date: "2017-02-14", startTime: "18:00" }, ORIGIN.server);
    for (const [name, role] of [
      ["Cllr Charles Chair", "chair"],
      ["Cllr Wendy Wild", "member"],
      ["Cllr Tom McGee", "member"],
      ["Cllr Ann Smith", "vice-chair"],
    ] as const)
      addPerson(room.doc, { name, role }, { origin: ORIGIN.server });
    addPerson(room.doc, { name: "Michael Cullen", kind: "officer", jobTitle: "Corporate Director for People" }, { origin: ORIGIN.server });
    const ids = ["000_a7003f4d62f4c11b.txt", "002_1e58601baf7bf376.txt"].map((file, i) =>
      addItem(room.doc, { ...importAgendaItem(seed(file)).item, number: String(i + 5) }, { origin: ORIGIN.import }),
    );
    setCurrentItem(room.doc, ids[0]!);
    await room.flush();
    return ids;
  });
  return { meetingId, itemIds };
}

/** Runs axe-core (WCAG 2.0-2.2 A and AA rules) in the page and returns the violations, readable. */
export async function axeViolations(page: Page): Promise<string[]> {
  // The app's Content-Security-Policy refuses inline scripts, which is what addScriptTag adds;
  // code evaluated through the DevTools protocol, as in the console, is exempt from it.
  const devtools = await page.context().newCDPSession(page);
  try {
    const loaded = await devtools.send("Runtime.evaluate", { expression: readFileSync(AXE, "utf8") });
    if (loaded.exceptionDetails)
      throw new Error(`axe-core did not load: ${loaded.exceptionDetails.exception?.description ?? loaded.exceptionDetails.text}`);
  } finally {
    await devtools.detach();
  }
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
  });
  return violations;
}

/** Total bytes y-indexeddb holds for a meeting in this page's origin: grows once an offline edit is stored. */
export function storedBytes(page: Page, meetingId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("updates")) return resolve(0);
          const all = db.transaction("updates").objectStore("updates").getAll();
          all.onsuccess = () => resolve((all.result as Uint8Array[]).reduce((n, u) => n + u.byteLength, 0));
        };
        open.onerror = () => resolve(0);
      }),
    `live-minutes:${meetingId}`,
  );
}

/** The field labelled exactly `label` on the page. */
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** One browser and one server for a suite, started before its tests and stopped after. */
export function browserSuite(): { browser: Browser; ts: TestServer } {
  const suite = {} as { browser: Browser; ts: TestServer };
  beforeAll(async () => {
    suite.browser = await launchBrowser();
    suite.ts = await startAppServer();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.ts?.stop();
    await suite.ts?.cleanup();
  });
  return suite;
}
