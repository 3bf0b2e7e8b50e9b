import { existsSync, readFileSync, readdirSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_DIR, startAppServer } from "../../helpers/browser";
import type { TestServer } from "../../helpers/server";

/**
 * The built client (built once for the run by tests/e2e/globalSetup.ts, as `npm start`
 * builds it) served by the real server: compressed per Accept-Encoding from the copies
 * written at build, hashed assets cached for a year, the shell and the service worker
 * revalidated, source maps never served.
 */

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET whose body is left as sent (fetch would decode it), with `acceptEncoding` as the browser's header. */
function get(ts: TestServer, route: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${ts.url}${route}`,
      { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.once("error", reject);
    req.end();
  });
}

const built = (file: string) => readFileSync(path.join(CLIENT_DIR, file));
const CHROME = "gzip, deflate, br, zstd";

describe("the built client, as the server sends it", () => {
  let ts: TestServer;
  let bundle: string;
  beforeAll(async () => {
    ts = await startAppServer();
    bundle = /<script type="module" crossorigin src="\/(assets\/index-[^"]+\.js)"/.exec(built("index.html").toString("utf8"))![1]!;
  });
  afterAll(async () => {
    await ts.stop();
    await ts.cleanup();
  });

  it("sends the client bundle brotli-compressed to a browser that accepts br, gzip to one that accepts only gzip, and plain otherwise: the same bytes each time", async () => {
    const plain = built(bundle);
    const [br, gzip, identity] = await Promise.all([get(ts, `/${bundle}`, CHROME), get(ts, `/${bundle}`, "gzip"), get(ts, `/${bundle}`)]);
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(plain)).toBe(true);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.equals(plain)).toBe(true);
    for (const res of [br, gzip, identity]) {
      expect(res.headers["content-type"]).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    }
  });

  it("lets browsers keep hashed assets for a year, and asks them to revalidate the shell, the service worker and the asset list", async () => {
    const [asset, shell, page, worker, list] = await Promise.all([
      get(ts, `/${bundle}`, CHROME),
      get(ts, "/", CHROME),
      get(ts, "/meetings/abc/chair", CHROME),
      get(ts, "/sw.js", CHROME),
      get(ts, "/asset-list.json", CHROME),
    ]);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const res of [shell, page, worker, list]) {
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
    // Every page path gets the app shell, compressed too.
    expect(shell.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(page.body).toString("utf8")).toContain(`src="/${bundle}"`);
    expect(worker.headers["content-type"]).toMatch(/javascript/);
    expect(brotliDecompressSync(worker.body).equals(built("sw.js"))).toBe(true);
  });

  it("answers 404 for a source map, though the build keeps one beside each script, and names none in the scripts it sends", async () => {
    const maps = readdirSync(path.join(CLIENT_DIR, "assets")).filter((f) => f.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    expect(existsSync(path.join(CLIENT_DIR, `${bundle}.map`))).toBe(true);
    const [map, other] = await Promise.all([get(ts, `/${bundle}.map`, CHROME), get(ts, `/assets/${maps[0]}`)]);
    expect(map.status).toBe(404);
    expect(other.status).toBe(404);
    expect(map.body.toString("utf8")).not.toContain("mappings");
    for (const script of readdirSync(path.join(CLIENT_DIR, "assets")).filter((f) => f.endsWith(".js")))
      expect(built(`assets/${script}`).toString("utf8"), script).not.toContain("sourceMappingURL");
  });

  it("answers 404 for a missing asset and for the compressed copies asked for by name, rather than the app shell", async () => {
    const [missing, brCopy, gzCopy] = await Promise.all([
      get(ts, "/assets/index-missing.js", CHROME),
      get(ts, `/${bundle}.br`, CHROME),
      get(ts, `/${bundle}.gz`, CHROME),
    ]);
    for (const res of [missing, brCopy, gzCopy]) {
      expect(res.status).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    }
  });
});
