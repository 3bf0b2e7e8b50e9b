import { describe, expect, it } from "vitest";
import { p99RatioInterval } from "../../bench/load/interval";
import { mulberry32 } from "../helpers/random";

/** `count` rounds of `n` latencies each: a base spread, each round lifted by its own offset. */
function rounds(count: number, n: number, scale: number, seed: number, roundSpread: number): number[][] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const lift = 1 + (random() - 0.5) * roundSpread;
    return Array.from({ length: n }, () => scale * lift * -Math.log(1 - random()));
  });
}

describe("the p99 ratio's interval over rounds", () => {
  it("brackets 1 when both servers draw from the same distribution", () => {
    const i = p99RatioInterval(rounds(6, 1000, 1, 1, 0.4), rounds(6, 1000, 1, 2, 0.4))!;
    expect(i.low).toBeLessThan(1);
    expect(i.high).toBeGreaterThan(1);
  });

  it("lies wholly above 1 when ours is clearly slower, and near the true ratio", () => {
    const i = p99RatioInterval(rounds(6, 1000, 1.3, 3, 0.1), rounds(6, 1000, 1, 4, 0.1))!;
    expect(i.low).toBeGreaterThan(1.1);
    expect(i.high).toBeLessThan(1.5);
  });

  it("is wider when rounds differ more among themselves", () => {
    const steady = p99RatioInterval(rounds(6, 1000, 1, 5, 0.05), rounds(6, 1000, 1, 6, 0.05))!;
    const shaky = p99RatioInterval(rounds(6, 1000, 1, 5, 0.8), rounds(6, 1000, 1, 6, 0.8))!;
    expect(shaky.high - shaky.low).toBeGreaterThan(2 * (steady.high - steady.low));
  });

  it("gives no interval from fewer rounds than resampling can stand on", () => {
    expect(p99RatioInterval(rounds(3, 100, 1, 7, 0), rounds(6, 100, 1, 8, 0))).toBeNull();
    expect(p99RatioInterval(rounds(4, 100, 1, 7, 0), rounds(4, 100, 1, 8, 0))).not.toBeNull();
  });
});
