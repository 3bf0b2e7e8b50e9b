import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * How hard the fault suite pushes. `npm test` runs the fast part; `npm run test:faults`
 * sets FAULTS=full for many more runs and rounds. FAULT_SEED=<n> replays one seed only.
 */
export const FULL = process.env.FAULTS === "full";

/** The seeds a seeded test runs: `replay` (FAULT_SEED) alone, else the kept regressions, then `count` fresh ones from `base`. */
export function seedsFor(base: number, count: { fast: number; full: number }, regressions: readonly number[] = []): number[] {
  const replay = process.env.FAULT_SEED;
  if (replay !== undefined) return [Number(replay)];
  const fresh = Array.from({ length: FULL ? count.full : count.fast }, (_, i) => base + i);
  return [...new Set([...regressions, ...fresh])];
}

/** Runs one seeded attempt; a failure names the seed and how to replay it. */
export async function withSeed<T>(seed: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as Error;
    e.message = `[seed ${seed}; replay with FAULT_SEED=${seed}] ${e.message}`;
    throw e;
  }
}

/**
 * A full garbage collection, so heap figures compare live memory and not garbage not yet
 * collected. vitest starts workers without --expose-gc; V8 can still expose it at run time.
 */
export function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
