import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { describe, expect, it } from "vitest";

/**
 * The README promises Node.js 20.19 or later; package.json's `engines` says so, and every
 * package the lock file installs must run there too (an `engines` range that leaves 20.19
 * out makes `npm install` warn, and `npm ci --engine-strict` in CI fail).
 */

const ROOT = new URL("../../", import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(name, ROOT)), "utf8")) as Record<string, unknown>;
const manifest = read("package.json") as { engines: { node: string } };
const lock = read("package-lock.json") as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

describe("the Node.js versions the project supports", () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version;

  it("package.json's engines start at the Node.js the README names, 20.19.0", () => {
    expect(oldest).toBe("20.19.0");
    const readme = readFileSync(fileURLToPath(new URL("README.md", ROOT)), "utf8");
    expect(readme).toContain("Node.js 20.19 or later");
  });

  it("every package in package-lock.json allows that Node.js in its engines", () => {
    const excluding = Object.entries(lock.packages)
      .filter(([name]) => name !== "")
      .map(([name, entry]) => ({ name, version: entry.version, range: Array.isArray(entry.engines) ? undefined : entry.engines?.node }))
      .filter(({ range }) => range !== undefined && !semver.satisfies(oldest, range, { includePrerelease: true }))
      .map(({ name, version, range }) => `${name}@${version} needs node ${range}`);
    expect(excluding).toEqual([]);
  });
});
