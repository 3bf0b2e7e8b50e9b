import { mulberry32 } from "../../tests/helpers/random";
import { summarize } from "./stats";

/** Rounds each server needs before an interval is given. */
export const MIN_ROUNDS = 4;

/** A ratio's bounds: the 5th and 95th percentiles of its resampled values. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * How far apart two servers' pooled p99s can be said to be: ours over the reference's,
 * recomputed over resamples that draw whole rounds with replacement from each server's
 * rounds (`rounds[i]` is round i's latencies, ms). Whole rounds, because a round's samples
 * are not independent: a busy moment of the machine lifts a run of them together, which is
 * why one round's p99 moves by a millisecond where thousands of independent samples would
 * not. With few rounds the interval is wide, which is the point: it says when a difference
 * of a few tenths of a millisecond is more than the rounds' own spread. Null with fewer than
 * MIN_ROUNDS a side: from two or three rounds, resampling can draw only a handful of
 * different pools, and the interval would look narrower than the rounds warrant.
 */
export function p99RatioInterval(
  ours: readonly (readonly number[])[],
  reference: readonly (readonly number[])[],
  resamples = 400,
  seed = 1,
): Interval | null {
  if (ours.length < MIN_ROUNDS || reference.length < MIN_ROUNDS) return null;
  const random = mulberry32(seed);
  const pooledP99 = (rounds: readonly (readonly number[])[]) => {
    const drawn: number[] = [];
    for (let i = 0; i < rounds.length; i++) drawn.push(...rounds[Math.floor(random() * rounds.length)]!);
    return summarize(drawn).p99;
  };
  const ratios = Float64Array.from({ length: resamples }, () => pooledP99(ours) / pooledP99(reference)).sort();
  return { low: ratios[Math.floor(0.05 * (resamples - 1))]!, high: ratios[Math.ceil(0.95 * (resamples - 1))]! };
}
