/** A token bucket: `perSecond` on average, with up to `burst` saved up (a reconnect's catch-up sync is one burst). */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes `count` tokens (one by default); false, taking none, when there are not enough. */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Takes `count` tokens even into debt (at most one burst deep): work that happens anyway still uses up the rate. */
  spend(count: number): void {
    this.refill();
    this.tokens = Math.max(-this.burst, this.tokens - count);
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
