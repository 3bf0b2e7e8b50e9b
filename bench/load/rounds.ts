import type { LoadRun } from "./runs";
import { summarize } from "./stats";

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * One server's rounds of one scenario as a single run: latencies pooled (the p99 of every
 * sample, not an average of p99s), counts summed, CPU averaged, peaks kept. A single 20 s
 * run's p99 rests on some 80 samples and moves by a millisecond or two from run to run on
 * this machine, as much as the servers differ at the small sizes; rounds that alternate
 * the servers' order give a comparison that one lucky or unlucky run cannot decide.
 */
export function poolRounds(rounds: readonly LoadRun[]): LoadRun {
  const done = rounds.filter((r) => r.result);
  if (rounds.length === 1 || done.length === 0) return rounds[0]!;
  const results = done.map((r) => r.result!);
  const clerk = results.flatMap((r) => r.samples.clerk);
  const viewer = results.flatMap((r) => r.samples.viewer);
  const first = results[0]!;
  return {
    ...done[0]!,
    result: {
      ...first,
      typingMs: results.reduce((n, r) => n + r.typingMs, 0),
      keystrokes: results.reduce((n, r) => n + r.keystrokes, 0),
      clerk: summarize(clerk),
      viewer: summarize(viewer),
      samples: { clerk: [], viewer: [] },
      unseen: { clerk: results.reduce((n, r) => n + r.unseen.clerk, 0), viewer: results.reduce((n, r) => n + r.unseen.viewer, 0) },
      viewerFramesPerSecond: mean(results.map((r) => r.viewerFramesPerSecond)),
      stats: {
        unexpectedCloses: results.reduce((n, r) => n + r.stats.unexpectedCloses, 0),
        denials: results.reduce((n, r) => n + r.stats.denials, 0),
      },
      generator: {
        cpuPercent: mean(results.map((r) => r.generator.cpuPercent)),
        loopP99Ms: Math.max(...results.map((r) => r.generator.loopP99Ms)),
        loopMaxMs: Math.max(...results.map((r) => r.generator.loopMaxMs)),
      },
    },
    ...(rounds.length > done.length
      ? { error: `${rounds.length - done.length} of ${rounds.length} rounds failed: ${rounds.find((r) => !r.result)?.error ?? ""}` }
      : {}),
    serverCpuPercent: mean(done.map((r) => r.serverCpuPercent)),
    serverKernelPercent: mean(done.map((r) => r.serverKernelPercent)),
    serverRssPeakMb: Math.max(...done.map((r) => r.serverRssPeakMb)),
    serverLoopP99Ms: Math.max(...done.map((r) => r.serverLoopP99Ms)),
    serverLoopMaxMs: Math.max(...done.map((r) => r.serverLoopMaxMs)),
    generatorCpuPercent: mean(done.map((r) => r.generatorCpuPercent)),
    otherCpuPercent: mean(done.map((r) => r.otherCpuPercent)),
    others: [...new Set(done.flatMap((r) => r.others))].slice(0, 5),
    machineBeforePercent: Math.max(...done.map((r) => r.machineBeforePercent)),
    attempts: done.flatMap((r) => r.attempts ?? []),
    rounds: done.map((r) => ({ clerkP99: r.result!.clerk.p99, viewerP99: r.result!.viewer.p99 })),
  };
}
