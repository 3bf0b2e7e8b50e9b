import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * `npx tsx bench/load/profileSummary.ts FILE.cpuprofile... [TOP]`: where a server spent its
 * CPU, from a V8 profile written by `node --cpu-prof` (the bench's --profile-dir). Prints
 * the functions with the most self time, the project and library files with the most
 * total (inclusive) time, so a hot path shows up whichever frame it bottoms out in, and
 * the project's own functions by total time (what a keystroke's check or save costs).
 */

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return "(native)";
  const file = url.replace(/^file:\/\//, "");
  const modules = file.lastIndexOf("node_modules/");
  if (modules >= 0) return file.slice(modules + "node_modules/".length);
  return file.startsWith("/") ? path.relative(process.cwd(), file) : file;
}

function summarize(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per sample: the delta to the next one.
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anonymous)"}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    // Each file on the stack once: its inclusive time.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const f = where(frame.url);
      // Each project function on the stack once too (recursion would count it twice).
      const fn = `${frame.functionName || "(anonymous)"}  ${f}`;
      if (isOwn(frame.url) && !seen.has(fn)) {
        seen.add(fn);
        ownInclusive.set(fn, (ownInclusive.get(fn) ?? 0) + ms);
      }
      if (seen.has(f)) continue;
      seen.add(f);
      inclusive.set(f, (inclusive.get(f) ?? 0) + ms);
    }
  }
  const wall = (profile.endTime - profile.startTime) / 1000;
  const idle = self.get([...self.keys()].find((k) => k.startsWith("(idle)")) ?? "") ?? 0;
  console.log(
    `${file}: ${(wall / 1000).toFixed(1)} s profiled, ${((total - idle) / 1000).toFixed(1)} s busy (${(((total - idle) / wall) * 100).toFixed(0)}%)\n`,
  );
  const print = (title: string, map: Map<string, number>) => {
    console.log(title);
    for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${((ms / Math.max(1, total - idle)) * 100).toFixed(1).padStart(5)}%  ${k}`);
    console.log("");
  };
  self.delete([...self.keys()].find((k) => k.startsWith("(idle)")) ?? "");
  inclusive.delete("(native)");
  print("Self time by function (share of busy time):", self);
  print("Inclusive time by file:", inclusive);
  if (ownInclusive.size > 0) print("Inclusive time by project function:", ownInclusive);
}

/** Code of this repository (not a dependency, not Node's own, not the bench's probe). */
function isOwn(url: string): boolean {
  return url.startsWith("file://") && !url.includes("node_modules/") && !url.includes("/bench/");
}

const args = process.argv.slice(2);
const top = Number(args.find((a) => /^\d+$/.test(a)) ?? 25);
const files = args.filter((a) => !/^\d+$/.test(a));
if (files.length === 0) {
  console.error("usage: tsx bench/load/profileSummary.ts FILE.cpuprofile... [TOP]");
  process.exit(2);
}
for (const file of files) summarize(file, top);
