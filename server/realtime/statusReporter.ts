/**
 * Passes a changing status on at most once per `intervalMs`, always ending on the latest.
 * A save status changes with every write (25 a second per busy meeting), and each report is
 * a socket.io broadcast to the meeting's clients, who show it to the second. A change between
 * failing and not failing goes at once: that is news a clerk must see without delay.
 */
export class StatusReporter<S extends { error: string | null }> {
  private lastAt = -Infinity;
  private lastError: string | null = null;
  private pending: S | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (status: S) => void,
  ) {}

  report(status: S): void {
    if (this.disposed) return;
    this.pending = status;
    const errorChanged = (status.error === null) !== (this.lastError === null);
    const wait = this.lastAt + this.intervalMs - performance.now();
    if (errorChanged || wait <= 0) this.send();
    else this.timer ??= setTimeout(() => this.send(), wait);
  }

  /** Sends what is still pending and stops. */
  dispose(): void {
    if (this.pending) this.send();
    this.disposed = true;
  }

  private send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const status = this.pending!;
    this.pending = null;
    this.lastAt = performance.now();
    this.lastError = status.error;
    this.emit(status);
  }
}
