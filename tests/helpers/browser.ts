import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startTestServer, type TestServer } from "./server";

/** Debian's Chromium; a test tool never downloads a browser of its own here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Whether browser tests can run on this machine. */
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  // Loud on purpose: a skipped browser test must never pass for a run one.
  console.warn(`\n*** BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}. Install it with: apt-get install chromium ***\n`);
}

/** Where screenshots of each screen go (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../screenshots/", import.meta.url));
export const CLIENT_DIR = fileURLToPath(new URL("../../dist/client/", import.meta.url));

/** Headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The real server serving the built client. */
export function startAppServer(): Promise<TestServer> {
  return startTestServer({ clientDir: CLIENT_DIR });
}

/** A browser context signed in as `name` (through the real sign-in form). */
export async function signedIn(
  browser: Browser,
  ts: TestServer,
  name: string,
  password = "correct horse battery",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: ts.url, viewport: { width: 1360, height: 900 } });
  // Shorter than a test's own timeout, so a missing element fails with its own message.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return { context, page };
}

/** Saves a full-page screenshot named for the screen. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: false });
}
