import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../helpers/server";
import { tempDir } from "../../helpers/tempDir";

/** The client as `npm start` builds it (tests/e2e/globalSetup.ts builds it before every run). */
const BUILT_CLIENT = fileURLToPath(new URL("../../../dist/client/", import.meta.url));

/** The policy's directives, by name. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("security headers on every response", () => {
  let ts: TestServer;
  let client: { dir: string; cleanup(): Promise<void> };
  let meetingId: string;
  beforeAll(async () => {
    client = await tempDir("live-minutes-client-");
    await writeFile(
      path.join(client.dir, "index.html"),
      '<!doctype html><title>live-minutes</title><script type="module" src="/assets/app.js"></script>',
    );
    await mkdir(path.join(client.dir, "assets"));
    await writeFile(path.join(client.dir, "assets", "app.js"), "export {};");
    ts = await startTestServer({ clientDir: client.dir });
    meetingId = await ts.createMeeting("Headers");
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
    await client.cleanup();
  });

  const responses = async () => {
    const token = await ts.token(meetingId, "clerk");
    return {
      "the app page": `${ts.url}/`,
      "a page the client routes": `${ts.url}/meetings/${meetingId}`,
      "a script": `${ts.url}/assets/app.js`,
      "an API call": `${ts.url}/api/meetings/${meetingId}?token=${token}`,
      "an API error": `${ts.url}/api/nothing`,
      "an HTML export download": `${ts.url}/api/meetings/${meetingId}/export?format=html&token=${token}`,
      "a Word export download": `${ts.url}/api/meetings/${meetingId}/export?format=docx&token=${token}`,
    };
  };

  it("sends a policy that allows only this host's scripts, styles and sockets, and no framing, on pages, API calls and exports", async () => {
    for (const [what, url] of Object.entries(await responses())) {
      const res = await fetch(url);
      await res.arrayBuffer();
      expect(res.status, what).toBeLessThan(500);
      const csp = directives(res.headers.get("content-security-policy"));
      expect(csp.get("default-src"), what).toEqual(["'self'"]);
      expect(csp.get("script-src"), what).toEqual(["'self'"]);
      expect(csp.get("script-src-attr"), what).toEqual(["'none'"]);
      expect(csp.get("style-src"), what).toEqual(["'self'"]);
      expect(csp.get("object-src"), what).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
      expect(csp.get("connect-src"), what).toEqual(["'self'", `ws://127.0.0.1:${ts.server.port}`, `wss://127.0.0.1:${ts.server.port}`]);
      // Served over plain HTTP: upgrading its requests to HTTPS would break it.
      expect(csp.has("upgrade-insecure-requests"), what).toBe(false);
      expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), what).toBe("DENY");
      expect(res.headers.get("referrer-policy"), what).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), what).toBeNull();
    }
  });

  it("adds HSTS and upgrade-insecure-requests when served over HTTPS (COOKIE_SECURE)", async () => {
    const secure = await startTestServer({ cookieSecure: true });
    try {
      const res = await fetch(`${secure.url}/api/health`);
      expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      expect(directives(res.headers.get("content-security-policy")).has("upgrade-insecure-requests")).toBe(true);
    } finally {
      await secure.stop();
      await secure.cleanup();
    }
  });

  it("leaves out of the policy a Host header that is not a plain host and port", async () => {
    const { request } = await import("node:http");
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: ts.server.port, path: "/api/health", headers: { host: "evil.example 'unsafe-inline'" } },
        (res) => {
          res.resume();
          resolve(String(res.headers["content-security-policy"]));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(directives(csp).get("connect-src")).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-inline");
  });

  it("the built client's page needs nothing the policy forbids: no inline script, style or handler, only its own files", () => {
    const root = parse(readFileSync(path.join(BUILT_CLIENT, "index.html"), "utf8"));
    const scripts = root.querySelectorAll("script");
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.getAttribute("src"), script.toString()).toMatch(/^\/[^/]/);
      expect(script.text.trim(), script.toString()).toBe("");
    }
    expect(root.querySelectorAll("style")).toEqual([]);
    for (const link of root.querySelectorAll("link")) expect(link.getAttribute("href"), link.toString()).toMatch(/^\/[^/]/);
    for (const element of root.querySelectorAll("*")) {
      const attributes = Object.keys(element.attributes).map((a) => a.toLowerCase());
      expect(
        attributes.filter((a) => a === "style" || a.startsWith("on")),
        element.toString(),
      ).toEqual([]);
    }
  });
});
