import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { addComment, entryTextPath, readItem, textAt, type TextPath } from "../../shared/meeting";
import { HAVE_CHROMIUM, signedIn } from "../helpers/browser";
import { connectProvider, synced } from "../helpers/server";
import { eventually } from "../helpers/eventually";
import { browserSuite, PEOPLE, setupMeeting } from "./fixtures";
import { clearRenders, recordRenders, renders } from "./renderProbe";

const fieldId = (path: TextPath) => `f-${path.join("-")}`;
const STATUS_LINE = "span status";

describe.skipIf(!HAVE_CHROMIUM)("the clerks' screen re-renders what changed, not the meeting", { timeout: 90_000 }, () => {
  const suite = browserSuite();
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
  });

  /** A clerk's page on item 1 with renders recorded, and a colleague typing through a stock provider, both settled. */
  async function scene() {
    const { meetingId, itemIds } = await setupMeeting(suite.ts);
    const remote: WebsocketProvider = connectProvider(suite.ts.wsUrl, meetingId, await suite.ts.token(meetingId, "clerk"));
    opened.push({ close: async () => remote.destroy() });
    await synced(remote);
    const { context, page } = await signedIn(suite.browser, suite.ts, PEOPLE.clara);
    opened.push(context);
    await recordRenders(context);
    const phrasebook = page.waitForResponse((r) => r.url().includes("/phrasebook"));
    await page.goto(`/meetings/${meetingId}?item=${itemIds[0]}`);
    await phrasebook;
    // The role is known once the clerk's buttons show.
    await page.getByRole("button", { name: "+ Comment" }).waitFor();
    const [one, two] = itemIds.map((id) => readItem(remote.doc, id)) as [ReturnType<typeof readItem>, ReturnType<typeof readItem>];
    const type = (path: TextPath, chars: string) => {
      const text = textAt(remote.doc, path)!;
      remote.doc.transact(() => text.insert(text.length, chars));
    };
    // One round trip seen on the page, so what loading set off has rendered before the measured part.
    const settle = entryTextPath(one.id, "narrative", one.narrative[0]!.id, "text");
    type(settle, " (settled)");
    await eventually(async () => expect(await page.locator(`#${fieldId(settle)}`).inputValue()).toMatch(/\(settled\)$/));
    await clearRenders(page);
    return { page, remote, one, two, type };
  }

  it("a colleague typing in item 2's narrative, then in item 1's, re-renders only the field typed in on item 1's screen", async () => {
    const { page, one, two, type } = await scene();
    const elsewhere = entryTextPath(two.id, "narrative", two.narrative[0]!.id, "text");
    const here = entryTextPath(one.id, "narrative", one.narrative[1]!.id, "text");
    // One ordered socket: the edit in item 2 has arrived once the one in item 1 shows.
    for (const ch of " ok") type(elsewhere, ch);
    for (const ch of " noted") type(here, ch);
    await eventually(async () => expect(await page.locator(`#${fieldId(here)}`).inputValue()).toMatch(/ noted$/));

    const rendered = await renders(page);
    expect(rendered.fields).toEqual([fieldId(here)]);
    // Nothing else of the item, the agenda or the screen; at most the line saying the server saved.
    expect(rendered.others.filter((o) => o !== STATUS_LINE)).toEqual([]);
  });

  it("a comment added in item 2 re-renders item 2's agenda entry (its count), and nothing of item 1's editor", async () => {
    const { page, remote, two } = await scene();
    const before = two.discussion.length;
    addComment(remote.doc, two.id, {});
    const entry = page.getByRole("navigation", { name: "Agenda" }).getByRole("listitem").nth(1);
    await eventually(async () => expect(await entry.textContent()).toContain(`${before + 1} comments`));

    const rendered = await renders(page);
    expect(rendered.fields).toEqual([]);
    const others = rendered.others.filter((o) => o !== STATUS_LINE);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatch(/^li /);
    expect(others[0]).toContain(two.title.slice(0, 20));
  });

  it("a colleague's caret moving in a field re-renders that field alone", async () => {
    const { page, remote, one } = await scene();
    const path = entryTextPath(one.id, "discussion", one.discussion[0]!.id, "comment");
    const text = textAt(remote.doc, path)!;
    remote.awareness.setLocalStateField("user", { name: "Colin Clerk", color: "#7a3e9d" });
    const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 3));
    remote.awareness.setLocalStateField("cursor", { key: path.join("/"), anchor: at, head: at });
    const caret = page
      .locator(`#${fieldId(path)}`)
      .locator("xpath=..")
      .locator(".remote-caret");
    await eventually(async () => expect(await caret.count()).toBe(1));

    const rendered = await renders(page);
    expect(rendered.fields).toEqual([fieldId(path)]);
    expect(rendered.others.filter((o) => o !== STATUS_LINE)).toEqual([]);
  });
});
