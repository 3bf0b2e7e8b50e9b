import { describe, expect, it } from "vitest";
import { poolRounds } from "../../bench/load/rounds";
import type { LoadRun } from "../../bench/load/runs";
import { summarize } from "../../bench/load/stats";

/** A finished run whose clerk and viewer latencies are `clerk` and `viewer`. */
function run(clerk: number[], viewer: number[], extra: Partial<LoadRun> = {}): LoadRun {
  return {
    scenario: { meetings: 1, clerks: 2, viewers: 3 },
    server: "ours",
    result: {
      kind: "load",
      setupMs: 10,
      typingMs: 1000,
      graceMs: 100,
      keystrokes: clerk.length,
      clerk: summarize(clerk),
      viewer: summarize(viewer),
      samples: { clerk, viewer },
      unseen: { clerk: 1, viewer: 0 },
      viewerFramesPerSecond: 100,
      stats: { unexpectedCloses: 0, denials: 0 },
      generator: { cpuPercent: 10, loopP99Ms: 2, loopMaxMs: 5 },
    },
    serverCpuPercent: 20,
    serverKernelPercent: 5,
    serverRssPeakMb: 100,
    serverLoopP99Ms: 3,
    serverLoopMaxMs: 9,
    generatorCpuPercent: 10,
    otherCpuPercent: 0,
    others: [],
    machineBeforePercent: 1,
    ...extra,
  };
}

describe("pooling bench rounds", () => {
  it("takes percentiles over every round's samples, not an average of each round's", () => {
    const calm = Array.from({ length: 100 }, (_, i) => 1 + i / 100);
    const stormy = Array.from({ length: 100 }, (_, i) => (i < 90 ? 1 : 50 + i));
    const pooled = poolRounds([run(calm, calm), run(stormy, calm, { serverCpuPercent: 40, serverRssPeakMb: 150 })]);
    expect(pooled.result!.clerk).toEqual(summarize([...calm, ...stormy]));
    expect(pooled.result!.clerk.p99).toBe(147); // the 198th of 200: the stormy round's tail, 140..149
    expect(pooled.result!.viewer.count).toBe(200);
    expect(pooled.result!.keystrokes).toBe(200);
    expect(pooled.result!.unseen).toEqual({ clerk: 2, viewer: 0 });
    expect(pooled.serverCpuPercent).toBe(30);
    expect(pooled.serverRssPeakMb).toBe(150);
    expect(pooled.rounds).toEqual([
      { clerkP99: summarize(calm).p99, viewerP99: summarize(calm).p99 },
      { clerkP99: summarize(stormy).p99, viewerP99: summarize(calm).p99 },
    ]);
  });

  it("keeps a single round as it is, and says when rounds failed", () => {
    const one = run([1, 2], [3]);
    expect(poolRounds([one])).toBe(one);
    const failed: LoadRun = { ...run([1], [1]), result: null, error: "server died" };
    const pooled = poolRounds([run([1, 2], [3]), failed]);
    expect(pooled.error).toMatch(/1 of 2 rounds failed: server died/);
    expect(pooled.result!.clerk.count).toBe(2);
  });
});
