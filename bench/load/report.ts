import type { IdleRun, LoadRun, Scenario } from "./runs";
import { fmt, ratio, table } from "./stats";

/** Allowance when comparing p99s with the reference: below this, differences are timer noise. */
export const NOISE_MS = 1;
/** Absolute targets at the largest scenario. */
export const LARGEST = { clerkP99Ms: 50, viewerP99Ms: 500 } as const;

/** "20x4x50": meetings x clerks x viewers. */
export function label(s: Scenario): string {
  return `${s.meetings}x${s.clerks}x${s.viewers}`;
}

/** The latency and cost table, one row per server per scenario, with the ours/reference ratios. */
export function loadTable(runs: readonly LoadRun[]): string {
  const rows: string[][] = [];
  const scenarios = [...new Map(runs.map((r) => [label(r.scenario), r.scenario])).values()];
  for (const s of scenarios) {
    const pair = runs.filter((r) => label(r.scenario) === label(s));
    for (const r of pair) {
      const x = r.result;
      rows.push([
        `${label(s)} ${r.server}`,
        fmt(x?.clerk.p50),
        fmt(x?.clerk.p95),
        fmt(x?.clerk.p99),
        fmt(x?.viewer.p50),
        fmt(x?.viewer.p95),
        fmt(x?.viewer.p99),
        x ? `${x.unseen.clerk}/${x.unseen.viewer}` : "-",
        x ? String(x.keystrokes) : "-",
        `${fmt(r.serverCpuPercent, 0)} (${fmt(r.serverKernelPercent, 0)})`,
        fmt(r.serverLoopP99Ms),
        fmt(r.serverRssPeakMb, 0),
        fmt(x?.viewerFramesPerSecond, 0),
        fmt(r.generatorCpuPercent, 0),
        fmt(x?.generator.loopP99Ms),
        fmt(r.otherCpuPercent, 0),
        [
          r.error ? `ERROR: ${r.error.split("\n")[0]}` : "",
          x && (x.stats.unexpectedCloses || x.stats.denials) ? `closes ${x.stats.unexpectedCloses}, denials ${x.stats.denials}` : "",
          r.rounds
            ? `${r.rounds.length} rounds pooled; p99 by round c ${r.rounds.map((x) => fmt(x.clerkP99)).join("/")}, v ${r.rounds.map((x) => fmt(x.viewerP99)).join("/")}`
            : (r.attempts?.length ?? 0) > 1
              ? `quietest of ${r.attempts!.length} runs`
              : "",
        ]
          .filter(Boolean)
          .join("; "),
      ]);
    }
    const ours = pair.find((r) => r.server === "ours");
    const ref = pair.find((r) => r.server === "reference");
    if (ours?.result && ref?.result) {
      rows.push([
        `${label(s)} ours/ref`,
        ratio(ours.result.clerk.p50, ref.result.clerk.p50),
        "",
        ratio(ours.result.clerk.p99, ref.result.clerk.p99),
        ratio(ours.result.viewer.p50, ref.result.viewer.p50),
        "",
        ratio(ours.result.viewer.p99, ref.result.viewer.p99),
        "",
        "",
        ratio(ours.serverCpuPercent, ref.serverCpuPercent),
        "",
        ratio(ours.serverRssPeakMb, ref.serverRssPeakMb),
        ratio(ours.result.viewerFramesPerSecond, ref.result.viewerFramesPerSecond),
        "",
        "",
        "",
        "",
      ]);
    }
  }
  return table(
    [
      "scenario server",
      "clerk p50",
      "clerk p95",
      "clerk p99",
      "viewer p50",
      "viewer p95",
      "viewer p99",
      "unseen c/v",
      "keystrokes",
      "srv CPU % (kernel)",
      "srv lag p99",
      "srv RSS MB",
      "viewer frames/s",
      "gen CPU %",
      "gen lag p99",
      "other CPU %",
      "notes",
    ],
    rows,
  );
}

/** The idle-memory table. */
export function idleTable(runs: readonly IdleRun[]): string {
  const kb = (bytes: number) => fmt(bytes / 1024, 1);
  const mb = (bytes: number) => fmt(bytes / 2 ** 20, 1);
  const per = (r: IdleRun, key: "rss" | "heapUsed") => (r.after[key] - r.before[key]) / r.meetings;
  const rows = runs.map((r) => [
    r.server,
    String(r.meetings),
    mb(r.before.rss),
    mb(r.after.rss),
    kb(per(r, "rss")),
    mb(r.before.heapUsed),
    mb(r.after.heapUsed),
    kb(per(r, "heapUsed")),
    r.error ? `ERROR: ${r.error.split("\n")[0]}` : "",
  ]);
  const ours = runs.find((r) => r.server === "ours");
  const ref = runs.find((r) => r.server === "reference");
  if (ours && ref)
    rows.push([
      "ours/ref",
      "",
      "",
      "",
      ratio(per(ours, "rss"), per(ref, "rss")),
      "",
      "",
      ratio(per(ours, "heapUsed"), per(ref, "heapUsed")),
      "",
    ]);
  return table(
    [
      "server",
      "meetings",
      "RSS before MB",
      "RSS after MB",
      "RSS/meeting KB",
      "heap before MB",
      "heap after MB",
      "heap/meeting KB",
      "notes",
    ],
    rows,
  );
}

/** One target's verdict. */
export interface Verdict {
  target: string;
  met: boolean | null;
  detail: string;
}

/**
 * The targets: our p99 no worse than the reference's below the largest scenario;
 * at the largest, clerk p99 < 50 ms, viewer p99 < 500 ms and nothing unseen; and idle
 * memory per meeting at most half the reference's. `null` when a run is missing.
 */
export function verdicts(runs: readonly LoadRun[], idle: readonly IdleRun[]): Verdict[] {
  const out: Verdict[] = [];
  const scenarios = [...new Map(runs.map((r) => [label(r.scenario), r.scenario])).values()];
  const largest = scenarios.reduce<Scenario | null>(
    (a, s) => (!a || s.meetings * (s.clerks + s.viewers) > a.meetings * (a.clerks + a.viewers) ? s : a),
    null,
  );
  const find = (s: Scenario, server: string) => runs.find((r) => label(r.scenario) === label(s) && r.server === server)?.result ?? null;
  for (const s of scenarios) {
    const ours = find(s, "ours");
    const ref = find(s, "reference");
    if (s !== largest || scenarios.length === 1) {
      for (const who of ["clerk", "viewer"] as const) {
        const o = ours?.[who].p99;
        const r = ref?.[who].p99;
        const met = o === undefined || r === undefined ? null : o <= r + NOISE_MS;
        out.push({
          target: `${label(s)}: our ${who} p99 no worse than the reference's (+${NOISE_MS} ms)`,
          met,
          detail: `${fmt(o)} vs ${fmt(r)} ms`,
        });
      }
    }
    if (s === largest) {
      out.push({
        target: `${label(s)}: our clerk p99 < ${LARGEST.clerkP99Ms} ms`,
        met: ours ? ours.clerk.p99 < LARGEST.clerkP99Ms : null,
        detail: `${fmt(ours?.clerk.p99)} ms (reference ${fmt(ref?.clerk.p99)})`,
      });
      out.push({
        target: `${label(s)}: our viewer p99 < ${LARGEST.viewerP99Ms} ms`,
        met: ours ? ours.viewer.p99 < LARGEST.viewerP99Ms : null,
        detail: `${fmt(ours?.viewer.p99)} ms (reference ${fmt(ref?.viewer.p99)})`,
      });
      out.push({
        target: `${label(s)}: no edit unseen by our probes`,
        met: ours ? ours.unseen.clerk + ours.unseen.viewer === 0 : null,
        detail: ours ? `${ours.unseen.clerk} at clerks, ${ours.unseen.viewer} at viewers of ${ours.keystrokes}` : "-",
      });
    }
  }
  const ours = idle.find((r) => r.server === "ours" && !r.error);
  const ref = idle.find((r) => r.server === "reference" && !r.error);
  if (ours && ref) {
    const per = (r: IdleRun) => (r.after.rss - r.before.rss) / r.meetings;
    out.push({
      target: "idle memory per meeting (RSS) at most half the reference's",
      met: per(ours) <= per(ref) / 2,
      detail: `${fmt(per(ours) / 1024)} KB vs ${fmt(per(ref) / 1024)} KB`,
    });
  }
  return out;
}

/** Warnings about the run itself: a saturated generator or a busy machine makes latencies pessimistic. */
export function warnings(runs: readonly LoadRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const name = `${label(r.scenario)} ${r.server}`;
    if (r.generatorCpuPercent > 85)
      out.push(
        `${name}: the load generator was saturated (CPU ${fmt(r.generatorCpuPercent, 0)}% of a core); its latencies include generator delay.`,
      );
    else if ((r.result?.generator.loopP99Ms ?? 0) > 20)
      out.push(
        `${name}: the generator's event loop was delayed (p99 ${fmt(r.result?.generator.loopP99Ms)} ms at ${fmt(r.generatorCpuPercent, 0)}% CPU, so by a busy machine rather than its own work); latencies include up to that much.`,
      );
    if (r.otherCpuPercent > 20)
      out.push(
        `${name}: the rest of the machine used ${fmt(r.otherCpuPercent, 0)}% of a core during the run (top: ${r.others.join("; ") || "no single process"}); results are noisier.`,
      );
    if (r.serverCpuPercent + r.generatorCpuPercent + r.otherCpuPercent > 180)
      out.push(`${name}: the machine's 2 cores were nearly all busy.`);
  }
  return out;
}
