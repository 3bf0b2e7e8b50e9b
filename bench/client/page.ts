import type { Browser, CDPSession, Page } from "playwright-core";
import { CLERK } from "./setup";

/** The main thread's busy time so far, from the DevTools protocol (seconds, as Chromium counts them). */
export interface MainThread {
  task: number;
  script: number;
  layout: number;
  style: number;
}

/** A page of the built client, signed in and open on one meeting's item, with its probes installed. */
export interface BenchPage {
  page: Page;
  /** The field the local clerk types into. */
  field: string;
  /** Main-thread totals now. */
  mainThread(): Promise<MainThread>;
  /** Key-to-paint times (ms) recorded since the last call. */
  takeKeyToPaint(): Promise<number[]>;
}

/** A browser context signed in as the local clerk through the sign-in form. */
export async function signIn(browser: Browser, url: string) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Name").fill(CLERK.name);
  await page.getByLabel("Password").fill(CLERK.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await page.close();
  return context;
}

/**
 * Opens `meetingId` on `itemId` in a new page and waits until the field the clerk types
 * into shows its text. Key-to-paint is measured in the page: from a keydown's timestamp
 * (when the browser received the key) to the first task after the next animation frame,
 * which is when the frame that shows the key has been handed to the compositor.
 */
export async function openMeeting(context: Awaited<ReturnType<typeof signIn>>, meetingId: string, itemId: string): Promise<BenchPage> {
  const page = await context.newPage();
  await page.goto(`/meetings/${meetingId}?item=${itemId}`);
  const field = "Narrative paragraph 3";
  const locator = page.getByLabel(field, { exact: true });
  await locator.waitFor();
  await page.waitForFunction((label) => {
    const el = [...document.querySelectorAll("textarea")].find((t) => t.labels?.[0]?.textContent === label);
    return !!el && el.value.length > 0;
  }, field);
  return probe(context, page, field);
}

/**
 * The reference for key-to-paint on this machine at this moment: a bare textarea in a page of
 * its own, no React, no document, nobody else typing. What a key costs there is what the
 * browser and the machine's load cost any page.
 */
export async function openPlainTextarea(context: Awaited<ReturnType<typeof signIn>>): Promise<BenchPage> {
  const page = await context.newPage();
  const field = "Plain textarea";
  await page.setContent(`<textarea aria-label="${field}" rows="4" cols="80"></textarea>`);
  return probe(context, page, field);
}

// Key-to-paint in the page, and the DevTools protocol's main-thread totals.
async function probe(context: Awaited<ReturnType<typeof signIn>>, page: Page, field: string): Promise<BenchPage> {
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { __keyToPaint: number[] }).__keyToPaint = samples;
    document.addEventListener(
      "keydown",
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => samples.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  });
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return {
    page,
    field,
    async mainThread() {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return { task: get("TaskDuration"), script: get("ScriptDuration"), layout: get("LayoutDuration"), style: get("RecalcStyleDuration") };
    },
    takeKeyToPaint() {
      return page.evaluate(() => {
        const samples = (window as unknown as { __keyToPaint: number[] }).__keyToPaint;
        return samples.splice(0, samples.length);
      });
    },
  };
}

/** Types `count` keys into the page's field at about `perSecond` a second, caret at the end. */
export async function typeLocally(bench: BenchPage, count: number, perSecond: number): Promise<void> {
  const locator = bench.page.getByLabel(bench.field, { exact: true });
  await locator.click();
  await bench.page.keyboard.press("Control+End");
  const text = " and members asked about the timetable";
  for (let i = 0; i < count; i++) {
    const started = Date.now();
    await bench.page.keyboard.type(text[i % text.length]!);
    const wait = 1000 / perSecond - (Date.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
